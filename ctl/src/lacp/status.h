// The LACP state of a device as `show` prints it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lacp/config.h"
#include "lacp/machine_states.h"
#include "lacp/port.h"
#include "lacp/types.h"

namespace redund::lacp {

struct PortStatus {
  uint32_t ifindex = 0;
  std::string name{};
  LinkState link{};
  Participant actor{};
  Participant partner{};  // the partner admin defaults while defaulted
  RxState rx = RxState::kInitialize;
  MuxState mux = MuxState::kDetached;
  PeriodicState periodic = PeriodicState::kNoPeriodic;
  Selected selected = Selected::kUnselected;
  ChurnState actorChurn = ChurnState::kMonitor;
  ChurnState partnerChurn = ChurnState::kMonitor;
  bool standby = false;                 // selected == kStandby
  bool fallback = false;                // used alone, without a partner
  bool collectingDistributing = false;  // forwarding, LACP or fallback
  Counters counters{};
};

struct DeviceStatus {
  DeviceConfig config{};
  bool aggregateUp = false;  // some port carries traffic
  std::optional<LagId> activeAggregator{};
  std::optional<uint32_t> fallbackPort{};
  std::vector<PortStatus> ports{};  // by ifindex
};

PortStatus portStatus(const Port& port);

}  // namespace redund::lacp
