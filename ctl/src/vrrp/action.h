// What the VRRP core asks its event loop to do. Actions come back in the
// order they must be carried out.
#pragma once

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "vrrp/address.h"
#include "vrrp/types.h"

namespace redund::vrrp {

// Send `message` (the IP payload, checksum filled in) from `source` to
// `destination` over IP protocol 112, TTL / hop limit 255. One action per
// destination: the v3 checksum covers it.
struct SendAdvert {
  IpAddress source{};
  IpAddress destination{};
  Bytes message{};
  uint8_t priority = 0;  // what the message says, for logs

  bool operator==(const SendAdvert&) const = default;
};

// The router changed state. The kernel gateway is active (answers ARP/ND
// for the virtual addresses with the virtual MAC and accepts frames to the
// virtual MAC) exactly while the state is Master: on `to == kMaster` make
// it active before anything else, on `from == kMaster` make it inactive.
struct Transition {
  State from = State::kInitialize;
  State to = State::kInitialize;

  bool operator==(const Transition&) const = default;
};

// Announce the virtual addresses: a gratuitous ARP for each IPv4 address,
// an unsolicited Neighbor Advertisement for each IPv6 one, from
// `virtualMac`. Follows a Transition to Master.
struct Announce {
  Mac virtualMac{};
  std::vector<IpAddress> addresses{};

  bool operator==(const Announce&) const = default;
};

// Run the notify hook (keepalived's notify scripts): the new state and the
// effective priority (0 in Fault).
struct Notify {
  State state = State::kInitialize;
  uint8_t priority = 0;

  bool operator==(const Notify&) const = default;
};

// Arm the timer for the next tick(); nullopt disarms it. Last in a call's
// actions, and only when the deadline changed.
struct ArmTimer {
  std::optional<TimePoint> deadline{};

  bool operator==(const ArmTimer&) const = default;
};

using Action = std::variant<SendAdvert, Transition, Announce, Notify, ArmTimer>;
using Actions = std::vector<Action>;

}  // namespace redund::vrrp
