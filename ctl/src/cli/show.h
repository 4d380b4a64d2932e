// redundctl show [ [ dev ] DEV ]
#pragma once

#include <optional>
#include <ostream>
#include <span>
#include <string>

#include "api.h"
#include "cli/options.h"
#include "util/state_dir.h"

namespace redund::cli {

struct ShowCommand {
  std::optional<std::string> dev;  // all devices when unset
  // Where the daemons keep their state files (lacpd/state.h,
  // vrrpd/state_file.h).
  std::string stateDir = util::defaultStateDir();
};

// The words after "show". Throws UsageError.
ShowCommand parseShow(std::span<const std::string> words);
// Each device with its ports and, when it has any, its virtual gateways
// (none from a module without them).
void runShow(RedundApi& api, const ShowCommand& cmd, const GlobalOptions& opts, std::ostream& out);

}  // namespace redund::cli
