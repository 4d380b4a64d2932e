#include "nl/port_set.h"

#include <linux/redund.h>

namespace redund::nl {
namespace {

void putFlag(Message& msg, uint16_t type, std::optional<bool> value) {
  if (value) {
    msg.putU8(type, *value ? 1 : 0);
  }
}

}  // namespace

Message buildPortSetRequest(uint16_t family, const PortSet& change) {
  return Message::genl(family, REDUND_CMD_PORT_SET, REDUND_GENL_VERSION)
      .putU32(REDUND_A_DEV_IFINDEX, change.devIfindex)
      .putNest(REDUND_A_PORT, [&](Message& msg) {
        msg.putU32(REDUND_PORT_A_IFINDEX, change.portIfindex);
        putFlag(msg, REDUND_PORT_A_ACTIVE, change.active);
        putFlag(msg, REDUND_PORT_A_COLLECTING, change.collecting);
        putFlag(msg, REDUND_PORT_A_DISTRIBUTING, change.distributing);
      });
}

}  // namespace redund::nl
