// The daemon's state file, DIR/DEV.lacp.json: the LACP status of every
// port (actor, partner, machine states, counters), rewritten on every
// change. A restarted daemon reads the partner information back from it
// (takeover.h), so its first LACPDU already echoes the partner.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lacp/status.h"
#include "lacpd/daemon.h"

namespace redund::lacpd {

using Json = nlohmann::ordered_json;

// snake_case keys: {"device", "pid", "mode", "rate", "system_priority",
// "system_mac", "aggregate_up", "fallback_port", "ports": [{"ifindex",
// "name", "up", "speed", "actor": {...}, "partner": {...}, "rx", "mux",
// "periodic", "selected", "standby", "fallback",
// "collecting_distributing", "counters": {...}}]}.
Json statusJson(const std::string& device, int pid, const lacp::DeviceStatus& status);
// The partner information of each forwarding port in a state file's JSON;
// ports whose entries do not parse are left out.
SavedState savedState(const Json& json);

// Empty state when the file is missing or unreadable.
SavedState readStateFile(const std::string& path);

}  // namespace redund::lacpd
