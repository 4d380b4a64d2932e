#include "cli/port.h"

#include "cli/errors.h"
#include "cli/lookup.h"
#include "cli/options.h"

namespace redund::cli {

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
  for (const std::string& word : words.subspan(3)) {
    if (word == "active") {
      cmd.active = true;
    } else {
      throw UsageError("port set: unknown argument \"" + word + "\"");
    }
  }
  if (!cmd.active) {
    throw UsageError("port set: nothing to change (expected \"active\")");
  }
  return cmd;
}

void runPortSet(RedundApi& api, const PortSetCommand& cmd) {
  const std::string context = "port set " + cmd.dev + " " + cmd.port;
  const DeviceInfo dev = redundDevice(api, cmd.dev, context);
  const PortInfo port = portOf(api, dev, cmd.dev, cmd.port, context);
  if (cmd.active) {
    withContext(context, [&] { api.setActivePort(dev.ifindex, port.ifindex); });
  }
}

}  // namespace redund::cli
