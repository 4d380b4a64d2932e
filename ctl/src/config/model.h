// redundd's configuration as it runs: what /etc/redund/redund.conf
// declares, parsed and checked (file.h). Each protocol object carries the
// same options its one-instance front end takes (`redundctl run`,
// `redundctl vrrp`, `redundctl gateway add`), so both read one table.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "api.h"
#include "health/check.h"
#include "lacpd/options.h"
#include "model.h"
#include "util/state_dir.h"
#include "vrrp/address.h"
#include "vrrpd/options.h"

namespace redund::config {

// Where something was declared: "FILE:LINE:COLUMN" in messages.
struct Position {
  std::string file{};
  uint32_t line = 0;
  uint32_t column = 0;

  std::string text() const;
  bool operator==(const Position&) const = default;
};

struct DeviceConfig {
  std::string name{};
  // Unset: a device redundd creates is active-backup (the kernel's
  // default), one that exists keeps its mode.
  std::optional<Mode> mode{};
  std::optional<Hash> hash{};
  std::optional<uint32_t> minLinks{};
  // Enslaved in this order; a port of another device is moved. Only
  // when declared (ports = [...]): otherwise the ports are left as they are.
  std::vector<std::string> ports{};
  bool portsDeclared = false;
  // lacp mode: the LACP daemon's options (device set, state dir the
  // daemon's).
  std::optional<lacpd::RunOptions> lacp{};
  Position where{};

  bool operator==(const DeviceConfig& other) const {
    return std::tie(name, mode, hash, minLinks, ports, portsDeclared, lacp) ==
           std::tie(other.name, other.mode, other.hash, other.minLinks, other.ports,
                    other.portsDeclared, other.lacp);
  }
};

// A virtual router is known by its device, family and VRID.
struct RouterKey {
  std::string device{};
  vrrp::Family family = vrrp::Family::kIpv4;
  uint8_t vrid = 0;

  // "r0 vrid 5 inet", as the router's log lines start.
  std::string text() const;
  auto operator<=>(const RouterKey&) const = default;
};

struct RouterConfig {
  vrrpd::VrrpOptions options{};
  Position where{};

  RouterKey key() const {
    return {.device = options.device, .family = options.family(), .vrid = options.vrid};
  }
  bool operator==(const RouterConfig& other) const { return options == other.options; }
};

// A gateway the daemon keeps as configured, with no election: all-active
// (every node answers) or anycast.
struct GatewayConfig {
  std::string device{};
  GatewayKey key{};
  GatewaySettings settings{};
  Position where{};

  bool operator==(const GatewayConfig& other) const {
    return std::tie(device, key, settings) == std::tie(other.device, other.key, other.settings);
  }
};

// Routers that change state together (keepalived's vrrp_sync_group).
struct SyncGroup {
  std::string name{};
  std::vector<RouterKey> routers{};
  Position where{};

  bool operator==(const SyncGroup& other) const {
    return std::tie(name, routers) == std::tie(other.name, other.routers);
  }
};

struct Config {
  std::string stateDir = util::defaultStateDir();
  std::map<std::string, DeviceConfig> devices{};
  // Named checks, each probed once, tracked by any router (track-check).
  std::map<std::string, health::CheckConfig> checks{};
  std::map<RouterKey, RouterConfig> routers{};
  std::vector<GatewayConfig> gateways{};
  std::vector<SyncGroup> syncGroups{};

  bool operator==(const Config&) const = default;
};

}  // namespace redund::config
