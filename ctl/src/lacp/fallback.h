// LACP fallback: with FallbackConfig::enabled, a device whose partner does
// not speak LACP (a host that PXE-boots before its OS configures bonding)
// still carries traffic, on exactly one port.
//
// * The device hears a partner while any port's receive machine holds
//   information from a LACPDU (CURRENT, or EXPIRED and not defaulted) or
//   any port received a LACPDU within the timeout.
// * A port is eligible once it has been up for the timeout without a
//   LACPDU, counted from the later of its coming up and its last LACPDU.
// * While the device hears no partner, the fallback port is the current
//   one as long as it stays up (a port coming up does not take over), else
//   the eligible port with the lowest port number.
// * A LACPDU on any port ends fallback at once: the port goes back to plain
//   LACP and forwards again when its mux reaches COLLECTING_DISTRIBUTING.
//   The fallback port going down ends it too; another eligible port takes
//   over at once.
// The fallback port keeps running LACP (an active one keeps sending
// LACPDUs), so a partner that starts LACP later is found.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "lacp/config.h"
#include "lacp/port.h"

namespace redund::lacp {

// The port (ifindex) in fallback at `now`; `current` is the one in
// fallback until now.
std::optional<uint32_t> fallbackPort(std::span<const Port> ports, const FallbackConfig& config,
                                     std::optional<uint32_t> current, TimePoint now);

// The next time after `now` when fallbackPort() may change with time alone.
std::optional<TimePoint> fallbackDeadline(std::span<const Port> ports, const FallbackConfig& config,
                                          TimePoint now);

}  // namespace redund::lacp
