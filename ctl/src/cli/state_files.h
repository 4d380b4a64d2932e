// Helpers for the views built from the daemons' state files (LACP,
// VRRP): whether the writer still runs, and fields as text.
#pragma once

#include <optional>
#include <string>

#include "cli/view.h"

namespace redund::cli {

// The file's "pid" names a live process: a file left by a daemon that
// died (kill -9) says nothing about the present.
bool daemonRunning(const Json& state);
// The file at `path` as JSON when it parses to an object and its daemon
// runs; nullopt otherwise.
std::optional<Json> readLiveState(const std::string& path);
// json[key] as text: strings bare, anything else dumped, "?" when absent.
std::string fieldText(const Json& json, const char* key);

}  // namespace redund::cli
