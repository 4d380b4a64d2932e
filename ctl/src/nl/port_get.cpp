#include "nl/port_get.h"

#include "nl/attrs.h"
#include "nl/policy.h"

namespace redund::nl {
namespace {

PortStats parseStats(const nlattr* nest) {
  const Attrs attrs = Attrs::parseNested(nest, kRedundStatsPolicy);
  return {
      .rxPackets = attrs.needU64(REDUND_STATS_A_RX_PACKETS, "REDUND_STATS_A_RX_PACKETS"),
      .rxBytes = attrs.needU64(REDUND_STATS_A_RX_BYTES, "REDUND_STATS_A_RX_BYTES"),
      .rxDrops = attrs.needU64(REDUND_STATS_A_RX_DROPS, "REDUND_STATS_A_RX_DROPS"),
      .txPackets = attrs.needU64(REDUND_STATS_A_TX_PACKETS, "REDUND_STATS_A_TX_PACKETS"),
      .txBytes = attrs.needU64(REDUND_STATS_A_TX_BYTES, "REDUND_STATS_A_TX_BYTES"),
      .txDrops = attrs.needU64(REDUND_STATS_A_TX_DROPS, "REDUND_STATS_A_TX_DROPS"),
  };
}

std::optional<bool> flag(const Attrs& attrs, uint16_t type) {
  if (auto value = attrs.u8(type)) {
    return *value != 0;
  }
  return std::nullopt;
}

}  // namespace

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
    port.collecting = flag(attrs, REDUND_PORT_A_COLLECTING);
    port.distributing = flag(attrs, REDUND_PORT_A_DISTRIBUTING);
    port.txBuckets = attrs.u32(REDUND_PORT_A_TX_BUCKETS);
    port.speed = attrs.u32(REDUND_PORT_A_SPEED);
    if (auto duplex = attrs.u8(REDUND_PORT_A_DUPLEX)) {
      port.duplex = static_cast<Duplex>(*duplex);
    }
    if (const nlattr* stats = attrs.get(REDUND_PORT_A_STATS)) {
      port.stats = parseStats(stats);
    }
  }
  return port;
}

PortInfo parsePortReply(const Message& reply) {
  const Attrs attrs = Attrs::parseGenl(reply, kRedundPolicy);
  return parsePortNest(attrs.need(REDUND_A_PORT, "REDUND_A_PORT"), PortFields::kAll);
}

}  // namespace redund::nl
