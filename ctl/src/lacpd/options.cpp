#include "lacpd/options.h"

#include <charconv>
#include <set>

#include <boost/program_options.hpp>

#include "cli/errors.h"
#include "config/option_values.h"
#include "health/check_spec.h"

namespace redund::lacpd {
namespace {

namespace po = boost::program_options;
using cli::UsageError;
using config::duration;
using config::expected;
using config::number;
using config::onOff;
using config::ParsedOptions;

struct RawOptions {
  std::string device;
  std::string config;
  std::string mode;
  std::string rate;
  std::string systemPriority;
  std::string systemMac;
  std::string selection;
  std::string minLinks;
  std::string maxActivePorts;
  std::string fallback;
  std::string fallbackTimeout;
  std::string stateDir;
};

// The one table: every option the command line and the config file know.
po::options_description optionTable(RawOptions& raw) {
  po::options_description table("Options (command line, or KEY = VALUE in the --config file)");
  table.add_options()                                                      //
      ("device", po::value(&raw.device), "the redund device (lacp mode)")  //
      ("config,c", po::value(&raw.config), "read options from FILE")       //
      ("mode", po::value(&raw.mode), "active | passive (default active)")  //
      ("rate", po::value(&raw.rate),
       "fast | slow: LACPDU rate asked of the partner (default slow)")                            //
      ("system-priority", po::value(&raw.systemPriority), "0-65535 (default 65535)")              //
      ("system-mac", po::value(&raw.systemMac), "XX:XX:XX:XX:XX:XX (default: the device's MAC)")  //
      ("port-priority", po::value<std::vector<std::string>>()->composing(),
       "N (every port, default 255) or PORT=N; repeatable")  //
      ("key", po::value<std::vector<std::string>>()->composing(),
       "N (every port, 1-65535, default: by speed) or PORT=N; repeatable")  //
      ("selection", po::value(&raw.selection),
       "stable | bandwidth | count | priority (default stable)")                              //
      ("min-links", po::value(&raw.minLinks), "0-16 ports the aggregate needs (default 1)")   //
      ("max-active-ports", po::value(&raw.maxActivePorts), "0-16, 0: no limit (default 16)")  //
      ("fallback", po::value(&raw.fallback), "on | off: LACP fallback (default off)")         //
      ("fallback-timeout", po::value(&raw.fallbackTimeout), "1-3600 seconds (default 90)")    //
      ("check", po::value<std::vector<std::string>>()->composing(),
       "port check SPEC with via=PORT; repeatable")  //
      ("state-dir", po::value(&raw.stateDir),
       "directory for DEV.lacp.json, \"\" for none (default /run/redund/net-INODE)");
  return table;
}

// "N" or "PORT=N", in order: later ones win. `all` gets N, `byPort` PORT's.
template <typename T>
void applyPerPort(std::string_view name, const std::vector<std::string>& values, unsigned min,
                  T& all, std::map<std::string, uint16_t>& byPort) {
  for (const std::string& value : values) {
    const auto eq = value.find('=');
    if (eq == std::string::npos) {
      all = static_cast<uint16_t>(number(name, value, min, 65535));
      continue;
    }
    const std::string port = value.substr(0, eq);
    if (port.empty()) {
      throw UsageError(expected(name, value, "N or PORT=N"));
    }
    byPort[port] = static_cast<uint16_t>(number(name, value.substr(eq + 1), min, 65535));
  }
}

void validate(const RawOptions& raw, const ParsedOptions& vm, RunOptions& opts) {
  if (raw.device.empty()) {
    throw UsageError("missing DEV");
  }
  opts.device = raw.device;
  if (vm.has("mode")) {
    const auto mode = lacp::parseMode(raw.mode);
    if (!mode) {
      throw UsageError(expected("mode", raw.mode, "active or passive"));
    }
    opts.mode = *mode;
  }
  if (vm.has("rate")) {
    const auto rate = lacp::parseRate(raw.rate);
    if (!rate) {
      throw UsageError(expected("rate", raw.rate, "fast or slow"));
    }
    opts.rate = *rate;
  }
  if (vm.has("system-priority")) {
    opts.systemPriority =
        static_cast<uint16_t>(number("system-priority", raw.systemPriority, 0, 65535));
  }
  if (vm.has("system-mac")) {
    opts.systemMac = parseMac(raw.systemMac);
    if (!opts.systemMac || ((*opts.systemMac)[0] & 1U) != 0 || *opts.systemMac == lacp::Mac{}) {
      throw UsageError(
          expected("system-mac", raw.systemMac, "a unicast MAC such as 02:00:00:00:00:01"));
    }
  }
  if (vm.has("selection")) {
    const auto policy = lacp::parsePolicy(raw.selection);
    if (!policy) {
      throw UsageError(
          expected("selection", raw.selection, "stable, bandwidth, count or priority"));
    }
    opts.policy = *policy;
  }
  if (vm.has("min-links")) {
    opts.minLinks = number("min-links", raw.minLinks, 0, lacp::kMaxPorts);
  }
  if (vm.has("max-active-ports")) {
    opts.maxActivePorts = number("max-active-ports", raw.maxActivePorts, 0, lacp::kMaxPorts);
  }
  if (opts.maxActivePorts != 0 && opts.minLinks > opts.maxActivePorts) {
    throw UsageError("min-links " + std::to_string(opts.minLinks) + " exceeds max-active-ports " +
                     std::to_string(opts.maxActivePorts) + ": the aggregate could never be up");
  }
  if (vm.has("fallback")) {
    opts.fallback = onOff("fallback", raw.fallback);
  }
  if (vm.has("fallback-timeout")) {
    opts.fallbackTimeout =
        std::chrono::seconds(number("fallback-timeout", raw.fallbackTimeout, 1, 3600));
  }
  if (vm.has("state-dir")) {
    opts.stateDir = raw.stateDir;
  }
}

}  // namespace

lacp::DeviceConfig RunOptions::deviceConfig(const lacp::Mac& deviceMac) const {
  return {.mode = mode,
          .rate = rate,
          .system = {.priority = systemPriority, .mac = systemMac.value_or(deviceMac)},
          .policy = policy,
          .minLinks = minLinks,
          .maxActivePorts = maxActivePorts,
          .fallback = {.enabled = fallback, .timeout = fallbackTimeout}};
}

uint16_t RunOptions::priorityOf(const std::string& port) const {
  const auto it = portPriorities.find(port);
  return it != portPriorities.end() ? it->second : portPriority;
}

std::optional<uint16_t> RunOptions::keyOf(const std::string& port) const {
  const auto it = portKeys.find(port);
  return it != portKeys.end() ? std::optional<uint16_t>(it->second) : key;
}

RunOptions parseRunOptions(const std::vector<std::string>& args) {
  RunOptions opts;
  RawOptions raw;
  const ParsedOptions parsed(args, optionTable(raw), opts.help);
  if (opts.help) {
    return opts;
  }
  opts.configFile = parsed.configFile();
  applyPerPort("port-priority", parsed.values("port-priority"), 0, opts.portPriority,
               opts.portPriorities);
  applyPerPort("key", parsed.values("key"), 1, opts.key, opts.portKeys);
  std::set<std::string> names;
  for (const std::string& text : parsed.values("check")) {
    health::CheckConfig check = health::parseCheckSpec(text);
    if (!check.via) {
      throw UsageError("--check " + text +
                       ": needs via=PORT, the port whose path it probes (e.g. "
                       "icmp:192.0.2.1,via=eth0)");
    }
    if (!names.insert(check.name).second) {
      throw UsageError("--check " + text + ": another check is named \"" + check.name +
                       "\"; give one a name=");
    }
    opts.checks.push_back(std::move(check));
  }
  validate(raw, parsed, opts);
  return opts;
}

std::optional<lacp::Mac> parseMac(std::string_view text) {
  lacp::Mac mac{};
  if (text.size() != 17) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < mac.size(); ++i) {
    const std::string_view byte = text.substr(i * 3, 2);
    if (i + 1 < mac.size() && text[i * 3 + 2] != ':') {
      return std::nullopt;
    }
    const auto [end, ec] = std::from_chars(byte.data(), byte.data() + 2, mac[i], 16);
    if (ec != std::errc() || end != byte.data() + 2) {
      return std::nullopt;
    }
  }
  return mac;
}

