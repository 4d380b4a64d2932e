// Value types shared by the LACP core (IEEE 802.1AX-2014/2020, formerly
// IEEE 802.3ad clause 43): time, MAC addresses, system IDs and the
// per-participant information an LACPDU carries.
#pragma once

#include <array>
#include <chrono>
#include <compare>
#include <cstdint>
#include <string>

#include "lacp/state.h"

namespace redund::lacp {

// The core never reads a clock: every call takes `now` on this time line.
using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Duration = Clock::duration;

// 802.1AX-2014 6.4.4 timer constants.
inline constexpr Duration kFastPeriodicTime = std::chrono::seconds(1);
inline constexpr Duration kSlowPeriodicTime = std::chrono::seconds(30);
inline constexpr Duration kShortTimeoutTime = std::chrono::seconds(3);
inline constexpr Duration kLongTimeoutTime = std::chrono::seconds(90);
inline constexpr Duration kChurnDetectionTime = std::chrono::seconds(60);
inline constexpr Duration kAggregateWaitTime = std::chrono::seconds(2);
// At most this many LACPDUs in any kFastPeriodicTime (6.4.16).
inline constexpr int kMaxTxPerFastPeriod = 3;
// At most this many Slow Protocols frames of all kinds a port sends in any
// second (IEEE 802.3 Annex 43B).
inline constexpr int kMaxSlowProtocolsTxPerSecond = 10;
inline constexpr Duration kSlowProtocolsWindow = std::chrono::seconds(1);
// Marker Responses take only what LACPDUs can never need (kFastPeriodicTime
// is one second too), so a flood of Marker PDUs never holds back an LACPDU.
inline constexpr int kMaxMarkerResponsesPerSecond =
    kMaxSlowProtocolsTxPerSecond - kMaxTxPerFastPeriod;

using Mac = std::array<uint8_t, 6>;

// "00:11:22:aa:bb:cc"
std::string macToString(const Mac& mac);

// A System ID: priority, then MAC. Lower is better (6.3.2).
struct SystemId {
  uint16_t priority = 0;
  Mac mac{};

  auto operator<=>(const SystemId&) const = default;
};

// One side's information in an LACPDU: the Actor or Partner TLV (6.4.2.3).
struct Participant {
  SystemId system{};
  uint16_t key = 0;
  uint16_t portPriority = 0;
  uint16_t port = 0;
  State state{};

  bool operator==(const Participant&) const = default;
};

}  // namespace redund::lacp
