// Netlink messages built with plain libmnl calls, as the kernel would send
// them, independent of nl::Message's builder.
#pragma once

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/redund.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "nl/message.h"

namespace redund::test {

inline constexpr uint16_t kFamilyId = 0x1234;

class RawMessage {
 public:
  explicit RawMessage(uint8_t cmd, uint16_t type = kFamilyId, uint16_t flags = 0) {
    nlmsghdr* header = mnl_nlmsg_put_header(buf_.data());
    header->nlmsg_type = type;
    header->nlmsg_flags = flags;
    auto* genl = static_cast<genlmsghdr*>(mnl_nlmsg_put_extra_header(header, sizeof(genlmsghdr)));
    genl->cmd = cmd;
    genl->version = 1;
  }

  nlmsghdr* nlh() { return reinterpret_cast<nlmsghdr*>(buf_.data()); }
  std::span<const std::byte> bytes() const {
    return {buf_.data(), reinterpret_cast<const nlmsghdr*>(buf_.data())->nlmsg_len};
  }
  nl::Message message() const { return nl::Message::copyOf(bytes()); }

 private:
  alignas(nlmsghdr) std::array<std::byte, 4096> buf_{};
};

// The REDUND_PORT_A_* attributes of the first module version.
inline void putPortBase(nlmsghdr* nlh, uint32_t ifindex, const char* ifname, bool carrier,
                        bool active, uint32_t linkFailures) {
  mnl_attr_put_u32(nlh, REDUND_PORT_A_IFINDEX, ifindex);
  mnl_attr_put_strz(nlh, REDUND_PORT_A_IFNAME, ifname);
  mnl_attr_put_u8(nlh, REDUND_PORT_A_CARRIER, carrier ? 1 : 0);
  mnl_attr_put_u8(nlh, REDUND_PORT_A_ACTIVE, active ? 1 : 0);
  mnl_attr_put_u32(nlh, REDUND_PORT_A_LINK_FAILURES, linkFailures);
}

// A REDUND_A_PORT nest as the first module version sent it (no
// collecting ... stats).
inline void putPort(nlmsghdr* nlh, uint32_t ifindex, const char* ifname, bool carrier, bool active,
                    uint32_t linkFailures) {
  nlattr* nest = mnl_attr_nest_start(nlh, REDUND_A_PORT);
  putPortBase(nlh, ifindex, ifname, carrier, active, linkFailures);
  mnl_attr_nest_end(nlh, nest);
}

// A u64 as the kernel's nla_put_u64_64bit() writes it where 64-bit loads
// need alignment: first a REDUND_STATS_A_PAD without payload whenever the
// value would not start on 8 bytes (from the message start, which the
// kernel aligns). Returns whether it padded.
inline bool putU64Aligned(nlmsghdr* nlh, uint16_t type, uint64_t value) {
  const bool pad = (MNL_ALIGN(nlh->nlmsg_len) + MNL_ATTR_HDRLEN) % 8 != 0;
  if (pad) {
    mnl_attr_put(nlh, REDUND_STATS_A_PAD, 0, nullptr);
  }
  mnl_attr_put_u64(nlh, type, value);
  return pad;
}

// REDUND_PORT_A_STATS holding rx_packets .. tx_drops = first .. first + 5,
// padded as above. Returns how many pads it put.
inline int putStats(nlmsghdr* nlh, uint64_t first) {
  nlattr* nest = mnl_attr_nest_start(nlh, REDUND_PORT_A_STATS);
  int pads = 0;
  for (uint16_t type = REDUND_STATS_A_RX_PACKETS; type <= REDUND_STATS_A_TX_DROPS; ++type) {
    pads += putU64Aligned(nlh, type, first + type - REDUND_STATS_A_RX_PACKETS) ? 1 : 0;
  }
  mnl_attr_nest_end(nlh, nest);
  return pads;
}

}  // namespace redund::test
