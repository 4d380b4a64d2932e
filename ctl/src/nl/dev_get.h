// REDUND_CMD_DEV_GET: read one or all redund devices.
#pragma once

#include <cstdint>

#include "model.h"
#include "nl/message.h"

namespace redund::nl {

Message buildDevGetRequest(uint16_t family, uint32_t ifindex);
Message buildDevDumpRequest(uint16_t family);
// One reply message. REDUND_A_DEV_IFINDEX, _MODE, _CARRIER and _NUM_PORTS
// are required; no REDUND_A_DEV_ACTIVE_PORT means no active port.
DeviceInfo parseDevice(const Message& reply);

}  // namespace redund::nl
