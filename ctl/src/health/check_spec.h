// `--check SPEC`: one health check written on one line, for the command
// line and the --config file alike:
//
//   icmp:ADDR[,KEY=VALUE...]
//   tcp:ADDR:PORT[,KEY=VALUE...]          (IPv6: tcp:[ADDR]:PORT)
//   http://HOST[:PORT]/PATH[,KEY=VALUE...] (https:// likewise)
//
// Keys: name, interval, timeout, rise, fall, weight (-254..254 or
// "fault"), source, via (icmp over IPv4: the LAG port); for HTTP(S) also status, expect, host,
// interface, verify. The URL itself may not hold a comma.
#pragma once

#include <string_view>

#include "health/check.h"

namespace redund::health {

// Throws cli::UsageError naming the check and what is wrong.
CheckConfig parseCheckSpec(std::string_view spec);

// A track weight: -254..254, or "fault" (0: down means Fault). Throws
// cli::UsageError.
int parseWeight(std::string_view text);

// The keys and forms above, for usage texts.
std::string_view checkSpecHelp();

}  // namespace redund::health
