#include "cli/show.h"

#include <cerrno>
#include <chrono>
#include <set>
#include <string>
#include <utility>

#include "cli/errors.h"
#include "cli/lacp_view.h"
#include "cli/lookup.h"
#include "cli/text.h"
#include "cli/view.h"
#include "cli/vrrp_view.h"
#include "control/client.h"

namespace redund::cli {
namespace {

// The gateways of `devIfindex` (or of every device); none from a module
// without virtual gateways.
std::vector<GatewayInfo> gatewaysOf(RedundApi& api, std::optional<uint32_t> devIfindex,
                                    const std::string& context) {
  try {
    return api.listGateways(devIfindex);
  } catch (const KernelError& e) {
    if (e.code() == EOPNOTSUPP) {
      return {};
    }
    throw Error(context + ": " + e.what());
  } catch (const ProtocolError& e) {
    throw Error(context + ": " + e.what());
  }
}

// "gateways" in each device view that has any: the keys of gatewayView
// from "vrid" on.
void mergeGateways(Json& devices, const std::vector<GatewayInfo>& gateways, const NameOf& nameOf) {
  for (Json& device : devices) {
    for (const GatewayInfo& gw : gateways) {
      if (device.at("ifindex") == gw.ifindex) {
        Json view = gatewayView(gw, nameOf);
        view.erase("ifname");
        view.erase("ifindex");
        device["gateways"].push_back(std::move(view));
      }
    }
  }
}

// LACP and VRRP state for one device view: what redundd runs from its
// status, the rest from the state files of the one-instance daemons.
void mergeDaemonState(Json& device, const std::optional<Json>& services,
                      const std::string& stateDir) {
  const Json& ifname = device.at("ifname");
  std::optional<Json> lacp;
  std::vector<Json> routers;
  if (services && services->is_object()) {
    for (const Json& entry : services->value("lacp", Json::array())) {
      if (entry.is_object() && entry.value("device", Json()) == ifname) {
        lacp = entry;
      }
    }
    for (const Json& entry : services->value("vrrp", Json::array())) {
      if (entry.is_object() && entry.value("device", Json()) == ifname) {
        for (const Json& router : entry.value("routers", Json::array())) {
          if (router.is_object()) {
            routers.push_back(router);
          }
        }
      }
    }
  }
  if (lacp) {
    if (device.value("mode", "") == "lacp") {
      mergeLacp(device, *lacp);
    }
  } else {
    mergeLacpStatus(device, stateDir);
  }
  // redundd writes state files for its routers too: the live ones win.
  std::set<std::pair<int, std::string>> live;
  for (const Json& router : routers) {
    live.emplace(router.value("vrid", 0), router.value("family", ""));
  }
  for (Json& router : vrrpStateFiles(ifname.get<std::string>(), stateDir)) {
    if (!live.contains({router.value("vrid", 0), router.value("family", "")})) {
      routers.push_back(std::move(router));
    }
  }
  mergeVrrp(device, std::move(routers));
}

}  // namespace

std::optional<Json> askRedundd() {
  try {
    control::Reply reply =
        control::ask({.command = control::Command::kStatus}, std::chrono::seconds(5));
    if (reply.ok && reply.services.is_object()) {
      return std::move(reply.services);
    }
  } catch (const Error&) {
    // No redundd here, or not for this user: the state files are all.
  }
  return std::nullopt;
}

ShowCommand parseShow(std::span<const std::string> words) {
  ShowCommand cmd;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string dev = words[i];
    if (dev == "dev") {
      if (++i == words.size()) {
        throw UsageError("show: \"dev\" needs a device name");
      }
      dev = words[i];
    }
    if (cmd.dev) {
      throw UsageError("show: unexpected argument \"" + words[i] + "\"");
    }
    cmd.dev = dev;
  }
  return cmd;
}

void runShow(RedundApi& api, const ShowCommand& cmd, const GlobalOptions& opts, std::ostream& out) {
  const NameOf nameOf = [&](uint32_t ifindex) { return displayName(api, ifindex); };
  Json devices = Json::array();
  if (cmd.dev) {
    const std::string context = "show " + *cmd.dev;
    const DeviceInfo dev = redundDevice(api, *cmd.dev, context);
    const auto ports = withContext(context, [&] { return api.listPorts(dev.ifindex); });
    devices.push_back(deviceView(dev, ports, nameOf));
    mergeGateways(devices, gatewaysOf(api, dev.ifindex, context), nameOf);
  } else {
    for (const DeviceInfo& dev : withContext("show", [&] { return api.listDevices(); })) {
      std::vector<PortInfo> ports;
      try {
        ports = api.listPorts(dev.ifindex);
      } catch (const KernelError& e) {
        if (e.code() == ENODEV) {
          continue;  // removed since the device dump
        }
        throw Error("show: " + displayName(api, dev.ifindex, dev.ifname) + ": " + e.what());
      }
      devices.push_back(deviceView(dev, ports, nameOf));
    }
    mergeGateways(devices, gatewaysOf(api, std::nullopt, "show"), nameOf);
  }
  const std::optional<Json> services = cmd.daemonStatus ? cmd.daemonStatus() : std::nullopt;
  for (Json& device : devices) {
    mergeDaemonState(device, services, cmd.stateDir);
  }
  if (opts.json) {
    out << dumpJson(devices, opts.pretty) << '\n';
    return;
  }
  for (const Json& device : devices) {
    out << deviceText(device, opts);
  }
}

}  // namespace redund::cli
