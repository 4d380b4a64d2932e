#include "lacpd/packet_socket.h"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "lacp/lacpdu.h"

namespace redund::lacpd {
namespace {

[[noreturn]] void fail(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

}  // namespace

PacketSocket::PacketSocket(uint32_t ifindex)
    : ifindex_(ifindex),
      fd_(socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ETH_P_SLOW))) {
  if (!fd_) {
    fail("packet socket");
  }
  sockaddr_ll addr{};
  addr.sll_family = AF_PACKET;
  addr.sll_protocol = htons(ETH_P_SLOW);
  addr.sll_ifindex = static_cast<int>(ifindex);
  if (bind(fd_.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) < 0) {
    fail("packet socket bind");
  }
  packet_mreq mreq{};
  mreq.mr_ifindex = static_cast<int>(ifindex);
  mreq.mr_type = PACKET_MR_MULTICAST;
  mreq.mr_alen = lacp::kSlowProtocolsMulticast.size();
  std::copy(lacp::kSlowProtocolsMulticast.begin(), lacp::kSlowProtocolsMulticast.end(),
            mreq.mr_address);
  if (setsockopt(fd_.get(), SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mreq, sizeof(mreq)) < 0) {
    fail("PACKET_ADD_MEMBERSHIP");
  }
}

std::optional<std::size_t> PacketSocket::receive(std::span<std::byte> buffer) {
  for (;;) {
    sockaddr_ll from{};
    socklen_t len = sizeof(from);
    const ssize_t n = recvfrom(fd_.get(), buffer.data(), buffer.size(), MSG_TRUNC,
                               reinterpret_cast<sockaddr*>(&from), &len);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        return std::nullopt;
      }
      if (errno == EINTR) {
        continue;
      }
      fail("packet socket receive");
    }
    if (from.sll_pkttype == PACKET_OUTGOING) {
      continue;
    }
    return std::min(static_cast<std::size_t>(n), buffer.size());
  }
}

int PacketSocket::send(std::span<const std::byte> frame) {
  if (::send(fd_.get(), frame.data(), frame.size(), MSG_DONTWAIT) < 0) {
    return errno;
  }
  return 0;
}

}  // namespace redund::lacpd
