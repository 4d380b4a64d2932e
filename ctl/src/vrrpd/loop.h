// The VRRP daemon's event loop on Boost.Asio: the raw VRRP socket, link
// notifications (rtnetlink), a steady_timer at the router's next
// deadline, notify hooks, and SIGINT/SIGTERM (stop), SIGCHLD (hooks);
// SIGHUP is ignored.
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
