#include "cli/status.h"

#include <ctime>

#include "cli/errors.h"

namespace redund::cli {
namespace {

using control::Json;

std::string text(const Json& json, const char* key) {
  if (!json.contains(key) || json.at(key).is_null()) {
    return "-";
  }
  const Json& value = json.at(key);
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string ago(int64_t now, int64_t then) {
  const int64_t secs = now > then ? now - then : 0;
  if (secs < 120) {
    return std::to_string(secs) + "s";
  }
  if (secs < 7200) {
    return std::to_string(secs / 60) + "m";
  }
  return std::to_string(secs / 3600) + "h" + std::to_string(secs / 60 % 60) + "m";
}

void printLacp(const Json& lacp, std::ostream& out) {
  std::size_t forwarding = 0;
  const Json ports = lacp.value("ports", Json::array());
  for (const Json& port : ports) {
    forwarding += port.value("collecting_distributing", false) ? 1 : 0;
  }
  out << "lacp " << text(lacp, "device") << ": " << text(lacp, "mode") << " " << text(lacp, "rate")
      << ", " << ports.size() << " ports, " << forwarding << " collecting and distributing\n";
  for (const Json& port : ports) {
    const Json partner = port.value("partner", Json::object());
    out << "  " << text(port, "name") << ": " << text(port, "mux") << ", partner "
        << text(partner, "system_mac") << " key " << text(partner, "key") << " port "
        << text(partner, "port") << '\n';
  }
}

void printVrrp(const Json& service, std::ostream& out) {
  out << "vrrp " << text(service, "device") << " " << text(service, "family") << ":\n";
  for (const Json& router : service.value("routers", Json::array())) {
    out << "  vrid " << text(router, "vrid") << ": " << text(router, "state") << ", priority "
        << text(router, "effective_priority") << " (configured " << text(router, "priority")
        << "), master " << text(router, "master_address") << '\n';
    for (const Json& tracked : router.value("tracked", Json::array())) {
      if (tracked.value("missing", false)) {
        out << "    tracked interface " << text(tracked, "name")
            << " does not exist: counts as down\n";
      }
    }
  }
  for (const Json& failed : service.value("failed", Json::array())) {
    out << "  vrid " << text(failed, "vrid") << ": failed: " << text(failed, "reason") << '\n';
  }
  const Json drops = service.value("unclaimed_drops", Json::object());
  out << "  adverts for no router here: " << text(drops, "wrong_vrid") << ", too short "
      << text(drops, "truncated") << '\n';
}

}  // namespace

void parseStatus(std::span<const std::string> words, std::string_view command) {
  if (!words.empty()) {
    throw UsageError(std::string(command) + ": unknown argument \"" + words.front() + "\"");
  }
}

void printStatus(const control::Reply& reply, const GlobalOptions& opts, std::ostream& out,
                 int64_t now) {
  if (opts.json) {
    Json json{{"daemon", nullptr}, {"services", reply.services}};
    if (reply.daemon) {
      json["daemon"] = control::toJson(*reply.daemon);
    }
    out << json.dump(opts.pretty ? 2 : -1) << '\n';
    return;
  }
  if (reply.daemon) {
    const control::DaemonInfo& d = *reply.daemon;
    out << "redundd pid " << d.pid << ", " << d.configFile << ", up " << ago(now, d.startedAt)
        << ", " << d.reloads << " reloads";
    if (d.lastReloadAt) {
      out << ", last " << ago(now, *d.lastReloadAt) << " ago: "
          << (d.lastReloadErrors.empty()
                  ? "ok"
                  : std::to_string(d.lastReloadErrors.size()) +
                        (d.lastReloadErrors.size() == 1 ? " error" : " errors"));
    }
    out << '\n';
    for (const std::string& error : d.lastReloadErrors) {
      out << "  " << error << '\n';
    }
  }
  const Json& services = reply.services;
  if (!services.is_object()) {
    return;
  }
  for (const Json& lacp : services.value("lacp", Json::array())) {
    printLacp(lacp, out);
  }
  for (const Json& vrrp : services.value("vrrp", Json::array())) {
    printVrrp(vrrp, out);
  }
  for (const Json& check : services.value("checks", Json::array())) {
    const Json last = check.value("last", Json::object());
    out << "check " << text(check, "name") << ": " << text(check, "state") << " ("
        << text(check, "kind") << " " << text(check, "target")
        << ", last: " << (last.is_object() ? text(last, "detail") : "-") << ")\n";
  }
  for (const Json& gw : services.value("gateways", Json::array())) {
    out << "gateway " << text(gw, "device") << " vrid " << text(gw, "vrid") << " "
        << text(gw, "family") << ": kept as configured\n";
  }
}

void runStatus(const AskDaemon& ask, const GlobalOptions& opts, std::ostream& out) {
  const control::Reply reply = ask({.command = control::Command::kStatus});
  if (!reply.ok) {
    throw Error("status: " +
                (reply.errors.empty() ? std::string("refused") : reply.errors.front()));
  }
  printStatus(reply, opts, out, static_cast<int64_t>(std::time(nullptr)));
}

void runReload(const AskDaemon& ask, const GlobalOptions& opts, std::ostream& out) {
  const control::Reply reply = ask({.command = control::Command::kReload});
  if (opts.json) {
    out << Json{{"ok", reply.ok}, {"errors", reply.errors}}.dump(opts.pretty ? 2 : -1) << '\n';
  }
  if (!reply.ok) {
    std::string all;
    for (const std::string& error : reply.errors) {
      all += "\n  " + error;
    }
    throw Error("reload: " + std::to_string(reply.errors.size()) +
                (reply.errors.size() == 1 ? " error" : " errors") + all);
  }
  if (!opts.json) {
    out << "reloaded\n";
  }
}

}  // namespace redund::cli
