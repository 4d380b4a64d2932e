// Replies to one request: ACKs, dumps and errors with extended ACK text.
#include <linux/redund.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "error.h"
#include "nl/ack.h"
#include "nl/dev_get.h"
#include "nl/port_set.h"
#include "nl/transaction.h"
#include "raw_message.h"

namespace redund::nl {
namespace {

constexpr uint32_t kSeq = 1000;
constexpr uint32_t kPort = 4242;

// Datagrams as the kernel writes them: messages back to back.
class Datagram {
 public:
  // An NLMSG_ERROR (error 0: ACK) for `request`. `capped` as with
  // NETLINK_CAP_ACK; otherwise the request's payload is echoed.
  nlmsghdr* addError(int error, const Message& request, bool capped, uint16_t flags = 0) {
    nlmsghdr* nlh = addHeader(NLMSG_ERROR, flags | (capped ? NLM_F_CAPPED : 0));
    const std::size_t echoed = capped ? 0 : request.bytes().size() - MNL_NLMSG_HDRLEN;
    auto* err = static_cast<nlmsgerr*>(mnl_nlmsg_put_extra_header(nlh, sizeof(nlmsgerr) + echoed));
    err->error = -error;
    std::memcpy(&err->msg, request.bytes().data(), sizeof(nlmsghdr) + echoed);
    return nlh;
  }

  nlmsghdr* addDone(int error, uint16_t flags = 0) {
    nlmsghdr* nlh = addHeader(NLMSG_DONE, flags | NLM_F_MULTI);
    *static_cast<int*>(mnl_nlmsg_put_extra_header(nlh, sizeof(int))) = -error;
    return nlh;
  }

  nlmsghdr* addReply(uint32_t ifindex, uint32_t seq = kSeq, uint16_t flags = NLM_F_MULTI) {
    nlmsghdr* nlh = addHeader(test::kFamilyId, flags, seq);
    mnl_nlmsg_put_extra_header(nlh, GENL_HDRLEN);
    mnl_attr_put_u32(nlh, REDUND_A_DEV_IFINDEX, ifindex);
    mnl_attr_put_u8(nlh, REDUND_A_DEV_MODE, REDUND_MODE_ACTIVE_BACKUP);
    mnl_attr_put_u8(nlh, REDUND_A_DEV_CARRIER, 1);
    mnl_attr_put_u32(nlh, REDUND_A_DEV_NUM_PORTS, 0);
    return nlh;
  }

  // Ends the message being built, after extended ACK attributes.
  void close(nlmsghdr* nlh) { used_ += MNL_ALIGN(nlh->nlmsg_len); }

  std::span<const std::byte> bytes() const { return {buf_.data(), used_}; }

 private:
  nlmsghdr* addHeader(uint16_t type, uint16_t flags, uint32_t seq = kSeq) {
    nlmsghdr* nlh = mnl_nlmsg_put_header(buf_.data() + used_);
    nlh->nlmsg_type = type;
    nlh->nlmsg_flags = flags;
    nlh->nlmsg_seq = seq;
    nlh->nlmsg_pid = kPort;
    return nlh;
  }

  alignas(nlmsghdr) std::array<std::byte, 8192> buf_{};
  std::size_t used_ = 0;
};

Message portSetRequest() {
  Message request =
      buildPortSetRequest(test::kFamilyId, {.devIfindex = 7, .portIfindex = 3, .active = true});
  request.setSeq(kSeq);
  request.setPortId(kPort);
  return request;
}

KernelError feedExpectingError(const Datagram& datagram) {
  Transaction transaction(kSeq, kPort);
  try {
    transaction.feed(datagram.bytes());
  } catch (const KernelError& e) {
    return e;
  }
  throw Error("no KernelError");
}

TEST(ExtAck, CappedErrorCarriesMessageOffsetAndErrno) {
  Datagram datagram;
  nlmsghdr* nlh = datagram.addError(ENETDOWN, portSetRequest(), true, NLM_F_ACK_TLVS);
  mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "Port has no carrier");
  mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, 28);
  datagram.close(nlh);

