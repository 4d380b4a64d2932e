// Mux machine, coupled control: 802.1AX-2014 6.4.15 and Figure 6-22.
#include "lacp/machines.h"

namespace redund::lacp {
namespace {

void enter(Port& port, MuxState state, TimePoint now, Actions& out) {
  port.report(Machine::kMux, muxStateName(port.mux), muxStateName(state), out);
  port.mux = state;
  State& actor = port.actor.state;
  switch (state) {
    case MuxState::kDetached:
      actor.synchronization = false;
      actor.collecting = false;
      actor.distributing = false;
      port.waitWhile.reset();
      port.readyN = false;
      port.ntt = true;
      break;
    case MuxState::kWaiting:
      port.waitWhile = now + kAggregateWaitTime;
      port.readyN = false;
      break;
    case MuxState::kAttached:
      actor.synchronization = true;
      actor.collecting = false;
      actor.distributing = false;
      port.waitWhile.reset();
      port.ntt = true;
      break;
    case MuxState::kCollectingDistributing:
      actor.collecting = true;
      actor.distributing = true;
      port.ntt = true;
      break;
  }
}

}  // namespace

bool updateReadyN(Port& port, TimePoint now) {
  if (port.mux != MuxState::kWaiting || !expired(port.waitWhile, now)) {
    return false;
  }
  port.waitWhile.reset();
  port.readyN = true;
  return true;
}

bool runMux(Port& port, bool ready, TimePoint now, Actions& out) {
  const MuxState before = port.mux;
  const bool selected = port.selected == Selected::kSelected;
  const bool partnerInSync = port.partner.state.synchronization;
  switch (port.mux) {
    case MuxState::kDetached:
      if (port.selected != Selected::kUnselected) {
        enter(port, MuxState::kWaiting, now, out);
      }
      break;
    case MuxState::kWaiting:
      if (port.selected == Selected::kUnselected) {
        enter(port, MuxState::kDetached, now, out);
      } else if (selected && ready) {
        enter(port, MuxState::kAttached, now, out);
      }
      break;
    case MuxState::kAttached:
      if (!selected) {
        enter(port, MuxState::kDetached, now, out);
      } else if (partnerInSync) {
        enter(port, MuxState::kCollectingDistributing, now, out);
      }
      break;
    case MuxState::kCollectingDistributing:
      if (!selected || !partnerInSync) {
        enter(port, MuxState::kAttached, now, out);
      }
      break;
  }
  return port.mux != before;
}

}  // namespace redund::lacp
