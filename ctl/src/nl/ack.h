// NLMSG_ERROR and NLMSG_DONE, with the extended ACK (NETLINK_EXT_ACK).
#pragma once

#include <linux/netlink.h>

#include <cstdint>
#include <optional>
#include <string>

namespace redund::nl {

struct Ack {
  int error = 0;                   // positive errno; 0 for a plain ACK or a clean DONE
  std::string message;             // NLMSGERR_ATTR_MSG; with error == 0, a warning
  std::optional<uint32_t> offset;  // NLMSGERR_ATTR_OFFS
};

// Reads an NLMSG_ERROR or NLMSG_DONE message, capped (NETLINK_CAP_ACK) or
// not. Throws ProtocolError for other types or a truncated error header;
// malformed extended ACK attributes are ignored rather than hiding errno.
Ack parseAck(const nlmsghdr* nlh);

}  // namespace redund::nl
