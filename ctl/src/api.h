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

// What setDevice() changes; unset fields stay as they are.
struct DeviceSettings {
  std::optional<Mode> mode{};  // only while the device has no ports
  std::optional<Hash> hash{};
  std::optional<uint32_t> minLinks{};  // 0..REDUND_MAX_PORTS

  bool operator==(const DeviceSettings&) const = default;
};

// What setPortLacpState() changes (lacp mode); unset fields stay as they are.
struct PortLacpState {
  std::optional<bool> collecting{};
  std::optional<bool> distributing{};  // on needs carrier

  bool operator==(const PortLacpState&) const = default;
};

// What addGateway() and setGateway() send; unset fields are left out (add:
// the kernel's default; set: unchanged).
struct GatewaySettings {
  std::optional<MacAddress> mac{};  // add only; default 00:00:5e:00:0{1,2}:VRID
  // set: replaces the whole list.
  std::optional<std::vector<vrrp::IpAddress>> addresses{};
  std::optional<GatewayState> state{};
  std::optional<uint32_t> announceCount{};       // 0..REDUND_GW_MAX_ANNOUNCE_COUNT
  std::optional<uint32_t> announceIntervalMs{};  // 10..60000
  // 0 (off) or REDUND_GW_{MIN,MAX}_REFRESH_INTERVAL: a gratuitous ARP /
  // unsolicited NA round that often while master or active.
  std::optional<uint32_t> refreshIntervalMs{};
  std::optional<bool> persist{};
  // An empty advert removes the release (set); a non-empty one must be a
  // priority-0 advert for this gateway (the module checks its header).
  std::optional<GatewayRelease> release{};
  bool adopt = false;  // set only: this socket becomes the owner

  bool operator==(const GatewaySettings&) const = default;
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
  // Active-backup mode.
  virtual void setActivePort(uint32_t devIfindex, uint32_t portIfindex) = 0;
  // Lacp mode: collecting and distributing change together, or not at all.
  virtual void setPortLacpState(uint32_t devIfindex, uint32_t portIfindex,
                                const PortLacpState& state) = 0;
  virtual void setDevice(uint32_t ifindex, const DeviceSettings& settings) = 0;
  virtual std::unique_ptr<EventStream> subscribe() = 0;

  // Virtual gateways. A gateway added or adopted belongs to this object's
  // socket: unless it persists, it drops to backup when the object goes.
  // Every gateway of one device (or of all devices), in the order added.
  virtual std::vector<GatewayInfo> listGateways(std::optional<uint32_t> devIfindex) = 0;
  virtual GatewayInfo getGateway(uint32_t devIfindex, const GatewayKey& key) = 0;
  virtual void addGateway(uint32_t devIfindex, const GatewayKey& key,
                          const GatewaySettings& settings) = 0;
  virtual void setGateway(uint32_t devIfindex, const GatewayKey& key,
                          const GatewaySettings& settings) = 0;
  virtual void deleteGateway(uint32_t devIfindex, const GatewayKey& key) = 0;
  // Sends the announcement rounds again (master or active only).
  virtual void announceGateway(uint32_t devIfindex, const GatewayKey& key) = 0;
  // The netlink port the kernel records as a gateway's owner for what
  // this API adds or adopts; 0 when there is none (a fake).
  virtual uint32_t ownerPort() const { return 0; }

  // Interface names in the caller's network namespace.
  virtual std::optional<uint32_t> ifindexOf(const std::string& ifname) = 0;
  virtual std::optional<std::string> ifnameOf(uint32_t ifindex) = 0;
};

}  // namespace redund
