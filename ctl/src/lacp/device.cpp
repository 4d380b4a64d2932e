#include "lacp/device.h"

#include <algorithm>
#include <string>

#include "error.h"
#include "lacp/fallback.h"
#include "lacp/machines.h"
#include "lacp/marker.h"
#include "lacp/selection.h"

namespace redund::lacp {
namespace {

// The machines settle in a few passes; the bound only guards against a
// cycle.
constexpr int kMaxPasses = 32;

std::string portName(const PortConfig& config) {
  return config.name.empty() ? "ifindex " + std::to_string(config.ifindex) : config.name;
}

}  // namespace

Port* Device::find(uint32_t ifindex) {
  const auto it = std::find_if(ports_.begin(), ports_.end(),
                               [ifindex](const Port& p) { return p.ifindex() == ifindex; });
  return it == ports_.end() ? nullptr : &*it;
}

uint16_t Device::portNumber(const PortConfig& config) const {
  const auto taken = [&](uint32_t number) {
    return std::any_of(ports_.begin(), ports_.end(), [&](const Port& p) {
      return p.ifindex() != config.ifindex && p.actor.port == number;
    });
  };
  if (config.number) {
    if (*config.number == 0 || taken(*config.number)) {
      throw Error("lacp: " + portName(config) + ": port number " + std::to_string(*config.number) +
                  " is invalid or taken");
    }
    return *config.number;
  }
  constexpr uint32_t kNumbers = 0xffff;
  uint32_t number = (config.ifindex - 1) % kNumbers + 1;
  while (taken(number)) {
    number = number % kNumbers + 1;  // at most kMaxPorts-ish steps
  }
  return static_cast<uint16_t>(number);
}

void Device::refreshActor(Port& port) const {
  Participant actor = port.actor;
  actor.system = config_.system;
  actor.key = port.config.key.value_or(keyForSpeed(port.link.speedMbps));
  actor.portPriority = port.config.priority;
  actor.state.lacpActivity = config_.mode == Mode::kActive;
  actor.state.lacpTimeout = config_.rate == Rate::kFast;
  actor.state.aggregation = true;
  if (actor != port.actor) {
    port.actor = actor;
    port.ntt = true;
  }
}

Port& Device::insert(TimePoint now, const PortConfig& config, const LinkState& link) {
  if (find(config.ifindex) != nullptr) {
    throw Error("lacp: " + portName(config) + " added twice");
  }
  Port port;
  port.config = config;
  port.link = link;
  port.actor.port = portNumber(config);
  // BEGIN: the entry actions of INITIALIZE and DETACHED.
  port.partnerAdmin = defaultPartnerAdmin();
  port.partner = port.partnerAdmin;
  port.actor.state.defaulted = true;
  port.ntt = true;
  port.quietSince = now;
  refreshActor(port);
  const auto at = std::find_if(ports_.begin(), ports_.end(),
                               [&](const Port& p) { return p.ifindex() > config.ifindex; });
  return *ports_.insert(at, std::move(port));
}

Actions Device::addPort(TimePoint now, const PortConfig& config, const LinkState& link) {
  Actions out;
  insert(now, config, link);
  run(now, out);
  return out;
}

Actions Device::takeOver(TimePoint now, std::span<const TakeoverPort> ports) {
  for (const TakeoverPort& state : ports) {
    Port& port = insert(now, state.config, state.link);
    if (!state.collectingDistributing || !port.lacpEnabled()) {
      continue;
    }
    if (state.fallback) {
      port.fallback = true;
      port.collectingDistributing = true;
      fallback_ = port.ifindex();
      continue;
    }
    adopt(port, state, now);
    if (!active_) {
      active_ = port.lag;
    }
  }
  aggregateUp_ = std::any_of(ports_.begin(), ports_.end(), [](const Port& p) {
    return p.collectingDistributing.value_or(false);
  });
  Actions out;
  run(now, out);
  return out;
}

Actions Device::removePort(TimePoint now, uint32_t ifindex) {
  Actions out;
  const auto it = std::find_if(ports_.begin(), ports_.end(),
                               [ifindex](const Port& p) { return p.ifindex() == ifindex; });
  if (it != ports_.end()) {
    ports_.erase(it);
    run(now, out);
  }
  return out;
}

Actions Device::setLink(TimePoint now, uint32_t ifindex, const LinkState& link) {
  Actions out;
  Port* port = find(ifindex);
  if (port == nullptr) {
    return out;
  }
  if (link.up && !port->link.up) {
    port->quietSince = now;
    port->ntt = true;  // as BEGIN does: tell a partner at once
  }
  port->link = link;
  refreshActor(*port);
  run(now, out);
  return out;
}

Actions Device::setPortConfig(TimePoint now, const PortConfig& config) {
  Port* port = find(config.ifindex);
  if (port == nullptr) {
    throw Error("lacp: " + portName(config) + " is not a port");
  }
  port->actor.port = portNumber(config);
  port->config = config;
  refreshActor(*port);
  Actions out;
  run(now, out);
  return out;
}

Actions Device::setConfig(TimePoint now, const DeviceConfig& config) {
  Actions out;
  const bool newSystem = config.system != config_.system;
  config_ = config;
  for (Port& port : ports_) {
    if (newSystem) {
      port.setSelected(Selected::kUnselected, out);
    }
    refreshActor(port);
  }
  run(now, out);
  return out;
}

Actions Device::receive(TimePoint now, uint32_t ifindex, std::span<const std::byte> frame) {
  Actions out;
  Port* port = find(ifindex);
  if (port == nullptr) {
    return out;
  }
  const Decoded decoded = decode(frame);
  if (const auto* error = std::get_if<DecodeError>(&decoded)) {
    const bool ours =
        *error != DecodeError::kNotSlowProtocols && *error != DecodeError::kUnknownSubtype;
    ++(ours ? port->counters.malformedRx : port->counters.unknownRx);
    return out;
  }
  if (const auto* marker = std::get_if<MarkerPdu>(&decoded)) {
    receiveMarker(*port, *marker, now, out);
    return out;
  }
  const auto& pdu = std::get<Lacpdu>(decoded);
  ++port->counters.lacpduRx;
  port->lastLacpdu = now;
  // port_moved: the partner port this disabled port knew now speaks here.
  for (Port& other : ports_) {
    if (&other != port && other.rx == RxState::kPortDisabled &&
        other.partner.system == pdu.actor.system && other.partner.port == pdu.actor.port) {
      other.portMoved = true;
    }
  }
  receiveLacpdu(*port, pdu, now, out);
  run(now, out);
  return out;
}

Actions Device::tick(TimePoint now) {
  Actions out;
  run(now, out);
  return out;
}

void Device::run(TimePoint now, Actions& out) {
  lastRun_ = now;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    bool changed = false;
    for (Port& port : ports_) {
      changed |= runReceive(port, now, out);
      changed |= runPeriodic(port, now);
    }
    changed |= runSelection(ports_, config_, active_, out);
    for (Port& port : ports_) {
      changed |= updateReadyN(port, now);
    }
    for (Port& port : ports_) {
      changed |= runMux(port, aggregatorReady(ports_, port), now, out);
    }
    for (Port& port : ports_) {
      changed |= runChurn(port, now, out);
    }
    if (!changed) {
      break;
    }
  }
  for (Port& port : ports_) {
    runTransmit(port, now, out);
  }
  updateFallback(now, out);
  syncKernel(out);
}

