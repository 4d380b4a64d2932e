#include "vrrpd/advert_socket.h"

#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace redund::vrrpd {
namespace {

constexpr int kTtl = 255;
constexpr std::size_t kIpv4MinHeader = 20;

[[noreturn]] void fail(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

template <typename T>
void setOption(int fd, int level, int name, const T& value, const char* what) {
  if (setsockopt(fd, level, name, &value, sizeof(value)) < 0) {
    fail(what);
  }
}

void setupIpv4(int fd, uint32_t ifindex) {
  ip_mreqn group{};
  group.imr_multiaddr.s_addr = htonl(0xe0000012U);  // 224.0.0.18
  group.imr_ifindex = static_cast<int>(ifindex);
  setOption(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, group, "join 224.0.0.18");
  ip_mreqn out{};
  out.imr_ifindex = static_cast<int>(ifindex);
  setOption(fd, IPPROTO_IP, IP_MULTICAST_IF, out, "IP_MULTICAST_IF");
  setOption(fd, IPPROTO_IP, IP_MULTICAST_TTL, kTtl, "IP_MULTICAST_TTL");
  setOption(fd, IPPROTO_IP, IP_TTL, kTtl, "IP_TTL");
  setOption(fd, IPPROTO_IP, IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP");
}

void setupIpv6(int fd, uint32_t ifindex) {
  ipv6_mreq group{};
  const auto group6 = vrrp::multicastGroup(vrrp::Family::kIpv6).bytes();
  std::memcpy(&group.ipv6mr_multiaddr, group6.data(), group6.size());
  group.ipv6mr_interface = ifindex;
  setOption(fd, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, group, "join ff02::12");
  setOption(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, static_cast<int>(ifindex), "IPV6_MULTICAST_IF");
  setOption(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, kTtl, "IPV6_MULTICAST_HOPS");
  setOption(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, kTtl, "IPV6_UNICAST_HOPS");
  setOption(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP");
  setOption(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
  setOption(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
}

vrrp::IpAddress ipv4At(std::span<const std::byte> bytes) {
  return vrrp::IpAddress::fromBytes(vrrp::Family::kIpv4, bytes);
}

}  // namespace

AdvertSocket::AdvertSocket(vrrp::Family family, uint32_t ifindex)
    : family_(family),
      ifindex_(ifindex),
      fd_(socket(family == vrrp::Family::kIpv4 ? AF_INET : AF_INET6,
                 SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, kIpProtoVrrp)) {
  if (!fd_) {
    fail("socket(SOCK_RAW, 112)");
  }
  std::array<char, IF_NAMESIZE> name{};
  if (if_indextoname(ifindex, name.data()) == nullptr) {
    fail("if_indextoname");
  }
  if (setsockopt(fd_.get(), SOL_SOCKET, SO_BINDTODEVICE, name.data(),
                 static_cast<socklen_t>(std::strlen(name.data()))) < 0) {
    fail("SO_BINDTODEVICE");
  }
  if (family == vrrp::Family::kIpv4) {
    setupIpv4(fd_.get(), ifindex);
  } else {
    setupIpv6(fd_.get(), ifindex);
  }
}

std::optional<ReceivedPacket> AdvertSocket::receive(std::span<std::byte> buffer) {
  return family_ == vrrp::Family::kIpv4 ? receiveIpv4(buffer) : receiveIpv6(buffer);
}

// An IPv4 raw socket hands over the IP header too: the TTL, source and
// destination come from it.
std::optional<ReceivedPacket> AdvertSocket::receiveIpv4(std::span<std::byte> buffer) {
  for (;;) {
    const ssize_t n = recv(fd_.get(), buffer.data(), buffer.size(), 0);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        return std::nullopt;
      }
      if (errno == EINTR) {
        continue;
      }
      fail("recv");
    }
    const auto packet = buffer.first(static_cast<std::size_t>(n));
    if (packet.size() < kIpv4MinHeader) {
      continue;
    }
    const std::size_t headerLen = (std::to_integer<std::size_t>(packet[0]) & 0x0fU) * 4;
    const std::size_t totalLen =
        (std::to_integer<std::size_t>(packet[2]) << 8U) | std::to_integer<std::size_t>(packet[3]);
    if (headerLen < kIpv4MinHeader || headerLen > packet.size()) {
      continue;
    }
    // The kernel may report the total length in host order on old
    // kernels; the bytes received are what counts.
    const std::size_t end = std::min(std::max(totalLen, headerLen), packet.size());
    return ReceivedPacket{.message = packet.subspan(headerLen, end - headerLen),
                          .source = ipv4At(packet.subspan(12)),
                          .destination = ipv4At(packet.subspan(16)),
                          .ttl = std::to_integer<uint8_t>(packet[8])};
  }
}

std::optional<ReceivedPacket> AdvertSocket::receiveIpv6(std::span<std::byte> buffer) {
  for (;;) {
    sockaddr_in6 from{};
    std::array<std::byte, CMSG_SPACE(sizeof(in6_pktinfo)) + CMSG_SPACE(sizeof(int))> control{};
    iovec iov{.iov_base = buffer.data(), .iov_len = buffer.size()};
    msghdr msg{};
    msg.msg_name = &from;
    msg.msg_namelen = sizeof(from);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.data();
    msg.msg_controllen = control.size();
    const ssize_t n = recvmsg(fd_.get(), &msg, 0);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        return std::nullopt;
      }
      if (errno == EINTR) {
        continue;
      }
      fail("recvmsg");
    }
    ReceivedPacket packet{
        .message = buffer.first(static_cast<std::size_t>(n)),
        .source = vrrp::IpAddress::fromBytes(vrrp::Family::kIpv6,
                                             std::as_bytes(std::span(from.sin6_addr.s6_addr))),
        .destination = {},
        .ttl = 0};
    bool haveDestination = false;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != IPPROTO_IPV6) {
        continue;
      }
      if (c->cmsg_type == IPV6_PKTINFO) {
        in6_pktinfo info{};
        std::memcpy(&info, CMSG_DATA(c), sizeof(info));
        packet.destination = vrrp::IpAddress::fromBytes(
            vrrp::Family::kIpv6, std::as_bytes(std::span(info.ipi6_addr.s6_addr)));
        haveDestination = true;
      } else if (c->cmsg_type == IPV6_HOPLIMIT) {
        int hops = 0;
        std::memcpy(&hops, CMSG_DATA(c), sizeof(hops));
        packet.ttl = static_cast<uint8_t>(hops);
      }
    }
    if (haveDestination) {
      return packet;
    }
  }
}

