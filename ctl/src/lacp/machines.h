// The per-port state machines of 802.1AX-2014 6.4, one file each. Every
// run* call evaluates its machine's transitions once at `now`, reports the
// moves it makes to `out` and returns whether its state changed; the device
// repeats them until nothing changes. Timers that expire are stopped, so a
// stopped timer never shows up as a deadline again.
#pragma once

#include <optional>

#include "lacp/action.h"
#include "lacp/lacpdu.h"
#include "lacp/port.h"

namespace redund::lacp {

// Receive machine (6.4.12): timer and port_enabled/LACP_Enabled transitions.
bool runReceive(Port& port, TimePoint now, Actions& out);
// The "LACPDU received" event: CURRENT from EXPIRED, DEFAULTED or CURRENT;
// ignored in the other states.
void receiveLacpdu(Port& port, const Lacpdu& pdu, TimePoint now, Actions& out);

// Periodic Transmission machine (6.4.13), paced by the partner's timeout.
bool runPeriodic(Port& port, TimePoint now);

// Mux machine, coupled control (6.4.15). updateReadyN() first turns an
// expired wait_while into Ready_N; `ready` is the aggregator's Ready: every
// WAITING port selected for it has Ready_N.
bool updateReadyN(Port& port, TimePoint now);
bool runMux(Port& port, bool ready, TimePoint now, Actions& out);

// Actor and Partner Churn Detection machines (6.4.17).
bool runChurn(Port& port, TimePoint now, Actions& out);

// Transmit machine (6.4.16): sends an LACPDU when NTT is set, at most
// kMaxTxPerFastPeriod per kFastPeriodicTime; NTT waits out the limit.
// Nothing is sent, and NTT clears, while the Periodic machine is in
// NO_PERIODIC.
void runTransmit(Port& port, TimePoint now, Actions& out);
// When a transmission held back by the rate limit may go.
std::optional<TimePoint> transmitDeadline(const Port& port);

}  // namespace redund::lacp