  const KernelError error = feedExpectingError(datagram);
  EXPECT_EQ(error.code(), ENETDOWN);
  EXPECT_EQ(error.extack(), "Port has no carrier");
  EXPECT_EQ(error.offset(), 28U);
  EXPECT_STREQ(error.what(), "Port has no carrier (Network is down)");
}

TEST(ExtAck, UncappedErrorSkipsTheEchoedRequest) {
  Datagram datagram;
  nlmsghdr* nlh = datagram.addError(EINVAL, portSetRequest(), false, NLM_F_ACK_TLVS);
  mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "Unknown port");
  datagram.close(nlh);

  const Ack ack = parseAck(reinterpret_cast<const nlmsghdr*>(datagram.bytes().data()));
  EXPECT_EQ(ack.error, EINVAL);
  EXPECT_EQ(ack.message, "Unknown port");
  EXPECT_FALSE(ack.offset.has_value());
}

TEST(ExtAck, ErrorWithoutTlvsIsJustErrno) {
  Datagram datagram;
  datagram.close(datagram.addError(EPERM, portSetRequest(), true));
  const KernelError error = feedExpectingError(datagram);
  EXPECT_EQ(error.code(), EPERM);
  EXPECT_EQ(error.extack(), "");
  EXPECT_STREQ(error.what(), "Operation not permitted");
}

TEST(ExtAck, MalformedTlvsKeepTheErrno) {
  Datagram datagram;
  nlmsghdr* nlh = datagram.addError(EBUSY, portSetRequest(), true, NLM_F_ACK_TLVS);
  const uint16_t shortOffset = 1;
  mnl_attr_put(nlh, NLMSGERR_ATTR_OFFS, sizeof(shortOffset), &shortOffset);
  datagram.close(nlh);
  const KernelError error = feedExpectingError(datagram);
  EXPECT_EQ(error.code(), EBUSY);
  EXPECT_EQ(error.extack(), "");
}

TEST(ExtAck, DumpEndingInErrorCarriesExtack) {
  Datagram datagram;
  datagram.close(datagram.addReply(7));
  nlmsghdr* done = datagram.addDone(ENODEV, NLM_F_ACK_TLVS);
  mnl_attr_put_strz(done, NLMSGERR_ATTR_MSG, "Device went away");
  datagram.close(done);
  const KernelError error = feedExpectingError(datagram);
  EXPECT_EQ(error.code(), ENODEV);
  EXPECT_EQ(error.extack(), "Device went away");
}

TEST(Transaction, DoitEndsAtTheAck) {
  Datagram first;
  first.close(first.addReply(7, kSeq, 0));
  Datagram second;
  second.close(second.addError(0, portSetRequest(), true));

  Transaction transaction(kSeq, kPort);
  EXPECT_FALSE(transaction.feed(first.bytes()));
  EXPECT_TRUE(transaction.feed(second.bytes()));
  const auto replies = transaction.takeReplies();
  ASSERT_EQ(replies.size(), 1U);
  EXPECT_EQ(parseDevice(replies[0]).ifindex, 7U);
}

TEST(Transaction, DumpCollectsMultipartRepliesUntilDone) {
  Datagram first;
  first.close(first.addReply(7));
  first.close(first.addReply(99, kSeq - 1));  // stale reply to an earlier request
  first.close(first.addReply(8));
  Datagram second;
  second.close(second.addReply(9));
  second.close(second.addDone(0));

  Transaction transaction(kSeq, kPort);
  EXPECT_FALSE(transaction.feed(first.bytes()));
  EXPECT_TRUE(transaction.feed(second.bytes()));
  std::vector<uint32_t> ifindexes;
  for (const Message& reply : transaction.takeReplies()) {
    ifindexes.push_back(parseDevice(reply).ifindex);
  }
  EXPECT_EQ(ifindexes, (std::vector<uint32_t>{7, 8, 9}));
}

