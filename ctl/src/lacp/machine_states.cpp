#include "lacp/machine_states.h"

namespace redund::lacp {

std::string_view rxStateName(RxState state) {
  switch (state) {
    case RxState::kInitialize:
      return "initialize";
    case RxState::kPortDisabled:
      return "port_disabled";
    case RxState::kExpired:
      return "expired";
    case RxState::kLacpDisabled:
      return "lacp_disabled";
    case RxState::kDefaulted:
      return "defaulted";
    case RxState::kCurrent:
      return "current";
  }
  return "unknown";
}

std::string_view periodicStateName(PeriodicState state) {
  switch (state) {
    case PeriodicState::kNoPeriodic:
      return "no_periodic";
    case PeriodicState::kFastPeriodic:
      return "fast_periodic";
    case PeriodicState::kSlowPeriodic:
      return "slow_periodic";
    case PeriodicState::kPeriodicTx:
      return "periodic_tx";
  }
  return "unknown";
}

std::string_view muxStateName(MuxState state) {
  switch (state) {
    case MuxState::kDetached:
      return "detached";
    case MuxState::kWaiting:
      return "waiting";
    case MuxState::kAttached:
      return "attached";
    case MuxState::kCollectingDistributing:
      return "collecting_distributing";
  }
  return "unknown";
}

std::string_view selectedName(Selected selected) {
  switch (selected) {
    case Selected::kUnselected:
      return "unselected";
    case Selected::kSelected:
      return "selected";
    case Selected::kStandby:
      return "standby";
  }
  return "unknown";
}

std::string_view churnStateName(ChurnState state) {
  switch (state) {
    case ChurnState::kMonitor:
      return "monitor";
    case ChurnState::kNoChurn:
      return "no_churn";
    case ChurnState::kChurn:
      return "churn";
  }
  return "unknown";
}

std::string_view machineName(Machine machine) {
  switch (machine) {
    case Machine::kReceive:
      return "receive";
    case Machine::kMux:
      return "mux";
    case Machine::kSelection:
      return "selection";
    case Machine::kActorChurn:
      return "actor_churn";
    case Machine::kPartnerChurn:
      return "partner_churn";
  }
  return "unknown";
}

}  // namespace redund::lacp
