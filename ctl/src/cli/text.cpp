#include "cli/text.h"

#include <vector>

#include "cli/lacp_view.h"
#include "cli/vrrp_view.h"

namespace redund::cli {
namespace {

std::string upDown(const Json& value) { return value.get<bool>() ? "up" : "down"; }

std::string nameOrNone(const Json& value) {
  return value.is_null() ? "none" : value.get<std::string>();
}

std::string number(const Json& value) { return std::to_string(value.get<uint64_t>()); }

bool isTrue(const Json& object, const char* key) {
  return object.contains(key) && object.at(key).get<bool>();
}

std::string join(const std::vector<std::string>& words, const char* separator) {
  std::string text;
  for (const std::string& word : words) {
    text += (text.empty() ? "" : separator) + word;
  }
  return text;
}

// "mode balance carrier up ports 2 hash l3+4 min-links 0 tx-ports 2"; the
// active port only where there is one to speak of (active-backup mode).
std::string deviceState(const Json& device) {
  const auto mode = device.at("mode").get<std::string>();
  std::string text = "mode " + mode;
  text += " carrier " + upDown(device.at("carrier"));
  text += " ports " + number(device.at("num_ports"));
  if (mode == "active-backup" || !device.at("active_port").is_null()) {
    text += " active " + nameOrNone(device.at("active_port"));
  }
  if (device.contains("hash")) {
    text += " hash " + device.at("hash").get<std::string>();
  }
  if (device.contains("min_links")) {
    text += " min-links " + number(device.at("min_links"));
  }
  if (device.contains("tx_ports")) {
    text += " tx-ports " + number(device.at("tx_ports"));
  }
  return text;
}

// "collecting", "distributing": present when on.
std::vector<std::string> flagWords(const Json& port) {
  std::vector<std::string> words;
  for (const char* flag : {"collecting", "distributing"}) {
    if (isTrue(port, flag)) {
      words.emplace_back(flag);
    }
  }
  return words;
}

// "speed 10000Mb/s full" (or "speed unknown"), empty from older modules.
std::string linkWords(const Json& port) {
  std::string text;
  if (port.contains("speed")) {
    const Json& speed = port.at("speed");
    text = "speed " + (speed.is_null() ? std::string("unknown") : number(speed) + "Mb/s");
  }
  if (port.contains("duplex") && !port.at("duplex").is_null()) {
    text += (text.empty() ? "" : " ") + port.at("duplex").get<std::string>();
  }
  return text;
}

std::string statsText(const Json& stats) {
  std::string text = "       ";
  for (const char* dir : {"rx", "tx"}) {
    text += std::string(" ") + dir;
    for (const char* counter : {"packets", "bytes", "drops"}) {
      text += std::string(" ") + counter + " " + number(stats.at(std::string(dir) + "_" + counter));
    }
  }
  return text + "\n";
}

std::string portText(const Json& port, bool activeBackup, const GlobalOptions& opts) {
  std::string line = "    " + port.at("ifname").get<std::string>() + ":";
  if (opts.details) {
    line += " ifindex " + number(port.at("ifindex"));
  }
  line += " carrier " + upDown(port.at("carrier"));
  if (port.at("active").get<bool>()) {
    line += " active";
  } else if (activeBackup) {
    line += " backup";
  }
  line += " link_failures " + number(port.at("link_failures"));
  for (const std::string& flag : flagWords(port)) {
    line += " " + flag;
  }
  if (port.contains("tx_buckets")) {
    line += " buckets " + number(port.at("tx_buckets"));
  }
  if (const std::string link = linkWords(port); !link.empty()) {
    line += " " + link;
  }
  line += "\n";
  if (opts.stats && port.contains("stats")) {
    line += statsText(port.at("stats"));
  }
  line += lacpPortText(port);
  return line;
}

// "vrid 5 inet".
std::string gatewayName(const Json& gw) {
  return "vrid " + number(gw.at("vrid")) + " " + gw.at("family").get<std::string>();
}

std::string ownerWords(const Json& gw) {
  const auto owner = gw.at("owner").get<uint32_t>();
  return "owner " + (owner == 0 ? std::string("none") : std::to_string(owner));
}

std::string addressWords(const Json& gw) {
  std::vector<std::string> addresses;
  for (const Json& address : gw.at("addresses")) {
    addresses.push_back(address.get<std::string>());
  }
  return "address " + (addresses.empty() ? std::string("none") : join(addresses, " "));
}

// "off" or "30000ms".
std::string refreshWords(const Json& ms) {
  return ms.get<uint64_t>() == 0 ? std::string("off") : number(ms) + "ms";
}

std::string persistWords(const Json& gw) {
  return std::string("persist ") + (gw.at("persist").get<bool>() ? "on" : "off");
}

// "state master mac 00:00:5e:00:01:05 address 10.0.0.100 persist on owner none".
std::string gatewaySummary(const Json& gw) {
  return "state " + gw.at("state").get<std::string>() + " mac " + gw.at("mac").get<std::string>() +
         " " + addressWords(gw) + " " + persistWords(gw) + " " + ownerWords(gw);
}

std::string gatewayEventBody(const std::string& kind, const Json& event) {
  const Json& gw = event.at("gateway");
  const std::string prefix = "gateway " + gatewayName(gw);
  if (kind == "gw_del") {
    return prefix + " removed: mac " + gw.at("mac").get<std::string>();
  }
  if (kind == "gw_new") {
    return prefix + " added: " + gatewaySummary(gw);
  }
  return prefix + " changed (" + event.at("reason").get<std::string>() + "): " + gatewaySummary(gw);
}

// "HH:MM:SS.mmm" out of the ISO 8601 "time".
std::string clockOf(const Json& event) {
  const auto time = event.at("time").get<std::string>();
  constexpr std::size_t kStart = 11;
  constexpr std::size_t kLength = 12;
  return time.size() >= kStart + kLength ? time.substr(kStart, kLength) : time;
}

std::string onOff(const Json& port, const char* flag) {
  return std::string(flag) + " " + (isTrue(port, flag) ? "on" : "off");
}

std::string eventBody(const Json& event) {
  auto kind = event.at("event").get<std::string>();
  if (kind == "dev_new") {
    return "device added";
  }
  if (kind == "dev_del") {
    return "device removed";
  }
  if (kind == "dev_change") {
    return "device changed (" + deviceState(event) + ")";
  }
  if (kind == "active_changed") {
    return "active port " + nameOrNone(event.at("active_port")) + " (" +
           event.at("reason").get<std::string>() + ")";
  }
  if (kind.starts_with("gw_")) {
    return gatewayEventBody(kind, event);
  }
  const Json& port = event.at("port");
  const std::string prefix = "port " + port.at("ifname").get<std::string>();
  std::vector<std::string> details;
  if (port.contains("link_failures")) {
    details.push_back("link_failures " + number(port.at("link_failures")));
  }
  for (std::string& flag : flagWords(port)) {
    details.push_back(std::move(flag));
  }
  if (kind == "port_new") {
    // Older modules know only active-backup mode, where a port that is not
    // active is a backup; newer ones tell by collecting and distributing.
    const bool active = port.at("active").get<bool>();
    if (active || !port.contains("collecting")) {
      details.insert(details.begin(), active ? "active" : "backup");
    }
    details.insert(details.begin(), "carrier " + upDown(port.at("carrier")));
    return prefix + " added (" + join(details, ", ") + ")";
  }
  if (kind == "port_del") {
    return prefix + " removed";
  }
  if (kind == "port_carrier") {
    return prefix + " carrier " + upDown(port.at("carrier")) + " (" + join(details, ", ") + ")";
  }
  if (kind == "port_change") {
    return prefix + " " + onOff(port, "collecting") + " " + onOff(port, "distributing");
  }
  return kind;
}

}  // namespace

std::string deviceText(const Json& device, const GlobalOptions& opts) {
  std::string text = device.at("ifname").get<std::string>() + ":";
  if (opts.details) {
    text += " ifindex " + number(device.at("ifindex"));
  }
  text += " " + deviceState(device) + "\n";
  text += lacpDeviceText(device);
  text += vrrpDeviceText(device);
  const bool activeBackup = device.at("mode") == "active-backup";
  for (const Json& port : device.at("ports")) {
    text += portText(port, activeBackup, opts);
  }
  if (device.contains("gateways")) {
    for (const Json& gw : device.at("gateways")) {
      text += "    gateway " + gatewayName(gw) + ": state " + gw.at("state").get<std::string>() +
              " " + addressWords(gw) + "\n";
    }
  }
  return text;
}

std::string gatewayText(const Json& gw) {
  std::string text = gw.at("ifname").get<std::string>() + " " + gatewayName(gw) + ": state " +
                     gw.at("state").get<std::string>() + " mac " + gw.at("mac").get<std::string>() +
                     " " + persistWords(gw) + " " + ownerWords(gw) + "\n";
  text += "    " + addressWords(gw) + "\n";
  text += "    announce-count " + number(gw.at("announce_count")) + " announce-interval " +
          number(gw.at("announce_interval_ms")) + "ms refresh " +
          refreshWords(gw.at("refresh_interval_ms")) + "\n";
  if (gw.contains("release") && !gw.at("release").is_null()) {
    const Json& release = gw.at("release");
    const auto known = [&](const char* key, const std::string& prefix, const char* unit) {
      return release.at(key).is_null() ? std::string("?") : prefix + number(release.at(key)) + unit;
    };
    text += "    release if the owner dies as master: " + known("version", "v", "") + " " +
            known("interval_ms", "", "ms") + " from " + release.at("source").get<std::string>() +
            "\n";
  }
  if (gw.contains("stats")) {
    // Requests dropped as invalid get a line of their own, with only the
    // counters of the gateway's family: the others cannot move.
    const std::string own = gw.at("family") == "inet" ? "arp_bad_" : "ns_";
    std::vector<std::string> counters;
    std::vector<std::string> invalid;
    for (const auto& [name, value] : gw.at("stats").items()) {
      if (!name.starts_with("arp_bad_") && !name.starts_with("ns_")) {
        counters.push_back(name + " " + number(value));
      } else if (name.starts_with(own)) {
        invalid.push_back(name + " " + number(value));
      }
    }
    text += "    " + join(counters, " ") + "\n";
    text += "    invalid: " + join(invalid, " ") + "\n";
  }
  return text;
}

// "redundd vrrp r1 vrid 5 inet: backup -> master (DETAIL)"
std::string noticeBody(const Json& notice) {
  const auto text = [&](const char* key) { return notice.at(key).get<std::string>(); };
  std::string body = "redundd " + text("kind") + " " + text("object") + ": ";
  body += text("from").empty() ? text("to") : text("from") + " -> " + text("to");
  if (!text("detail").empty()) {
    body += " (" + text("detail") + ")";
  }
  return body;
}

std::string eventText(const Json& event) {
  if (event.at("event") == "redundd") {
    return "[" + clockOf(event) + "] " + noticeBody(event);
  }
  return "[" + clockOf(event) + "] " + event.at("ifname").get<std::string>() + ": " +
         eventBody(event);
}

}  // namespace redund::cli
