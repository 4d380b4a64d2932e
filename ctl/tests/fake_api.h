// An in-memory redund system behind RedundApi, for CLI tests.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api.h"
#include "error.h"

namespace redund::test {

struct FakeSystem {
  std::map<std::string, uint32_t> interfaces;  // every interface, by name
  std::vector<DeviceInfo> devices;             // the redund ones
  std::map<uint32_t, std::vector<PortInfo>> ports;
  // Devices listed by listDevices() that are gone by listPorts().
  std::vector<uint32_t> removedAfterDump;

  std::optional<KernelError> setActiveError;
  std::vector<std::pair<uint32_t, uint32_t>> setActiveCalls;  // (dev, port)

  struct LacpCall {
    uint32_t dev;
    uint32_t port;
    PortLacpState state;

    bool operator==(const LacpCall&) const = default;
  };
  std::optional<KernelError> setLacpError;
  std::vector<LacpCall> setLacpCalls;

  std::optional<KernelError> setDeviceError;
  std::vector<std::pair<uint32_t, DeviceSettings>> setDeviceCalls;  // (dev, settings)

  // Virtual gateways, in the order added; add/set/del/announce apply to
  // this table after recording the call, unless the matching error is set.
  std::vector<GatewayInfo> gateways;
  uint32_t ownerPort = 0;  // what ownerPort() says: this API's netlink port
  struct GatewayCall {
    std::string op;  // "add", "set", "del", "announce"
    uint32_t dev;
    GatewayKey key;
    GatewaySettings settings;

    bool operator==(const GatewayCall&) const = default;
  };
  std::vector<GatewayCall> gatewayCalls;
  std::optional<KernelError> gatewayError;
  std::vector<std::optional<uint32_t>> listGatewayCalls;  // the device asked for
  std::optional<KernelError> listGatewaysError;

  // Each read() of a subscription returns the next batch; after the last
  // one the stream ends, or raises SIGTERM with raiseSigtermAtEnd.
  std::vector<std::vector<Event>> eventBatches;
  bool raiseSigtermAtEnd = false;

  int apisCreated = 0;

  // r0 (7) with ports eth1 (3, active) and eth2 (4); eth9 (9) and lo (1)
  // are no ports.
  static FakeSystem standard();
  // The same interfaces, r0 in balance mode (hash l3+4, both ports
  // transmitting) as a current module reports it: every attribute set.
  // eth1 runs at 10000Mb/s full duplex; eth2's speed and duplex are unknown.
  static FakeSystem balance();
};

class FakeApi final : public RedundApi {
 public:
  explicit FakeApi(FakeSystem& system) : system_(system) { ++system_.apisCreated; }

  std::vector<DeviceInfo> listDevices() override { return system_.devices; }
  DeviceInfo getDevice(uint32_t ifindex) override;
  std::vector<PortInfo> listPorts(uint32_t devIfindex) override;
  void setActivePort(uint32_t devIfindex, uint32_t portIfindex) override;
  void setPortLacpState(uint32_t devIfindex, uint32_t portIfindex,
                        const PortLacpState& state) override;
  void setDevice(uint32_t ifindex, const DeviceSettings& settings) override;
  std::unique_ptr<EventStream> subscribe() override;
  std::vector<GatewayInfo> listGateways(std::optional<uint32_t> devIfindex) override;
  GatewayInfo getGateway(uint32_t devIfindex, const GatewayKey& key) override;
  void addGateway(uint32_t devIfindex, const GatewayKey& key,
                  const GatewaySettings& settings) override;
  void setGateway(uint32_t devIfindex, const GatewayKey& key,
                  const GatewaySettings& settings) override;
  void deleteGateway(uint32_t devIfindex, const GatewayKey& key) override;
  void announceGateway(uint32_t devIfindex, const GatewayKey& key) override;
  uint32_t ownerPort() const override { return system_.ownerPort; }
  std::optional<uint32_t> ifindexOf(const std::string& ifname) override;
  std::optional<std::string> ifnameOf(uint32_t ifindex) override;

 private:
  void gatewayCall(const std::string& op, uint32_t devIfindex, const GatewayKey& key,
                   const GatewaySettings& settings);
  std::vector<GatewayInfo>::iterator findGateway(uint32_t devIfindex, const GatewayKey& key);

  FakeSystem& system_;
};

}  // namespace redund::test
