#include "lacp/marker.h"

#include <algorithm>

namespace redund::lacp {

void receiveMarker(Port& port, const MarkerPdu& marker, TimePoint now, Actions& out) {
  ++port.counters.markerRx;
  if (marker.response || !port.enabled()) {
    return;
  }
  auto& recent = port.recentMarkerResponses;
  if (recent.front() && now - *recent.front() < kSlowProtocolsWindow) {
    ++port.counters.markerRateLimited;
    return;
  }
  out.emplace_back(Transmit{.ifindex = port.ifindex(),
                            .frame = encodeMarker(port.config.mac, markerResponse(marker))});
  ++port.counters.markerResponseTx;
  std::shift_left(recent.begin(), recent.end(), 1);
  recent.back() = now;
}

}  // namespace redund::lacp
