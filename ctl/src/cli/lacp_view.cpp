#include "cli/lacp_view.h"

#include "cli/checks_view.h"
#include "cli/state_files.h"

namespace redund::cli {
namespace {

std::string participantText(const Json& p) {
  std::string bits;
  if (p.contains("state") && p.at("state").is_array()) {
    for (const Json& bit : p.at("state")) {
      bits += (bits.empty() ? "" : ",") + bit.get<std::string>();
    }
  }
  return fieldText(p, "system_priority") + "," + fieldText(p, "system_mac") + " key " +
         fieldText(p, "key") + " port " + fieldText(p, "port") + " prio " +
         fieldText(p, "port_priority") + " state " + (bits.empty() ? "none" : bits);
}

}  // namespace

void mergeLacpStatus(Json& device, const std::string& stateDir) {
  if (stateDir.empty() || device.value("mode", "") != "lacp") {
    return;
  }
  const auto state =
      readLiveState(stateDir + "/" + device.at("ifname").get<std::string>() + ".lacp.json");
  if (state) {
    mergeLacp(device, *state);
  }
}

void mergeLacp(Json& device, const Json& state) {
  if (!state.is_object()) {
    return;
  }
  Json lacp = state;
  lacp.erase("ports");
  lacp.erase("device");
  device["lacp"] = lacp;
  if (!state.contains("ports") || !state.at("ports").is_array()) {
    return;
  }
  for (Json& port : device.at("ports")) {
    for (const Json& status : state.at("ports")) {
      if (status.value("ifindex", Json()) == port.at("ifindex")) {
        Json view = status;
        view.erase("ifindex");
        view.erase("name");
        port["lacp"] = view;
      }
    }
  }
}

std::string lacpDeviceText(const Json& device) {
  if (!device.contains("lacp")) {
    return "";
  }
  const Json& lacp = device.at("lacp");
  return "    lacp " + fieldText(lacp, "mode") + " rate " + fieldText(lacp, "rate") + " system " +
         fieldText(lacp, "system_priority") + "," + fieldText(lacp, "system_mac") + " selection " +
         fieldText(lacp, "selection") + " aggregate " +
         (lacp.value("aggregate_up", false) ? "up" : "down") + "\n";
}

std::string lacpPortText(const Json& port) {
  if (!port.contains("lacp")) {
    return "";
  }
  const Json& lacp = port.at("lacp");
  std::string text = "        lacp rx " + fieldText(lacp, "rx") + " mux " + fieldText(lacp, "mux") +
                     " " + fieldText(lacp, "selected");
  if (lacp.value("fallback", false)) {
    text += " fallback";
  }
  if (lacp.value("held_out", false)) {
    text += " held out of distributing by its checks";
  }
  text += "\n";
  if (lacp.contains("actor")) {
    text += "        actor   " + participantText(lacp.at("actor")) + "\n";
  }
  if (lacp.contains("partner")) {
    text += "        partner " + participantText(lacp.at("partner")) + "\n";
  }
  return text + checksText(lacp);
}

}  // namespace redund::cli
