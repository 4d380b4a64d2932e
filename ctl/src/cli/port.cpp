#include "cli/port.h"

#include <array>
#include <string_view>

#include "cli/errors.h"
#include "cli/keywords.h"
#include "cli/lookup.h"
#include "cli/options.h"

namespace redund::cli {
namespace {

constexpr std::array<std::string_view, 2> kOnOff = {"on", "off"};

}  // namespace

PortSetCommand parsePort(std::span<const std::string> words) {
  if (words.empty()) {
    throw UsageError("port: missing command (expected \"set\")");
  }
  if (!matches(words[0], "set")) {
    throw UsageError("port: unknown command \"" + words[0] + "\"");
  }
  if (words.size() < 3) {
    throw UsageError(words.size() == 1 ? "port set: missing DEV" : "port set: missing PORT");
  }
  PortSetCommand cmd{.dev = words[1], .port = words[2]};
  Keywords args("port set", words.subspan(3));
  std::optional<bool> active;
  while (auto keyword = args.next()) {
    if (*keyword == "active") {
      args.setOnce(active, true);
    } else if (*keyword == "collecting") {
      args.setOnce(cmd.lacp.collecting, args.choice(kOnOff) == 0);
    } else if (*keyword == "distributing") {
      args.setOnce(cmd.lacp.distributing, args.choice(kOnOff) == 0);
    } else {
      args.unknown();
    }
  }
  cmd.active = active.has_value();
  const bool lacp = cmd.lacp.collecting.has_value() || cmd.lacp.distributing.has_value();
  if (!cmd.active && !lacp) {
    args.fail("nothing to change (expected active, collecting or distributing)");
  }
  if (cmd.active && lacp) {
    args.fail("\"active\" does not combine with collecting or distributing");
  }
  return cmd;
}

void runPortSet(RedundApi& api, const PortSetCommand& cmd) {
  const std::string context = "port set " + cmd.dev + " " + cmd.port;
  const DeviceInfo dev = redundDevice(api, cmd.dev, context);
  const PortInfo port = portOf(api, dev, cmd.dev, cmd.port, context);
  if (cmd.active) {
    withContext(context, [&] { api.setActivePort(dev.ifindex, port.ifindex); });
  } else {
    withContext(context, [&] { api.setPortLacpState(dev.ifindex, port.ifindex, cmd.lacp); });
  }
}

}  // namespace redund::cli
