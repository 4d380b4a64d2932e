#include "vrrpd/options.h"

#include <linux/redund.h>

#include <algorithm>

#include <boost/program_options.hpp>

#include "cli/errors.h"
#include "config/option_values.h"
#include "health/check_spec.h"
#include "vrrpd/host.h"

namespace redund::vrrpd {
namespace {

namespace po = boost::program_options;
using cli::UsageError;
using config::expected;
using std::chrono::milliseconds;

constexpr milliseconds kMaxV3Interval{40950};
constexpr milliseconds kMaxV2Interval{255000};
constexpr milliseconds kMaxDelay{3600000};
constexpr int kMaxWeight = 254;

struct RawOptions {
  std::string device;
  std::string config;
  std::string vrid;
  std::string version;
  std::string priority;
  std::string interval;
  std::string preempt;
  std::string preemptDelay;
  std::string accept;
  std::string primaryAddress;
  std::string pseudoHeader;
  std::string notify;
  std::string notifyTimeout;
  std::string claimHook;
  std::string claimTimeout;
  std::string announceCount;
  std::string announceInterval;
  std::string stateDir;
};

// The one table: every option the command line and the config file know.
po::options_description optionTable(RawOptions& raw) {
  using Strings = std::vector<std::string>;
  po::options_description table("Options (command line, or KEY = VALUE in the --config file)");
  table.add_options()                                                           //
      ("device", po::value(&raw.device), "the redund device")                   //
      ("config,c", po::value(&raw.config), "read options from FILE")            //
      ("vrid", po::value(&raw.vrid), "virtual router id, 1-255")                //
      ("address", po::value<Strings>()->composing(), "virtual IP")              //
      ("version", po::value(&raw.version), "3 or 2")                            //
      ("priority", po::value(&raw.priority), "1-255")                           //
      ("interval", po::value(&raw.interval), "advert interval")                 //
      ("preempt", po::value(&raw.preempt), "on | off")                          //
      ("preempt-delay", po::value(&raw.preemptDelay), "duration")               //
      ("accept", po::value(&raw.accept), "on | off")                            //
      ("primary-address", po::value(&raw.primaryAddress), "advert source")      //
      ("pseudo-header", po::value(&raw.pseudoHeader), "on | off")               //
      ("unicast-peer", po::value<Strings>()->composing(), "peer IP")            //
      ("track-interface", po::value<Strings>()->composing(), "IF[=WEIGHT]")     //
      ("check", po::value<Strings>()->composing(), "health check SPEC")         //
      ("notify", po::value(&raw.notify), "command run on state changes")        //
      ("notify-timeout", po::value(&raw.notifyTimeout), "duration")             //
      ("claim-hook", po::value(&raw.claimHook), "command run before claiming")  //
      ("claim-timeout", po::value(&raw.claimTimeout), "duration")               //
      ("announce-count", po::value(&raw.announceCount), "0-100")                //
      ("announce-interval", po::value(&raw.announceInterval), "duration")       //
      ("state-dir", po::value(&raw.stateDir), "directory of the state file");
  return table;
}

vrrp::IpAddress address(std::string_view name, const std::string& text) {
  const auto parsed = vrrp::IpAddress::parse(text);
  if (!parsed) {
    throw UsageError(expected(name, text, "an IPv4 or IPv6 address"));
  }
  return *parsed;
}

// A virtual IP must be one a host can own: the kernel refuses the others
// only after the gateway exists, as a bare EINVAL.
bool ownable(const vrrp::IpAddress& ip) {
  const auto b = ip.bytes();
  if (ip.family() == vrrp::Family::kIpv4) {
    return b[0] != 0 && b[0] != 127 && b[0] < 224;  // not 0/8, loopback, multicast, class E
  }
  const bool unspecified = std::all_of(b.begin(), b.end(), [](uint8_t x) { return x == 0; });
  const bool loopback =
      std::all_of(b.begin(), b.end() - 1, [](uint8_t x) { return x == 0; }) && b.back() == 1;
  return b[0] != 0xff && !unspecified && !loopback;
}

std::vector<vrrp::IpAddress> addresses(std::string_view name,
                                       const std::vector<std::string>& texts) {
  std::vector<vrrp::IpAddress> result;
  result.reserve(texts.size());
  for (const std::string& text : texts) {
    const vrrp::IpAddress ip = address(name, text);
    if (!ownable(ip)) {
      throw UsageError(expected(name, text,
                                "a unicast address (not multicast, broadcast, loopback or "
                                "unspecified)"));
    }
    result.push_back(ip);
  }
  return result;
}

vrrp::TrackConfig trackedInterface(const std::string& text) {
  const auto eq = text.find('=');
  vrrp::TrackConfig track{.name = text.substr(0, eq)};
  if (track.name.empty() || track.name.size() >= 16) {
    throw UsageError(expected("track-interface", text, "IFNAME or IFNAME=WEIGHT"));
  }
  if (eq != std::string::npos) {
    const std::string weight = text.substr(eq + 1);
    const bool negative = !weight.empty() && weight.front() == '-';
    const std::string magnitude = negative ? weight.substr(1) : weight;
    const auto value = static_cast<int>(
        config::number("track-interface weight", magnitude, 0, static_cast<unsigned>(kMaxWeight)));
    track.weight = negative ? -value : value;
  }
  return track;
}

void validate(const RawOptions& raw, const config::ParsedOptions& vm, VrrpOptions& opts) {
  if (raw.device.empty()) {
    throw UsageError("missing DEV");
  }
  opts.device = raw.device;
  if (!vm.has("vrid")) {
    throw UsageError("missing --vrid");
  }
  opts.vrid = static_cast<uint8_t>(config::number("vrid", raw.vrid, 1, 255));
  if (opts.addresses.empty()) {
    throw UsageError("missing --address (at least one virtual IP)");
  }
  if (opts.addresses.size() > REDUND_GW_MAX_ADDRS) {
    throw UsageError("too many --address (the module holds " + std::to_string(REDUND_GW_MAX_ADDRS) +
                     " per gateway)");
  }
  for (const vrrp::IpAddress& a : opts.addresses) {
    if (a.family() != opts.family()) {
      throw UsageError("--address " + a.toString() + ": all virtual IPs must be of one family");
    }
  }
  if (vm.has("version")) {
    opts.version =
        vrrp::Version{static_cast<uint8_t>(config::number("version", raw.version, 2, 3))};
  }
  if (opts.version == vrrp::Version::kV2 && opts.family() == vrrp::Family::kIpv6) {
    throw UsageError("--version 2 is IPv4 only (VRRPv2 has no IPv6)");
  }
  if (vm.has("priority")) {
    opts.priority = static_cast<uint8_t>(config::number("priority", raw.priority, 1, 255));
  }
  if (vm.has("interval")) {
    const bool v2 = opts.version == vrrp::Version::kV2;
    opts.interval = config::duration("interval", raw.interval, milliseconds(v2 ? 1000 : 10),
                                     v2 ? kMaxV2Interval : kMaxV3Interval);
    const int64_t step = v2 ? 1000 : 10;
    if (opts.interval.count() % step != 0) {
      throw UsageError(expected("interval", raw.interval,
                                v2 ? "whole seconds for version 2" : "a multiple of 10ms"));
    }
  } else if (opts.version == vrrp::Version::kV2) {
    opts.interval = milliseconds(1000);
  }
  if (vm.has("preempt")) {
    opts.preempt = config::onOff("preempt", raw.preempt);
  }
  if (vm.has("preempt-delay")) {
    opts.preemptDelay =
        config::duration("preempt-delay", raw.preemptDelay, milliseconds(0), kMaxDelay);
  }
  if (vm.has("accept")) {
    opts.accept = config::onOff("accept", raw.accept);
  }
  if (vm.has("primary-address")) {
    opts.primaryAddress = address("primary-address", raw.primaryAddress);
    if (opts.primaryAddress->family() != opts.family()) {
      throw UsageError("--primary-address " + raw.primaryAddress +
                       ": not of the virtual IPs' family");
    }
    if (opts.family() == vrrp::Family::kIpv6 && !isLinkLocal(*opts.primaryAddress)) {
      throw UsageError("--primary-address " + raw.primaryAddress +
                       ": IPv6 adverts come from a link-local address (RFC 5798 5.1.2.1)");
    }
  }
  if (vm.has("pseudo-header")) {
    opts.pseudoHeader = config::onOff("pseudo-header", raw.pseudoHeader);
  }
  for (const vrrp::IpAddress& peer : opts.unicastPeers) {
    if (peer.family() != opts.family()) {
      throw UsageError("--unicast-peer " + peer.toString() + ": not of the virtual IPs' family");
    }
  }
  if (vm.has("notify")) {
    if (raw.notify.empty()) {
      throw UsageError("--notify: empty command");
    }
    opts.notify = raw.notify;
  }
  if (vm.has("notify-timeout")) {
    opts.notifyTimeout =
        config::duration("notify-timeout", raw.notifyTimeout, milliseconds(1), kMaxDelay);
  }
  if (vm.has("claim-hook")) {
    if (raw.claimHook.empty()) {
      throw UsageError("--claim-hook: empty command");
    }
    opts.claimHook = raw.claimHook;
  }
  if (vm.has("claim-timeout")) {
    opts.claimTimeout =
        config::duration("claim-timeout", raw.claimTimeout, milliseconds(1), kMaxDelay);
  }
  if (vm.has("announce-count")) {
    opts.announceCount = config::number("announce-count", raw.announceCount, 0, 100);
  }
  if (vm.has("announce-interval")) {
    opts.announceInterval = config::duration("announce-interval", raw.announceInterval,
                                             milliseconds(10), milliseconds(60000));
  }
  if (vm.has("state-dir")) {
    opts.stateDir = raw.stateDir;
  }
  // What the core would refuse, refused here as a usage error.
  try {
    vrrp::validate(opts.routerConfig(opts.primaryAddress.value_or(opts.addresses.front())));
  } catch (const Error& e) {
    throw UsageError(e.what());
  }
}

}  // namespace

std::string_view familyKeyword(vrrp::Family family) {
  return family == vrrp::Family::kIpv4 ? "inet" : "inet6";
}

vrrp::RouterConfig VrrpOptions::routerConfig(const vrrp::IpAddress& primary) const {
  return {.name = name(),
          .version = version,
          .vrid = vrid,
          .priority = priority,
          .primaryAddress = primary,
          .virtualAddresses = addresses,
          .advertInterval = std::chrono::duration_cast<vrrp::Centiseconds>(interval),
          .preempt = preempt,
          .preemptDelay = preemptDelay,
          .acceptMode = accept,
          .ipv4PseudoHeader = pseudoHeader,
          .unicastPeers = unicastPeers,
          .tracked = tracked()};
}

std::vector<vrrp::TrackConfig> VrrpOptions::tracked() const {
  std::vector<vrrp::TrackConfig> all = trackedInterfaces;
  for (const health::CheckConfig& check : checks) {
    all.push_back({.name = check.name, .weight = check.weight, .initiallyUp = false});
  }
  if (claimHook) {
    all.push_back({.name = std::string(kClaimTrack), .weight = 0});
  }
  return all;
}

std::string VrrpOptions::name() const {
  return device + " vrid " + std::to_string(vrid) + " " + std::string(familyKeyword(family()));
}

VrrpOptions parseVrrpOptions(const std::vector<std::string>& args) {
  VrrpOptions opts;
  RawOptions raw;
  const config::ParsedOptions parsed(args, optionTable(raw), opts.help);
  if (opts.help) {
    return opts;
  }
  opts.configFile = parsed.configFile();
  opts.addresses = addresses("address", parsed.values("address"));
  opts.unicastPeers = addresses("unicast-peer", parsed.values("unicast-peer"));
  for (const std::string& text : parsed.values("track-interface")) {
    opts.trackedInterfaces.push_back(trackedInterface(text));
  }
  for (const std::string& text : parsed.values("check")) {
    opts.checks.push_back(health::parseCheckSpec(text));
    if (opts.checks.back().via) {
      throw UsageError("--check " + text +
                       ": via is for LAG port checks (redundctl run); a router's check "
                       "probes through the routing table");
    }
  }
  validate(raw, parsed, opts);
  return opts;
}

std::string_view vrrpUsage() {
  return R"(Usage: redundctl vrrp DEV --vrid N --address IP [ --address IP ... ] [ OPTIONS ]

Run one VRRP virtual router (RFC 5798 v3, RFC 3768 v2) on the redund
device DEV, in the foreground, until SIGINT or SIGTERM. While it is master
the module answers ARP / NS for the virtual IPs with the virtual MAC. Every
option may also be given in FILE as "KEY = VALUE" (without the dashes);
the command line wins. T is a duration: N (ms), Nms or Ns.

  DEV, --device DEV            the redund device
  -c, --config FILE            read options from FILE
  --vrid N                     virtual router id, 1-255 (required)
  --address IP                 virtual IP; repeatable, one family (required)
  --version 3|2                VRRP version; 2 is IPv4 only (3)
  --priority N                 1-254, or 255 for the address owner (100)
  --interval T                 advert interval: v3 10ms-40950ms in 10 ms
                               steps, v2 1s-255s (1s)
  --preempt on|off             take over from a lower priority master (on)
  --preempt-delay T            wait this long after start before preempting (0)
  --accept on|off              put the virtual IPs on DEV while running, so
                               the host takes their traffic (on)
  --primary-address IP         advert source (DEV's first IPv4 address that
                               is not virtual; its IPv6 link-local address)
  --pseudo-header on|off       v3 over IPv4: checksum the pseudo-header (on)
  --unicast-peer IP            advertise to IP instead of the multicast
                               group, and hear only peers; repeatable
  --track-interface IF[=W]     IF down adds W (-254..254, default -20) to
                               the priority; W 0: fault; repeatable
  --check SPEC                 a health check, tracked under its name like
                               an interface (see below); repeatable
  --notify CMD                 on each state change run CMD STATE VRID DEV
                               FAMILY PRIORITY through /bin/sh
  --notify-timeout T           kill a hook still running after T (10s)
  --claim-hook CMD             cold standby: on becoming master run CMD
                               master VRID DEV FAMILY PRIORITY and take the
                               addresses only once it exits 0; on failure
                               fault, a new try after --claim-timeout
  --claim-timeout T            kill a claim hook still running after T (30s)
  --announce-count N           gratuitous ARPs / unsolicited NAs per
                               takeover, 0-100 (module default 3)
  --announce-interval T        10ms-60000ms between them (module default 1s)
  --state-dir DIR              write DIR/DEV.vrrp.VRID.FAMILY.json; "" for
                               none (default /run/redund/net-INODE, one per
                               network namespace)
  -h, --help                   this text

Exit status: 0 after SIGINT or SIGTERM, 1 error, 2 invalid option.
)";
}

}  // namespace redund::vrrpd
