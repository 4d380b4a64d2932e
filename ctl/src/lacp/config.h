// What the administrator and the link tell the LACP core: per device and
// per port configuration, and each port's link state.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lacp/types.h"

namespace redund::lacp {

enum class Mode : uint8_t {
  kActive,   // sends LACPDUs unprompted
  kPassive,  // answers an active partner only
};

enum class Rate : uint8_t {
  kFast,  // partner sends every second; short timeout (3 s)
  kSlow,  // partner sends every 30 s; long timeout (90 s)
};

// Which aggregator carries traffic when the ports could form several
// (ports facing different partners, or with different keys or speeds).
// Whatever the policy, an aggregator that meets min_links beats one that
// does not, and ties keep the current one.
enum class SelectionPolicy : uint8_t {
  kStable,     // keep the active aggregator while it can stay up; else as kBandwidth
  kBandwidth,  // most usable bandwidth (speed x ports up to max_active_ports)
  kCount,      // most usable ports
  kPriority,   // best (lowest) partner System ID, then best own port priority
};

inline constexpr unsigned kMaxPorts = 16;

// LACP fallback: a device whose ports hear no LACPDU at all still carries
// traffic on one port, so a host that PXE-boots before its OS configures
// bonding gets a link. See fallback.h for the exact rule.
struct FallbackConfig {
  bool enabled = false;
  Duration timeout = std::chrono::seconds(90);

  bool operator==(const FallbackConfig&) const = default;
};

struct DeviceConfig {
  Mode mode = Mode::kActive;
  Rate rate = Rate::kSlow;
  // The actor System ID: usually the redund device's MAC.
  SystemId system{.priority = 65535, .mac = {}};
  SelectionPolicy policy = SelectionPolicy::kStable;
  // The aggregator carries traffic only with at least this many ports
  // selected (0 counts as 1).
  unsigned minLinks = 1;
  // Ports beyond this many in the aggregator are standby (0: no limit).
  unsigned maxActivePorts = kMaxPorts;
  FallbackConfig fallback{};

  bool operator==(const DeviceConfig&) const = default;
};

struct PortConfig {
  uint32_t ifindex = 0;
  std::string name{};  // for logs and show
  Mac mac{};           // source address of the PDUs sent on the port
  uint16_t priority = 255;
  // LACP port number, non-zero and unique in the device. Default: derived
  // from the ifindex, which a restarted controller derives again.
  std::optional<uint16_t> number{};
  // Operational key. Default: keyForSpeed() of the link speed, so ports of
  // unequal speed never share an aggregator.
  std::optional<uint16_t> key{};

  bool operator==(const PortConfig&) const = default;
};

struct LinkState {
  bool up = false;         // carrier: 802.1AX port_enabled
  uint32_t speedMbps = 0;  // 0: unknown
  bool fullDuplex = true;  // half duplex runs no LACP and never aggregates

  bool operator==(const LinkState&) const = default;
};

// A key per speed class (10M = 1, 100M = 2, 1G = 3, 2.5G = 4, 5G = 5,
// 10G = 6, 20G = 7, 25G = 8, 40G = 9, 50G = 10, 56G = 11, 100G = 12,
// 200G = 13, 400G = 14, 800G = 15); 0 for other speeds, which selection
// still keeps apart by speed.
uint16_t keyForSpeed(uint32_t speedMbps);

// "active" / "passive", "fast" / "slow", "stable" / "bandwidth" / "count" /
// "priority"; the parsers return nullopt for other words.
std::string_view modeName(Mode mode);
std::string_view rateName(Rate rate);
std::string_view policyName(SelectionPolicy policy);
std::optional<Mode> parseMode(std::string_view name);
std::optional<Rate> parseRate(std::string_view name);
std::optional<SelectionPolicy> parsePolicy(std::string_view name);

}  // namespace redund::lacp
