// The states of the per-port LACP machines (802.1AX-2014 6.4.12 to 6.4.17)
// and their names as shown to users.
#pragma once

#include <cstdint>
#include <string_view>

namespace redund::lacp {

enum class RxState : uint8_t {
  kInitialize,
  kPortDisabled,
  kExpired,
  kLacpDisabled,
  kDefaulted,
  kCurrent,
};

enum class PeriodicState : uint8_t {
  kNoPeriodic,
  kFastPeriodic,
  kSlowPeriodic,
  kPeriodicTx,
};

// The coupled control Mux machine (6.4.15, Figure 6-22).
enum class MuxState : uint8_t {
  kDetached,
  kWaiting,
  kAttached,
  kCollectingDistributing,
};

// The Selected variable (6.4.8): what the Selection Logic decided.
enum class Selected : uint8_t {
  kUnselected,
  kSelected,
  kStandby,
};

// Actor and Partner Churn Detection machines (6.4.17): MONITOR,
// NO_CHURN, CHURN.
enum class ChurnState : uint8_t {
  kMonitor,
  kNoChurn,
  kChurn,
};

// The machines whose transitions are reported as StateChange actions.
enum class Machine : uint8_t {
  kReceive,
  kMux,
  kSelection,
  kActorChurn,
  kPartnerChurn,
};

// snake_case names: "current", "port_disabled", "collecting_distributing",
// "fast_periodic", "standby", "churn", "mux", ...
std::string_view rxStateName(RxState state);
std::string_view periodicStateName(PeriodicState state);
std::string_view muxStateName(MuxState state);
std::string_view selectedName(Selected selected);
std::string_view churnStateName(ChurnState state);
std::string_view machineName(Machine machine);

}  // namespace redund::lacp
