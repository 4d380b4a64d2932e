// REDUND_CMD_GW_ADD, _GW_SET, _GW_DEL and _GW_ANNOUNCE: change the virtual
// gateway table.
#pragma once

#include <cstdint>

#include "api.h"
#include "nl/message.h"

namespace redund::nl {

// REDUND_A_DEV_IFINDEX and a REDUND_A_GW nest: VRID, FAMILY, then each
// set field of `settings` (the addresses as a REDUND_GW_A_ADDRS nest of
// REDUND_GW_ADDR_A_IPV4 or _IPV6, in order; an empty list as an empty
// nest). GW_ADD ignores `adopt`; the kernel refuses a MAC in GW_SET that
// differs from the gateway's.
Message buildGwAddRequest(uint16_t family, uint32_t devIfindex, const GatewayKey& key,
                          const GatewaySettings& settings);
Message buildGwSetRequest(uint16_t family, uint32_t devIfindex, const GatewayKey& key,
                          const GatewaySettings& settings);
// Only the device and the key.
Message buildGwDelRequest(uint16_t family, uint32_t devIfindex, const GatewayKey& key);
Message buildGwAnnounceRequest(uint16_t family, uint32_t devIfindex, const GatewayKey& key);

}  // namespace redund::nl
