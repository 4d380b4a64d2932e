#include "kernel_api.h"

#include <net/if.h>

#include <array>

#include "nl/dev_get.h"
#include "nl/dev_set.h"
#include "nl/event.h"
#include "nl/gw_get.h"
#include "nl/gw_set.h"
#include "nl/port_get.h"
#include "nl/port_set.h"

namespace redund {
namespace {

// A socket of its own, so events never mix with request replies.
class KernelEventStream final : public EventStream {
 public:
  KernelEventStream(uint16_t family, uint32_t group) : family_(family) { socket_.joinGroup(group); }

  int fd() const override { return socket_.fd(); }

  std::optional<std::vector<Event>> read() override {
    const auto now = std::chrono::system_clock::now();
    std::vector<Event> events;
    for (const nl::Message& msg : socket_.receive()) {
      if (msg.type() != family_) {
        continue;
      }
      if (auto event = nl::parseEvent(msg, now)) {
        events.push_back(std::move(*event));
      }
    }
    return events;
  }

 private:
  nl::Socket socket_;
  uint16_t family_;
};

}  // namespace

KernelApi::KernelApi() : family_(nl::resolveFamily(socket_, REDUND_GENL_NAME)) {}

std::vector<DeviceInfo> KernelApi::listDevices() {
  std::vector<DeviceInfo> devices;
  for (const nl::Message& reply : socket_.request(nl::buildDevDumpRequest(family_.id))) {
    devices.push_back(nl::parseDevice(reply));
  }
  return devices;
}

DeviceInfo KernelApi::getDevice(uint32_t ifindex) {
  const auto replies = socket_.request(nl::buildDevGetRequest(family_.id, ifindex));
  if (replies.empty()) {
    throw ProtocolError("no reply to REDUND_CMD_DEV_GET");
  }
  return nl::parseDevice(replies.front());
}

std::vector<PortInfo> KernelApi::listPorts(uint32_t devIfindex) {
  std::vector<PortInfo> ports;
  for (const nl::Message& reply :
       socket_.request(nl::buildPortDumpRequest(family_.id, devIfindex))) {
    ports.push_back(nl::parsePortReply(reply));
  }
  return ports;
}

void KernelApi::setActivePort(uint32_t devIfindex, uint32_t portIfindex) {
  socket_.request(nl::buildPortSetRequest(
      family_.id, {.devIfindex = devIfindex, .portIfindex = portIfindex, .active = true}));
}

void KernelApi::setPortLacpState(uint32_t devIfindex, uint32_t portIfindex,
                                 const PortLacpState& state) {
  socket_.request(nl::buildPortSetRequest(family_.id, {.devIfindex = devIfindex,
                                                       .portIfindex = portIfindex,
                                                       .collecting = state.collecting,
                                                       .distributing = state.distributing}));
}

void KernelApi::setDevice(uint32_t ifindex, const DeviceSettings& settings) {
  socket_.request(nl::buildDevSetRequest(family_.id, {.devIfindex = ifindex,
                                                      .mode = settings.mode,
                                                      .hash = settings.hash,
                                                      .minLinks = settings.minLinks}));
}

std::unique_ptr<EventStream> KernelApi::subscribe() {
  const auto group = family_.group(REDUND_MCGRP_EVENTS);
  if (!group) {
    throw Error("genl family '" REDUND_GENL_NAME "' has no '" REDUND_MCGRP_EVENTS
                "' multicast group");
  }
  return std::make_unique<KernelEventStream>(family_.id, *group);
}

std::vector<GatewayInfo> KernelApi::listGateways(std::optional<uint32_t> devIfindex) {
  std::vector<GatewayInfo> gateways;
  for (const nl::Message& reply : socket_.request(nl::buildGwDumpRequest(family_.id, devIfindex))) {
    gateways.push_back(nl::parseGatewayReply(reply));
  }
  return gateways;
}

GatewayInfo KernelApi::getGateway(uint32_t devIfindex, const GatewayKey& key) {
  const auto replies = socket_.request(nl::buildGwGetRequest(family_.id, devIfindex, key));
  if (replies.empty()) {
    throw ProtocolError("no reply to REDUND_CMD_GW_GET");
  }
  return nl::parseGatewayReply(replies.front());
}

void KernelApi::addGateway(uint32_t devIfindex, const GatewayKey& key,
                           const GatewaySettings& settings) {
  socket_.request(nl::buildGwAddRequest(family_.id, devIfindex, key, settings));
}

void KernelApi::setGateway(uint32_t devIfindex, const GatewayKey& key,
                           const GatewaySettings& settings) {
  socket_.request(nl::buildGwSetRequest(family_.id, devIfindex, key, settings));
}

void KernelApi::deleteGateway(uint32_t devIfindex, const GatewayKey& key) {
  socket_.request(nl::buildGwDelRequest(family_.id, devIfindex, key));
}

void KernelApi::announceGateway(uint32_t devIfindex, const GatewayKey& key) {
  socket_.request(nl::buildGwAnnounceRequest(family_.id, devIfindex, key));
}

std::optional<uint32_t> KernelApi::ifindexOf(const std::string& ifname) {
  const unsigned int ifindex = if_nametoindex(ifname.c_str());
  if (ifindex == 0) {
    return std::nullopt;
  }
  return ifindex;
}

std::optional<std::string> KernelApi::ifnameOf(uint32_t ifindex) {
  std::array<char, IF_NAMESIZE> name{};
  if (if_indextoname(ifindex, name.data()) == nullptr) {
    return std::nullopt;
  }
  return std::string(name.data());
}

}  // namespace redund
