// An AF_PACKET socket bound to one port that sends and receives Slow
// Protocols frames (ethertype 0x8809), joined to the Slow Protocols
// multicast address 01:80:c2:00:00:02.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "util/unique_fd.h"

namespace redund::lacpd {

class PacketSocket {
 public:
  // Non-blocking. Throws std::system_error.
  explicit PacketSocket(uint32_t ifindex);

  int fd() const { return fd_.get(); }
  uint32_t ifindex() const { return ifindex_; }

  // One received frame (whole Ethernet frame) into `buffer`: its length;
  // nullopt when none is queued. Frames the host sent are skipped.
  // Throws std::system_error for other errors.
  std::optional<std::size_t> receive(std::span<std::byte> buffer);
  // Returns 0 or an errno.
  int send(std::span<const std::byte> frame);

 private:
  uint32_t ifindex_;
  UniqueFd fd_;
};

}  // namespace redund::lacpd
