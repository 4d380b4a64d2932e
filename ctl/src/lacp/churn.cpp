// Actor and Partner Churn Detection machines, 802.1AX-2014 6.4.17.
// While the port is down the machine rests in MONITOR with its timer
// stopped; the churn_detection_time runs from the port coming up.
#include "lacp/machines.h"

namespace redund::lacp {
namespace {

struct Churn {
  Machine machine;
  ChurnState& state;
  Timer& timer;
  uint64_t& count;
  bool inSync;
};

bool run(Port& port, const Churn& churn, TimePoint now, Actions& out) {
  const ChurnState before = churn.state;
  if (!port.enabled()) {
    churn.state = ChurnState::kMonitor;
    churn.timer.reset();
  } else {
    switch (churn.state) {
      case ChurnState::kMonitor:
        if (churn.inSync) {
          churn.state = ChurnState::kNoChurn;
          churn.timer.reset();
        } else if (!churn.timer) {
          churn.timer = now + kChurnDetectionTime;
        } else if (expired(churn.timer, now)) {
          churn.state = ChurnState::kChurn;
          churn.timer.reset();
          ++churn.count;
        }
        break;
      case ChurnState::kNoChurn:
        if (!churn.inSync) {
          churn.state = ChurnState::kMonitor;
          churn.timer = now + kChurnDetectionTime;
        }
        break;
      case ChurnState::kChurn:
        if (churn.inSync) {
          churn.state = ChurnState::kNoChurn;
        }
        break;
    }
  }
  if (churn.state == before) {
    return false;
  }
  port.report(churn.machine, churnStateName(before), churnStateName(churn.state), out);
  return true;
}

}  // namespace

bool runChurn(Port& port, TimePoint now, Actions& out) {
  const bool actor = run(port,
                         {Machine::kActorChurn, port.actorChurn, port.actorChurnTimer,
                          port.counters.actorChurn, port.actor.state.synchronization},
                         now, out);
  const bool partner = run(port,
                           {Machine::kPartnerChurn, port.partnerChurn, port.partnerChurnTimer,
                            port.counters.partnerChurn, port.partner.state.synchronization},
                           now, out);
  return actor || partner;
}

}  // namespace redund::lacp
