// Receive machine, 802.1AX-2014 6.4.12 and Figure 6-18.
#include "lacp/machines.h"

namespace redund::lacp {
namespace {

// The fields whose change means a different partner (update_Selected).
bool samePartnerPort(const Participant& a, const Participant& b) {
  return a.system == b.system && a.key == b.key && a.portPriority == b.portPriority &&
         a.port == b.port && a.state.aggregation == b.state.aggregation;
}

Duration actorTimeout(const Port& port) {
  return port.actor.state.lacpTimeout ? kShortTimeoutTime : kLongTimeoutTime;
}

void recordDefault(Port& port) {
  port.partner = port.partnerAdmin;
  port.actor.state.defaulted = true;
}

void recordPdu(Port& port, const Lacpdu& pdu) {
  const State& theirs = pdu.actor.state;
  const bool matched = samePartnerPort(pdu.partner, port.actor);
  port.partner = pdu.actor;
  port.partner.state.synchronization =
      ((matched && theirs.synchronization) || (!theirs.aggregation && theirs.synchronization)) &&
      (port.actor.state.lacpActivity || theirs.lacpActivity);
  port.actor.state.defaulted = false;
}

void updateNtt(Port& port, const Lacpdu& pdu) {
  const Participant& seen = pdu.partner;
  const State& ours = port.actor.state;
  if (!samePartnerPort(seen, port.actor) || seen.state.lacpActivity != ours.lacpActivity ||
      seen.state.lacpTimeout != ours.lacpTimeout ||
      seen.state.synchronization != ours.synchronization) {
    port.ntt = true;
  }
}

void enter(Port& port, RxState state, TimePoint now, Actions& out) {
  if (port.rx != state) {
    port.report(Machine::kReceive, rxStateName(port.rx), rxStateName(state), out);
  }
  port.rx = state;
  port.currentWhile.reset();
  switch (state) {
    case RxState::kInitialize:
      port.setSelected(Selected::kUnselected, out);
      recordDefault(port);
      port.actor.state.expired = false;
      port.portMoved = false;
      port.awaitingPartner = false;
      break;
    case RxState::kPortDisabled:
      port.partner.state.synchronization = false;
      break;
    case RxState::kExpired:
      port.partner.state.synchronization = false;
      port.partner.state.lacpTimeout = true;
      port.currentWhile = now + kShortTimeoutTime;
      port.actor.state.expired = true;
      port.awaitingPartner = false;
      break;
    case RxState::kLacpDisabled:
      port.setSelected(Selected::kUnselected, out);
      recordDefault(port);
      port.partner.state.aggregation = false;
      port.actor.state.expired = false;
      break;
    case RxState::kDefaulted:
      if (!samePartnerPort(port.partnerAdmin, port.partner)) {  // update_Default_Selected
        port.setSelected(Selected::kUnselected, out);
      }
      recordDefault(port);
      port.actor.state.expired = false;
      break;
    case RxState::kCurrent:
      port.currentWhile = now + actorTimeout(port);
      port.actor.state.expired = false;
      break;
  }
}

}  // namespace

bool runReceive(Port& port, TimePoint now, Actions& out) {
  const RxState before = port.rx;
  if (!port.enabled() && !port.portMoved) {
    if (port.rx != RxState::kPortDisabled) {
      enter(port, RxState::kPortDisabled, now, out);
    }
    return port.rx != before;
  }
  switch (port.rx) {
    case RxState::kInitialize:
      enter(port, RxState::kPortDisabled, now, out);
      break;
    case RxState::kPortDisabled:
      if (port.portMoved) {
        enter(port, RxState::kInitialize, now, out);
      } else if (port.enabled()) {
        enter(port, port.lacpEnabled() ? RxState::kExpired : RxState::kLacpDisabled, now, out);
      }
      break;
    case RxState::kExpired:
      if (expired(port.currentWhile, now)) {
        enter(port, RxState::kDefaulted, now, out);
      }
      break;
    case RxState::kLacpDisabled:
      if (port.lacpEnabled()) {
        enter(port, RxState::kPortDisabled, now, out);
      }
      break;
    case RxState::kDefaulted:
      break;
    case RxState::kCurrent:
      if (expired(port.currentWhile, now)) {
        enter(port, RxState::kExpired, now, out);
      }
      break;
  }
  return port.rx != before;
}

void receiveLacpdu(Port& port, const Lacpdu& pdu, TimePoint now, Actions& out) {
  if (port.rx != RxState::kExpired && port.rx != RxState::kDefaulted &&
      port.rx != RxState::kCurrent) {
    return;
  }
  if (port.awaitingPartner) {
    // Taken over from the kernel: learn the partner in place, and tell it
    // at once that this side is back.
    port.ntt = true;
  } else if (!samePartnerPort(pdu.actor, port.partner)) {  // update_Selected
    port.setSelected(Selected::kUnselected, out);
  }
  updateNtt(port, pdu);
  recordPdu(port, pdu);
  enter(port, RxState::kCurrent, now, out);
  if (port.awaitingPartner) {
    port.awaitingPartner = false;
    port.lag = port.lagId();
  }
}

}  // namespace redund::lacp
