#include "nl/gw_get.h"

#include <sys/socket.h>

#include <string>

#include "error.h"
#include "nl/attrs.h"
#include "nl/policy.h"

namespace redund::nl {
namespace {

// The counters of invalid requests are optional: a module from before
// them does not send them.
GatewayStats parseStats(const nlattr* nest) {
  const Attrs attrs = Attrs::parseNested(nest, kRedundGwStatsPolicy);
  return {
      .arpReplies = attrs.needU64(REDUND_GW_STATS_A_ARP_REPLIES, "REDUND_GW_STATS_A_ARP_REPLIES"),
      .naSent = attrs.needU64(REDUND_GW_STATS_A_NA_SENT, "REDUND_GW_STATS_A_NA_SENT"),
      .announces = attrs.needU64(REDUND_GW_STATS_A_ANNOUNCES, "REDUND_GW_STATS_A_ANNOUNCES"),
      .rxVmac = attrs.needU64(REDUND_GW_STATS_A_RX_VMAC, "REDUND_GW_STATS_A_RX_VMAC"),
      .rxDrops = attrs.needU64(REDUND_GW_STATS_A_RX_DROPS, "REDUND_GW_STATS_A_RX_DROPS"),
      .txDrops = attrs.needU64(REDUND_GW_STATS_A_TX_DROPS, "REDUND_GW_STATS_A_TX_DROPS"),
      .arpBadSenderMac = attrs.u64(REDUND_GW_STATS_A_ARP_BAD_SENDER_MAC).value_or(0),
      .arpBadSenderIp = attrs.u64(REDUND_GW_STATS_A_ARP_BAD_SENDER_IP).value_or(0),
      .nsBadSource = attrs.u64(REDUND_GW_STATS_A_NS_BAD_SOURCE).value_or(0),
      .nsBadOption = attrs.u64(REDUND_GW_STATS_A_NS_BAD_OPTION).value_or(0),
      .nsDadBadDest = attrs.u64(REDUND_GW_STATS_A_NS_DAD_BAD_DEST).value_or(0),
      .nsDadSllao = attrs.u64(REDUND_GW_STATS_A_NS_DAD_SLLAO).value_or(0),
      .releases = attrs.u64(REDUND_GW_STATS_A_RELEASES).value_or(0),
  };
}

vrrp::Family familyOf(uint8_t af) {
  if (af == AF_INET) {
    return vrrp::Family::kIpv4;
  }
  if (af == AF_INET6) {
    return vrrp::Family::kIpv6;
  }
  throw ProtocolError("invalid REDUND_GW_A_FAMILY " + std::to_string(af));
}

std::span<const std::byte> payloadOf(const nlattr* attr) {
  return {static_cast<const std::byte*>(mnl_attr_get_payload(attr)),
          mnl_attr_get_payload_len(attr)};
}

MacAddress parseMac(const nlattr* attr) {
  const auto payload = payloadOf(attr);
  MacAddress mac{};
  if (payload.size() != mac.size()) {
    throw ProtocolError("invalid attribute REDUND_GW_A_MAC");
  }
  for (std::size_t i = 0; i < mac.size(); ++i) {
    mac[i] = std::to_integer<uint8_t>(payload[i]);
  }
  return mac;
}

std::vector<vrrp::IpAddress> parseAddresses(const nlattr* nest, vrrp::Family family) {
  const uint16_t want =
      family == vrrp::Family::kIpv4 ? REDUND_GW_ADDR_A_IPV4 : REDUND_GW_ADDR_A_IPV6;
  std::vector<vrrp::IpAddress> addresses;
  for (const nlattr* attr : Attrs::listNested(nest)) {
    const auto payload = payloadOf(attr);
    if (mnl_attr_get_type(attr) != want || payload.size() != vrrp::IpAddress::lengthOf(family)) {
      throw ProtocolError("invalid virtual IP attribute " +
                          std::to_string(mnl_attr_get_type(attr)) + " in REDUND_GW_A_ADDRS");
    }
    addresses.push_back(vrrp::IpAddress::fromBytes(family, payload));
  }
  return addresses;
}

}  // namespace

uint8_t addressFamily(vrrp::Family family) {
  return family == vrrp::Family::kIpv4 ? AF_INET : AF_INET6;
}

void putGatewayKey(Message& msg, const GatewayKey& key) {
  msg.putU8(REDUND_GW_A_VRID, key.vrid);
  msg.putU8(REDUND_GW_A_FAMILY, addressFamily(key.family));
}

Message buildGwGetRequest(uint16_t family, uint32_t devIfindex, const GatewayKey& key) {
  return Message::genl(family, REDUND_CMD_GW_GET, REDUND_GENL_VERSION)
      .putU32(REDUND_A_DEV_IFINDEX, devIfindex)
      .putNest(REDUND_A_GW, [&](Message& msg) { putGatewayKey(msg, key); });
}

Message buildGwDumpRequest(uint16_t family, std::optional<uint32_t> devIfindex) {
  Message msg = Message::genl(family, REDUND_CMD_GW_GET, REDUND_GENL_VERSION, NLM_F_DUMP);
  if (devIfindex) {
    msg.putU32(REDUND_A_DEV_IFINDEX, *devIfindex);
  }
  return msg;
}

GatewayInfo parseGatewayNest(const nlattr* nest, GatewayFields fields) {
  const Attrs attrs = Attrs::parseNested(nest, kRedundGwPolicy);
  GatewayInfo gw;
  gw.key.vrid = attrs.needU8(REDUND_GW_A_VRID, "REDUND_GW_A_VRID");
  gw.key.family = familyOf(attrs.needU8(REDUND_GW_A_FAMILY, "REDUND_GW_A_FAMILY"));
  gw.mac = parseMac(attrs.need(REDUND_GW_A_MAC, "REDUND_GW_A_MAC"));
  if (fields == GatewayFields::kIdentity) {
    return gw;
  }
  gw.state = static_cast<GatewayState>(attrs.needU8(REDUND_GW_A_STATE, "REDUND_GW_A_STATE"));
  gw.addresses = parseAddresses(attrs.need(REDUND_GW_A_ADDRS, "REDUND_GW_A_ADDRS"), gw.key.family);
  gw.announceCount = attrs.needU32(REDUND_GW_A_ANNOUNCE_COUNT, "REDUND_GW_A_ANNOUNCE_COUNT");
  gw.announceIntervalMs =
      attrs.needU32(REDUND_GW_A_ANNOUNCE_INTERVAL, "REDUND_GW_A_ANNOUNCE_INTERVAL");
  // Optional: a module from before the refresh does not send it.
  gw.refreshIntervalMs = attrs.u32(REDUND_GW_A_REFRESH_INTERVAL).value_or(0);
  gw.persist = attrs.needU8(REDUND_GW_A_PERSIST, "REDUND_GW_A_PERSIST") != 0;
  gw.owner = attrs.needU32(REDUND_GW_A_OWNER, "REDUND_GW_A_OWNER");
  if (const nlattr* advert = attrs.get(REDUND_GW_A_RELEASE_ADVERT)) {
    const nlattr* source = attrs.need(REDUND_GW_A_RELEASE_SOURCE, "REDUND_GW_A_RELEASE_SOURCE");
    if (payloadOf(source).size() != vrrp::IpAddress::lengthOf(gw.key.family)) {
      throw ProtocolError("invalid attribute REDUND_GW_A_RELEASE_SOURCE");
    }
    const auto bytes = payloadOf(advert);
    gw.release =
        GatewayRelease{.source = vrrp::IpAddress::fromBytes(gw.key.family, payloadOf(source)),
                       .advert = vrrp::Bytes(bytes.begin(), bytes.end())};
  }
  if (const nlattr* stats = attrs.get(REDUND_GW_A_STATS)) {
    gw.stats = parseStats(stats);
  }
  return gw;
}

GatewayInfo parseGatewayReply(const Message& reply) {
  const Attrs attrs = Attrs::parseGenl(reply, kRedundPolicy);
  GatewayInfo gw = parseGatewayNest(attrs.need(REDUND_A_GW, "REDUND_A_GW"), GatewayFields::kAll);
  gw.ifindex = attrs.needU32(REDUND_A_DEV_IFINDEX, "REDUND_A_DEV_IFINDEX");
  gw.ifname = attrs.str(REDUND_A_DEV_IFNAME).value_or("");
  return gw;
}

}  // namespace redund::nl
