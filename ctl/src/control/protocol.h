// redundd's control socket, the one schema its writer (redundd) and its
// readers (redundctl status, reload) share. An abstract UNIX stream
// socket, so one per network namespace by nature; root only (the peer's
// credentials are checked). One JSON request line, one JSON reply line,
// then the daemon closes the connection; except after "monitor", whose
// reply is followed by one notice line per state change in the daemon
// (runtime/notices.h) until either end closes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/notices.h"

namespace redund::control {

using Json = nlohmann::ordered_json;

// The abstract name (without its leading NUL) redundd listens on.
inline constexpr std::string_view kSocketName = "redund/redundd";

enum class Command : uint8_t { kStatus, kReload, kMonitor };

// "status", "reload", "monitor".
std::string_view commandName(Command command);

struct Request {
  Command command = Command::kStatus;

  bool operator==(const Request&) const = default;
};

// What the daemon says of itself in a status reply.
struct DaemonInfo {
  int pid = 0;
  std::string configFile{};
  int64_t startedAt = 0;  // Unix time, s
  uint64_t reloads = 0;   // whose file parsed and was applied
  // The last reload (SIGHUP or `redundctl reload`): when, and what it
  // refused or failed to apply; nullopt before the first.
  std::optional<int64_t> lastReloadAt{};
  std::vector<std::string> lastReloadErrors{};

  bool operator==(const DaemonInfo&) const = default;
};

struct Reply {
  bool ok = true;
  // Why the request failed, or what a reload refused (the file's errors,
  // FILE:LINE:COLUMN: MESSAGE) or failed to apply.
  std::vector<std::string> errors{};
  std::optional<DaemonInfo> daemon{};
  // status: {"lacp": [...], "vrrp": [...], "checks": [...], "gateways":
  // [...]}, each entry as the service writes it.
  Json services = nullptr;

  bool operator==(const Reply&) const = default;
};

// The daemon's part of a reply as `status -j` prints it, too.
Json toJson(const DaemonInfo& daemon);

std::string encode(const Request& request);
std::string encode(Reply reply);
// Throw Error for text that is not a request or reply of this schema.
Request decodeRequest(std::string_view line);
Reply decodeReply(std::string_view line);

// {"notice": {"kind", "object", "from", "to", "detail"}}, a line.
std::string encode(const runtime::Notice& notice);
Json toJson(const runtime::Notice& notice);
runtime::Notice decodeNotice(std::string_view line);

}  // namespace redund::control
