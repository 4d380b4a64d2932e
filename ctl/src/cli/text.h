// Text output, rendered from the JSON model (view.h).
#pragma once

#include <string>

#include "cli/options.h"
#include "cli/view.h"

namespace redund::cli {

// "r0: mode active-backup carrier up ports 2 active eth1" and one indented
// line per port, each line ending in '\n'. Keys the JSON model leaves out
// (older modules) are left out here too. `details` adds ifindexes, `stats`
// a line of counters under each port. A view with "gateways" ends with
// one line per gateway: "    gateway vrid 5 inet: state master address
// 10.0.0.100".
std::string deviceText(const Json& device, const GlobalOptions& opts);
// "r0 vrid 5 inet: state master mac 00:00:5e:00:01:05 persist on owner none"
// and indented lines for the addresses, the announcement settings and
// (when the view has them) the counters, each line ending in '\n'.
std::string gatewayText(const Json& gw);
// "[12:00:01.123] r0: port eth1 carrier down (link_failures 1)", no '\n'.
std::string eventText(const Json& event);

}  // namespace redund::cli
