#include "lacp/takeover.h"

namespace redund::lacp {

void adopt(Port& port, const TakeoverPort& state, TimePoint now) {
  port.rx = RxState::kCurrent;
  port.currentWhile = now + (port.actor.state.lacpTimeout ? kShortTimeoutTime : kLongTimeoutTime);
  port.selected = Selected::kSelected;
  port.mux = MuxState::kCollectingDistributing;
  port.actorChurn = ChurnState::kNoChurn;
  port.partnerChurn = ChurnState::kNoChurn;
  State& actor = port.actor.state;
  actor.defaulted = false;
  actor.expired = false;
  actor.synchronization = true;
  actor.collecting = true;
  actor.distributing = true;
  port.collectingDistributing = true;
  if (state.partner) {
    port.partner = *state.partner;
    port.lag = port.lagId();
    port.ntt = true;
  } else {
    port.partner = port.partnerAdmin;
    port.awaitingPartner = true;
    port.ntt = false;
  }
  // Forwarding means the partner was in sync.
  port.partner.state.synchronization = true;
}

}  // namespace redund::lacp
