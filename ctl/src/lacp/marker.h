// The Marker Responder (802.1AX-2014 6.5.4.2): a Marker Information PDU is
// answered with a Marker Response carrying the same fields, within the
// Slow Protocols rate limit (IEEE 802.3 Annex 43B: at most 10 frames a
// second per port, LACPDUs included). LACPDUs are limited to
// kMaxTxPerFastPeriod a second by the Transmit machine; Marker Responses
// get the rest, kMaxMarkerResponsesPerSecond in any second, so a peer
// that floods Marker PDUs can neither push the port over the limit nor
// delay an LACPDU. Markers past the limit are counted and not answered.
#pragma once

#include "lacp/action.h"
#include "lacp/lacpdu.h"
#include "lacp/port.h"

namespace redund::lacp {

// A Marker PDU received on an enabled port. Marker Responses are only
// counted (redund never sends Marker Information).
void receiveMarker(Port& port, const MarkerPdu& marker, TimePoint now, Actions& out);

}  // namespace redund::lacp
