// `redundctl run`: the front end of the LACP daemon.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/app.h"

namespace redund::lacpd {

// `args` follow "run". Exit status as cli::run: 2 for an invalid option
// or value, 1 when the daemon cannot start or its device goes away, 0
// after SIGINT or SIGTERM.
int runCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
               const cli::ApiFactory& makeApi);

}  // namespace redund::lacpd