void Device::updateFallback(TimePoint now, Actions& out) {
  const std::optional<uint32_t> next = fallbackPort(ports_, config_.fallback, fallback_, now);
  if (next == fallback_) {
    return;
  }
  if (Port* old = fallback_ ? find(*fallback_) : nullptr) {
    old->fallback = false;
    out.emplace_back(SetFallback{.ifindex = old->ifindex(), .enabled = false});
  }
  if (Port* port = next ? find(*next) : nullptr) {
    port->fallback = true;
    out.emplace_back(SetFallback{.ifindex = port->ifindex(), .enabled = true});
  }
  fallback_ = next;
}

void Device::syncKernel(Actions& out) {
  bool up = false;
  for (Port& port : ports_) {
    const bool forwarding = port.mux == MuxState::kCollectingDistributing || port.fallback;
    up = up || forwarding;
    if (port.collectingDistributing != forwarding) {
      port.collectingDistributing = forwarding;
      out.emplace_back(SetCollectingDistributing{.ifindex = port.ifindex(), .enabled = forwarding});
    }
  }
  if (aggregateUp_ != up) {
    aggregateUp_ = up;
    out.emplace_back(AggregateChange{.up = up});
  }
}

std::optional<TimePoint> Device::nextDeadline() const {
  std::optional<TimePoint> next = fallbackDeadline(ports_, config_.fallback, lastRun_);
  const auto consider = [&next](const std::optional<TimePoint>& t) {
    if (t && (!next || *t < *next)) {
      next = t;
    }
  };
  for (const Port& port : ports_) {
    consider(port.currentWhile);
    consider(port.periodicTimer);
    consider(port.waitWhile);
    consider(port.actorChurnTimer);
    consider(port.partnerChurnTimer);
    consider(transmitDeadline(port));
  }
  return next;
}

DeviceStatus Device::status() const {
  DeviceStatus status{.config = config_,
                      .aggregateUp = aggregateUp_.value_or(false),
                      .activeAggregator = active_,
                      .fallbackPort = fallback_,
                      .ports = {}};
  for (const Port& port : ports_) {
    status.ports.push_back(portStatus(port));
  }
  return status;
}

}  // namespace redund::lacp
