#include "control/protocol.h"

#include "error.h"

namespace redund::control {
namespace {

constexpr std::string_view kStatus = "status";
constexpr std::string_view kReload = "reload";
constexpr std::string_view kMonitor = "monitor";

Json parse(std::string_view line, std::string_view what) {
  Json json = Json::parse(line, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    throw Error("control socket: malformed " + std::string(what));
  }
  return json;
}

template <typename T>
T field(const Json& json, const char* key, std::string_view what) {
  try {
    return json.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw Error("control socket: " + std::string(what) + " without a valid \"" + key + "\"");
  }
}

}  // namespace

std::string_view commandName(Command command) {
  switch (command) {
    case Command::kStatus:
      break;
    case Command::kReload:
      return kReload;
    case Command::kMonitor:
      return kMonitor;
  }
  return kStatus;
}

std::string encode(const Request& request) {
  return Json{{"command", std::string(commandName(request.command))}}.dump() + "\n";
}

Request decodeRequest(std::string_view line) {
  const Json json = parse(line, "request");
  const auto name = field<std::string>(json, "command", "request");
  if (name == kStatus) {
    return {.command = Command::kStatus};
  }
  if (name == kReload) {
    return {.command = Command::kReload};
  }
  if (name == kMonitor) {
    return {.command = Command::kMonitor};
  }
  throw Error("control socket: unknown command \"" + name +
              "\" (expected status, reload or monitor)");
}

Json toJson(const DaemonInfo& d) {
  return {{"pid", d.pid},
          {"config_file", d.configFile},
          {"started_at", d.startedAt},
          {"reloads", d.reloads},
          {"last_reload_at", d.lastReloadAt ? Json(*d.lastReloadAt) : Json(nullptr)},
          {"last_reload_errors", d.lastReloadErrors}};
}

std::string encode(Reply reply) {
  Json json{{"ok", reply.ok}, {"errors", reply.errors}};
  if (reply.daemon) {
    json["daemon"] = toJson(*reply.daemon);
  }
  if (!reply.services.is_null()) {
    json["services"] = std::move(reply.services);
  }
  return json.dump() + "\n";
}

Reply decodeReply(std::string_view line) {
  const Json json = parse(line, "reply");
  Reply reply{.ok = field<bool>(json, "ok", "reply"),
              .errors = field<std::vector<std::string>>(json, "errors", "reply")};
  if (json.contains("daemon")) {
    const Json& d = json.at("daemon");
    DaemonInfo info{.pid = field<int>(d, "pid", "daemon"),
                    .configFile = field<std::string>(d, "config_file", "daemon"),
                    .startedAt = field<int64_t>(d, "started_at", "daemon"),
                    .reloads = field<uint64_t>(d, "reloads", "daemon")};
    if (d.contains("last_reload_at") && !d.at("last_reload_at").is_null()) {
      info.lastReloadAt = field<int64_t>(d, "last_reload_at", "daemon");
    }
    info.lastReloadErrors = field<std::vector<std::string>>(d, "last_reload_errors", "daemon");
    reply.daemon = std::move(info);
  }
  if (json.contains("services")) {
    reply.services = json.at("services");
  }
  return reply;
}

Json toJson(const runtime::Notice& notice) {
  return {{"kind", notice.kind},
          {"object", notice.object},
          {"from", notice.from},
          {"to", notice.to},
          {"detail", notice.detail}};
}

std::string encode(const runtime::Notice& notice) {
  return Json{{"notice", toJson(notice)}}.dump() + "\n";
}

runtime::Notice decodeNotice(std::string_view line) {
  const Json json = parse(line, "notice");
  if (!json.contains("notice") || !json.at("notice").is_object()) {
    throw Error("control socket: notice without a valid \"notice\"");
  }
  const Json& n = json.at("notice");
  return {.kind = field<std::string>(n, "kind", "notice"),
          .object = field<std::string>(n, "object", "notice"),
          .from = field<std::string>(n, "from", "notice"),
          .to = field<std::string>(n, "to", "notice"),
          .detail = field<std::string>(n, "detail", "notice")};
}

}  // namespace redund::control
