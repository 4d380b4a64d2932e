// One netlink message as a value: it owns its bytes, copies and moves like
// a string, and is built through named constructors and put* calls.
#pragma once

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace redund::nl {

class Message {
 public:
  // A generic netlink request: nlmsghdr (NLM_F_REQUEST | flags) and
  // genlmsghdr, no attributes yet.
  static Message genl(uint16_t family, uint8_t cmd, uint8_t version, uint16_t flags = 0);
  // An rtnetlink link request (RTM_NEWLINK, RTM_GETLINK, ...): nlmsghdr
  // (NLM_F_REQUEST | flags) and `info`, no attributes yet.
  static Message rtnlLink(uint16_t type, uint16_t flags, const ifinfomsg& info);
  // A copy of the message that starts `bytes`; ProtocolError unless `bytes`
  // hold the whole message.
  static Message copyOf(std::span<const std::byte> bytes);

  Message& putU8(uint16_t type, uint8_t value);
  Message& putU16(uint16_t type, uint16_t value);
  Message& putU32(uint16_t type, uint32_t value);
  // NUL-terminated, as the kernel's nla_put_string.
  Message& putString(uint16_t type, std::string_view value);
  // The bytes as they are (addresses in network order, MACs), as nla_put.
  Message& putBytes(uint16_t type, std::span<const uint8_t> value);
  // A nested attribute (NLA_F_NESTED set) whose content fill(*this) puts.
  template <typename Fill>
  Message& putNest(uint16_t type, Fill&& fill) {
    const std::size_t start = beginNest(type);
    fill(*this);
    endNest(start);
    return *this;
  }

  const nlmsghdr* header() const { return reinterpret_cast<const nlmsghdr*>(buf_.data()); }
  uint16_t type() const { return header()->nlmsg_type; }
  uint16_t flags() const { return header()->nlmsg_flags; }
  uint32_t seq() const { return header()->nlmsg_seq; }
  void setSeq(uint32_t seq) { mutableHeader()->nlmsg_seq = seq; }
  void setPortId(uint32_t portId) { mutableHeader()->nlmsg_pid = portId; }
  void addFlags(uint16_t flags) { mutableHeader()->nlmsg_flags |= flags; }

  // The genl header; ProtocolError when the message is too short for one.
  const genlmsghdr& genlHeader() const;
  // The attributes that follow the genl header.
  std::span<const std::byte> genlPayload() const;
  // An rtnetlink link message's header and the attributes after it;
  // ProtocolError when the message is too short for the header.
  const ifinfomsg& linkHeader() const;
  std::span<const std::byte> linkPayload() const;
  // The whole message, nlmsg_len bytes.
  std::span<const std::byte> bytes() const { return {buf_.data(), buf_.size()}; }

 private:
  explicit Message(std::size_t size) : buf_(size) {}
  nlmsghdr* mutableHeader() { return reinterpret_cast<nlmsghdr*>(buf_.data()); }
  // Grows the buffer so an attribute with `payloadLen` bytes fits at the tail.
  void reserveAttr(std::size_t payloadLen);
  void syncSize() { buf_.resize(header()->nlmsg_len); }
  std::size_t beginNest(uint16_t type);
  void endNest(std::size_t start);

  // Invariant: buf_.size() == nlmsg_len. std::vector's allocation is
  // aligned for nlmsghdr.
  std::vector<std::byte> buf_;
};

}  // namespace redund::nl