std::string_view portCheckHelp() {
  return R"(A port check SPEC is icmp:ADDR,via=PORT: an ICMP echo over IPv4 to ADDR
(on one of DEV's subnets), sent untagged through PORT alone, followed by
,KEY=VALUE pairs:
  name=NAME                    how show and the logs call it (the target)
  interval=T  timeout=T        between probe starts (2s); probe limit
                               (1s, or the interval if shorter)
  rise=N  fall=N               successes to turn up (2), failures down (3)
  source=ADDR                  probe from this address
TCP and HTTP checks, IPv6 and weights are for VRRP routers (redundctl vrrp
--help, redund.conf(5)).
)";
}

std::string_view runUsage() {
  return R"(Usage: redundctl run DEV [ --config FILE ] [ OPTIONS ]

Run LACP (802.1AX) on the lacp-mode redund device DEV, in the foreground,
until SIGINT or SIGTERM. Every option may also be given in FILE as
"KEY = VALUE" (without the dashes); the command line wins.

  DEV, --device DEV            the redund device
  -c, --config FILE            read options from FILE
  --mode active|passive        send LACPDUs unprompted, or only answer (active)
  --rate fast|slow             LACPDU rate asked of the partner: 1 s or 30 s (slow)
  --system-priority N          0-65535 (65535)
  --system-mac MAC             actor system MAC (DEV's MAC)
  --port-priority N            every port's priority, 0-65535 (255)
  --port-priority PORT=N       one port's priority; repeatable
  --key N                      1-65535, operational key of every port (by speed)
  --key PORT=N                 one port's key; repeatable
  --selection POLICY           stable|bandwidth|count|priority (stable)
  --min-links N                0-16 ports the aggregate needs to be up (1)
  --max-active-ports N         0-16, others standby; 0: no limit (16)
  --fallback on|off            forward on one port when no LACP partner (off)
  --fallback-timeout SEC       1-3600 s without LACPDUs before fallback (90)
  --check SPEC                 a port check: icmp:ADDR,via=PORT[,KEY=VALUE...];
                               while it is down PORT is taken out of
                               distributing (unless every forwarding port's
                               checks are down); repeatable, see below
  --state-dir DIR              write DIR/DEV.lacp.json; "" for none (default
                               /run/redund/net-INODE, one per network
                               namespace)
  -h, --help                   this text

Exit status: 0 after SIGINT or SIGTERM, 1 error, 2 invalid option.
)";
}

}  // namespace redund::lacpd
