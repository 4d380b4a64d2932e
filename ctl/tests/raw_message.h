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

// A REDUND_A_PORT nest with every PORT_GET attribute.
inline void putPort(nlmsghdr* nlh, uint32_t ifindex, const char* ifname, bool carrier, bool active,
                    uint32_t linkFailures) {
  nlattr* nest = mnl_attr_nest_start(nlh, REDUND_A_PORT);
  mnl_attr_put_u32(nlh, REDUND_PORT_A_IFINDEX, ifindex);
  mnl_attr_put_strz(nlh, REDUND_PORT_A_IFNAME, ifname);
  mnl_attr_put_u8(nlh, REDUND_PORT_A_CARRIER, carrier ? 1 : 0);
  mnl_attr_put_u8(nlh, REDUND_PORT_A_ACTIVE, active ? 1 : 0);
  mnl_attr_put_u32(nlh, REDUND_PORT_A_LINK_FAILURES, linkFailures);
  mnl_attr_nest_end(nlh, nest);
}

}  // namespace redund::test
