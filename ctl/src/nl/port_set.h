// REDUND_CMD_PORT_SET: change one port.
#pragma once

#include <cstdint>
#include <optional>

#include "nl/message.h"

namespace redund::nl {

struct PortSet {
  uint32_t devIfindex = 0;
  uint32_t portIfindex = 0;
  std::optional<bool> active{};  // REDUND_PORT_A_ACTIVE, left out when unset
};

Message buildPortSetRequest(uint16_t family, const PortSet& change);

}  // namespace redund::nl
