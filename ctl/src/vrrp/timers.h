// The timer arithmetic of RFC 5798 6.1 and RFC 3768 6.1, in centiseconds
// as the RFC writes it (integer division, as the RFC's formula reads).
#pragma once

#include <cstdint>

#include "vrrp/types.h"

namespace redund::vrrp {

// v3: ((256 - priority) * Master_Adver_Interval) / 256.
// v2: (256 - priority) / 256 seconds, whatever the interval.
Centiseconds skewTime(Version version, uint8_t priority, Centiseconds masterAdverInterval);

// 3 * Master_Adver_Interval + Skew_Time: how long a backup waits without
// hearing the master before it takes over.
Centiseconds masterDownInterval(Version version, uint8_t priority,
                                Centiseconds masterAdverInterval);

}  // namespace redund::vrrp
