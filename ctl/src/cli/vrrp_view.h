// What `redundctl show` adds for the VRRP daemons running on a device:
// their state files (vrrpd/state_file.h), merged into the device's view.
#pragma once

#include <string>

#include "cli/view.h"

namespace redund::cli {

// Adds "vrrp": [router, ...] to the device view from the files
// `stateDir`/IFNAME.vrrp.VRID.FAMILY.json whose daemon still runs, ordered
// by VRID then family; leaves the view as it is when there are none.
void mergeVrrpStatus(Json& device, const std::string& stateDir);

// One line per router of a device view with "vrrp"; empty otherwise.
std::string vrrpDeviceText(const Json& device);

}  // namespace redund::cli
