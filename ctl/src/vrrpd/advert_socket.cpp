#include "vrrpd/advert_socket.h"

#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace redund::vrrpd {
namespace {

constexpr int kTtl = 255;
constexpr std::size_t kIpv4MinHeader = 20;
constexpr int kReceiveBuffer = 4 << 20;

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
                 SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, kIpProtoVrrp)),
      slots_(kBatch),
      iovs_(kBatch),
      headers_(kBatch) {
  if (!fd_) {
    fail("socket(SOCK_RAW, 112)");
  }
  packets_.reserve(kBatch);
  // Hundreds of masters send in bursts (their adverts come due together,
  // see RouterSchedule::wakeUpAt): a queue of the default size (about 270
  // small packets) overflowed while the daemon ran the previous burst.
  // FORCE passes rmem_max for root; without it the kernel caps the size.
  if (setsockopt(fd_.get(), SOL_SOCKET, SO_RCVBUFFORCE, &kReceiveBuffer, sizeof(kReceiveBuffer)) <
      0) {
    setOption(fd_.get(), SOL_SOCKET, SO_RCVBUF, kReceiveBuffer, "SO_RCVBUF");
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

AdvertSocket::Batch AdvertSocket::receive() {
  // recvmmsg writes back the lengths: set them again (the pointers stay).
  for (std::size_t i = 0; i < kBatch; ++i) {
    Slot& slot = slots_[i];
    iovs_[i] = iovec{.iov_base = slot.data.data(), .iov_len = slot.data.size()};
    msghdr& msg = headers_[i].msg_hdr;
    msg.msg_iov = &iovs_[i];
    msg.msg_iovlen = 1;
    msg.msg_flags = 0;
    if (family_ == vrrp::Family::kIpv6) {
      msg.msg_name = &slot.from;
      msg.msg_namelen = sizeof(slot.from);
      msg.msg_control = slot.control.data();
      msg.msg_controllen = slot.control.size();
    }
  }
  packets_.clear();
  int n = -1;
  do {
    n = recvmmsg(fd_.get(), headers_.data(), static_cast<unsigned int>(kBatch), 0, nullptr);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      return {.packets = packets_, .drained = true};
    }
    fail("recvmmsg");
  }
  for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i) {
    const auto packet = std::span(slots_[i].data).first(headers_[i].msg_len);
    const auto parsed = family_ == vrrp::Family::kIpv4
                            ? parseIpv4(packet)
                            : parseIpv6(packet, slots_[i], headers_[i].msg_hdr);
    if (parsed) {
      packets_.push_back(*parsed);
    }
  }
  return {.packets = packets_, .drained = static_cast<std::size_t>(n) < kBatch};
}

// An IPv4 raw socket hands over the IP header too: the TTL, source and
// destination come from it.
std::optional<ReceivedPacket> AdvertSocket::parseIpv4(std::span<std::byte> packet) const {
  if (packet.size() < kIpv4MinHeader) {
    return std::nullopt;
  }
  const std::size_t headerLen = (std::to_integer<std::size_t>(packet[0]) & 0x0fU) * 4;
  const std::size_t totalLen =
      (std::to_integer<std::size_t>(packet[2]) << 8U) | std::to_integer<std::size_t>(packet[3]);
  if (headerLen < kIpv4MinHeader || headerLen > packet.size()) {
    return std::nullopt;
  }
  // The kernel may report the total length in host order on old
  // kernels; the bytes received are what counts.
  const std::size_t end = std::min(std::max(totalLen, headerLen), packet.size());
  return ReceivedPacket{.message = packet.subspan(headerLen, end - headerLen),
                        .source = ipv4At(packet.subspan(12)),
                        .destination = ipv4At(packet.subspan(16)),
                        .ttl = std::to_integer<uint8_t>(packet[8])};
}

// An IPv6 raw socket hands over the payload: the source comes from the
// address, the destination and hop limit from ancillary data.
std::optional<ReceivedPacket> AdvertSocket::parseIpv6(std::span<std::byte> packet, const Slot& slot,
                                                      const msghdr& msg) {
  ReceivedPacket received{
      .message = packet,
      .source = vrrp::IpAddress::fromBytes(vrrp::Family::kIpv6,
                                           std::as_bytes(std::span(slot.from.sin6_addr.s6_addr))),
      .destination = {},
      .ttl = 0};
  bool haveDestination = false;
  // CMSG_NXTHDR takes a non-const header; it only reads it.
  auto& header = const_cast<msghdr&>(msg);
  for (cmsghdr* c = CMSG_FIRSTHDR(&header); c != nullptr; c = CMSG_NXTHDR(&header, c)) {
    if (c->cmsg_level != IPPROTO_IPV6) {
      continue;
    }
    if (c->cmsg_type == IPV6_PKTINFO) {
      in6_pktinfo info{};
      std::memcpy(&info, CMSG_DATA(c), sizeof(info));
      received.destination = vrrp::IpAddress::fromBytes(
          vrrp::Family::kIpv6, std::as_bytes(std::span(info.ipi6_addr.s6_addr)));
      haveDestination = true;
    } else if (c->cmsg_type == IPV6_HOPLIMIT) {
      int hops = 0;
      std::memcpy(&hops, CMSG_DATA(c), sizeof(hops));
      received.ttl = static_cast<uint8_t>(hops);
    }
  }
  if (!haveDestination) {
    return std::nullopt;
  }
  return received;
}

