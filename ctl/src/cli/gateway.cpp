#include "cli/gateway.h"

#include <linux/redund.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>
#include <system_error>

#include "cli/errors.h"
#include "cli/keywords.h"
#include "cli/lookup.h"
#include "cli/text.h"
#include "cli/view.h"
#include "lacpd/options.h"

namespace redund::cli {
namespace {

constexpr std::array<std::string_view, 2> kOnOff = {"on", "off"};
constexpr std::array kFamilies = {vrrp::Family::kIpv4, vrrp::Family::kIpv6};
constexpr uint32_t kMinInterval = 10;
constexpr uint32_t kMaxInterval = 60000;
constexpr std::string_view kRefreshExpected = "off or 1000 to 3600000 (ms)";
static_assert(REDUND_GW_MIN_REFRESH_INTERVAL == 1000 && REDUND_GW_MAX_REFRESH_INTERVAL == 3600000,
              "kRefreshExpected and the usage text name the UAPI range");

// All-active on one plain L2 segment makes the switches move the virtual
// MAC from port to port; anycast (one segment per node) and MC-LAG are fine.
constexpr std::string_view kActiveWarning =
    "redundctl: warning: state active: every node answers with the same virtual MAC; fine for "
    "anycast (each node serves its own segment) or MC-LAG, but on one shared L2 segment the "
    "switches flap that MAC between ports\n";

struct Subcommand {
  std::string_view name;
  GatewayAction action;
};

// In the order a prefix picks them: "a" is add, "s" set, "d" del.
constexpr std::array<Subcommand, 6> kSubcommands = {{
    {"add", GatewayAction::kAdd},
    {"set", GatewayAction::kSet},
    {"del", GatewayAction::kDel},
    {"delete", GatewayAction::kDel},
    {"announce", GatewayAction::kAnnounce},
    {"show", GatewayAction::kShow},
}};

std::string_view actionName(GatewayAction action) {
  switch (action) {
    case GatewayAction::kAdd:
      return "add";
    case GatewayAction::kSet:
      return "set";
    case GatewayAction::kDel:
      return "del";
    case GatewayAction::kAnnounce:
      return "announce";
    case GatewayAction::kShow:
      break;
  }
  return "show";
}

std::string_view ipVersion(vrrp::Family family) {
  return family == vrrp::Family::kIpv4 ? "IPv4" : "IPv6";
}

bool answers(const std::optional<GatewayState>& state) {
  return state == GatewayState::kMaster || state == GatewayState::kActive;
}

// "refresh MS|off": 0 (off, also "0") or REDUND_GW_{MIN,MAX}_REFRESH_INTERVAL.
uint32_t parseRefresh(Keywords& args) {
  const std::string& word = args.value(std::string(kRefreshExpected));
  if (word == "off") {
    return 0;
  }
  uint32_t ms = 0;
  const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), ms);
  if (error != std::errc() || end != word.data() + word.size() ||
      (ms != 0 && (ms < REDUND_GW_MIN_REFRESH_INTERVAL || ms > REDUND_GW_MAX_REFRESH_INTERVAL))) {
    args.fail("invalid refresh \"" + word + "\" (expected " + std::string(kRefreshExpected) + ")");
  }
  return ms;
}