// A whole dump of devices `ifindexes`, in one datagram; `interrupted` marks
// the second reply (or NLMSG_DONE) NLM_F_DUMP_INTR, as the kernel does.
Transaction dumpOf(const std::vector<uint32_t>& ifindexes, bool interrupted) {
  Datagram datagram;
  for (std::size_t i = 0; i < ifindexes.size(); ++i) {
    const uint16_t intr = interrupted && i == 1 ? NLM_F_DUMP_INTR : 0;
    datagram.close(datagram.addReply(ifindexes[i], kSeq, NLM_F_MULTI | intr));
  }
  datagram.close(datagram.addDone(0, interrupted && ifindexes.size() < 2 ? NLM_F_DUMP_INTR : 0));
  Transaction transaction(kSeq, kPort);
  EXPECT_TRUE(transaction.feed(datagram.bytes()));
  return transaction;
}

std::vector<uint32_t> ifindexesOf(const std::vector<Message>& replies) {
  std::vector<uint32_t> ifindexes;
  for (const Message& reply : replies) {
    ifindexes.push_back(parseDevice(reply).ifindex);
  }
  return ifindexes;
}

TEST(Transaction, DumpIntrOnAReplyMarksTheDumpInterrupted) {
  Transaction transaction = dumpOf({7, 8, 9}, true);
  EXPECT_TRUE(transaction.interrupted());
  EXPECT_EQ(ifindexesOf(transaction.takeReplies()), (std::vector<uint32_t>{7, 8, 9}));
}

TEST(Transaction, DumpIntrOnDoneMarksTheDumpInterrupted) {
  EXPECT_TRUE(dumpOf({7}, true).interrupted());
}

TEST(Transaction, DumpWithoutDumpIntrIsComplete) {
  EXPECT_FALSE(dumpOf({7, 8}, false).interrupted());
}

TEST(Transaction, DumpIntrOfAStaleReplyIsIgnored) {
  Datagram datagram;
  datagram.close(datagram.addReply(99, kSeq - 1, NLM_F_MULTI | NLM_F_DUMP_INTR));
  datagram.close(datagram.addReply(7));
  datagram.close(datagram.addDone(0));
  Transaction transaction(kSeq, kPort);
  EXPECT_TRUE(transaction.feed(datagram.bytes()));
  EXPECT_FALSE(transaction.interrupted());
}

TEST(DumpConsistently, RetriesAnInterruptedDumpUntilOneIsComplete) {
  int calls = 0;
  const auto replies = dumpConsistently([&] {
    ++calls;
    // A device went away between two parts of the first two tries.
    return calls < 3 ? dumpOf({7, 9}, true) : dumpOf({7, 8, 9}, false);
  });
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(ifindexesOf(replies), (std::vector<uint32_t>{7, 8, 9}));
}

TEST(DumpConsistently, CompleteDumpIsSentOnce) {
  int calls = 0;
  const auto replies = dumpConsistently([&] {
    ++calls;
    return dumpOf({7}, false);
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(ifindexesOf(replies), (std::vector<uint32_t>{7}));
}

TEST(DumpConsistently, GivesUpAfterKDumpAttempts) {
  int calls = 0;
  try {
    dumpConsistently([&] {
      ++calls;
      return dumpOf({7, 8}, true);
    });
    FAIL() << "expected DumpInterrupted";
  } catch (const DumpInterrupted& e) {
    EXPECT_STREQ(e.what(),
                 "the kernel's lists kept changing during the dump (interrupted 5 times); "
                 "try again");
  }
  EXPECT_EQ(calls, kDumpAttempts);
}

TEST(DumpConsistently, KernelRefusalIsNotRetried) {
  int calls = 0;
  EXPECT_THROW(dumpConsistently([&]() -> Transaction {
                 ++calls;
                 throw KernelError(ENODEV, "No device with this ifindex");
               }),
               KernelError);
  EXPECT_EQ(calls, 1);
}

TEST(Transaction, TruncatedDatagramThrows) {
  Datagram datagram;
  datagram.close(datagram.addReply(7));
  Transaction transaction(kSeq, kPort);
  EXPECT_THROW(transaction.feed(datagram.bytes().first(datagram.bytes().size() - 8)),
               ProtocolError);
}

}  // namespace
}  // namespace redund::nl
