#include "config/file.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "cli/dev.h"
#include "cli/errors.h"
#include "cli/gateway.h"
#include "config/option_values.h"
#include "health/check_spec.h"
#include "lacpd/options.h"
#include "vrrpd/options.h"

namespace redund::config {
namespace {

// One key of a table, its value(s) as the command line would spell them.
struct Entry {
  std::string key;
  std::vector<std::string> values;
  Position where;       // the value's
  Position keyWhere{};  // the key's, for "unknown key"
};

using Entries = std::vector<Entry>;

bool isWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// Where `word` stands alone in `text` (not inside a longer name).
std::optional<std::size_t> findWord(std::string_view text, std::string_view word) {
  for (std::size_t at = text.find(word); at != std::string_view::npos;
       at = text.find(word, at + 1)) {
    const bool before = at == 0 || !isWordChar(text[at - 1]);
    const std::size_t end = at + word.size();
    const bool after = end == text.size() || !isWordChar(text[end]);
    if (before && after) {
      return at;
    }
  }
  return std::nullopt;
}

// Where an option error names `key`: "rate", or "--rate" as Program_options
// writes it.
std::optional<std::size_t> mentions(std::string_view message, const std::string& key) {
  if (const auto pos = findWord(message, key)) {
    return pos;
  }
  return findWord(message, "--" + key);
}

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  Config read(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, path_);
    } catch (const toml::parse_error& e) {
      error(at(e.source()), std::string(e.description()));
      throw ConfigErrors(errors_);
    }
    static const std::set<std::string> kTables{"daemon", "check", "device", "sync-group"};
    for (const auto& [key, node] : root) {
      if (!kTables.contains(std::string(key.str()))) {
        error(at(key), "unknown table or key \"" + std::string(key.str()) +
                           "\" (expected daemon, check, device or sync-group)");
      }
    }
    // In this order: devices track checks, sync groups name routers.
    if (const toml::node* node = root.get("daemon")) {
      daemon(*node);
    }
    if (const toml::node* node = root.get("check")) {
      eachTable(*node, "check",
                [this](const std::string& name, const toml::table& table) { check(name, table); });
    }
    if (const toml::node* node = root.get("device")) {
      eachTable(*node, "device",
                [this](const std::string& name, const toml::table& table) { device(name, table); });
    }
    if (const toml::node* node = root.get("sync-group")) {
      eachTable(*node, "sync-group", [this](const std::string& name, const toml::table& table) {
        syncGroup(name, table);
      });
    }
    crossChecks();
    if (!errors_.empty()) {
      throw ConfigErrors(errors_);
    }
    return std::move(config_);
  }

 private:
  Position at(const toml::source_region& source) const {
    return {.file = path_, .line = source.begin.line, .column = source.begin.column};
  }
  Position at(const toml::node& node) const { return at(node.source()); }
  Position at(const toml::key& key) const { return at(key.source()); }

  void error(const Position& where, std::string message) {
    errors_.push_back({.where = where, .message = std::move(message)});
  }

  template <typename Each>
  void eachTable(const toml::node& node, const std::string& what, const Each& each) {
    const toml::table* tables = node.as_table();
    if (tables == nullptr) {
      error(at(node), "\"" + what + "\" must be a table of tables ([" + what + ".NAME])");
      return;
    }
    for (const auto& [key, value] : *tables) {
      const toml::table* table = value.as_table();
      if (table == nullptr) {
        error(at(key), "[" + what + "." + std::string(key.str()) + "] must be a table");
        continue;
      }
      each(std::string(key.str()), *table);
    }
  }

  // A scalar as the command line spells it; nullopt (and an error) for
  // anything else.
  std::optional<std::string> scalar(const std::string& key, const toml::node& node) {
    if (const auto* s = node.as_string()) {
      return s->get();
    }
    if (const auto* i = node.as_integer()) {
      return std::to_string(i->get());
    }
    if (const auto* b = node.as_boolean()) {
      return b->get() ? "on" : "off";
    }
    error(at(node), "\"" + key + "\": expected a string, an integer or a boolean");
    return std::nullopt;
  }

  // Every key of `table` but `skip`, each with its value(s).
  Entries entries(const toml::table& table, const std::set<std::string>& skip = {}) {
    Entries out;
    for (const auto& [key, node] : table) {
      const std::string name(key.str());
      if (skip.contains(name)) {
        continue;
      }
      Entry entry{.key = name, .values = {}, .where = at(node), .keyWhere = at(key)};
      if (const auto* array = node.as_array()) {
        bool ok = true;
        for (const toml::node& element : *array) {
          const auto value = scalar(name, element);
          ok = ok && value.has_value();
          if (value) {
            entry.values.push_back(*value);
          }
        }
        if (!ok) {
          continue;
        }
      } else if (node.is_table()) {
        error(at(key), "\"" + name + "\": unknown table (expected a key = value)");
        continue;
      } else if (const auto value = scalar(name, node)) {
        entry.values.push_back(*value);
      } else {
        continue;
      }
      out.push_back(std::move(entry));
    }
    return out;
  }

  // Runs `parse` on the entries. Each error it throws names the option it
  // is about (the option tables all do): it is reported at that key,
  // which is dropped, and `parse` runs again, so that every bad key is
  // reported; an error that names no key is reported at `where`.
  // With `whenEmpty` off, a table whose every key was refused is not read
  // again ("nothing to change" would only echo those errors).
  template <typename Parse>
  auto parseEach(Entries entries, const Position& where, const Parse& parse, bool whenEmpty = true)
      -> std::optional<decltype(parse(entries))> {
    std::vector<std::string> dropped;
    const std::size_t rounds = entries.size();
    for (std::size_t round = 0; round <= rounds; ++round) {
      try {
        return parse(entries);
      } catch (const Error& e) {
        const std::string message = e.what();
        auto culprit = entries.end();
        std::size_t first = message.size();
        for (auto it = entries.begin(); it != entries.end(); ++it) {
          const auto pos = mentions(message, it->key);
          if (pos && *pos < first) {
            first = *pos;
            culprit = it;
          }
        }
        if (culprit == entries.end()) {
          // "missing --vrid" after the bad vrid was reported: said already.
          const bool said = std::any_of(dropped.begin(), dropped.end(), [&](const auto& key) {
            return mentions(message, key).has_value();
          });
          if (!said) {
            error(where, message);
          }
          return std::nullopt;
        }
        error(culprit->where, message);
        dropped.push_back(culprit->key);
        entries.erase(culprit);
        if (entries.empty() && !whenEmpty) {
          return std::nullopt;
        }
      }
    }
    return std::nullopt;
  }

  // "--KEY VALUE" for each value: what the daemons' option tables read.
  static std::vector<std::string> optionArgs(const std::string& first, const Entries& entries) {
    std::vector<std::string> args{first};
    for (const Entry& entry : entries) {
      for (const std::string& value : entry.values) {
        args.push_back("--" + entry.key);
        args.push_back(value);
      }
    }
    return args;
  }

  // "KEY VALUE" words for each value: what the CLI's keyword parsers read.
  static std::vector<std::string> keywordWords(std::vector<std::string> words,
                                               const Entries& entries) {
    for (const Entry& entry : entries) {
      for (const std::string& value : entry.values) {
        words.push_back(entry.key);
        words.push_back(value);
      }
    }
    return words;
  }

  // Takes the config-only key `key` out of `entries`.
  static std::optional<Entry> take(Entries& entries, const std::string& key) {
    const auto it =
        std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.key == key; });
    if (it == entries.end()) {
      return std::nullopt;
    }
    Entry entry = std::move(*it);
    entries.erase(it);
    return entry;
  }

  void unknownKeys(Entries& entries, const std::set<std::string>& refused,
                   const std::string& context, const std::string& hint) {
    for (auto it = entries.begin(); it != entries.end();) {
      if (refused.contains(it->key)) {
        error(it->keyWhere, context + ": \"" + it->key + "\" " + hint);
        it = entries.erase(it);
      } else {
        ++it;
      }
    }
  }

  // ---------------------------------------------------------- tables

  void daemon(const toml::node& node) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      error(at(node), "\"daemon\" must be a table ([daemon])");
      return;
    }
    for (Entry& entry : entries(*table)) {
      if (entry.key != "state-dir") {
        error(entry.keyWhere, "[daemon]: unknown key \"" + entry.key + "\" (expected state-dir)");
      } else if (entry.values.size() != 1) {
        error(entry.where, "[daemon]: state-dir takes one directory");
      } else {
        config_.stateDir = entry.values.front();
      }
    }
  }

  void check(const std::string& name, const toml::table& table) {
    const Position where = at(table);
    Entries all = entries(table);
    const auto target = take(all, "target");
    if (!target || target->values.size() != 1) {
      error(where, "check \"" + name +
                       "\": needs target = \"icmp:ADDR\", \"tcp:ADDR:PORT\" or an http(s):// URL");
      return;
    }
    unknownKeys(all, {"name", "via"}, "check \"" + name + "\"",
                "is not set here (the table's name names the check; via comes from "
                "track-check in [device.DEV.lacp])");
    const auto parsed = parseEach(all, target->where, [&](const Entries& keys) {
      std::string spec = target->values.front() + ",name=" + name;
      for (const Entry& entry : keys) {
        for (const std::string& value : entry.values) {
          spec += "," + entry.key + "=" + value;
        }
      }
      return health::parseCheckSpec(spec);
    });
    if (parsed) {
      config_.checks[name] = *parsed;
    }
  }

  // What the kernel takes as an interface name (dev_valid_name), less a
  // leading '-': the name goes on as a command line word, where it would
  // read as an option.
  static bool validIfname(const std::string& name) {
    return !name.empty() && name.size() < 16 && name != "." && name != ".." &&
           name.front() != '-' && std::none_of(name.begin(), name.end(), [](char c) {
             return c == '/' || c == ':' || std::isspace(static_cast<unsigned char>(c)) != 0;
           });
  }

  void device(const std::string& name, const toml::table& table) {
    const Position where = at(table);
    if (!validIfname(name)) {
      error(where, "device \"" + name + "\": not a valid interface name");
      return;
    }
    DeviceConfig dev{.name = name, .where = where};
    Entries all = entries(table, {"lacp", "vrrp", "gateway"});
    if (const auto ports = take(all, "ports")) {
      for (const std::string& port : ports->values) {
        if (!validIfname(port)) {
          error(ports->where, "device " + name + ": \"" + port + "\" is not an interface name");
        } else if (std::find(dev.ports.begin(), dev.ports.end(), port) != dev.ports.end()) {
          error(ports->where, "device " + name + ": port " + port + " listed twice");
        } else {
          dev.ports.push_back(port);
        }
      }
      dev.portsDeclared = true;
    }
    // The settings `dev set` takes; anything else would reach it as a
    // word it cannot place.
    for (auto it = all.begin(); it != all.end();) {
      if (it->key == "mode" || it->key == "hash" || it->key == "min-links") {
        ++it;
        continue;
      }
      error(it->keyWhere, "[device." + name + "]: unknown key \"" + it->key +
                              "\" (expected mode, hash, min-links, ports, or the tables lacp, "
                              "vrrp, gateway)");
      it = all.erase(it);
    }
    if (!all.empty()) {
      const auto settings = parseEach(
          all, where,
          [&](const Entries& keys) {
            return cli::parseDev(keywordWords({"set", name}, keys)).settings;
          },
          false);
      if (settings) {
        dev.mode = settings->mode;
        dev.hash = settings->hash;
        dev.minLinks = settings->minLinks;
      }
    }
    if (const toml::node* lacp = table.get("lacp")) {
      lacpTable(dev, *lacp);
    } else if (dev.mode == Mode::kLacp) {
      // The daemon's defaults.
      dev.lacp = lacpd::parseRunOptions({name});
      dev.lacp->stateDir.clear();
    }
    if (const toml::node* vrrp = table.get("vrrp")) {
      eachArrayTable(*vrrp, "device." + name + ".vrrp",
                     [&](const toml::table& router) { this->router(name, router); });
    }
    if (const toml::node* gateways = table.get("gateway")) {
      eachArrayTable(*gateways, "device." + name + ".gateway",
                     [&](const toml::table& gw) { gateway(name, gw); });
    }
    config_.devices[name] = std::move(dev);
  }

  template <typename Each>
  void eachArrayTable(const toml::node& node, const std::string& what, const Each& each) {
    const toml::array* array = node.as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      error(at(node), "\"" + what + "\" must be an array of tables ([[" + what + "]])");
      return;
    }
    for (const toml::node& element : *array) {
      each(*element.as_table());
    }
  }

  void lacpTable(DeviceConfig& dev, const toml::node& node) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      error(at(node), "device." + dev.name + ".lacp must be a table");
      return;
    }
    const Position where = at(*table);
    if (dev.mode != Mode::kLacp) {
      error(where, "device " + dev.name + ": [device." + dev.name + ".lacp] needs mode = \"lacp\"");
      return;
    }
    Entries all = entries(*table);
    const auto tracked = take(all, "track-check");
    unknownKeys(all, {"device", "config", "state-dir", "help"}, "device." + dev.name + ".lacp",
                "cannot be set here");
    auto options = parseEach(all, where, [&](const Entries& keys) {
      return lacpd::parseRunOptions(optionArgs(dev.name, keys));
    });
    if (!options) {
      return;
    }
    options->stateDir.clear();
    if (tracked) {
      for (const std::string& name : tracked->values) {
        portChecks(dev, name, tracked->where, *options);
      }
    }
    dev.lacp = std::move(*options);
  }

  // A named ICMP check probed through every port of `dev`.
  void portChecks(const DeviceConfig& dev, const std::string& name, const Position& where,
                  lacpd::RunOptions& options) {
    const auto it = config_.checks.find(name);
    if (it == config_.checks.end()) {
      error(where,
            "device " + dev.name + ": track-check \"" + name + "\": no [check." + name + "]");
      return;
    }
    if (it->second.kind != health::Kind::kIcmp || !it->second.address ||
        it->second.address->family() != vrrp::Family::kIpv4) {
      error(where, "device " + dev.name + ": track-check \"" + name +
                       "\": a LAG port check must be an ICMP check of an IPv4 address");
      return;
    }
    if (!dev.portsDeclared) {
      error(where, "device " + dev.name + ": track-check \"" + name +
                       "\" probes through every port: list them in ports = [...]");
      return;
    }
    for (const std::string& port : dev.ports) {
      health::CheckConfig check = it->second;
      check.via = port;
      check.name = name + "@" + port;
      options.checks.push_back(std::move(check));
    }
  }

  void router(const std::string& dev, const toml::table& table) {
    const Position where = at(table);
    Entries all = entries(table);
    const auto tracked = take(all, "track-check");
    unknownKeys(all, {"device", "config", "state-dir", "help"}, "device." + dev + ".vrrp",
                "cannot be set here");
    unknownKeys(all, {"check"}, "device." + dev + ".vrrp",
                "cannot be set here: define the check in [check.NAME] and track it with "
                "track-check = [\"NAME\"]");
    auto options = parseEach(all, where, [&](const Entries& keys) {
      return vrrpd::parseVrrpOptions(optionArgs(dev, keys));
    });
    if (!options) {
      return;
    }
    options->stateDir.clear();
    if (tracked) {
      for (const std::string& text : tracked->values) {
        trackCheck(*options, text, tracked->where);
      }
    }
    RouterConfig router{.options = std::move(*options), .where = where};
    const RouterKey key = router.key();
    if (const auto it = config_.routers.find(key); it != config_.routers.end()) {
      error(where, key.text() + " is declared twice (first at " + it->second.where.text() + ")");
      return;
    }
    config_.routers.emplace(key, std::move(router));
  }

  // "NAME" or "NAME=WEIGHT": the named check, tracked with its own weight
  // or this one.
  void trackCheck(vrrpd::VrrpOptions& options, const std::string& text, const Position& where) {
    const auto eq = text.find('=');
    const std::string name = text.substr(0, eq);
    const auto it = config_.checks.find(name);
    if (it == config_.checks.end()) {
      error(where, options.name() + ": track-check \"" + name + "\": no [check." + name + "]");
      return;
    }
    health::CheckConfig check = it->second;
    if (eq != std::string::npos) {
      try {
        check.weight = health::parseWeight(text.substr(eq + 1));
      } catch (const Error& e) {
        error(where, options.name() + ": track-check \"" + text + "\": " + e.what());
        return;
      }
    }
    const bool twice = std::any_of(options.checks.begin(), options.checks.end(),
                                   [&](const health::CheckConfig& c) { return c.name == name; });
    if (twice) {
      error(where, options.name() + ": track-check \"" + name + "\" given twice");
      return;
    }
    options.checks.push_back(std::move(check));
  }

  void gateway(const std::string& dev, const toml::table& table) {
    const Position where = at(table);
    const auto command = parseEach(entries(table), where, [&](const Entries& keys) {
      return cli::parseGateway(keywordWords({"add", dev}, keys));
    });
    if (!command) {
      return;
    }
    GatewayConfig gw{.device = dev,
                     .key = {.vrid = command->vrid.value_or(0),
                             .family = command->family.value_or(vrrp::Family::kIpv4)},
                     .settings = command->settings,
                     .where = where};
    for (const GatewayConfig& other : config_.gateways) {
      if (other.device == dev && other.key == gw.key) {
        error(where, "gateway " + dev + " vrid " + std::to_string(gw.key.vrid) +
                         " is declared twice (first at " + other.where.text() + ")");
        return;
      }
    }
    config_.gateways.push_back(std::move(gw));
  }

  void syncGroup(const std::string& name, const toml::table& table) {
    SyncGroup group{.name = name, .routers = {}, .where = at(table)};
    const std::size_t errorsBefore = errors_.size();
    for (const Entry& entry : entries(table)) {
      if (entry.key != "routers") {
        error(entry.keyWhere,
              "sync-group " + name + ": unknown key \"" + entry.key + "\" (expected routers)");
        continue;
      }
      for (const std::string& text : entry.values) {
        const auto key = routerKey(text);
        if (!key) {
          error(entry.where,
                "sync-group " + name + ": \"" + text + "\" is not DEV:VRID or DEV:VRID:inet|inet6");
        } else if (!config_.routers.contains(*key)) {
          error(entry.where, "sync-group " + name + ": no router " + key->text() + " ([[device." +
                                 key->device + ".vrrp]] vrid = " + std::to_string(key->vrid) + ")");
        } else if (const auto other = grouped_.find(*key); other != grouped_.end()) {
          error(entry.where, "sync-group " + name + ": " + key->text() + " is in sync-group " +
                                 other->second + " already");
        } else {
          grouped_.emplace(*key, name);
          group.routers.push_back(*key);
        }
      }
    }
    if (group.routers.size() < 2) {
      if (errors_.size() == errorsBefore) {
        error(group.where, "sync-group " + name + ": needs at least two routers");
      }
      return;
    }
    config_.syncGroups.push_back(std::move(group));
  }

  static std::optional<RouterKey> routerKey(const std::string& text) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ':');) {
      parts.push_back(part);
    }
    if (parts.size() < 2 || parts.size() > 3 || parts[0].empty()) {
      return std::nullopt;
    }
    RouterKey key{.device = parts[0]};
    try {
      key.vrid = static_cast<uint8_t>(number("vrid", parts[1], 1, 255));
    } catch (const Error&) {
      return std::nullopt;
    }
    if (parts.size() == 3) {
      if (parts[2] == "inet6") {
        key.family = vrrp::Family::kIpv6;
      } else if (parts[2] != "inet") {
        return std::nullopt;
      }
    }
    return key;
  }

  // What only the whole file tells.
  void crossChecks() {
    std::map<std::string, std::string> portOwner;
    for (const auto& [name, dev] : config_.devices) {
      for (const std::string& port : dev.ports) {
        if (config_.devices.contains(port)) {
          error(dev.where, "device " + name + ": port " + port + " is a redund device itself");
        } else if (const auto [it, added] = portOwner.emplace(port, name); !added) {
          error(dev.where, "device " + name + ": port " + port + " is a port of device " +
                               it->second + " too");
        }
      }
    }
    for (const auto& [key, router] : config_.routers) {
      const auto dev = config_.devices.find(key.device);
      if (dev != config_.devices.end() && dev->second.mode == Mode::kLacp && !dev->second.lacp) {
        error(router.where, "internal: lacp device without options");
      }
      for (const GatewayConfig& gw : config_.gateways) {
        if (gw.device == key.device && gw.key.vrid == key.vrid && gw.key.family == key.family) {
          error(gw.where, "gateway " + gw.device + " vrid " + std::to_string(key.vrid) +
                              " is the kernel gateway of router " + key.text() + " (at " +
                              router.where.text() + ")");
        }
      }
    }
  }

  std::string path_;
  Config config_;
  std::vector<ConfigError> errors_;
  std::map<RouterKey, std::string> grouped_;
};

}  // namespace

std::string Position::text() const {
  if (line == 0) {
    return file;
  }
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string RouterKey::text() const {
  return device + " vrid " + std::to_string(vrid) + " " + std::string(vrrpd::familyKeyword(family));
}

std::string ConfigError::text() const { return where.text() + ": " + message; }

namespace {

std::string joined(const std::vector<ConfigError>& errors) {
  std::string text;
  for (const ConfigError& e : errors) {
    text += (text.empty() ? "" : "\n") + e.text();
  }
  return text;
}

}  // namespace

ConfigErrors::ConfigErrors(std::vector<ConfigError> errors)
    : Error(joined(errors)), errors_(std::move(errors)) {}

Config parseConfig(std::string_view text, const std::string& path) {
  return Reader(path).read(text);
}

Config readConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw ConfigErrors({{.where = {.file = path},
                         .message = std::string("cannot read: ") + std::strerror(errno)}});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parseConfig(text.str(), path);
}

}  // namespace redund::config
