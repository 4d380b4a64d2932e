#include "nl/message.h"

#include <cstring>

#include "error.h"

namespace redund::nl {

Message Message::genl(uint16_t family, uint8_t cmd, uint8_t version, uint16_t flags) {
  Message msg(MNL_ALIGN(sizeof(nlmsghdr)) + MNL_ALIGN(sizeof(genlmsghdr)));
  nlmsghdr* nlh = mnl_nlmsg_put_header(msg.buf_.data());
  nlh->nlmsg_type = family;
  nlh->nlmsg_flags = NLM_F_REQUEST | flags;
  auto* genl = static_cast<genlmsghdr*>(mnl_nlmsg_put_extra_header(nlh, sizeof(genlmsghdr)));
  genl->cmd = cmd;
  genl->version = version;
  return msg;
}

Message Message::rtnlLink(uint16_t type, uint16_t flags, const ifinfomsg& info) {
  Message msg(MNL_ALIGN(sizeof(nlmsghdr)) + MNL_ALIGN(sizeof(ifinfomsg)));
  nlmsghdr* nlh = mnl_nlmsg_put_header(msg.buf_.data());
  nlh->nlmsg_type = type;
  nlh->nlmsg_flags = NLM_F_REQUEST | flags;
  auto* ifi = static_cast<ifinfomsg*>(mnl_nlmsg_put_extra_header(nlh, sizeof(ifinfomsg)));
  *ifi = info;
  return msg;
}

Message Message::copyOf(std::span<const std::byte> bytes) {
  const auto* nlh = reinterpret_cast<const nlmsghdr*>(bytes.data());
  if (bytes.size() < sizeof(nlmsghdr) || !mnl_nlmsg_ok(nlh, static_cast<int>(bytes.size()))) {
    throw ProtocolError("truncated netlink message");
  }
  Message msg(nlh->nlmsg_len);
  std::memcpy(msg.buf_.data(), bytes.data(), nlh->nlmsg_len);
  return msg;
}

const genlmsghdr& Message::genlHeader() const {
  if (buf_.size() < MNL_NLMSG_HDRLEN + GENL_HDRLEN) {
    throw ProtocolError("netlink message too short for a generic netlink header");
  }
  return *static_cast<const genlmsghdr*>(mnl_nlmsg_get_payload(header()));
}

std::span<const std::byte> Message::genlPayload() const {
  genlHeader();  // length check
  return bytes().subspan(MNL_NLMSG_HDRLEN + GENL_HDRLEN);
}

const ifinfomsg& Message::linkHeader() const {
  if (buf_.size() < MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(ifinfomsg))) {
    throw ProtocolError("netlink message too short for a link header");
  }
  return *static_cast<const ifinfomsg*>(mnl_nlmsg_get_payload(header()));
}

std::span<const std::byte> Message::linkPayload() const {
  linkHeader();  // length check
  return bytes().subspan(MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(ifinfomsg)));
}

void Message::reserveAttr(std::size_t payloadLen) {
  buf_.resize(buf_.size() + MNL_ATTR_HDRLEN + MNL_ALIGN(payloadLen));
}

Message& Message::putU8(uint16_t type, uint8_t value) {
  reserveAttr(sizeof(value));
  mnl_attr_put_u8(mutableHeader(), type, value);
  syncSize();
  return *this;
}

Message& Message::putU16(uint16_t type, uint16_t value) {
  reserveAttr(sizeof(value));
  mnl_attr_put_u16(mutableHeader(), type, value);
  syncSize();
  return *this;
}

Message& Message::putU32(uint16_t type, uint32_t value) {
  reserveAttr(sizeof(value));
  mnl_attr_put_u32(mutableHeader(), type, value);
  syncSize();
  return *this;
}

Message& Message::putString(uint16_t type, std::string_view value) {
  reserveAttr(value.size() + 1);
  mnl_attr_put(mutableHeader(), type, value.size() + 1, std::string(value).c_str());
  syncSize();
  return *this;
}

Message& Message::putBytes(uint16_t type, std::span<const uint8_t> value) {
  reserveAttr(value.size());
  mnl_attr_put(mutableHeader(), type, value.size(), value.data());
  syncSize();
  return *this;
}

std::size_t Message::beginNest(uint16_t type) {
  const std::size_t start = buf_.size();
  reserveAttr(0);
  mnl_attr_nest_start(mutableHeader(), type);
  syncSize();
  return start;
}

void Message::endNest(std::size_t start) {
  // Offsets, not pointers: the buffer may have moved while filling the nest.
  mnl_attr_nest_end(mutableHeader(), reinterpret_cast<nlattr*>(buf_.data() + start));
}

}  // namespace redund::nl
