#include "nl/port_get.h"

#include "nl/attrs.h"
#include "nl/policy.h"

namespace redund::nl {

Message buildPortDumpRequest(uint16_t family, uint32_t devIfindex) {
  return Message::genl(family, REDUND_CMD_PORT_GET, REDUND_GENL_VERSION, NLM_F_DUMP)
      .putU32(REDUND_A_DEV_IFINDEX, devIfindex);
}

PortInfo parsePortNest(const nlattr* nest, PortFields fields) {
  const Attrs attrs = Attrs::parseNested(nest, kRedundPortPolicy);
  PortInfo port;
  port.ifindex = attrs.needU32(REDUND_PORT_A_IFINDEX, "REDUND_PORT_A_IFINDEX");
  port.ifname = attrs.str(REDUND_PORT_A_IFNAME).value_or("");
  if (fields == PortFields::kAll) {
    port.carrier = attrs.needU8(REDUND_PORT_A_CARRIER, "REDUND_PORT_A_CARRIER") != 0;
    port.active = attrs.needU8(REDUND_PORT_A_ACTIVE, "REDUND_PORT_A_ACTIVE") != 0;
    port.linkFailures = attrs.needU32(REDUND_PORT_A_LINK_FAILURES, "REDUND_PORT_A_LINK_FAILURES");
  }
  return port;
}

PortInfo parsePortReply(const Message& reply) {
  const Attrs attrs = Attrs::parseGenl(reply, kRedundPolicy);
  return parsePortNest(attrs.need(REDUND_A_PORT, "REDUND_A_PORT"), PortFields::kAll);
}

}  // namespace redund::nl
