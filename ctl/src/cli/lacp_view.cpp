#include "cli/lacp_view.h"

#include <cerrno>
#include <csignal>
#include <fstream>

namespace redund::cli {
namespace {

bool running(const Json& pid) {
  if (!pid.is_number_integer() || pid.get<int>() <= 0) {
    return false;
  }
  return kill(pid.get<int>(), 0) == 0 || errno == EPERM;
}

std::string str(const Json& json, const char* key) {
  if (!json.contains(key)) {
    return "?";
  }
  const Json& value = json.at(key);
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string participantText(const Json& p) {
  std::string bits;
  if (p.contains("state") && p.at("state").is_array()) {
    for (const Json& bit : p.at("state")) {
      bits += (bits.empty() ? "" : ",") + bit.get<std::string>();
    }
  }
  return str(p, "system_priority") + "," + str(p, "system_mac") + " key " + str(p, "key") +
         " port " + str(p, "port") + " prio " + str(p, "port_priority") + " state " +
         (bits.empty() ? "none" : bits);
}

}  // namespace

void mergeLacpStatus(Json& device, const std::string& stateDir) {
  if (stateDir.empty() || device.value("mode", "") != "lacp") {
    return;
  }
  std::ifstream in(stateDir + "/" + device.at("ifname").get<std::string>() + ".lacp.json");
  if (!in) {
    return;
  }
  const Json state = Json::parse(in, nullptr, false);
  if (state.is_discarded() || !state.is_object() || !running(state.value("pid", Json()))) {
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
  return "    lacp " + str(lacp, "mode") + " rate " + str(lacp, "rate") + " system " +
         str(lacp, "system_priority") + "," + str(lacp, "system_mac") + " selection " +
         str(lacp, "selection") + " aggregate " +
         (lacp.value("aggregate_up", false) ? "up" : "down") + "\n";
}

std::string lacpPortText(const Json& port) {
  if (!port.contains("lacp")) {
    return "";
  }
  const Json& lacp = port.at("lacp");
  std::string text = "        lacp rx " + str(lacp, "rx") + " mux " + str(lacp, "mux") + " " +
                     str(lacp, "selected");
  if (lacp.value("fallback", false)) {
    text += " fallback";
  }
  text += "\n";
  if (lacp.contains("actor")) {
    text += "        actor   " + participantText(lacp.at("actor")) + "\n";
  }
  if (lacp.contains("partner")) {
    text += "        partner " + participantText(lacp.at("partner")) + "\n";
  }
  return text;
}

}  // namespace redund::cli