// The keywords of add and set (and mac, add only); false for any other.
bool parseSetting(Keywords& args, GatewayAction action, GatewaySettings& settings) {
  const std::string& keyword = args.keyword();
  if (keyword == "address") {
    const std::string& text = args.value("an IPv4 or IPv6 address");
    const auto address = vrrp::IpAddress::parse(text);
    if (!address) {
      args.fail("invalid address \"" + text + "\" (expected an IPv4 or IPv6 address)");
    }
    if (!settings.addresses) {
      settings.addresses.emplace();
    }
    settings.addresses->push_back(*address);
  } else if (keyword == "mac") {
    if (action != GatewayAction::kAdd) {
      args.fail("the virtual MAC cannot change (delete the gateway and add it again)");
    }
    const std::string& text = args.value("a unicast MAC such as 02:00:00:00:00:01");
    const auto mac = lacpd::parseMac(text);
    if (!mac) {
      args.fail("invalid mac \"" + text + "\" (expected a unicast MAC such as 02:00:00:00:00:01)");
    }
    args.setOnce(settings.mac, *mac);
  } else if (keyword == "state") {
    args.setOnce(settings.state,
                 kGatewayStates[args.choice(namesOf(kGatewayStates, gatewayStateName))]);
  } else if (keyword == "announce-count") {
    args.setOnce(settings.announceCount, args.number(0, REDUND_GW_MAX_ANNOUNCE_COUNT));
  } else if (keyword == "announce-interval") {
    args.setOnce(settings.announceIntervalMs, args.number(kMinInterval, kMaxInterval));
  } else if (keyword == "refresh") {
    args.setOnce(settings.refreshIntervalMs, parseRefresh(args));
  } else if (keyword == "persist") {
    args.setOnce(settings.persist, args.choice(kOnOff) == 0);
  } else {
    return false;
  }
  return true;
}

// The family from "family", else from the first address, else inet; every
// address must be of it.
vrrp::Family resolveFamily(const Keywords& args, const GatewayCommand& cmd) {
  const auto& addresses = cmd.settings.addresses;
  const bool given = cmd.family.has_value();
  vrrp::Family family = vrrp::Family::kIpv4;
  if (given) {
    family = *cmd.family;
  } else if (addresses && !addresses->empty()) {
    family = addresses->front().family();
  }
  if (addresses) {
    for (const vrrp::IpAddress& address : *addresses) {
      if (address.family() != family) {
        args.fail("address " + address.toString() + " is " +
                  std::string(ipVersion(address.family())) + ", but the gateway's family is " +
                  std::string(gatewayFamilyName(family)) +
                  (given ? "" : " (from its first address)") + ": one gateway holds " +
                  std::string(ipVersion(family)) + " addresses only");
      }
    }
  }
  return family;
}

// Words after "show": [ [ dev ] DEV ] then keywords.
std::span<const std::string> parseShowDevice(std::span<const std::string> words,
                                             GatewayCommand& cmd) {
  if (words.empty()) {
    return words;
  }
  if (words[0] == "dev") {
    if (words.size() < 2) {
      throw UsageError("gateway show: \"dev\" needs a device name");
    }
    cmd.dev = words[1];
    return words.subspan(2);
  }
  if (words[0] != "vrid" && words[0] != "family") {
    cmd.dev = words[0];
    return words.subspan(1);
  }
  return words;
}

std::string keyText(const GatewayCommand& cmd) {
  return "vrid " + std::to_string(*cmd.vrid) + " " + std::string(gatewayFamilyName(*cmd.family));
}

void runShow(RedundApi& api, const GatewayCommand& cmd, const GlobalOptions& opts,
             std::ostream& out) {
  const NameOf nameOf = [&](uint32_t ifindex) { return displayName(api, ifindex); };
  std::string context = "gateway show";
  std::vector<GatewayInfo> gateways;
  if (cmd.dev) {
    context += " " + *cmd.dev;
    const DeviceInfo dev = redundDevice(api, *cmd.dev, context);
    if (cmd.vrid && cmd.family) {
      context += " " + keyText(cmd);
      gateways.push_back(withContext(context, [&] {
        return api.getGateway(dev.ifindex, {*cmd.vrid, *cmd.family});
      }));
    } else {
      gateways = withContext(context, [&] { return api.listGateways(dev.ifindex); });
    }
  } else {
    gateways = withContext(context, [&] { return api.listGateways(std::nullopt); });
  }
  Json views = Json::array();
  for (const GatewayInfo& gw : gateways) {
    if ((!cmd.vrid || gw.key.vrid == *cmd.vrid) && (!cmd.family || gw.key.family == *cmd.family)) {
      views.push_back(gatewayView(gw, nameOf));
    }
  }
  if (cmd.vrid && views.empty()) {
    std::string what = "vrid " + std::to_string(*cmd.vrid);
    if (cmd.family) {
      what += " " + std::string(gatewayFamilyName(*cmd.family));
    }
    throw Error(context + ": no gateway with " + what);
  }
  if (opts.json) {
    out << dumpJson(views, opts.pretty) << '\n';
    return;
  }
  for (const Json& view : views) {
    out << gatewayText(view);
  }
}

}  // namespace

