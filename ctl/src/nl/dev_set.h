// REDUND_CMD_DEV_SET: change a redund device.
#pragma once

#include <cstdint>
#include <optional>

#include "model.h"
#include "nl/message.h"

namespace redund::nl {

// Unset fields are left out of the request, and the kernel leaves them as
// they are. The kernel changes the mode only while the device has no
// ports, and min-links only within 0..REDUND_MAX_PORTS.
struct DevSet {
  uint32_t devIfindex = 0;
  std::optional<Mode> mode{};          // REDUND_A_DEV_MODE
  std::optional<Hash> hash{};          // REDUND_A_DEV_HASH
  std::optional<uint32_t> minLinks{};  // REDUND_A_DEV_MIN_LINKS
};

Message buildDevSetRequest(uint16_t family, const DevSet& change);

}  // namespace redund::nl
