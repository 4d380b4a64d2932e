// Restart takeover: the data path survives the controller, so a restarted
// controller rebuilds each port's LACP state from what the kernel reports
// instead of starting from BEGIN, and keeps forwarding ports forwarding
// (no DETACHED, no flap on either side).
//
// A port the kernel has collecting and distributing resumes in receive
// CURRENT, Selected SELECTED and mux COLLECTING_DISTRIBUTING, in sync. The
// partner's side only stays up if the first LACPDU it gets echoes its own
// information, so:
// * with the partner information the previous controller recorded
//   (PortStatus::partner, saved for instance under /run), the port sets NTT
//   and sends at once;
// * without it, the port stays quiet and learns the partner from its next
//   LACPDU (within one partner period: 1 s fast, 30 s slow), then answers
//   at once. No other aggregator is chosen meanwhile. If none comes within
//   current_while, the port expires as usual.
// A port that was in fallback resumes in fallback.
#pragma once

#include <optional>

#include "lacp/config.h"
#include "lacp/port.h"

namespace redund::lacp {

struct TakeoverPort {
  PortConfig config{};
  LinkState link{};
  // The kernel has the port in its collecting and distributing sets...
  bool collectingDistributing = false;
  // ...as the fallback port.
  bool fallback = false;
  // The partner's information as the previous controller recorded it.
  std::optional<Participant> partner{};
};

// Moves a port fresh from BEGIN, with its actor information set, to the
// forwarding state `state` describes. Only for a forwarding, full-duplex,
// up port that is not in fallback.
void adopt(Port& port, const TakeoverPort& state, TimePoint now);

}  // namespace redund::lacp
