#include "cli/monitor.h"

#include <poll.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <map>
#include <system_error>

#include "cli/errors.h"
#include "cli/lookup.h"
#include "cli/signals.h"
#include "cli/text.h"
#include "cli/view.h"
#include "error.h"

namespace redund::cli {

void parseMonitor(std::span<const std::string> words) {
  if (!words.empty()) {
    throw UsageError("monitor: unexpected argument \"" + words[0] + "\"");
  }
}

std::optional<control::Subscription> subscribeRedundd(std::ostream& err) {
  try {
    return control::subscribe();
  } catch (const control::NoDaemon&) {
    return std::nullopt;
  } catch (const Error& e) {
    err << "redundctl: monitor: " << e.what() << "; kernel events only\n";
    return std::nullopt;
  }
}

void runMonitor(RedundApi& api, const GlobalOptions& opts, std::ostream& out, std::ostream& err,
                const DaemonFeed& daemonFeed) {
  StopSignals stop;
  auto stream = withContext("monitor", [&] { return api.subscribe(); });
  // After the kernel's: a notice names what the kernel events show.
  std::optional<control::Subscription> daemon = daemonFeed ? daemonFeed(err) : std::nullopt;
  // Port names seen in events, for ports already gone when named later
  // (the active port after a release).
  std::map<uint32_t, std::string> portNames;
  const NameOf nameOf = [&](uint32_t ifindex) {
    auto it = portNames.find(ifindex);
    return it != portNames.end() ? it->second : displayName(api, ifindex);
  };

  for (;;) {
    std::array<pollfd, 3> fds{{{stop.fd(), POLLIN, 0},
                               {stream->fd(), POLLIN, 0},
                               {daemon ? daemon->fd() : -1, POLLIN, 0}}};
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw std::system_error(errno, std::generic_category(), "monitor: poll");
    }
    if ((fds[0].revents & POLLIN) != 0 && stop.consume()) {
      return;
    }
    if (fds[2].revents != 0 && daemon) {
      const auto notices = withContext("monitor: redundd", [&] { return daemon->read(); });
      if (!notices) {
        err << "redundctl: monitor: redundd closed its stream (it stopped); kernel events only\n";
        daemon.reset();
      } else {
        const auto now = std::chrono::system_clock::now();
        for (const runtime::Notice& notice : *notices) {
          const Json view = noticeView(notice, now);
          out << (opts.json ? dumpJson(view, false) : eventText(view)) << '\n';
        }
        out.flush();
      }
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
