#include "nl/port_set.h"

#include <linux/redund.h>

namespace redund::nl {

Message buildPortSetRequest(uint16_t family, const PortSet& change) {
  return Message::genl(family, REDUND_CMD_PORT_SET, REDUND_GENL_VERSION)
      .putU32(REDUND_A_DEV_IFINDEX, change.devIfindex)
      .putNest(REDUND_A_PORT, [&](Message& msg) {
        msg.putU32(REDUND_PORT_A_IFINDEX, change.portIfindex);
        if (change.active) {
          msg.putU8(REDUND_PORT_A_ACTIVE, *change.active ? 1 : 0);
        }
      });
}

}  // namespace redund::nl
