// What `redundctl show` adds for a device the LACP daemon runs: the
// daemon's state file (lacpd/state.h), merged into the device's view.
#pragma once

#include <string>

#include "cli/view.h"

namespace redund::cli {

// Adds "lacp" to the device view and to each of its ports from `state`,
// what the LACP service reports of the device (lacpd/state.h).
void mergeLacp(Json& device, const Json& state);
// The same from `stateDir`/IFNAME.lacp.json, when that file exists and the
// daemon that wrote it still runs; otherwise leaves the view as it is.
void mergeLacpStatus(Json& device, const std::string& stateDir);

// "    lacp active rate fast system 65535,02:00:00:00:00:01 aggregate up\n"
// for a device view with "lacp"; empty otherwise.
std::string lacpDeviceText(const Json& device);
// The port's LACP line(s); empty without "lacp".
std::string lacpPortText(const Json& port);

}  // namespace redund::cli
