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
  return policy;
}();

inline constexpr auto kRedundPortPolicy = [] {
  std::array<mnl_attr_data_type, REDUND_PORT_A_MAX + 1> policy{};
  policy[REDUND_PORT_A_IFINDEX] = MNL_TYPE_U32;
  policy[REDUND_PORT_A_IFNAME] = MNL_TYPE_STRING;
  policy[REDUND_PORT_A_CARRIER] = MNL_TYPE_U8;
  policy[REDUND_PORT_A_ACTIVE] = MNL_TYPE_U8;
  policy[REDUND_PORT_A_LINK_FAILURES] = MNL_TYPE_U32;
  return policy;
}();

}  // namespace redund::nl