GatewayCommand parseGateway(std::span<const std::string> words) {
  GatewayCommand cmd;
  if (!words.empty()) {
    const auto* sub = std::find_if(kSubcommands.begin(), kSubcommands.end(),
                                   [&](const Subcommand& s) { return matches(words[0], s.name); });
    if (sub == kSubcommands.end()) {
      throw UsageError("gateway: unknown command \"" + words[0] +
                       "\" (expected add, set, del, announce or show)");
    }
    cmd.action = sub->action;
    words = words.subspan(1);
  }
  const std::string context = "gateway " + std::string(actionName(cmd.action));
  if (cmd.action == GatewayAction::kShow) {
    words = parseShowDevice(words, cmd);
  } else {
    if (words.empty()) {
      throw UsageError(context + ": missing DEV");
    }
    cmd.dev = words[0];
    words = words.subspan(1);
  }
  const bool changes = cmd.action == GatewayAction::kAdd || cmd.action == GatewayAction::kSet;
  Keywords args(context, words);
  std::optional<uint32_t> vrid;
  while (auto keyword = args.next()) {
    if (*keyword == "vrid") {
      args.setOnce(vrid, args.number(1, 255));
    } else if (*keyword == "family") {
      args.setOnce(cmd.family, kFamilies[args.choice(namesOf(kFamilies, gatewayFamilyName))]);
    } else if (!changes || !parseSetting(args, cmd.action, cmd.settings)) {
      args.unknown();
    }
  }
  if (vrid) {
    cmd.vrid = static_cast<uint8_t>(*vrid);
  }
  if (cmd.action == GatewayAction::kShow) {
    return cmd;
  }
  if (!cmd.vrid) {
    args.fail("missing vrid (expected vrid 1 to 255)");
  }
  cmd.family = resolveFamily(args, cmd);
  GatewaySettings& settings = cmd.settings;
  if (cmd.action == GatewayAction::kSet && settings == GatewaySettings{}) {
    args.fail(
        "nothing to change (expected address, state, announce-count, announce-interval, "
        "refresh or persist)");
  }
  if (cmd.action == GatewayAction::kAdd && !settings.persist) {
    settings.persist = true;
  }
  if (answers(settings.state) && settings.persist == false) {
    args.fail("state " + std::string(gatewayStateName(*settings.state)) +
              " needs persist on: a gateway that does not persist belongs to the process "
              "that made it, and drops to backup as soon as that process (this redundctl) "
              "exits; only a running controller can hold a master that does not persist");
  }
  return cmd;
}

void runGateway(RedundApi& api, const GatewayCommand& cmd, const GlobalOptions& opts,
                std::ostream& out, std::ostream& err) {
  if (cmd.action == GatewayAction::kShow) {
    runShow(api, cmd, opts, out);
    return;
  }
  const GatewayKey key{.vrid = *cmd.vrid, .family = *cmd.family};
  const std::string context =
      "gateway " + std::string(actionName(cmd.action)) + " " + *cmd.dev + " " + keyText(cmd);
  const DeviceInfo dev = redundDevice(api, *cmd.dev, context);
  withContext(context, [&] {
    switch (cmd.action) {
      case GatewayAction::kAdd:
        api.addGateway(dev.ifindex, key, cmd.settings);
        break;
      case GatewayAction::kSet:
        api.setGateway(dev.ifindex, key, cmd.settings);
        break;
      case GatewayAction::kDel:
        api.deleteGateway(dev.ifindex, key);
        break;
      case GatewayAction::kAnnounce:
      case GatewayAction::kShow:
        api.announceGateway(dev.ifindex, key);
        break;
    }
  });
  if (cmd.settings.state == GatewayState::kActive) {
    err << kActiveWarning;
  }
}

}  // namespace redund::cli
