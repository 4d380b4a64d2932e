// Generated from Documentation/netlink/specs/redund.yaml by scripts/ynl-gen: do not edit.
//
// The libmnl type of each attribute of the redund family, one table per
// attribute set, indexed by attribute type. Binary attributes and pads
// have none (MNL_TYPE_UNSPEC): their parsers check them.
#pragma once

#include <libmnl/libmnl.h>
#include <linux/redund.h>

#include <array>

namespace redund::nl {

// Attribute set redund.
inline constexpr auto kRedundPolicy = [] {
  std::array<mnl_attr_data_type, REDUND_A_MAX + 1> policy{};
  policy[REDUND_A_DEV_IFINDEX] = MNL_TYPE_U32;
  policy[REDUND_A_DEV_IFNAME] = MNL_TYPE_STRING;
  policy[REDUND_A_DEV_MODE] = MNL_TYPE_U8;
  policy[REDUND_A_DEV_CARRIER] = MNL_TYPE_U8;
  policy[REDUND_A_DEV_NUM_PORTS] = MNL_TYPE_U32;
  policy[REDUND_A_DEV_ACTIVE_PORT] = MNL_TYPE_U32;
  policy[REDUND_A_PORT] = MNL_TYPE_NESTED;
  policy[REDUND_A_REASON] = MNL_TYPE_U8;
  policy[REDUND_A_DEV_HASH] = MNL_TYPE_U8;
  policy[REDUND_A_DEV_MIN_LINKS] = MNL_TYPE_U32;
  policy[REDUND_A_DEV_TX_PORTS] = MNL_TYPE_U32;
  policy[REDUND_A_GW] = MNL_TYPE_NESTED;
  return policy;
}();

// Attribute set port.
inline constexpr auto kRedundPortPolicy = [] {
  std::array<mnl_attr_data_type, REDUND_PORT_A_MAX + 1> policy{};
  policy[REDUND_PORT_A_IFINDEX] = MNL_TYPE_U32;
  policy[REDUND_PORT_A_IFNAME] = MNL_TYPE_STRING;
  policy[REDUND_PORT_A_CARRIER] = MNL_TYPE_U8;
  policy[REDUND_PORT_A_ACTIVE] = MNL_TYPE_U8;
  policy[REDUND_PORT_A_LINK_FAILURES] = MNL_TYPE_U32;
  policy[REDUND_PORT_A_COLLECTING] = MNL_TYPE_U8;
  policy[REDUND_PORT_A_DISTRIBUTING] = MNL_TYPE_U8;
  policy[REDUND_PORT_A_TX_BUCKETS] = MNL_TYPE_U32;
  policy[REDUND_PORT_A_SPEED] = MNL_TYPE_U32;
  policy[REDUND_PORT_A_DUPLEX] = MNL_TYPE_U8;
  policy[REDUND_PORT_A_STATS] = MNL_TYPE_NESTED;
  return policy;
}();

// Attribute set stats.
inline constexpr auto kRedundStatsPolicy = [] {
  std::array<mnl_attr_data_type, REDUND_STATS_A_MAX + 1> policy{};
  policy[REDUND_STATS_A_RX_PACKETS] = MNL_TYPE_U64;
  policy[REDUND_STATS_A_RX_BYTES] = MNL_TYPE_U64;
  policy[REDUND_STATS_A_RX_DROPS] = MNL_TYPE_U64;
  policy[REDUND_STATS_A_TX_PACKETS] = MNL_TYPE_U64;
  policy[REDUND_STATS_A_TX_BYTES] = MNL_TYPE_U64;
  policy[REDUND_STATS_A_TX_DROPS] = MNL_TYPE_U64;
  return policy;
}();

// Attribute set gw.
inline constexpr auto kRedundGwPolicy = [] {
  std::array<mnl_attr_data_type, REDUND_GW_A_MAX + 1> policy{};
  policy[REDUND_GW_A_VRID] = MNL_TYPE_U8;
  policy[REDUND_GW_A_FAMILY] = MNL_TYPE_U8;
  policy[REDUND_GW_A_ADDRS] = MNL_TYPE_NESTED;
  policy[REDUND_GW_A_STATE] = MNL_TYPE_U8;
  policy[REDUND_GW_A_ANNOUNCE_COUNT] = MNL_TYPE_U32;
  policy[REDUND_GW_A_ANNOUNCE_INTERVAL] = MNL_TYPE_U32;
  policy[REDUND_GW_A_PERSIST] = MNL_TYPE_U8;
  policy[REDUND_GW_A_ADOPT] = MNL_TYPE_U8;
  policy[REDUND_GW_A_OWNER] = MNL_TYPE_U32;
  policy[REDUND_GW_A_STATS] = MNL_TYPE_NESTED;
  policy[REDUND_GW_A_REFRESH_INTERVAL] = MNL_TYPE_U32;
  return policy;
}();

// Attribute set gw-addr.
inline constexpr auto kRedundGwAddrPolicy = [] {
  std::array<mnl_attr_data_type, REDUND_GW_ADDR_A_MAX + 1> policy{};
  policy[REDUND_GW_ADDR_A_IPV4] = MNL_TYPE_U32;
  return policy;
}();

// Attribute set gw-stats.
inline constexpr auto kRedundGwStatsPolicy = [] {
  std::array<mnl_attr_data_type, REDUND_GW_STATS_A_MAX + 1> policy{};
  policy[REDUND_GW_STATS_A_ARP_REPLIES] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_NA_SENT] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_ANNOUNCES] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_RX_VMAC] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_RX_DROPS] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_TX_DROPS] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_ARP_BAD_SENDER_MAC] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_ARP_BAD_SENDER_IP] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_NS_BAD_SOURCE] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_NS_BAD_OPTION] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_NS_DAD_BAD_DEST] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_NS_DAD_SLLAO] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_RELEASES] = MNL_TYPE_U64;
  return policy;
}();

}  // namespace redund::nl
