#include "lacp_wire.h"

#include <gtest/gtest.h>

namespace redund::lacp::test {

DeviceConfig deviceConfig(uint8_t id, Mode mode, Rate rate) {
  DeviceConfig config;
  config.mode = mode;
  config.rate = rate;
  config.system = {.priority = 32768, .mac = {0x02, 0, 0, 0, 0, id}};
  return config;
}

PortConfig portConfig(uint32_t ifindex) {
  return {.ifindex = ifindex,
          .name = "p" + std::to_string(ifindex),
          .mac = {0x02, 0, 0, 0, 0x01, static_cast<uint8_t>(ifindex)}};
}

std::vector<std::pair<TimePoint, Lacpdu>> Node::sent(uint32_t ifindex) const {
  std::vector<std::pair<TimePoint, Lacpdu>> result;
  for (const auto& [time, tx] : actionsOf<Transmit>(*this)) {
    const Decoded decoded = decode(tx.frame);
    if (const auto* pdu = std::get_if<Lacpdu>(&decoded); pdu != nullptr && tx.ifindex == ifindex) {
      result.emplace_back(time, *pdu);
    }
  }
  return result;
}

std::vector<TimedChange> Node::changes(uint32_t ifindex, Machine machine) const {
  std::vector<TimedChange> result;
  for (const auto& [time, change] : actionsOf<StateChange>(*this)) {
    if (change.ifindex == ifindex && change.machine == machine) {
      result.push_back({time, change});
    }
  }
  return result;
}

bool Node::entered(uint32_t ifindex, Machine machine, std::string_view to, TimePoint from,
                   TimePoint until) const {
  for (const TimedChange& c : changes(ifindex, machine)) {
    if (c.change.to == to && c.time >= from && c.time < until) {
      return true;
    }
  }
  return false;
}

std::optional<TimePoint> Node::forwardingSince(uint32_t ifindex) const {
  std::optional<TimePoint> since;
  for (const auto& [time, set] : actionsOf<SetCollectingDistributing>(*this)) {
    if (set.ifindex == ifindex) {
      since = set.enabled ? std::optional(time) : std::nullopt;
    }
  }
  return since;
}

PortStatus Node::port(uint32_t ifindex) const {
  for (const PortStatus& port : device.status().ports) {
    if (port.ifindex == ifindex) {
      return port;
    }
  }
  ADD_FAILURE() << "no port " << ifindex;
  return {};
}

int Network::add(DeviceConfig config) {
  nodes_.emplace_back(config);
  return static_cast<int>(nodes_.size()) - 1;
}

void Network::connect(int a, const PortConfig& portA, int b, const PortConfig& portB,
                      LinkState link) {
  peers_[{a, portA.ifindex}] = {b, portB.ifindex};
  peers_[{b, portB.ifindex}] = {a, portA.ifindex};
  apply(a, node(a).device.addPort(now_, portA, link));
  apply(b, node(b).device.addPort(now_, portB, link));
}

void Network::addLoose(int index, const PortConfig& port, LinkState link) {
  apply(index, node(index).device.addPort(now_, port, link));
}

void Network::drop(int index, uint32_t ifindex, bool dropping) {
  dropping_[{index, ifindex}] = dropping;
}

void Network::setLink(int index, uint32_t ifindex, LinkState link) {
  apply(index, node(index).device.setLink(now_, ifindex, link));
  if (const auto it = peers_.find({index, ifindex}); it != peers_.end()) {
    const auto [peer, peerIfindex] = it->second;
    apply(peer, node(peer).device.setLink(now_, peerIfindex, link));
  }
}

void Network::inject(int index, uint32_t ifindex, const Frame& frame) {
  apply(index, node(index).device.receive(now_, ifindex, frame));
}

void Network::apply(int index, const Actions& actions) {
  for (const Action& action : actions) {
    Node& n = node(index);
    n.events.push_back({now_, action});
    if (const auto* set = std::get_if<SetCollectingDistributing>(&action)) {
      n.kernelForwarding[set->ifindex] = set->enabled;
    } else if (const auto* fallback = std::get_if<SetFallback>(&action)) {
      n.kernelFallback[fallback->ifindex] = fallback->enabled;
    } else if (const auto* aggregate = std::get_if<AggregateChange>(&action)) {
      n.kernelUp = aggregate->up;
    }
    const auto* tx = std::get_if<Transmit>(&action);
    if (tx == nullptr || dropping_[{index, tx->ifindex}]) {
      continue;
    }
    if (const auto it = peers_.find({index, tx->ifindex}); it != peers_.end()) {
      flights_.emplace(now_ + kWireDelay, Flight{.to = it->second, .frame = tx->frame});
    }
  }
}

Actions Network::restart(int index, DeviceConfig config, const std::vector<TakeoverPort>& ports) {
  Node& restarted = node(index);
  restarted.device = Device(config);
  restarted.events.clear();
  Actions actions = restarted.device.takeOver(now_, ports);
  apply(index, actions);
  return actions;
}

void Network::runUntil(TimePoint end) {
  for (int step = 0;; ++step) {
    ASSERT_LT(step, 1'000'000) << "the simulation does not settle";
    std::optional<TimePoint> next;
    if (!flights_.empty()) {
      next = flights_.begin()->first;
    }
    for (const Node& n : nodes_) {
      const std::optional<TimePoint> deadline = n.device.nextDeadline();
      if (deadline && (!next || *deadline < *next)) {
        next = deadline;
      }
    }
    if (!next || *next > end) {
      break;
    }
    now_ = std::max(now_, *next);
    while (!flights_.empty() && flights_.begin()->first <= now_) {
      const Flight flight = flights_.begin()->second;
      flights_.erase(flights_.begin());
      const auto [index, ifindex] = flight.to;
      apply(index, node(index).device.receive(now_, ifindex, flight.frame));
    }
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const std::optional<TimePoint> deadline = nodes_[i].device.nextDeadline();
      if (deadline && *deadline <= now_) {
        apply(static_cast<int>(i), nodes_[i].device.tick(now_));
      }
    }
  }
  now_ = std::max(now_, end);
}

}  // namespace redund::lacp::test
