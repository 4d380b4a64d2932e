// REDUND_CMD_PORT_SET: change one port.
#pragma once

#include <cstdint>
#include <optional>

#include "nl/message.h"

namespace redund::nl {

// Unset fields are left out of the request, and the kernel leaves them as
// they are. The kernel refuses active with collecting or distributing.
struct PortSet {
  uint32_t devIfindex = 0;
  uint32_t portIfindex = 0;
  std::optional<bool> active{};        // REDUND_PORT_A_ACTIVE, active-backup mode
  std::optional<bool> collecting{};    // REDUND_PORT_A_COLLECTING, lacp mode
  std::optional<bool> distributing{};  // REDUND_PORT_A_DISTRIBUTING, lacp mode
};

Message buildPortSetRequest(uint16_t family, const PortSet& change);

}  // namespace redund::nl
