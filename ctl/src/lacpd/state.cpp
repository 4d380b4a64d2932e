#include "lacpd/state.h"

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <system_error>

#include "lacpd/options.h"

namespace redund::lacpd {
namespace {

Json participantJson(const lacp::Participant& p) {
  Json state = Json::array();
  for (const std::string_view bit : lacp::toNames(p.state)) {
    state.push_back(bit);
  }
  return {{"system_priority", p.system.priority},
          {"system_mac", lacp::macToString(p.system.mac)},
          {"key", p.key},
          {"port_priority", p.portPriority},
          {"port", p.port},
          {"state", state},
          {"state_bits", p.state.toByte()}};
}

lacp::Participant participantOf(const Json& json) {
  const auto mac = parseMac(json.at("system_mac").get<std::string>());
  if (!mac) {
    throw std::invalid_argument("bad system_mac");
  }
  return {.system = {.priority = json.at("system_priority").get<uint16_t>(), .mac = *mac},
          .key = json.at("key").get<uint16_t>(),
          .portPriority = json.at("port_priority").get<uint16_t>(),
          .port = json.at("port").get<uint16_t>(),
          .state = lacp::State::fromByte(json.at("state_bits").get<uint8_t>())};
}

}  // namespace

Json statusJson(const std::string& device, int pid, const lacp::DeviceStatus& status) {
  Json ports = Json::array();
  for (const lacp::PortStatus& port : status.ports) {
    const lacp::Counters& c = port.counters;
    ports.push_back({{"ifindex", port.ifindex},
                     {"name", port.name},
                     {"up", port.link.up},
                     {"speed", port.link.speedMbps},
                     {"actor", participantJson(port.actor)},
                     {"partner", participantJson(port.partner)},
                     {"rx", lacp::rxStateName(port.rx)},
                     {"mux", lacp::muxStateName(port.mux)},
                     {"periodic", lacp::periodicStateName(port.periodic)},
                     {"selected", lacp::selectedName(port.selected)},
                     {"standby", port.standby},
                     {"fallback", port.fallback},
                     {"collecting_distributing", port.collectingDistributing},
                     {"counters",
                      {{"lacpdu_rx", c.lacpduRx},
                       {"lacpdu_tx", c.lacpduTx},
                       {"marker_rx", c.markerRx},
                       {"marker_response_tx", c.markerResponseTx},
                       {"marker_rate_limited", c.markerRateLimited},
                       {"malformed_rx", c.malformedRx},
                       {"unknown_rx", c.unknownRx},
                       {"actor_churn", c.actorChurn},
                       {"partner_churn", c.partnerChurn}}}});
  }
  const lacp::DeviceConfig& config = status.config;
  return {{"device", device},
          {"pid", pid},
          {"mode", lacp::modeName(config.mode)},
          {"rate", lacp::rateName(config.rate)},
          {"system_priority", config.system.priority},
          {"system_mac", lacp::macToString(config.system.mac)},
          {"selection", lacp::policyName(config.policy)},
          {"min_links", config.minLinks},
          {"max_active_ports", config.maxActivePorts},
          {"fallback_enabled", config.fallback.enabled},
          {"aggregate_up", status.aggregateUp},
          {"fallback_port", status.fallbackPort ? Json(*status.fallbackPort) : Json(nullptr)},
          {"ports", ports}};
}

SavedState savedState(const Json& json) {
  SavedState saved;
  if (!json.is_object() || !json.contains("ports") || !json["ports"].is_array()) {
    return saved;
  }
  for (const Json& port : json["ports"]) {
    try {
      if (!port.at("collecting_distributing").get<bool>()) {
        continue;
      }
      saved[port.at("ifindex").get<uint32_t>()] = {.partner = participantOf(port.at("partner")),
                                                   .fallback = port.at("fallback").get<bool>()};
    } catch (const std::exception&) {
      continue;  // a port entry from another version: learn that partner afresh
    }
  }
  return saved;
}

SavedState readStateFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return {};
  }
  const Json json = Json::parse(in, nullptr, false);
  return json.is_discarded() ? SavedState{} : savedState(json);
}

}  // namespace redund::lacpd
