// A raw IP socket for VRRP (protocol 112) on one interface: joined to
// 224.0.0.18 or ff02::12, sending with TTL / hop limit 255 from the
// router's primary address, and telling for each packet received its
// source, destination and TTL, which the core checks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

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

  // One packet into `buffer`; nullopt when none is queued (or it was not
  // a well-formed IPv4 packet). Throws std::system_error on other errors.
  std::optional<ReceivedPacket> receive(std::span<std::byte> buffer);
  // Returns 0 or an errno.
  int send(const vrrp::IpAddress& source, const vrrp::IpAddress& destination,
           std::span<const std::byte> message);

 private:
  std::optional<ReceivedPacket> receiveIpv4(std::span<std::byte> buffer);
  std::optional<ReceivedPacket> receiveIpv6(std::span<std::byte> buffer);

  vrrp::Family family_;
  uint32_t ifindex_;
  UniqueFd fd_;
};

}  // namespace redund::vrrpd
