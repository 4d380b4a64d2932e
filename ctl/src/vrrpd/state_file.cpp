#include "vrrpd/state_file.h"

#include <chrono>
#include <optional>

#include "model.h"
#include "vrrp/drop.h"

namespace redund::vrrpd {
namespace {

template <typename Rep, typename Period>
int64_t ms(std::chrono::duration<Rep, Period> d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

Json optionalMs(const std::optional<vrrp::Duration>& d) { return d ? Json(ms(*d)) : Json(nullptr); }

Json addressList(const std::vector<vrrp::IpAddress>& addresses) {
  Json list = Json::array();
  for (const vrrp::IpAddress& a : addresses) {
    list.push_back(a.toString());
  }
  return list;
}

Json countersJson(const vrrp::Counters& c) {
  Json drops = Json::object();
  for (std::size_t i = 0; i < vrrp::kDropReasonCount; ++i) {
    const auto reason = static_cast<vrrp::DropReason>(i);
    drops[std::string(vrrp::dropReasonName(reason))] = c.drops[reason];
  }
  return Json{{"adverts_in", c.advertsIn},
              {"adverts_out", c.advertsOut},
              {"priority_zero_in", c.priorityZeroIn},
              {"priority_zero_out", c.priorityZeroOut},
              {"lower_priority_in", c.lowerPriorityIn},
              {"became_master", c.becameMaster},
              {"became_backup", c.becameBackup},
              {"became_fault", c.becameFault},
              {"address_mismatch", c.addressMismatch},
              {"drops", drops}};
}

}  // namespace

std::string stateFilePath(const VrrpOptions& options) {
  if (options.stateDir.empty()) {
    return {};
  }
  return options.stateDir + "/" + options.device + ".vrrp." + std::to_string(options.vrid) + "." +
         std::string(familyKeyword(options.family())) + ".json";
}

Json statusJson(const std::string& device, int pid, const vrrp::Status& s) {
  Json tracked = Json::array();
  for (const vrrp::TrackedObject& t : s.tracked) {
    tracked.push_back({{"name", t.config.name}, {"weight", t.config.weight}, {"up", t.up}});
  }
  return Json{
      {"device", device},
      {"pid", pid},
      {"name", s.name},
      {"vrid", s.vrid},
      {"family", std::string(familyKeyword(s.family))},
      {"version", static_cast<int>(s.version)},
      {"state", std::string(vrrp::stateName(s.state))},
      {"priority", s.configuredPriority},
      {"effective_priority", s.effectivePriority},
      {"interface_up", s.interfaceUp},
      {"preempt", s.preempt},
      {"preempt_delay_ms", ms(s.preemptDelay)},
      {"accept", s.acceptMode},
      // Meaningful for VRRPv3 over IPv4 only.
      {"pseudo_header", s.version == vrrp::Version::kV3 && s.family == vrrp::Family::kIpv4
                            ? Json(s.ipv4PseudoHeader)
                            : Json(nullptr)},
      {"primary_address", s.primaryAddress.toString()},
      {"virtual_mac", macText(s.virtualMac)},
      {"addresses", addressList(s.virtualAddresses)},
      {"unicast_peers", addressList(s.unicastPeers)},
      {"master_address", s.masterAddress ? Json(s.masterAddress->toString()) : Json(nullptr)},
      {"master_priority", s.masterPriority},
      {"advert_interval_ms", ms(s.advertInterval)},
      {"master_advert_interval_ms", ms(s.masterAdverInterval)},
      {"master_down_interval_ms", ms(s.masterDownInterval)},
      {"skew_time_ms", ms(s.skewTime)},
      {"timers",
       {{"advert_ms", optionalMs(s.adverTimer)},
        {"master_down_ms", optionalMs(s.masterDownTimer)},
        {"preempt_delay_ms", optionalMs(s.preemptDelayLeft)}}},
      {"tracked", tracked},
      {"counters", countersJson(s.counters)}};
}

}  // namespace redund::vrrpd
