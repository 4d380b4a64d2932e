// What the LACP daemon needs from the host besides the redund family:
// link-layer addresses and one Slow Protocols packet endpoint per port.
// The event loop implements it with AF_PACKET sockets; tests with a fake.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "lacp/types.h"

namespace redund::lacpd {

class Links {
 public:
  virtual ~Links() = default;

  // The interface's MAC; nullopt when it is gone.
  virtual std::optional<lacp::Mac> macOf(uint32_t ifindex) = 0;
  // Start receiving the port's Slow Protocols frames (delivered to
  // Daemon::onFrame); idempotent. Throws std::system_error.
  virtual void open(uint32_t ifindex) = 0;
  virtual void close(uint32_t ifindex) = 0;
  // Sends a whole Ethernet frame on an open port. Errors are the
  // implementation's to log: a lost LACPDU is a lost LACPDU.
  virtual void send(uint32_t ifindex, std::span<const std::byte> frame) = 0;
};

}  // namespace redund::lacpd
