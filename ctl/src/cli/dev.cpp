#include "cli/dev.h"

#include <linux/redund.h>

#include "cli/errors.h"
#include "cli/keywords.h"
#include "cli/lookup.h"
#include "cli/options.h"

namespace redund::cli {

DevSetCommand parseDev(std::span<const std::string> words) {
  if (words.empty()) {
    throw UsageError("dev: missing command (expected \"set\")");
  }
  if (!matches(words[0], "set")) {
    throw UsageError("dev: unknown command \"" + words[0] + "\"");
  }
  if (words.size() < 2) {
    throw UsageError("dev set: missing DEV");
  }
  DevSetCommand cmd{.dev = words[1]};
  DeviceSettings& settings = cmd.settings;
  Keywords args("dev set", words.subspan(2));
  while (auto keyword = args.next()) {
    if (*keyword == "mode") {
      args.setOnce(settings.mode, kModes[args.choice(namesOf(kModes, modeName))]);
    } else if (*keyword == "hash") {
      args.setOnce(settings.hash, kHashes[args.choice(namesOf(kHashes, hashName))]);
    } else if (*keyword == "min-links") {
      args.setOnce(settings.minLinks, args.number(0, REDUND_MAX_PORTS));
    } else {
      args.unknown();
    }
  }
  if (settings == DeviceSettings{}) {
    args.fail("nothing to change (expected mode, hash or min-links)");
  }
  return cmd;
}

void runDevSet(RedundApi& api, const DevSetCommand& cmd) {
  const std::string context = "dev set " + cmd.dev;
  const DeviceInfo dev = redundDevice(api, cmd.dev, context);
  withContext(context, [&] { api.setDevice(dev.ifindex, cmd.settings); });
}

}  // namespace redund::cli
