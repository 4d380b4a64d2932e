#include "nl/transaction.h"

#include <libmnl/libmnl.h>

#include <string>

#include "nl/ack.h"

namespace redund::nl {

bool Transaction::feed(std::span<const std::byte> datagram) {
  int remaining = static_cast<int>(datagram.size());
  const auto* nlh = reinterpret_cast<const nlmsghdr*>(datagram.data());
  for (; mnl_nlmsg_ok(nlh, remaining); nlh = mnl_nlmsg_next(nlh, &remaining)) {
    if (!mnl_nlmsg_seq_ok(nlh, seq_) || !mnl_nlmsg_portid_ok(nlh, portId_)) {
      continue;
    }
    // The kernel marks the first message after the change, and NLMSG_DONE.
    if ((nlh->nlmsg_flags & NLM_F_DUMP_INTR) != 0) {
      interrupted_ = true;
    }
    switch (nlh->nlmsg_type) {
      case NLMSG_NOOP:
        continue;
      case NLMSG_OVERRUN:
        throw ProtocolError("netlink overrun");
      case NLMSG_ERROR:
      case NLMSG_DONE: {
        const Ack ack = parseAck(nlh);
        if (ack.error != 0) {
          throw KernelError(ack.error, ack.message, ack.offset);
        }
        return true;
      }
      default:
        replies_.push_back(Message::copyOf(
            {reinterpret_cast<const std::byte*>(nlh), static_cast<std::size_t>(remaining)}));
    }
  }
  if (remaining > 0) {
    throw ProtocolError("truncated netlink message");
  }
  return false;
}

DumpInterrupted::DumpInterrupted(int attempts)
    : Error("the kernel's lists kept changing during the dump (interrupted " +
            std::to_string(attempts) + " times); try again") {}

std::vector<Message> dumpConsistently(const std::function<Transaction()>& dumpOnce, int attempts) {
  for (int i = 0; i < attempts; ++i) {
    Transaction transaction = dumpOnce();
    if (!transaction.interrupted()) {
      return transaction.takeReplies();
    }
  }
  throw DumpInterrupted(attempts);
}

}  // namespace redund::nl
