#include "nl/dev_get.h"

#include "nl/attrs.h"
#include "nl/policy.h"

namespace redund::nl {

Message buildDevGetRequest(uint16_t family, uint32_t ifindex) {
  return Message::genl(family, REDUND_CMD_DEV_GET, REDUND_GENL_VERSION)
      .putU32(REDUND_A_DEV_IFINDEX, ifindex);
}

Message buildDevDumpRequest(uint16_t family) {
  return Message::genl(family, REDUND_CMD_DEV_GET, REDUND_GENL_VERSION, NLM_F_DUMP);
}

DeviceInfo parseDevice(const Message& reply) {
  return parseDeviceAttrs(Attrs::parseGenl(reply, kRedundPolicy));
}

DeviceInfo parseDeviceAttrs(const Attrs& attrs) {
  DeviceInfo dev;
  dev.ifindex = attrs.needU32(REDUND_A_DEV_IFINDEX, "REDUND_A_DEV_IFINDEX");
  dev.ifname = attrs.str(REDUND_A_DEV_IFNAME).value_or("");
  dev.mode = static_cast<Mode>(attrs.needU8(REDUND_A_DEV_MODE, "REDUND_A_DEV_MODE"));
  dev.carrier = attrs.needU8(REDUND_A_DEV_CARRIER, "REDUND_A_DEV_CARRIER") != 0;
  dev.numPorts = attrs.needU32(REDUND_A_DEV_NUM_PORTS, "REDUND_A_DEV_NUM_PORTS");
  dev.activePort = attrs.u32(REDUND_A_DEV_ACTIVE_PORT);
  if (auto hash = attrs.u8(REDUND_A_DEV_HASH)) {
    dev.hash = static_cast<Hash>(*hash);
  }
  dev.minLinks = attrs.u32(REDUND_A_DEV_MIN_LINKS);
  dev.txPorts = attrs.u32(REDUND_A_DEV_TX_PORTS);
  return dev;
}

}  // namespace redund::nl
