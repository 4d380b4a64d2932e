// -n NETNS, as ip(8) has it: the command runs in the network namespace
// that `ip netns add NETNS` made (/run/netns/NETNS), or the one a path
// names (anything with a '/'), without an `ip netns exec` around it.
#pragma once

#include <string>

namespace redund::cli {

// The file that names the namespace.
std::string netnsPath(const std::string& netns);

// Joins the namespace. With `ownSysfs`, also gives the process a mount
// namespace whose /sys shows the new network namespace, as `ip netns exec`
// does: for the daemons, whose hooks may read /sys/class/net. Throws Error.
void enterNetns(const std::string& netns, bool ownSysfs);

}  // namespace redund::cli
