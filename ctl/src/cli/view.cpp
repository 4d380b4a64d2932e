#include "cli/view.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <variant>

#include "vrrp/advert.h"

namespace redund::cli {
namespace {

std::string nameOr(const std::string& known, uint32_t ifindex, const NameOf& nameOf) {
  return known.empty() ? nameOf(ifindex) : known;
}

// Attributes an older module does not send are left out, not null.
template <typename T>
void putIf(Json& view, const char* key, const std::optional<T>& value) {
  if (value) {
    view[key] = *value;
  }
}

Json speedView(uint32_t speed) { return speed == kSpeedUnknown ? Json(nullptr) : Json(speed); }

Json duplexView(Duplex duplex) {
  return duplex == Duplex::kHalf || duplex == Duplex::kFull ? Json(duplexName(duplex))
                                                            : Json(nullptr);
}

Json statsView(const PortStats& stats) {
  return {
      {"rx_packets", stats.rxPackets}, {"rx_bytes", stats.rxBytes}, {"rx_drops", stats.rxDrops},
      {"tx_packets", stats.txPackets}, {"tx_bytes", stats.txBytes}, {"tx_drops", stats.txDrops},
  };
}

Json gatewayStatsView(const GatewayStats& stats) {
  return {
      {"arp_replies", stats.arpReplies},
      {"na_sent", stats.naSent},
      {"announces", stats.announces},
      {"rx_vmac", stats.rxVmac},
      {"rx_drops", stats.rxDrops},
      {"tx_drops", stats.txDrops},
      {"arp_bad_sender_mac", stats.arpBadSenderMac},
      {"arp_bad_sender_ip", stats.arpBadSenderIp},
      {"ns_bad_source", stats.nsBadSource},
      {"ns_bad_option", stats.nsBadOption},
      {"ns_dad_bad_dest", stats.nsDadBadDest},
      {"ns_dad_sllao", stats.nsDadSllao},
      {"releases", stats.releases},
  };
}

// What the module would send for a master left by its owner, decoded:
// null when none is set. A v3 IPv4 advert checksummed as v2's
// (keepalived's v3_checksum_as_v2) decodes on the second try.
Json releaseView(const GatewayInfo& gw) {
  if (!gw.release) {
    return nullptr;
  }
  const GatewayRelease& release = *gw.release;
  Json view = {
      {"source", release.source.toString()}, {"version", nullptr}, {"interval_ms", nullptr}};
  const vrrp::IpAddress group = vrrp::multicastGroup(gw.key.family);
  for (const bool pseudoHeader : {true, false}) {
    const auto decoded = vrrp::decode(release.advert, release.source, group, pseudoHeader);
    if (const auto* advert = std::get_if<vrrp::Advert>(&decoded)) {
      view["version"] = advert->version == vrrp::Version::kV2 ? 2 : 3;
      view["interval_ms"] = std::chrono::milliseconds(advert->interval).count();
      break;
    }
  }
  return view;
}

// "vrid" ... "stats"; only "vrid", "family" and "mac" unless `full`.
void putGateway(Json& view, const GatewayInfo& gw, bool full) {
  view["vrid"] = gw.key.vrid;
  view["family"] = gatewayFamilyName(gw.key.family);
  view["mac"] = macText(gw.mac);
  if (!full) {
    return;
  }
  view["state"] = gatewayStateName(gw.state);
  view["addresses"] = Json::array();
  for (const vrrp::IpAddress& address : gw.addresses) {
    view["addresses"].push_back(address.toString());
  }
  view["announce_count"] = gw.announceCount;
  view["announce_interval_ms"] = gw.announceIntervalMs;
  view["refresh_interval_ms"] = gw.refreshIntervalMs;
  view["persist"] = gw.persist;
  view["owner"] = gw.owner;
  view["release"] = releaseView(gw);
  if (gw.stats) {
    view["stats"] = gatewayStatsView(*gw.stats);
  }
}

// "mode" ... "tx_ports": the device state of DEV_GET and DEV_CHANGE_NTF.
void putDeviceState(Json& view, const DeviceInfo& dev, const std::string& activeName) {
  view["mode"] = modeName(dev.mode);
  view["carrier"] = dev.carrier;
  view["num_ports"] = dev.numPorts;
  view["active_port"] = dev.activePort ? Json(activeName) : Json(nullptr);
  if (dev.hash) {
    view["hash"] = hashName(*dev.hash);
  }
  putIf(view, "min_links", dev.minLinks);
  putIf(view, "tx_ports", dev.txPorts);
}

}  // namespace

Json portView(const PortInfo& port, const NameOf& nameOf) {
  Json view = {
      {"ifname", nameOr(port.ifname, port.ifindex, nameOf)},
      {"ifindex", port.ifindex},
      {"carrier", port.carrier},
      {"active", port.active},
      {"link_failures", port.linkFailures},
  };
  putIf(view, "collecting", port.collecting);
  putIf(view, "distributing", port.distributing);
  putIf(view, "tx_buckets", port.txBuckets);
  if (port.speed) {
    view["speed"] = speedView(*port.speed);
  }
  if (port.duplex) {
    view["duplex"] = duplexView(*port.duplex);
  }
  if (port.stats) {
    view["stats"] = statsView(*port.stats);
  }
  return view;
}

Json deviceView(const DeviceInfo& dev, const std::vector<PortInfo>& ports, const NameOf& nameOf) {
  Json view = {
      {"ifname", nameOr(dev.ifname, dev.ifindex, nameOf)},
      {"ifindex", dev.ifindex},
  };
  std::string activeName;
  if (dev.activePort) {
    for (const PortInfo& port : ports) {
      if (port.ifindex == *dev.activePort) {
        activeName = port.ifname;
      }
    }
    activeName = nameOr(activeName, *dev.activePort, nameOf);
  }
  putDeviceState(view, dev, activeName);
  view["ports"] = Json::array();
  for (const PortInfo& port : ports) {
    view["ports"].push_back(portView(port, nameOf));
  }
  return view;
}

Json gatewayView(const GatewayInfo& gw, const NameOf& nameOf) {
  Json view = {
      {"ifname", nameOr(gw.ifname, gw.ifindex, nameOf)},
      {"ifindex", gw.ifindex},
  };
  putGateway(view, gw, true);
  return view;
}

Json noticeView(const runtime::Notice& notice, std::chrono::system_clock::time_point time) {
  return {{"event", "redundd"},      {"time", isoTime(time)}, {"kind", notice.kind},
          {"object", notice.object}, {"from", notice.from},   {"to", notice.to},
          {"detail", notice.detail}};
}

Json eventView(const Event& event, const NameOf& nameOf) {
  Json view = {
      {"event", eventName(event.kind)},
      {"time", isoTime(event.time)},
      {"ifname", nameOr(event.ifname, event.ifindex, nameOf)},
      {"ifindex", event.ifindex},
  };
  switch (event.kind) {
    case EventKind::kDevNew:
    case EventKind::kDevDel:
      break;
    case EventKind::kPortNew:
    case EventKind::kPortCarrier:
    case EventKind::kPortChange:
      view["port"] = portView(event.port, nameOf);
      break;
    case EventKind::kPortDel:
      view["port"] = {
          {"ifname", nameOr(event.port.ifname, event.port.ifindex, nameOf)},
          {"ifindex", event.port.ifindex},
      };
      break;
    case EventKind::kActiveChanged:
      view["active_port"] = nullptr;
      view["active_port_ifindex"] = nullptr;
      if (event.activePort) {
        view["active_port"] = nameOf(*event.activePort);
        view["active_port_ifindex"] = *event.activePort;
      }
      view["reason"] = reasonName(event.reason);
      break;
    case EventKind::kDevChange:
      putDeviceState(view, event.device,
                     event.device.activePort ? nameOf(*event.device.activePort) : "");
      break;
    case EventKind::kGwNew:
    case EventKind::kGwDel:
    case EventKind::kGwChange:
      view["gateway"] = Json::object();
      putGateway(view["gateway"], event.gateway, event.kind != EventKind::kGwDel);
      if (event.kind == EventKind::kGwChange) {
        view["reason"] = reasonName(event.reason);
      }
      break;
  }
  return view;
}

std::string isoTime(std::chrono::system_clock::time_point time) {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  const auto millis = duration_cast<milliseconds>(time.time_since_epoch()).count() % 1000;
  std::tm local{};
  localtime_r(&seconds, &local);
  std::array<char, 64> text{};
  const std::size_t len = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &local);
  const long offsetMinutes = local.tm_gmtoff / 60;
  std::array<char, 32> suffix{};
  std::snprintf(suffix.data(), suffix.size(), ".%03lld%c%02ld:%02ld",
                static_cast<long long>(millis), offsetMinutes < 0 ? '-' : '+',
                std::labs(offsetMinutes) / 60, std::labs(offsetMinutes) % 60);
  return std::string(text.data(), len) + suffix.data();
}

std::string dumpJson(const Json& json, bool pretty) {
  // Interface names are bytes, not necessarily UTF-8.
  return json.dump(pretty ? 4 : -1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace redund::cli
