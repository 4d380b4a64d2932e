// Collects the replies to one request.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "error.h"
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
  // A reply or the NLMSG_DONE carried NLM_F_DUMP_INTR: what the dump lists
  // changed between two of its parts, so entries may be missing or repeated.
  bool interrupted() const { return interrupted_; }
  std::vector<Message> takeReplies() { return std::move(replies_); }

 private:
  uint32_t seq_;
  uint32_t portId_;
  bool interrupted_ = false;
  std::vector<Message> replies_;
};

// Every try of a dump came back interrupted (NLM_F_DUMP_INTR).
class DumpInterrupted : public Error {
 public:
  explicit DumpInterrupted(int attempts);
};

// How often a dump is tried before DumpInterrupted: the lists change only
// when devices, ports or gateways come or go.
inline constexpr int kDumpAttempts = 5;

// The replies of the first of up to `attempts` runs of `dumpOnce` (one
// whole dump, completed) that was not interrupted.
std::vector<Message> dumpConsistently(const std::function<Transaction()>& dumpOnce,
                                      int attempts = kDumpAttempts);

}  // namespace redund::nl
