// What the LACP core asks its event loop to do. Actions come back in the
// order they must be carried out.
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>
#include <vector>

#include "lacp/lacpdu.h"
#include "lacp/machine_states.h"

namespace redund::lacp {

// Send `frame` (a whole Ethernet frame) on the port.
struct Transmit {
  uint32_t ifindex = 0;
  Frame frame{};

  bool operator==(const Transmit&) const = default;
};

// Put the port in or out of the kernel's collecting and distributing sets
// (coupled control: both at once). The only action that changes what the
// data path forwards; a fallback port gets one too.
struct SetCollectingDistributing {
  uint32_t ifindex = 0;
  bool enabled = false;

  bool operator==(const SetCollectingDistributing&) const = default;
};

// The port starts or stops being used alone, without an LACP partner
// (LACP fallback). Informational: forwarding follows from
// SetCollectingDistributing.
struct SetFallback {
  uint32_t ifindex = 0;
  bool enabled = false;

  bool operator==(const SetFallback&) const = default;
};

// The aggregate went up (some port carries traffic) or down (none does,
// for instance below min_links). Sent when the state changes, and on the
// first call, so the loop starts from a known state.
struct AggregateChange {
  bool up = false;

  bool operator==(const AggregateChange&) const = default;
};

// A state machine of the port moved, for the log. The names are static.
struct StateChange {
  uint32_t ifindex = 0;
  Machine machine = Machine::kReceive;
  std::string_view from{};
  std::string_view to{};

  bool operator==(const StateChange&) const = default;
};

using Action =
    std::variant<Transmit, SetCollectingDistributing, SetFallback, AggregateChange, StateChange>;
using Actions = std::vector<Action>;

}  // namespace redund::lacp
