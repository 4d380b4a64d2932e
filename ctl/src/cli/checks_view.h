// The text `redundctl show` prints for health checks, wherever a state
// file lists them: under a virtual router, or under the LAG port a check
// probes through.
#pragma once

#include <string>

#include "cli/view.h"

namespace redund::cli {

// One line per entry of `owner`'s "checks" array; empty without one:
// "        check web (http://10.0.0.1/): up, 4 ok in a row, last ok 1.2 ms
// "HTTP 200", 3 transitions".
std::string checksText(const Json& owner);

}  // namespace redund::cli
