// REDUND_CMD_DEV_GET: read one or all redund devices.
#pragma once

#include <cstdint>

#include "model.h"
#include "nl/message.h"

namespace redund::nl {

class Attrs;

Message buildDevGetRequest(uint16_t family, uint32_t ifindex);
Message buildDevDumpRequest(uint16_t family);
// One reply message. REDUND_A_DEV_IFINDEX, _MODE, _CARRIER and _NUM_PORTS
// are required; no REDUND_A_DEV_ACTIVE_PORT means no active port; _HASH,
// _MIN_LINKS and _TX_PORTS are left unset when absent (older modules).
DeviceInfo parseDevice(const Message& reply);
// The same, from attributes parsed with kRedundPolicy (DEV_CHANGE_NTF).
DeviceInfo parseDeviceAttrs(const Attrs& attrs);

}  // namespace redund::nl
