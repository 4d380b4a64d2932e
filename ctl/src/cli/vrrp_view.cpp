#include "cli/vrrp_view.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <tuple>
#include <vector>

#include "cli/checks_view.h"
#include "cli/state_files.h"

namespace redund::cli {

void mergeVrrpStatus(Json& device, const std::string& stateDir) {
  mergeVrrp(device, vrrpStateFiles(device.at("ifname").get<std::string>(), stateDir));
}

std::vector<Json> vrrpStateFiles(const std::string& ifname, const std::string& stateDir) {
  std::vector<Json> routers;
  if (stateDir.empty()) {
    return routers;
  }
  const std::string prefix = ifname + ".vrrp.";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(stateDir, ec)) {
    const std::string file = entry.path().filename().string();
    if (!file.starts_with(prefix) || !file.ends_with(".json")) {
      continue;
    }
    auto state = readLiveState(entry.path().string());
    if (state) {
      routers.push_back(std::move(*state));
    }
  }
  return routers;
}

void mergeVrrp(Json& device, std::vector<Json> routers) {
  std::erase_if(routers, [](const Json& router) { return !router.is_object(); });
  if (routers.empty()) {
    return;
  }
  for (Json& router : routers) {
    router.erase("device");
    router.erase("pid");
  }
  std::sort(routers.begin(), routers.end(), [](const Json& a, const Json& b) {
    return std::tuple(a.value("vrid", 0), a.value("family", "")) <
           std::tuple(b.value("vrid", 0), b.value("family", ""));
  });
  device["vrrp"] = routers;
}

std::string vrrpDeviceText(const Json& device) {
  if (!device.contains("vrrp")) {
    return "";
  }
  std::string text;
  for (const Json& r : device.at("vrrp")) {
    std::string addresses;
    if (r.contains("addresses") && r.at("addresses").is_array()) {
      for (const Json& a : r.at("addresses")) {
        addresses += " " + (a.is_string() ? a.get<std::string>() : a.dump());
      }
    }
    const Json counters =
        r.contains("counters") && r.at("counters").is_object() ? r.at("counters") : Json::object();
    uint64_t drops = 0;
    if (counters.contains("drops") && counters.at("drops").is_object()) {
      for (const auto& [reason, count] : counters.at("drops").items()) {
        drops += count.is_number_unsigned() ? count.get<uint64_t>() : 0;
      }
    }
    text += "    vrrp " + fieldText(r, "vrid") + " " + fieldText(r, "family") + " v" +
            fieldText(r, "version") + ": " + fieldText(r, "state") + " priority " +
            fieldText(r, "effective_priority") + "/" + fieldText(r, "priority") + " master " +
            (r.value("master_address", Json()).is_string() ? fieldText(r, "master_address")
                                                           : std::string("none")) +
            " addresses" + addresses + "\n";
    text += "        adverts in " + fieldText(counters, "adverts_in") + " out " +
            fieldText(counters, "adverts_out") + " dropped " + std::to_string(drops) +
            " interval " + fieldText(r, "advert_interval_ms") + " ms\n";
    text += checksText(r);
  }
  return text;
}

}  // namespace redund::cli