int AdvertSocket::send(const vrrp::IpAddress& source, const vrrp::IpAddress& destination,
                       std::span<const std::byte> message) {
  iovec iov{.iov_base = const_cast<std::byte*>(message.data()), .iov_len = message.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  sockaddr_in to4{};
  sockaddr_in6 to6{};
  std::array<std::byte, CMSG_SPACE(sizeof(in6_pktinfo))> control{};
  msg.msg_control = control.data();
  const bool v4 = family_ == vrrp::Family::kIpv4;
  // CMSG_FIRSTHDR is null while msg_controllen is 0.
  msg.msg_controllen = v4 ? CMSG_SPACE(sizeof(in_pktinfo)) : CMSG_SPACE(sizeof(in6_pktinfo));
  cmsghdr* const c = CMSG_FIRSTHDR(&msg);
  if (v4) {
    to4.sin_family = AF_INET;
    std::memcpy(&to4.sin_addr, destination.bytes().data(), 4);
    msg.msg_name = &to4;
    msg.msg_namelen = sizeof(to4);
    // The source address: raw sockets take it from ipi_spec_dst.
    in_pktinfo info{};
    info.ipi_ifindex = static_cast<int>(ifindex_);
    std::memcpy(&info.ipi_spec_dst, source.bytes().data(), 4);
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = IP_PKTINFO;
    c->cmsg_len = CMSG_LEN(sizeof(info));
    std::memcpy(CMSG_DATA(c), &info, sizeof(info));
  } else {
    to6.sin6_family = AF_INET6;
    std::memcpy(&to6.sin6_addr, destination.bytes().data(), 16);
    to6.sin6_scope_id = ifindex_;
    msg.msg_name = &to6;
    msg.msg_namelen = sizeof(to6);
    in6_pktinfo info{};
    info.ipi6_ifindex = ifindex_;
    std::memcpy(&info.ipi6_addr, source.bytes().data(), 16);
    c->cmsg_level = IPPROTO_IPV6;
    c->cmsg_type = IPV6_PKTINFO;
    c->cmsg_len = CMSG_LEN(sizeof(info));
    std::memcpy(CMSG_DATA(c), &info, sizeof(info));
  }
  for (;;) {
    if (sendmsg(fd_.get(), &msg, 0) >= 0) {
      return 0;
    }
    if (errno != EINTR) {
      return errno;
    }
  }
}

}  // namespace redund::vrrpd
