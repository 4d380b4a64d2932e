// A raw IP socket for VRRP (protocol 112) on one interface: joined to
// 224.0.0.18 or ff02::12, sending with TTL / hop limit 255 from the
// router's primary address, and telling for each packet received its
// source, destination and TTL, which the core checks.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "util/unique_fd.h"
#include "vrrp/address.h"
#include "vrrp/types.h"

namespace redund::vrrpd {

inline constexpr int kIpProtoVrrp = 112;

struct ReceivedPacket {
  std::span<const std::byte> message{};  // the VRRP message, inside the buffer
  vrrp::IpAddress source{};
  vrrp::IpAddress destination{};
  uint8_t ttl = 0;
};

class AdvertSocket {
 public:
  // Non-blocking, bound to `ifindex`. Throws std::system_error.
  AdvertSocket(vrrp::Family family, uint32_t ifindex);

  int fd() const { return fd_.get(); }

  // Up to kBatch packets queued, in one system call (recvmmsg): under a
  // thousand routers' adverts a call per packet was most of a backup's
  // work. Empty when none is queued; packets that are not well-formed IP
  // are left out. Valid until the next call. Throws std::system_error on
  // errors other than an empty queue.
  static constexpr std::size_t kBatch = 64;
  struct Batch {
    std::span<const ReceivedPacket> packets;
    bool drained = false;  // fewer than kBatch were queued
  };
  Batch receive();
  // Returns 0 or an errno.
  int send(const vrrp::IpAddress& source, const vrrp::IpAddress& destination,
           std::span<const std::byte> message);
  // Adverts that come due together go out in one system call (sendmmsg):
  // queue() keeps a copy, flush() sends all queued and returns for each,
  // in order, 0 or an errno.
  void queue(const vrrp::IpAddress& source, const vrrp::IpAddress& destination,
             std::span<const std::byte> message);
  std::vector<int> flush();

 private:
  // Where one received packet lands, with its IPv6 source and ancillary
  // data.
  struct Slot {
    std::array<std::byte, 2048> data{};
    sockaddr_in6 from{};
    std::array<std::byte, CMSG_SPACE(sizeof(in6_pktinfo)) + CMSG_SPACE(sizeof(int))> control{};
  };

  // One advert to send, with the address and ancillary data its msghdr
  // points at.
  struct Outgoing {
    std::vector<std::byte> message;
    sockaddr_in to4{};
    sockaddr_in6 to6{};
    std::array<std::byte, CMSG_SPACE(sizeof(in6_pktinfo))> control{};
    iovec iov{};
  };

  void prepare(Outgoing& out, const vrrp::IpAddress& source, const vrrp::IpAddress& destination,
               msghdr& msg) const;
  std::optional<ReceivedPacket> parseIpv4(std::span<std::byte> packet) const;
  static std::optional<ReceivedPacket> parseIpv6(std::span<std::byte> packet, const Slot& slot,
                                                 const msghdr& msg);

  vrrp::Family family_;
  uint32_t ifindex_;
  UniqueFd fd_;
  std::vector<Slot> slots_;
  std::vector<iovec> iovs_;
  std::vector<mmsghdr> headers_;
  std::vector<ReceivedPacket> packets_;
  std::vector<Outgoing> outgoing_;
  std::vector<std::pair<vrrp::IpAddress, vrrp::IpAddress>> outgoingAddresses_;
  std::vector<mmsghdr> outgoingHeaders_;
};

}  // namespace redund::vrrpd
