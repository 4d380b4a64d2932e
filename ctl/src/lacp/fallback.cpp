#include "lacp/fallback.h"

#include <algorithm>

namespace redund::lacp {
namespace {

TimePoint quietSince(const Port& port) {
  return std::max(port.quietSince, port.lastLacpdu.value_or(TimePoint::min()));
}

bool hearsPartner(std::span<const Port> ports, const FallbackConfig& config, TimePoint now) {
  return std::any_of(ports.begin(), ports.end(), [&](const Port& port) {
    const bool partnerInfo = port.rx == RxState::kCurrent ||
                             (port.rx == RxState::kExpired && !port.actor.state.defaulted);
    return partnerInfo || (port.lastLacpdu && now < *port.lastLacpdu + config.timeout);
  });
}

}  // namespace

std::optional<uint32_t> fallbackPort(std::span<const Port> ports, const FallbackConfig& config,
                                     std::optional<uint32_t> current, TimePoint now) {
  if (!config.enabled || hearsPartner(ports, config, now)) {
    return std::nullopt;
  }
  const Port* chosen = nullptr;
  for (const Port& port : ports) {
    if (!port.enabled()) {
      continue;
    }
    if (port.ifindex() == current) {
      return current;
    }
    if (now >= quietSince(port) + config.timeout &&
        (chosen == nullptr || port.actor.port < chosen->actor.port)) {
      chosen = &port;
    }
  }
  return chosen == nullptr ? std::nullopt : std::optional<uint32_t>(chosen->ifindex());
}

std::optional<TimePoint> fallbackDeadline(std::span<const Port> ports, const FallbackConfig& config,
                                          TimePoint now) {
  if (!config.enabled) {
    return std::nullopt;
  }
  std::optional<TimePoint> next;
  const auto consider = [&](TimePoint t) {
    if (t > now && (!next || t < *next)) {
      next = t;
    }
  };
  for (const Port& port : ports) {
    if (port.lastLacpdu) {
      consider(*port.lastLacpdu + config.timeout);
    }
    if (port.enabled()) {
      consider(quietSince(port) + config.timeout);
    }
  }
  return next;
}

}  // namespace redund::lacp
