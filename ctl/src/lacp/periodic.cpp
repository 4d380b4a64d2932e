// Periodic Transmission machine, 802.1AX-2014 6.4.13 and Figure 6-19.
#include "lacp/machines.h"

namespace redund::lacp {
namespace {

void enter(Port& port, PeriodicState state, TimePoint now) {
  port.periodic = state;
  port.periodicTimer.reset();
  switch (state) {
    case PeriodicState::kNoPeriodic:
      break;
    case PeriodicState::kFastPeriodic:
      port.periodicTimer = now + kFastPeriodicTime;
      break;
    case PeriodicState::kSlowPeriodic:
      port.periodicTimer = now + kSlowPeriodicTime;
      break;
    case PeriodicState::kPeriodicTx:
      port.ntt = true;
      break;
  }
}

}  // namespace

bool runPeriodic(Port& port, TimePoint now) {
  const PeriodicState before = port.periodic;
  const bool bothPassive = !port.actor.state.lacpActivity && !port.partner.state.lacpActivity;
  // The partner's timeout says how often it wants to hear from us.
  const bool fast = port.partner.state.lacpTimeout;
  if (!port.lacpEnabled() || bothPassive) {
    if (port.periodic != PeriodicState::kNoPeriodic) {
      enter(port, PeriodicState::kNoPeriodic, now);
    }
    return port.periodic != before;
  }
  switch (port.periodic) {
    case PeriodicState::kNoPeriodic:
      enter(port, PeriodicState::kFastPeriodic, now);
      break;
    case PeriodicState::kFastPeriodic:
      if (!fast) {
        enter(port, PeriodicState::kSlowPeriodic, now);
      } else if (expired(port.periodicTimer, now)) {
        enter(port, PeriodicState::kPeriodicTx, now);
      }
      break;
    case PeriodicState::kSlowPeriodic:
      if (fast || expired(port.periodicTimer, now)) {
        enter(port, PeriodicState::kPeriodicTx, now);
      }
      break;
    case PeriodicState::kPeriodicTx:
      enter(port, fast ? PeriodicState::kFastPeriodic : PeriodicState::kSlowPeriodic, now);
      break;
  }
  return port.periodic != before;
}

}  // namespace redund::lacp
