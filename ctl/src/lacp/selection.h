// The Selection Logic (802.1AX-2014 6.4.14) for the ports of one device.
//
// Ports with equal LAG IDs (port.h: same actor key, partner System ID,
// partner key and speed) share an aggregator; half-duplex ports have none.
// The device has one data path, so one aggregator is active: chosen among
// those with a live port (receive machine CURRENT) by DeviceConfig::policy.
// In it, ports are ranked by the port priorities of the system with the
// better System ID (6.6.1), so both ends pick the same ones; the first
// max_active_ports are SELECTED, the rest STANDBY, and all are STANDBY when
// fewer than min_links would be SELECTED. Ports of other aggregators, and
// ports without a live partner, are STANDBY; ports without a LAG ID are
// UNSELECTED.
//
// A port whose LAG ID changes is first UNSELECTED and gets its new
// aggregator only once its Mux machine is back in DETACHED.
#pragma once

#include <optional>
#include <span>

#include "lacp/action.h"
#include "lacp/config.h"
#include "lacp/port.h"

namespace redund::lacp {

// Updates every port's Selected; `active` is the active aggregator, kept or
// replaced. Returns whether any Selected changed.
bool runSelection(std::span<Port> ports, const DeviceConfig& config, std::optional<LagId>& active,
                  Actions& out);

// Ready (6.4.8) for the aggregator `port` selected: no WAITING port of that
// aggregator still lacks Ready_N.
bool aggregatorReady(std::span<const Port> ports, const Port& port);

}  // namespace redund::lacp
