// What `redundctl show` adds for the VRRP daemons running on a device:
// their state files (vrrpd/state_file.h), merged into the device's view.
#pragma once

#include <string>
#include <vector>

#include "cli/view.h"

namespace redund::cli {

// Adds "vrrp": [router, ...] to the device view, ordered by VRID then
// family, from each router's status (vrrpd/state_file.h); leaves the view
// as it is when there are none.
void mergeVrrp(Json& device, std::vector<Json> routers);
// The routers of the files `stateDir`/IFNAME.vrrp.VRID.FAMILY.json whose
// daemon still runs.
std::vector<Json> vrrpStateFiles(const std::string& ifname, const std::string& stateDir);
// mergeVrrp() of vrrpStateFiles().
void mergeVrrpStatus(Json& device, const std::string& stateDir);

// One line per router of a device view with "vrrp"; empty otherwise.
std::string vrrpDeviceText(const Json& device);

}  // namespace redund::cli
