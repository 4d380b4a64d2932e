// /etc/redund/redund.conf, TOML:
//
//   [daemon]                  state-dir
//   [check.NAME]              target = "icmp:ADDR" | "tcp:ADDR:PORT" | URL,
//                             and the keys of a --check SPEC (interval,
//                             timeout, rise, fall, weight, source, ...)
//   [device.DEV]              mode, hash, min-links (as `redundctl dev set`),
//                             ports = [ "eth1", ... ]
//   [device.DEV.lacp]         the options of `redundctl run` (lacp mode),
//                             and track-check = [ "NAME", ... ]: named ICMP
//                             checks probed through every port
//   [[device.DEV.vrrp]]       the options of `redundctl vrrp`, and
//                             track-check = [ "NAME[=WEIGHT]", ... ]
//   [[device.DEV.gateway]]    the keywords of `redundctl gateway add`
//   [sync-group.NAME]         routers = [ "DEV:VRID[:inet|inet6]", ... ]
//
// Keys are spelled as the options of those commands, and each table is
// read by that command's own option table, so the two never differ. A
// value is a string, an integer, a boolean (on/off) or, for a repeatable
// option, an array of them. Unknown keys are errors.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/model.h"
#include "error.h"

namespace redund::config {

struct ConfigError {
  Position where{};
  std::string message{};

  // "FILE:LINE:COLUMN: MESSAGE"
  std::string text() const;
  bool operator==(const ConfigError&) const = default;
};

// Every error found in one file; what() lists them one per line.
class ConfigErrors : public Error {
 public:
  explicit ConfigErrors(std::vector<ConfigError> errors);
  const std::vector<ConfigError>& errors() const { return errors_; }

 private:
  std::vector<ConfigError> errors_;
};

inline constexpr std::string_view kDefaultConfigPath = "/etc/redund/redund.conf";

// Throws ConfigErrors with every error in the file (or the one that it
// cannot be read).
Config readConfig(const std::string& path);
// The same from text; `path` names it in positions.
Config parseConfig(std::string_view text, const std::string& path);

}  // namespace redund::config
