// The daemon's state file, DIR/DEV.vrrp.VRID.FAMILY.json: the router's
// status (vrrp::Status) as `redundctl show` prints it, rewritten on every
// state change and at most once a second otherwise.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "vrrp/status.h"
#include "vrrpd/options.h"

namespace redund::vrrpd {

using Json = nlohmann::ordered_json;

// "DIR/DEV.vrrp.VRID.FAMILY.json"; empty when the state dir is "".
std::string stateFilePath(const VrrpOptions& options);

// snake_case keys: {"device", "pid", "name", "vrid", "family", "version",
// "state", "priority", "effective_priority", "interface_up", "preempt",
// "preempt_delay_ms", "accept", "pseudo_header", "primary_address",
// "virtual_mac", "addresses", "unicast_peers", "master_address",
// "master_priority", "advert_interval_ms", "master_advert_interval_ms",
// "master_down_interval_ms", "skew_time_ms", "timers": {"advert_ms",
// "master_down_ms", "preempt_delay_ms"}, "tracked": [{"name", "weight",
// "up"}], "counters": {..., "drops": {REASON: N}}}.
Json statusJson(const std::string& device, int pid, const vrrp::Status& status);

}  // namespace redund::vrrpd
