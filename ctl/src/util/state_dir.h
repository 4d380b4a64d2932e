#pragma once

#include <string>

namespace redund::util {

// Where the daemons of this process's network namespace keep their state
// files and `show` reads them: /run/redund/net-INODE, INODE naming the
// namespace (as `ip netns identify` does). /run is shared by every
// namespace, and two of them may each have an r0: one directory for all
// would let one's daemon read the other's LACP partner and VRRP state.
// /run/redund when the namespace cannot be read (no /proc).
std::string defaultStateDir();

}  // namespace redund::util
