// Attribute policies of the redund family (include/uapi/linux/redund.h).
#pragma once

#include <libmnl/libmnl.h>
#include <linux/redund.h>

#include <array>

namespace redund::nl {

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

// The u64 counters may be preceded by REDUND_STATS_A_PAD (any length) to
// align them on architectures that need it.
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

// REDUND_GW_A_MAC (6 bytes) and the REDUND_GW_A_ADDRS entries are checked
// by their parsers.
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

// As kRedundStatsPolicy: REDUND_GW_STATS_A_PAD may come before any counter.
inline constexpr auto kRedundGwStatsPolicy = [] {
  std::array<mnl_attr_data_type, REDUND_GW_STATS_A_MAX + 1> policy{};
  policy[REDUND_GW_STATS_A_ARP_REPLIES] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_NA_SENT] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_ANNOUNCES] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_RX_VMAC] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_RX_DROPS] = MNL_TYPE_U64;
  policy[REDUND_GW_STATS_A_TX_DROPS] = MNL_TYPE_U64;
  return policy;
}();

}  // namespace redund::nl
