// The controller's view of the redund kernel interface. KernelApi talks
// generic netlink; tests use an in-memory fake.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model.h"

namespace redund {

class EventStream {
 public:
  virtual ~EventStream() = default;

  // Polls readable when read() has something to return.
  virtual int fd() const = 0;
  // The events that arrived since the last call, possibly none;
  // std::nullopt once the stream has ended.
  virtual std::optional<std::vector<Event>> read() = 0;
};

// Kernel refusals throw KernelError (errno + extack text); replies that
// break the contract throw ProtocolError.
class RedundApi {
 public:
  virtual ~RedundApi() = default;

  virtual std::vector<DeviceInfo> listDevices() = 0;
  virtual DeviceInfo getDevice(uint32_t ifindex) = 0;
  // Ports of one device, in the order they were added.
  virtual std::vector<PortInfo> listPorts(uint32_t devIfindex) = 0;
  virtual void setActivePort(uint32_t devIfindex, uint32_t portIfindex) = 0;
  virtual std::unique_ptr<EventStream> subscribe() = 0;

  // Interface names in the caller's network namespace.
  virtual std::optional<uint32_t> ifindexOf(const std::string& ifname) = 0;
  virtual std::optional<std::string> ifnameOf(uint32_t ifindex) = 0;
};

}  // namespace redund
