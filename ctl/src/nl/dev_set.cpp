#include "nl/dev_set.h"

#include <linux/redund.h>

namespace redund::nl {

Message buildDevSetRequest(uint16_t family, const DevSet& change) {
  Message msg = Message::genl(family, REDUND_CMD_DEV_SET, REDUND_GENL_VERSION);
  msg.putU32(REDUND_A_DEV_IFINDEX, change.devIfindex);
  if (change.mode) {
    msg.putU8(REDUND_A_DEV_MODE, static_cast<uint8_t>(*change.mode));
  }
  if (change.hash) {
    msg.putU8(REDUND_A_DEV_HASH, static_cast<uint8_t>(*change.hash));
  }
  if (change.minLinks) {
    msg.putU32(REDUND_A_DEV_MIN_LINKS, *change.minLinks);
  }
  return msg;
}

}  // namespace redund::nl
