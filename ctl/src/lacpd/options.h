// `redundctl run`: the LACP daemon's options. One Program_options table
// reads the command line and the --config file, so every key is spelled
// the same in both ("--rate fast" or "rate = fast"); the command line wins.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "health/check.h"
#include "lacp/config.h"
#include "lacp/types.h"
#include "util/state_dir.h"

namespace redund::lacpd {

struct RunOptions {
  std::string device{};
  std::optional<std::string> configFile{};
  lacp::Mode mode = lacp::Mode::kActive;
  lacp::Rate rate = lacp::Rate::kSlow;
  uint16_t systemPriority = 65535;
  std::optional<lacp::Mac> systemMac{};  // default: the device's MAC
  uint16_t portPriority = 255;
  std::map<std::string, uint16_t> portPriorities{};  // by port name
  std::optional<uint16_t> key{};                     // default: by link speed
  std::map<std::string, uint16_t> portKeys{};        // by port name
  lacp::SelectionPolicy policy = lacp::SelectionPolicy::kStable;
  unsigned minLinks = 1;
  unsigned maxActivePorts = lacp::kMaxPorts;
  bool fallback = false;
  std::chrono::seconds fallbackTimeout{90};
  // Port checks: each has `via`, the port it probes through and takes out
  // of distributing while it is down.
  std::vector<health::CheckConfig> checks{};
  // Where <dev>.lacp.json goes; empty: no state file.
  std::string stateDir = util::defaultStateDir();
  bool help = false;

  bool operator==(const RunOptions&) const = default;

  // The core's device configuration; `deviceMac` when no system-mac.
  lacp::DeviceConfig deviceConfig(const lacp::Mac& deviceMac) const;
  uint16_t priorityOf(const std::string& port) const;
  // PORT's key if given, else every port's key, else nullopt (by speed).
  std::optional<uint16_t> keyOf(const std::string& port) const;
};

// `args` follow "run". Throws cli::UsageError for any invalid option or
// value, naming it; reads the --config file (Error when unreadable).
RunOptions parseRunOptions(const std::vector<std::string>& args);

std::string_view runUsage();
// What a port check (--check) takes: a subset of the check SPECs, since a
// LAG port check is an ICMP echo sent through one port.
std::string_view portCheckHelp();

// "aa:bb:cc:dd:ee:ff"; nullopt for anything else.
std::optional<lacp::Mac> parseMac(std::string_view text);

}  // namespace redund::lacpd
