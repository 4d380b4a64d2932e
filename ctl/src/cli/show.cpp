#include "cli/show.h"

#include <cerrno>

#include "cli/errors.h"
#include "cli/lacp_view.h"
#include "cli/lookup.h"
#include "cli/text.h"
#include "cli/view.h"
#include "cli/vrrp_view.h"

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

}  // namespace

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
  for (Json& device : devices) {
    mergeLacpStatus(device, cmd.stateDir);
    mergeVrrpStatus(device, cmd.stateDir);
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
