// redundd's command line: the daemon with its configuration file, its
// --check-config, and the one-instance modes `run` and `vrrp` that
// `redundctl run` and `redundctl vrrp` exec.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/app.h"

namespace redund::redundd {

// `args` exclude the program name. Exit status: 0 after SIGINT or
// SIGTERM (or a config that checks out), 1 when the daemon cannot start
// or the config has errors, 2 for a bad command line.
int main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
         const cli::ApiFactory& makeApi);

std::string_view usage();

}  // namespace redund::redundd
