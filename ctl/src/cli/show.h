// redundctl show [ [ dev ] DEV ]
#pragma once

#include <optional>
#include <ostream>
#include <span>
#include <string>

#include "api.h"
#include "cli/options.h"

namespace redund::cli {

struct ShowCommand {
  std::optional<std::string> dev;  // all devices when unset
  // Where the LACP daemon's state files are (daemon/state.h).
  std::string lacpStateDir{"/run/redund"};
};

// The words after "show". Throws UsageError.
ShowCommand parseShow(std::span<const std::string> words);
// Each device with its ports and, when it has any, its virtual gateways
// (none from a module without them).
void runShow(RedundApi& api, const ShowCommand& cmd, const GlobalOptions& opts, std::ostream& out);

}  // namespace redund::cli
