// RedundApi over the generic netlink family "redund".
#pragma once

#include "api.h"
#include "nl/family.h"
#include "nl/socket.h"

namespace redund {

class KernelApi final : public RedundApi {
 public:
  // Resolves the family; throws nl::FamilyNotFound when redund.ko is not
  // loaded.
  KernelApi();

  std::vector<DeviceInfo> listDevices() override;
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
  uint32_t ownerPort() const override { return socket_.portId(); }

  std::optional<uint32_t> ifindexOf(const std::string& ifname) override;
  std::optional<std::string> ifnameOf(uint32_t ifindex) override;

 private:
  nl::Socket socket_;
  nl::Family family_;
};

}  // namespace redund
