// Transmit machine, 802.1AX-2014 6.4.16.
#include <algorithm>

#include "lacp/machines.h"

namespace redund::lacp {

void runTransmit(Port& port, TimePoint now, Actions& out) {
  if (!port.ntt) {
    return;
  }
  if (!port.lacpEnabled() || port.periodic == PeriodicState::kNoPeriodic) {
    port.ntt = false;
    return;
  }
  if (port.awaitingPartner || transmitDeadline(port) > now) {
    return;
  }
  const Lacpdu pdu{.actor = port.actor, .partner = port.partner};
  out.emplace_back(
      Transmit{.ifindex = port.ifindex(), .frame = encodeLacpdu(port.config.mac, pdu)});
  ++port.counters.lacpduTx;
  port.ntt = false;
  std::shift_left(port.recentTx.begin(), port.recentTx.end(), 1);
  port.recentTx.back() = now;
}

std::optional<TimePoint> transmitDeadline(const Port& port) {
  const std::optional<TimePoint>& oldest = port.recentTx.front();
  if (!port.ntt || port.awaitingPartner || !oldest) {
    return std::nullopt;
  }
  return *oldest + kFastPeriodicTime;
}

}  // namespace redund::lacp
