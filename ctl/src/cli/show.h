// redundctl show [ [ dev ] DEV ]
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <span>
#include <string>

#include "api.h"
#include "cli/options.h"
#include "cli/view.h"
#include "util/state_dir.h"

namespace redund::cli {

// What redundd reports of its services (the "services" of a status
// reply, control/protocol.h) when one runs in this network namespace and
// answers; nullopt otherwise.
using DaemonStatus = std::function<std::optional<Json>()>;
std::optional<Json> askRedundd();

struct ShowCommand {
  std::optional<std::string> dev;  // all devices when unset
  // The daemon's live state comes from its control socket; state files
  // (lacpd/state.h, vrrpd/state_file.h), kept in `stateDir`, only for what
  // it does not run: the one-instance `redundctl run` and `vrrp`.
  DaemonStatus daemonStatus = askRedundd;
  std::string stateDir = util::defaultStateDir();
};

// The words after "show". Throws UsageError.
ShowCommand parseShow(std::span<const std::string> words);
// Each device with its ports and, when it has any, its virtual gateways
// (none from a module without them).
void runShow(RedundApi& api, const ShowCommand& cmd, const GlobalOptions& opts, std::ostream& out);

}  // namespace redund::cli
