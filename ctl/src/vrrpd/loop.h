// `redundctl vrrp`: the runtime hosting one VrrpService (service.h) with
// one virtual router and its health checks, the quick lab path beside
// redundd's configuration file. SIGINT and SIGTERM stop it after a clean
// handover; SIGHUP is ignored.
#pragma once

#include <ostream>

#include "api.h"
#include "vrrpd/options.h"

namespace redund::vrrpd {

// Runs until a stop signal (0, after a clean handover) or DEV goes away
// (1). Throws Error or std::system_error when the daemon cannot start;
// nothing it set up is left behind then.
int runLoop(RedundApi& api, const VrrpOptions& options, std::ostream& log);

}  // namespace redund::vrrpd
