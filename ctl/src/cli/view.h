// The JSON model of everything redundctl prints. JSON output dumps it; text
// output is rendered from it (text.h), so the two never drift.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model.h"
#include "runtime/notices.h"

namespace redund::cli {

using Json = nlohmann::ordered_json;
// Name of an interface the kernel did not name.
using NameOf = std::function<std::string(uint32_t ifindex)>;

// Keys a module older than balance and lacp modes gives no value for are
// left out (not null).

// {"ifname","ifindex","carrier","active","link_failures","collecting",
// "distributing","tx_buckets","speed" (Mb/s, null when unknown),"duplex"
// ("full", "half" or null),"stats":{"rx_packets","rx_bytes","rx_drops",
// "tx_packets","tx_bytes","tx_drops"}}
Json portView(const PortInfo& port, const NameOf& nameOf);
// {"ifname","ifindex","mode","carrier","num_ports","active_port"
// (name or null),"hash","min_links","tx_ports","ports":[...]}; `show`
// adds "gateways":[...] (the keys of gatewayView from "vrid" on) to a
// device that has any.
Json deviceView(const DeviceInfo& dev, const std::vector<PortInfo>& ports, const NameOf& nameOf);
// {"ifname","ifindex" (the device),"vrid","family" ("inet" or "inet6"),
// "mac","state" ("backup", "master" or "active"),"addresses":[...],
// "announce_count","announce_interval_ms","refresh_interval_ms" (0: off),
// "persist","owner" (netlink port
// id, 0 when gone),"release" (null, or {"source","version","interval_ms"}:
// the priority 0 advert sent if the owner dies while master),
// "stats":{"arp_replies","na_sent","announces","rx_vmac",
// "rx_drops","tx_drops", and the requests dropped as invalid by reason:
// "arp_bad_sender_mac","arp_bad_sender_ip","ns_bad_source","ns_bad_option",
// "ns_dad_bad_dest","ns_dad_sllao", then "releases"}}
Json gatewayView(const GatewayInfo& gw, const NameOf& nameOf);
// {"event","time","ifname","ifindex"} plus, by kind, "port" (port_del:
// ifname and ifindex only), or "active_port", "active_port_ifindex" (null
// when none) and "reason", or (dev_change) the device keys "mode" to
// "tx_ports" as in deviceView, or (gw_*) "gateway" with the keys of
// gatewayView from "vrid" on (gw_del: "vrid", "family" and "mac" only) and
// (gw_change) "reason" ("admin" or "owner_gone").
Json eventView(const Event& event, const NameOf& nameOf);
// What redundd noticed (runtime/notices.h), received at `time`:
// {"event": "redundd", "time", "kind", "object", "from", "to", "detail"}.
Json noticeView(const runtime::Notice& notice, std::chrono::system_clock::time_point time);

// ISO 8601 local time with milliseconds and UTC offset,
// "2024-05-01T12:00:01.123+02:00".
std::string isoTime(std::chrono::system_clock::time_point time);
// Compact on one line, or indented with `pretty`.
std::string dumpJson(const Json& json, bool pretty);

}  // namespace redund::cli
