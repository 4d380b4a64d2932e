// Collects the replies to one request.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "nl/message.h"

namespace redund::nl {

// A doit (sent with NLM_F_ACK) ends at its ACK, a dump at NLMSG_DONE;
// either ends with a KernelError carrying errno and the extack text when
// the kernel refuses. Messages for other sequence numbers or ports (stale
// replies) are skipped.
class Transaction {
 public:
  Transaction(uint32_t seq, uint32_t portId) : seq_(seq), portId_(portId) {}

  // One received datagram; true once the transaction is complete.
  bool feed(std::span<const std::byte> datagram);
  std::vector<Message> takeReplies() { return std::move(replies_); }

 private:
  uint32_t seq_;
  uint32_t portId_;
  std::vector<Message> replies_;
};

}  // namespace redund::nl
