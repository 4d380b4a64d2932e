// `redundctl run`: the runtime hosting one LacpService (service.h), the
// quick lab path beside redundd's configuration file. SIGINT and SIGTERM
// stop it; SIGHUP is ignored.
#pragma once

#include <ostream>

#include "api.h"
#include "lacpd/options.h"

namespace redund::lacpd {

// Runs until a stop signal (0), or the device goes away (1). Ports keep
// their kernel state when the daemon exits: the data path survives it.
// Throws Error when the daemon cannot start.
int runLoop(RedundApi& api, const RunOptions& options, std::ostream& log);

}  // namespace redund::lacpd
