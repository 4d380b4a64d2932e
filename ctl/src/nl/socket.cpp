#include "nl/socket.h"

#include <sys/socket.h>

#include <cerrno>
#include <ctime>
#include <system_error>

#include "error.h"

namespace redund::nl {
namespace {

// Large enough for the biggest skb a dump sends (32 KiB, as iproute2).
constexpr std::size_t kRxBufSize = 32768;

[[noreturn]] void throwErrno(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

}  // namespace

Socket::Socket(int protocol)
    // Close-on-exec: a child (a notify hook) holding the socket would keep
    // the kernel from demoting the gateways it owns when we die.
    : sock_(mnl_socket_open2(protocol, SOCK_CLOEXEC)),
      seq_(static_cast<uint32_t>(time(nullptr))),
      rxBuf_(kRxBufSize) {
  if (!sock_) {
    throwErrno("netlink socket");
  }
  if (mnl_socket_bind(sock_.get(), 0, MNL_SOCKET_AUTOPID) < 0) {
    throwErrno("netlink bind");
  }
  portId_ = mnl_socket_get_portid(sock_.get());
  // Best effort: kernels before 4.12 have no extended ACK and send bare errnos.
  int on = 1;
  mnl_socket_setsockopt(sock_.get(), NETLINK_EXT_ACK, &on, sizeof(on));
  mnl_socket_setsockopt(sock_.get(), NETLINK_CAP_ACK, &on, sizeof(on));
}

std::vector<Message> Socket::request(Message request) {
  if ((request.flags() & NLM_F_DUMP) == NLM_F_DUMP) {
    return dumpConsistently([&] { return exchange(request); });
  }
  request.addFlags(NLM_F_ACK);
  return exchange(request).takeReplies();
}

Transaction Socket::exchange(Message& request) {
  request.setSeq(++seq_);
  request.setPortId(portId_);
  const auto bytes = request.bytes();
  if (mnl_socket_sendto(sock_.get(), bytes.data(), bytes.size()) < 0) {
    throwErrno("netlink send");
  }
  Transaction transaction(request.seq(), portId_);
  while (!transaction.feed(receiveDatagram())) {
  }
  return transaction;
}

void Socket::joinGroup(uint32_t group) {
  int id = static_cast<int>(group);
  if (mnl_socket_setsockopt(sock_.get(), NETLINK_ADD_MEMBERSHIP, &id, sizeof(id)) < 0) {
    throwErrno("netlink join multicast group");
  }
}

std::vector<Message> Socket::receive() {
  const auto datagram = receiveDatagram();
  std::vector<Message> messages;
  int remaining = static_cast<int>(datagram.size());
  const auto* nlh = reinterpret_cast<const nlmsghdr*>(datagram.data());
  for (; mnl_nlmsg_ok(nlh, remaining); nlh = mnl_nlmsg_next(nlh, &remaining)) {
    messages.push_back(Message::copyOf(
        {reinterpret_cast<const std::byte*>(nlh), static_cast<std::size_t>(remaining)}));
  }
  return messages;
}

std::span<const std::byte> Socket::receiveDatagram() {
  for (;;) {
    const ssize_t len = mnl_socket_recvfrom(sock_.get(), rxBuf_.data(), rxBuf_.size());
    if (len >= 0) {
      return {rxBuf_.data(), static_cast<std::size_t>(len)};
    }
    if (errno != EINTR) {
      throwErrno("netlink receive");
    }
  }
}

}  // namespace redund::nl
