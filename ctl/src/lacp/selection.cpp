#include "lacp/selection.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace redund::lacp {
namespace {

using PortRank = std::pair<uint16_t, uint16_t>;  // port priority, port number

struct Candidate {
  LagId lag;
  std::vector<Port*> ports;  // best first
  unsigned usable = 0;       // ports it may select, max_active_ports permitting
  bool meetsMinLinks = false;
  PortRank bestOwnPort{};
};

bool live(const Port& port) { return port.rx == RxState::kCurrent; }

// Not on its way out of an aggregator.
bool assignable(const Port& port) {
  return port.lag && (port.selected != Selected::kUnselected || port.mux == MuxState::kDetached);
}

PortRank ownRank(const Port& port) { return {port.actor.portPriority, port.actor.port}; }

std::vector<Candidate> candidates(std::span<Port> ports, const DeviceConfig& config) {
  std::map<LagId, std::vector<Port*>> groups;
  for (Port& port : ports) {
    if (assignable(port) && live(port)) {
      groups[*port.lag].push_back(&port);
    }
  }
  const unsigned limit = config.maxActivePorts == 0 ? UINT_MAX : config.maxActivePorts;
  const unsigned minLinks = std::max(config.minLinks, 1U);
  std::vector<Candidate> result;
  for (auto& [lag, members] : groups) {
    const bool actorDecides = config.system < lag.partnerSystem;
    std::sort(members.begin(), members.end(), [actorDecides](const Port* a, const Port* b) {
      return actorDecides ? ownRank(*a) < ownRank(*b)
                          : PortRank{a->partner.portPriority, a->partner.port} <
                                PortRank{b->partner.portPriority, b->partner.port};
    });
    const auto best =
        std::min_element(members.begin(), members.end(),
                         [](const Port* a, const Port* b) { return ownRank(*a) < ownRank(*b); });
    const auto usable = std::min(static_cast<unsigned>(members.size()), limit);
    result.push_back({.lag = lag,
                      .ports = members,
                      .usable = usable,
                      .meetsMinLinks = usable >= minLinks,
                      .bestOwnPort = ownRank(**best)});
  }
  return result;
}

bool better(const Candidate& a, const Candidate& b, SelectionPolicy policy,
            const std::optional<LagId>& current) {
  if (a.meetsMinLinks != b.meetsMinLinks) {
    return a.meetsMinLinks;
  }
  switch (policy) {
    case SelectionPolicy::kStable:
    case SelectionPolicy::kBandwidth: {
      const uint64_t bandwidthA = uint64_t{a.usable} * a.lag.speedMbps;
      const uint64_t bandwidthB = uint64_t{b.usable} * b.lag.speedMbps;
      if (bandwidthA != bandwidthB) {
        return bandwidthA > bandwidthB;
      }
      if (a.usable != b.usable) {
        return a.usable > b.usable;
      }
      break;
    }
    case SelectionPolicy::kCount:
      if (a.usable != b.usable) {
        return a.usable > b.usable;
      }
      break;
    case SelectionPolicy::kPriority:
      if (a.lag.partnerSystem != b.lag.partnerSystem) {
        return a.lag.partnerSystem < b.lag.partnerSystem;
      }
      if (a.bestOwnPort != b.bestOwnPort) {
        return a.bestOwnPort < b.bestOwnPort;
      }
      break;
  }
  const bool aCurrent = a.lag == current;
  if (aCurrent != (b.lag == current)) {
    return aCurrent;
  }
  return a.bestOwnPort < b.bestOwnPort;
}

std::optional<LagId> choose(const std::vector<Candidate>& cands, const DeviceConfig& config,
                            const std::optional<LagId>& current) {
  if (config.policy == SelectionPolicy::kStable) {
    const auto it = std::find_if(cands.begin(), cands.end(),
                                 [&](const Candidate& c) { return c.lag == current; });
    if (it != cands.end() && it->meetsMinLinks) {
      return current;
    }
  }
  const Candidate* best = nullptr;
  for (const Candidate& c : cands) {
    if (best == nullptr || better(c, *best, config.policy, current)) {
      best = &c;
    }
  }
  return best == nullptr ? std::nullopt : std::optional<LagId>(best->lag);
}

// A port whose LAG ID changed leaves its aggregator; a detached port takes
// its new one.
bool releaseChanged(std::span<Port> ports, Actions& out) {
  bool changed = false;
  for (Port& port : ports) {
    if (port.awaitingPartner) {
      continue;
    }
    const std::optional<LagId> lag = port.lagId();
    if (port.selected != Selected::kUnselected && port.lag != lag) {
      changed |= port.setSelected(Selected::kUnselected, out);
    }
    if (port.selected == Selected::kUnselected && port.mux == MuxState::kDetached) {
      port.lag = lag;
    }
  }
  return changed;
}

// Ports taken over without their partner hold the data path until they
// learn who the partner is: meanwhile the first to learn names the active
// aggregator, and no SELECTED port is demoted.
void keepWhileAwaiting(std::span<Port> ports, std::optional<LagId>& active) {
  if (active) {
    return;
  }
  const auto learned = std::find_if(ports.begin(), ports.end(), [](const Port& p) {
    return p.lag && p.selected == Selected::kSelected && !p.awaitingPartner;
  });
  if (learned != ports.end()) {
    active = learned->lag;
  }
}

}  // namespace

bool runSelection(std::span<Port> ports, const DeviceConfig& config, std::optional<LagId>& active,
                  Actions& out) {
  bool changed = releaseChanged(ports, out);
  const std::vector<Candidate> cands = candidates(ports, config);
  const bool awaiting =
      std::any_of(ports.begin(), ports.end(), [](const Port& p) { return p.awaitingPartner; });
  if (awaiting) {
    keepWhileAwaiting(ports, active);
  } else {
    active = choose(cands, config, active);
  }

  std::vector<const Port*> selected;
  for (const Candidate& c : cands) {
    if (c.lag == active && c.meetsMinLinks) {
      selected.assign(c.ports.begin(), c.ports.begin() + c.usable);
    }
  }
  for (Port& port : ports) {
    const bool chosen = std::find(selected.begin(), selected.end(), &port) != selected.end();
    if (!assignable(port) || (!chosen && awaiting && port.selected == Selected::kSelected)) {
      continue;
    }
    changed |= port.setSelected(chosen ? Selected::kSelected : Selected::kStandby, out);
  }
  return changed;
}

bool aggregatorReady(std::span<const Port> ports, const Port& port) {
  return port.lag && std::none_of(ports.begin(), ports.end(), [&](const Port& other) {
           return other.lag == port.lag && other.selected != Selected::kUnselected &&
                  other.mux == MuxState::kWaiting && !other.readyN;
         });
}

}  // namespace redund::lacp
