#include "cli/text.h"

namespace redund::cli {
namespace {

std::string upDown(const Json& value) { return value.get<bool>() ? "up" : "down"; }

std::string nameOrNone(const Json& value) {
  return value.is_null() ? "none" : value.get<std::string>();
}

std::string portText(const Json& port, bool details) {
  std::string line = "    " + port.at("ifname").get<std::string>() + ":";
  if (details) {
    line += " ifindex " + std::to_string(port.at("ifindex").get<uint32_t>());
  }
  line += " carrier " + upDown(port.at("carrier"));
  line += port.at("active").get<bool>() ? " active" : " backup";
  line += " link_failures " + std::to_string(port.at("link_failures").get<uint32_t>());
  return line + "\n";
}

// "HH:MM:SS.mmm" out of the ISO 8601 "time".
std::string clockOf(const Json& event) {
  const auto time = event.at("time").get<std::string>();
  constexpr std::size_t kStart = 11;
  constexpr std::size_t kLength = 12;
  return time.size() >= kStart + kLength ? time.substr(kStart, kLength) : time;
}

std::string eventBody(const Json& event) {
  auto kind = event.at("event").get<std::string>();
  if (kind == "dev_new") {
    return "device added";
  }
  if (kind == "dev_del") {
    return "device removed";
  }
  if (kind == "active_changed") {
    return "active port " + nameOrNone(event.at("active_port")) + " (" +
           event.at("reason").get<std::string>() + ")";
  }
  const Json& port = event.at("port");
  const std::string prefix = "port " + port.at("ifname").get<std::string>();
  const std::string failures =
      port.contains("link_failures")
          ? "link_failures " + std::to_string(port.at("link_failures").get<uint32_t>())
          : "";
  if (kind == "port_new") {
    return prefix + " added (carrier " + upDown(port.at("carrier")) + ", " +
           (port.at("active").get<bool>() ? "active" : "backup") + ", " + failures + ")";
  }
  if (kind == "port_del") {
    return prefix + " removed";
  }
  if (kind == "port_carrier") {
    return prefix + " carrier " + upDown(port.at("carrier")) + " (" + failures + ")";
  }
  return kind;
}

}  // namespace

std::string deviceText(const Json& device, bool details) {
  std::string text = device.at("ifname").get<std::string>() + ":";
  if (details) {
    text += " ifindex " + std::to_string(device.at("ifindex").get<uint32_t>());
  }
  text += " mode " + device.at("mode").get<std::string>();
  text += " carrier " + upDown(device.at("carrier"));
  text += " ports " + std::to_string(device.at("num_ports").get<uint32_t>());
  text += " active " + nameOrNone(device.at("active_port")) + "\n";
  for (const Json& port : device.at("ports")) {
    text += portText(port, details);
  }
  return text;
}

std::string eventText(const Json& event) {
  return "[" + clockOf(event) + "] " + event.at("ifname").get<std::string>() + ": " +
         eventBody(event);
}

}  // namespace redund::cli
