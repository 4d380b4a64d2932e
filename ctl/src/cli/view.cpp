#include "cli/view.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace redund::cli {
namespace {

std::string nameOr(const std::string& known, uint32_t ifindex, const NameOf& nameOf) {
  return known.empty() ? nameOf(ifindex) : known;
}

}  // namespace

Json portView(const PortInfo& port, const NameOf& nameOf) {
  return {
      {"ifname", nameOr(port.ifname, port.ifindex, nameOf)},
      {"ifindex", port.ifindex},
      {"carrier", port.carrier},
      {"active", port.active},
      {"link_failures", port.linkFailures},
  };
}

Json deviceView(const DeviceInfo& dev, const std::vector<PortInfo>& ports, const NameOf& nameOf) {
  Json view = {
      {"ifname", nameOr(dev.ifname, dev.ifindex, nameOf)},
      {"ifindex", dev.ifindex},
      {"mode", modeName(dev.mode)},
      {"carrier", dev.carrier},
      {"num_ports", dev.numPorts},
      {"active_port", nullptr},
      {"ports", Json::array()},
  };
  if (dev.activePort) {
    std::string name;
    for (const PortInfo& port : ports) {
      if (port.ifindex == *dev.activePort) {
        name = port.ifname;
      }
    }
    view["active_port"] = nameOr(name, *dev.activePort, nameOf);
  }
  for (const PortInfo& port : ports) {
    view["ports"].push_back(portView(port, nameOf));
  }
  return view;
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
