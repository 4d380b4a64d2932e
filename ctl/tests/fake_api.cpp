#include "fake_api.h"

#include <sys/eventfd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <system_error>

#include "util/unique_fd.h"

namespace redund::test {
namespace {

class FakeEventStream final : public EventStream {
 public:
  explicit FakeEventStream(FakeSystem& system)
      : system_(system), fd_(eventfd(1, EFD_CLOEXEC)) {  // always readable
    if (!fd_) {
      throw std::system_error(errno, std::generic_category(), "eventfd");
    }
  }

  int fd() const override { return fd_.get(); }

  std::optional<std::vector<Event>> read() override {
    if (next_ < system_.eventBatches.size()) {
      return system_.eventBatches[next_++];
    }
    if (system_.raiseSigtermAtEnd) {
      raise(SIGTERM);
      return std::vector<Event>{};
    }
    return std::nullopt;
  }

 private:
  FakeSystem& system_;
  UniqueFd fd_;
  std::size_t next_ = 0;
};

}  // namespace

FakeSystem FakeSystem::standard() {
  FakeSystem system;
  system.interfaces = {{"lo", 1}, {"eth1", 3}, {"eth2", 4}, {"r0", 7}, {"eth9", 9}};
  system.devices = {{.ifindex = 7,
                     .ifname = "r0",
                     .mode = Mode::kActiveBackup,
                     .carrier = true,
                     .numPorts = 2,
                     .activePort = 3}};
  system.ports[7] = {
      {.ifindex = 3, .ifname = "eth1", .carrier = true, .active = true, .linkFailures = 0},
      {.ifindex = 4, .ifname = "eth2", .carrier = true, .active = false, .linkFailures = 0},
  };
  return system;
}

FakeSystem FakeSystem::balance() {
  FakeSystem system = standard();
  system.devices = {{.ifindex = 7,
                     .ifname = "r0",
                     .mode = Mode::kBalance,
                     .carrier = true,
                     .numPorts = 2,
                     .hash = Hash::kL34,
                     .minLinks = 0,
                     .txPorts = 2}};
  system.ports[7] = {
      {.ifindex = 3,
       .ifname = "eth1",
       .carrier = true,
       .linkFailures = 1,
       .collecting = true,
       .distributing = true,
       .txBuckets = 128,
       .speed = 10000,
       .duplex = Duplex::kFull,
       .stats = PortStats{.rxPackets = 10,
                          .rxBytes = 1500,
                          .rxDrops = 1,
                          .txPackets = 20,
                          .txBytes = 3000,
                          .txDrops = 2}},
      {.ifindex = 4,
       .ifname = "eth2",
       .carrier = true,
       .collecting = true,
       .distributing = true,
       .txBuckets = 128,
       .speed = kSpeedUnknown,
       .duplex = Duplex::kUnknown,
       .stats = PortStats{.rxPackets = 5, .rxBytes = 700, .txPackets = 6, .txBytes = 800}},
  };
  return system;
}

DeviceInfo FakeApi::getDevice(uint32_t ifindex) {
  for (const DeviceInfo& dev : system_.devices) {
    if (dev.ifindex == ifindex) {
      return dev;
    }
  }
  if (ifnameOf(ifindex)) {
    throw KernelError(EOPNOTSUPP, "Device is not a redund device");
  }
  throw KernelError(ENODEV, "No such device");
}

std::vector<PortInfo> FakeApi::listPorts(uint32_t devIfindex) {
  if (std::find(system_.removedAfterDump.begin(), system_.removedAfterDump.end(), devIfindex) !=
      system_.removedAfterDump.end()) {
    throw KernelError(ENODEV, "No such device");
  }
  getDevice(devIfindex);
  return system_.ports[devIfindex];
}

void FakeApi::setActivePort(uint32_t devIfindex, uint32_t portIfindex) {
  system_.setActiveCalls.emplace_back(devIfindex, portIfindex);
  if (system_.setActiveError) {
    throw *system_.setActiveError;
  }
}

void FakeApi::setPortLacpState(uint32_t devIfindex, uint32_t portIfindex,
                               const PortLacpState& state) {
  system_.setLacpCalls.push_back({devIfindex, portIfindex, state});
  if (system_.setLacpError) {
    throw *system_.setLacpError;
  }
}

void FakeApi::setDevice(uint32_t ifindex, const DeviceSettings& settings) {
  system_.setDeviceCalls.emplace_back(ifindex, settings);
  if (system_.setDeviceError) {
    throw *system_.setDeviceError;
  }
}

std::unique_ptr<EventStream> FakeApi::subscribe() {
  return std::make_unique<FakeEventStream>(system_);
}

std::vector<GatewayInfo> FakeApi::listGateways(std::optional<uint32_t> devIfindex) {
  system_.listGatewayCalls.push_back(devIfindex);
  if (system_.listGatewaysError) {
    throw *system_.listGatewaysError;
  }
  std::vector<GatewayInfo> gateways;
  for (const GatewayInfo& gw : system_.gateways) {
    if (!devIfindex || gw.ifindex == *devIfindex) {
      gateways.push_back(gw);
    }
  }
  return gateways;
}

std::vector<GatewayInfo>::iterator FakeApi::findGateway(uint32_t devIfindex,
                                                        const GatewayKey& key) {
  return std::find_if(system_.gateways.begin(), system_.gateways.end(), [&](const GatewayInfo& gw) {
    return gw.ifindex == devIfindex && gw.key == key;
  });
}

GatewayInfo FakeApi::getGateway(uint32_t devIfindex, const GatewayKey& key) {
  auto it = findGateway(devIfindex, key);
  if (it == system_.gateways.end()) {
    throw KernelError(ENOENT, "No gateway with this VRID and family on this device");
  }
  return *it;
}

void FakeApi::gatewayCall(const std::string& op, uint32_t devIfindex, const GatewayKey& key,
                          const GatewaySettings& settings) {
  system_.gatewayCalls.push_back({op, devIfindex, key, settings});
  if (system_.gatewayError) {
    throw *system_.gatewayError;
  }
}

void FakeApi::addGateway(uint32_t devIfindex, const GatewayKey& key,
                         const GatewaySettings& settings) {
  gatewayCall("add", devIfindex, key, settings);
  GatewayInfo gw{.ifindex = devIfindex,
                 .ifname = ifnameOf(devIfindex).value_or(""),
                 .key = key,
                 .mac = settings.mac.value_or(MacAddress{
                     0, 0, 0x5e, 0, static_cast<uint8_t>(key.family == vrrp::Family::kIpv4 ? 1 : 2),
                     key.vrid}),
                 .state = settings.state.value_or(GatewayState::kBackup),
                 .addresses = settings.addresses.value_or(std::vector<vrrp::IpAddress>{}),
                 .announceCount = settings.announceCount.value_or(3),
                 .announceIntervalMs = settings.announceIntervalMs.value_or(1000),
                 .refreshIntervalMs = settings.refreshIntervalMs.value_or(0),
                 .persist = settings.persist.value_or(false),
                 .stats = GatewayStats{}};
  if (settings.release && !settings.release->advert.empty()) {
    gw.release = settings.release;
  }
  system_.gateways.push_back(gw);
}

void FakeApi::setGateway(uint32_t devIfindex, const GatewayKey& key,
                         const GatewaySettings& settings) {
  gatewayCall("set", devIfindex, key, settings);
  auto it = findGateway(devIfindex, key);
  if (it == system_.gateways.end()) {
    throw KernelError(ENOENT, "No gateway with this VRID and family on this device");
  }
  it->addresses = settings.addresses.value_or(it->addresses);
  it->state = settings.state.value_or(it->state);
  it->announceCount = settings.announceCount.value_or(it->announceCount);
  it->announceIntervalMs = settings.announceIntervalMs.value_or(it->announceIntervalMs);
  it->refreshIntervalMs = settings.refreshIntervalMs.value_or(it->refreshIntervalMs);
  it->persist = settings.persist.value_or(it->persist);
  if (settings.release) {
    it->release = settings.release->advert.empty() ? std::nullopt : settings.release;
  }
}

void FakeApi::deleteGateway(uint32_t devIfindex, const GatewayKey& key) {
  gatewayCall("del", devIfindex, key, {});
  auto it = findGateway(devIfindex, key);
  if (it == system_.gateways.end()) {
    throw KernelError(ENOENT, "No gateway with this VRID and family on this device");
  }
  system_.gateways.erase(it);
}

void FakeApi::announceGateway(uint32_t devIfindex, const GatewayKey& key) {
  gatewayCall("announce", devIfindex, key, {});
}

std::optional<uint32_t> FakeApi::ifindexOf(const std::string& ifname) {
  auto it = system_.interfaces.find(ifname);
  if (it == system_.interfaces.end()) {
    return std::nullopt;
  }
  return it->second;
}

std::optional<std::string> FakeApi::ifnameOf(uint32_t ifindex) {
  for (const auto& [name, index] : system_.interfaces) {
    if (index == ifindex) {
      return name;
    }
  }
  return std::nullopt;
}

}  // namespace redund::test