// The message, its destination and, as ancillary data, the source
// address and interface (raw sockets take the IPv4 source from
// ipi_spec_dst).
void AdvertSocket::prepare(Outgoing& out, const vrrp::IpAddress& source,
                           const vrrp::IpAddress& destination, msghdr& msg) const {
  out.iov = iovec{.iov_base = out.message.data(), .iov_len = out.message.size()};
  msg = msghdr{};
  msg.msg_iov = &out.iov;
  msg.msg_iovlen = 1;
  msg.msg_control = out.control.data();
  const bool v4 = family_ == vrrp::Family::kIpv4;
  // CMSG_FIRSTHDR is null while msg_controllen is 0.
  msg.msg_controllen = v4 ? CMSG_SPACE(sizeof(in_pktinfo)) : CMSG_SPACE(sizeof(in6_pktinfo));
  cmsghdr* const c = CMSG_FIRSTHDR(&msg);
  if (v4) {
    out.to4 = sockaddr_in{};
    out.to4.sin_family = AF_INET;
    std::memcpy(&out.to4.sin_addr, destination.bytes().data(), 4);
    msg.msg_name = &out.to4;
    msg.msg_namelen = sizeof(out.to4);
    in_pktinfo info{};
    info.ipi_ifindex = static_cast<int>(ifindex_);
    std::memcpy(&info.ipi_spec_dst, source.bytes().data(), 4);
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = IP_PKTINFO;
    c->cmsg_len = CMSG_LEN(sizeof(info));
    std::memcpy(CMSG_DATA(c), &info, sizeof(info));
  } else {
    out.to6 = sockaddr_in6{};
    out.to6.sin6_family = AF_INET6;
    std::memcpy(&out.to6.sin6_addr, destination.bytes().data(), 16);
    out.to6.sin6_scope_id = ifindex_;
    msg.msg_name = &out.to6;
    msg.msg_namelen = sizeof(out.to6);
    in6_pktinfo info{};
    info.ipi6_ifindex = ifindex_;
    std::memcpy(&info.ipi6_addr, source.bytes().data(), 16);
    c->cmsg_level = IPPROTO_IPV6;
    c->cmsg_type = IPV6_PKTINFO;
    c->cmsg_len = CMSG_LEN(sizeof(info));
    std::memcpy(CMSG_DATA(c), &info, sizeof(info));
  }
}

int AdvertSocket::send(const vrrp::IpAddress& source, const vrrp::IpAddress& destination,
                       std::span<const std::byte> message) {
  Outgoing out;
  out.message.assign(message.begin(), message.end());
  msghdr msg{};
  prepare(out, source, destination, msg);
  for (;;) {
    if (sendmsg(fd_.get(), &msg, 0) >= 0) {
      return 0;
    }
    if (errno != EINTR) {
      return errno;
    }
  }
}

void AdvertSocket::queue(const vrrp::IpAddress& source, const vrrp::IpAddress& destination,
                         std::span<const std::byte> message) {
  Outgoing& out = outgoing_.emplace_back();
  out.message.assign(message.begin(), message.end());
  outgoingAddresses_.emplace_back(source, destination);
}

std::vector<int> AdvertSocket::flush() {
  const std::size_t count = outgoing_.size();
  std::vector<int> errors(count, 0);
  // The headers point into outgoing_, which no longer grows.
  outgoingHeaders_.assign(count, mmsghdr{});
  for (std::size_t i = 0; i < count; ++i) {
    prepare(outgoing_[i], outgoingAddresses_[i].first, outgoingAddresses_[i].second,
            outgoingHeaders_[i].msg_hdr);
  }
  // sendmmsg stops at the first message that fails: note its errno and
  // go on with the next.
  std::size_t next = 0;
  while (next < count) {
    const int sent =
        sendmmsg(fd_.get(), &outgoingHeaders_[next], static_cast<unsigned int>(count - next), 0);
    if (sent > 0) {
      next += static_cast<std::size_t>(sent);
    } else if (sent < 0 && errno == EINTR) {
      continue;
    } else {
      errors[next++] = sent < 0 ? errno : EIO;
    }
  }
  outgoing_.clear();
  outgoingAddresses_.clear();
  return errors;
}

}  // namespace redund::vrrpd
