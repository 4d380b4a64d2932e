// One aggregation port: the variables of 802.1AX-2014 6.4.7 and 6.4.8 that
// the per-port machines (machines.h), the Selection Logic (selection.h) and
// fallback (fallback.h) share. The device (device.h) owns the ports and
// runs the machines over them.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>

#include "lacp/action.h"
#include "lacp/config.h"
#include "lacp/machine_states.h"
#include "lacp/types.h"

namespace redund::lacp {

// A running timer's deadline; nullopt when stopped.
using Timer = std::optional<TimePoint>;

inline bool expired(const Timer& timer, TimePoint now) { return timer && *timer <= now; }

struct Counters {
  uint64_t lacpduRx = 0;
  uint64_t lacpduTx = 0;
  uint64_t markerRx = 0;           // Marker Information and Marker Response PDUs
  uint64_t markerResponseTx = 0;   // Marker Responses sent
  uint64_t markerRateLimited = 0;  // Marker Information PDUs not answered: rate limit
  uint64_t malformedRx = 0;        // LACPDUs and Marker PDUs that failed decode()
  uint64_t unknownRx = 0;          // other Slow Protocols and ethertypes
  uint64_t actorChurn = 0;         // entries into ACTOR_CHURN
  uint64_t partnerChurn = 0;       // entries into PARTNER_CHURN

  bool operator==(const Counters&) const = default;
};

// What makes ports aggregatable together (the LAG ID of 6.3.6 plus the link
// speed): ports with equal LagIds may share an aggregator. Individual ports
// carry their own port number, so each is alone.
struct LagId {
  uint16_t actorKey = 0;
  SystemId partnerSystem{};
  uint16_t partnerKey = 0;
  uint32_t speedMbps = 0;
  uint16_t individualPort = 0;  // 0 when aggregatable

  auto operator<=>(const LagId&) const = default;
};

struct Port {
  // Inputs.
  PortConfig config{};
  LinkState link{};

  // Operational information (6.4.7). actor.system, key, port priority,
  // port number, LACP_Activity, LACP_Timeout and Aggregation come from the
  // configuration; the other actor state bits from the machines.
  Participant actor{};
  Participant partner{};
  Participant partnerAdmin{};

  // Machine states.
  RxState rx = RxState::kInitialize;
  PeriodicState periodic = PeriodicState::kNoPeriodic;
  MuxState mux = MuxState::kDetached;
  Selected selected = Selected::kUnselected;
  ChurnState actorChurn = ChurnState::kMonitor;
  ChurnState partnerChurn = ChurnState::kMonitor;

  // 6.4.8 variables.
  bool ntt = false;
  bool portMoved = false;
  bool readyN = false;
  // The aggregator the Selection Logic chose; kept while the port detaches.
  std::optional<LagId> lag{};

  // 6.4.10 timers.
  Timer currentWhile{};
  Timer periodicTimer{};
  Timer waitWhile{};
  Timer actorChurnTimer{};
  Timer partnerChurnTimer{};
  // When the last kMaxTxPerFastPeriod LACPDUs went out, oldest first.
  std::array<std::optional<TimePoint>, kMaxTxPerFastPeriod> recentTx{};
  // When the last kMaxMarkerResponsesPerSecond Marker Responses went out,
  // oldest first.
  std::array<std::optional<TimePoint>, kMaxMarkerResponsesPerSecond> recentMarkerResponses{};

  // Restart takeover without the partner's information: the port stays
  // collecting and distributing, sends nothing, and learns its partner from
  // the first LACPDU without leaving its aggregator.
  bool awaitingPartner = false;

  // Fallback: the last LACPDU received, and since when the port has been
  // up without one.
  std::optional<TimePoint> lastLacpdu{};
  TimePoint quietSince{};
  bool fallback = false;

  // What the kernel was last told (nullopt: nothing yet).
  std::optional<bool> collectingDistributing{};

  Counters counters{};

  uint32_t ifindex() const { return config.ifindex; }
  // 802.1AX port_enabled and LACP_Enabled (full duplex point-to-point).
  bool enabled() const { return link.up; }
  bool lacpEnabled() const { return link.up && link.fullDuplex; }

  // The port's LAG ID now; nullopt when it cannot be selected at all (down,
  // or half duplex). Individual: the actor or the partner says so, or the
  // port is looped back to this system.
  std::optional<LagId> lagId() const;

  void report(Machine machine, std::string_view from, std::string_view to, Actions& out) const;
  // Sets Selected and reports the change; returns whether it changed.
  bool setSelected(Selected value, Actions& out);
};

// The Partner_Admin defaults (6.4.7): a null partner, passive, asking for
// the short timeout so an active actor probes every second until a partner
// speaks, individual, out of sync.
Participant defaultPartnerAdmin();

}  // namespace redund::lacp
