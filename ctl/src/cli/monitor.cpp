#include "cli/monitor.h"

#include <poll.h>

#include <array>
#include <cerrno>
#include <map>
#include <system_error>

#include "cli/errors.h"
#include "cli/lookup.h"
#include "cli/signals.h"
#include "cli/text.h"
#include "cli/view.h"

namespace redund::cli {

void parseMonitor(std::span<const std::string> words) {
  if (!words.empty()) {
    throw UsageError("monitor: unexpected argument \"" + words[0] + "\"");
  }
}

void runMonitor(RedundApi& api, const GlobalOptions& opts, std::ostream& out, std::ostream& err) {
  StopSignals stop;
  auto stream = withContext("monitor", [&] { return api.subscribe(); });
  // Port names seen in events, for ports already gone when named later
  // (the active port after a release).
  std::map<uint32_t, std::string> portNames;
  const NameOf nameOf = [&](uint32_t ifindex) {
    auto it = portNames.find(ifindex);
    return it != portNames.end() ? it->second : displayName(api, ifindex);
  };

  for (;;) {
    std::array<pollfd, 2> fds{{{stop.fd(), POLLIN, 0}, {stream->fd(), POLLIN, 0}}};
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw std::system_error(errno, std::generic_category(), "monitor: poll");
    }
    if ((fds[0].revents & POLLIN) != 0 && stop.consume()) {
      return;
    }
    if (fds[1].revents == 0) {
      continue;
    }
    std::optional<std::vector<Event>> events;
    try {
      events = withContext("monitor", [&] { return stream->read(); });
    } catch (const std::system_error& e) {
      if (e.code() != std::errc::no_buffer_space) {
        throw;
      }
      err << "redundctl: monitor: receive queue overflowed, events were lost\n";
      continue;
    }
    if (!events) {
      return;
    }
    for (const Event& event : *events) {
      if (!event.port.ifname.empty()) {
        portNames[event.port.ifindex] = event.port.ifname;
      }
      const Json view = eventView(event, nameOf);
      out << (opts.json ? dumpJson(view, false) : eventText(view)) << '\n';
      out.flush();
    }
  }
}

}  // namespace redund::cli
