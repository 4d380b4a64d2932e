#include "nl/ack.h"

#include <libmnl/libmnl.h>

#include <array>
#include <cstddef>
#include <span>

#include "error.h"
#include "nl/attrs.h"

namespace redund::nl {
namespace {

constexpr auto kExtAckPolicy = [] {
  std::array<mnl_attr_data_type, NLMSGERR_ATTR_OFFS + 1> policy{};
  policy[NLMSGERR_ATTR_MSG] = MNL_TYPE_STRING;
  policy[NLMSGERR_ATTR_OFFS] = MNL_TYPE_U32;
  return policy;
}();

void readExtAck(std::span<const std::byte> tlvs, Ack& ack) {
  try {
    const Attrs attrs = Attrs::parse(tlvs, kExtAckPolicy);
    ack.message = attrs.str(NLMSGERR_ATTR_MSG).value_or("");
    ack.offset = attrs.u32(NLMSGERR_ATTR_OFFS);
  } catch (const ProtocolError&) {
    // Keep the errno; the text is a bonus.
  }
}

}  // namespace

Ack parseAck(const nlmsghdr* nlh) {
  const std::span<const std::byte> payload{
      static_cast<const std::byte*>(mnl_nlmsg_get_payload(nlh)), mnl_nlmsg_get_payload_len(nlh)};
  Ack ack;
  std::size_t tlvOffset = 0;
  if (nlh->nlmsg_type == NLMSG_ERROR) {
    if (payload.size() < sizeof(nlmsgerr)) {
      throw ProtocolError("truncated netlink error message");
    }
    const auto* err = reinterpret_cast<const nlmsgerr*>(payload.data());
    ack.error = -err->error;
    tlvOffset = sizeof(nlmsgerr);
    // Without NETLINK_CAP_ACK the request's payload is echoed before the TLVs.
    if ((nlh->nlmsg_flags & NLM_F_CAPPED) == 0 && err->msg.nlmsg_len > MNL_NLMSG_HDRLEN) {
      tlvOffset += err->msg.nlmsg_len - MNL_NLMSG_HDRLEN;
    }
  } else if (nlh->nlmsg_type == NLMSG_DONE) {
    // Old kernels send an empty NLMSG_DONE.
    if (payload.size() >= sizeof(int)) {
      ack.error = -*reinterpret_cast<const int*>(payload.data());
    }
    tlvOffset = sizeof(int);
  } else {
    throw ProtocolError("not an acknowledgement: netlink message type " +
                        std::to_string(nlh->nlmsg_type));
  }
  tlvOffset = MNL_ALIGN(tlvOffset);
  if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) != 0 && tlvOffset < payload.size()) {
    readExtAck(payload.subspan(tlvOffset), ack);
  }
  return ack;
}

}  // namespace redund::nl
