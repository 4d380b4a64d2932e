// `redundctl vrrp`: the VRRP daemon's options, one virtual router per
// process. One Program_options table reads the command line and the
// --config file ("--priority 150" or "priority = 150"); the command line
// wins.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "health/check.h"
#include "util/state_dir.h"
#include "vrrp/address.h"
#include "vrrp/config.h"

namespace redund::vrrpd {

struct VrrpOptions {
  std::string device{};
  std::optional<std::string> configFile{};
  uint8_t vrid = 0;
  vrrp::Version version = vrrp::Version::kV3;
  uint8_t priority = vrrp::kDefaultPriority;
  std::vector<vrrp::IpAddress> addresses{};
  std::chrono::milliseconds interval{1000};
  bool preempt = true;
  std::chrono::milliseconds preemptDelay{0};
  // On: the virtual IPs are put on DEV while the daemon runs.
  bool accept = true;
  std::optional<vrrp::IpAddress> primaryAddress{};  // default: found on DEV
  bool pseudoHeader = true;
  std::vector<vrrp::IpAddress> unicastPeers{};
  std::vector<vrrp::TrackConfig> trackedInterfaces{};
  // Tracked too, under their names, from start counted as down.
  std::vector<health::CheckConfig> checks{};
  std::optional<std::string> notify{};
  std::chrono::milliseconds notifyTimeout{10000};
  // Cold standby: run before taking the addresses as master; they are
  // taken once it exits 0 within claimTimeout.
  std::optional<std::string> claimHook{};
  std::chrono::milliseconds claimTimeout{30000};
  std::optional<uint32_t> announceCount{};
  std::optional<std::chrono::milliseconds> announceInterval{};
  std::string stateDir = util::defaultStateDir();
  bool help = false;

  bool operator==(const VrrpOptions&) const = default;

  vrrp::Family family() const { return addresses.front().family(); }
  // The core's configuration, with the primary address the daemon found.
  vrrp::RouterConfig routerConfig(const vrrp::IpAddress& primary) const;
  // The tracked interfaces, then the checks.
  std::vector<vrrp::TrackConfig> tracked() const;
  // "r0 vrid 5 inet": the prefix of every log line.
  std::string name() const;
};

// The tracked object a failed claim hook holds down (weight 0: Fault).
inline constexpr std::string_view kClaimTrack = "claim-hook";

// "inet" or "inet6", as ip(8) and the state file name spell them.
std::string_view familyKeyword(vrrp::Family family);

// `args` follow "vrrp". Throws cli::UsageError for an invalid or missing
// option, naming it; Error when the --config file cannot be read.
VrrpOptions parseVrrpOptions(const std::vector<std::string>& args);

std::string_view vrrpUsage();

}  // namespace redund::vrrpd
