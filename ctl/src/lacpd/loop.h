// The LACP daemon's event loop on Boost.Asio: one io_context, a
// steady_timer armed at the core's next deadline, the redund event stream,
// one AF_PACKET socket per port, and SIGINT/SIGTERM (SIGHUP is ignored).
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
