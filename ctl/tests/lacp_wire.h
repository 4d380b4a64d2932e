// A simulated network for LACP cores: Devices joined by point-to-point
// links that carry each side's Transmit actions to the other after
// kWireDelay, on a simulated clock. Every action a device returns is kept
// with its time for the test to inspect.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lacp/device.h"

namespace redund::lacp::test {

inline constexpr TimePoint kStart = TimePoint{} + std::chrono::hours(1);
inline constexpr Duration kWireDelay = std::chrono::milliseconds(1);
inline constexpr LinkState k1G{.up = true, .speedMbps = 1000, .fullDuplex = true};
inline constexpr LinkState k10G{.up = true, .speedMbps = 10000, .fullDuplex = true};
inline constexpr LinkState kDown{.up = false, .speedMbps = 1000, .fullDuplex = true};

// System 02:00:00:00:00:<id>, priority 32768.
DeviceConfig deviceConfig(uint8_t id, Mode mode = Mode::kActive, Rate rate = Rate::kFast);
// Named "p<ifindex>", MAC 02:00:00:00:01:<ifindex>.
PortConfig portConfig(uint32_t ifindex);

struct Event {
  TimePoint time;
  Action action;
};

struct TimedChange {
  TimePoint time;
  StateChange change;
};

// One device and everything it asked for.
class Node {
 public:
  explicit Node(DeviceConfig config) : device(config) {}

  Device device;
  std::vector<Event> events;
  // The kernel's side: what SetCollectingDistributing, SetFallback and
  // AggregateChange last said. Survives restart().
  std::map<uint32_t, bool> kernelForwarding;
  std::map<uint32_t, bool> kernelFallback;
  bool kernelUp = false;

  // LACPDUs the port sent, with their times.
  std::vector<std::pair<TimePoint, Lacpdu>> sent(uint32_t ifindex) const;
  std::vector<TimedChange> changes(uint32_t ifindex, Machine machine) const;
  // Whether any change of `machine` on the port went to state `to` in
  // [from, until).
  bool entered(uint32_t ifindex, Machine machine, std::string_view to,
               TimePoint from = TimePoint::min(), TimePoint until = TimePoint::max()) const;
  bool forwarding(uint32_t ifindex) const { return lookup(kernelForwarding, ifindex); }
  bool inFallback(uint32_t ifindex) const { return lookup(kernelFallback, ifindex); }
  bool up() const { return kernelUp; }
  // When the port last started forwarding, by the recorded events.
  std::optional<TimePoint> forwardingSince(uint32_t ifindex) const;
  PortStatus port(uint32_t ifindex) const;

 private:
  static bool lookup(const std::map<uint32_t, bool>& map, uint32_t ifindex) {
    const auto it = map.find(ifindex);
    return it != map.end() && it->second;
  }
};

class Network {
 public:
  // Returns the device's index.
  int add(DeviceConfig config);
  Node& node(int index) { return nodes_.at(static_cast<std::size_t>(index)); }
  TimePoint now() const { return now_; }

  // Adds a port to each device and joins them.
  void connect(int a, const PortConfig& portA, int b, const PortConfig& portB,
               LinkState link = k1G);
  // Adds a port whose frames go nowhere: a partner that speaks no LACP.
  void addLoose(int node, const PortConfig& port, LinkState link = k1G);
  // Frames the port sends are lost (true) or delivered again (false).
  void drop(int node, uint32_t ifindex, bool dropping);
  // Changes the link state of the port and of its peer, if any.
  void setLink(int node, uint32_t ifindex, LinkState link);
  // Hands `frame` to the port now, as if received.
  void inject(int node, uint32_t ifindex, const Frame& frame);
  // Feeds the node's actions back into the network, recorded.
  void apply(int node, const Actions& actions);
  // Replaces the device by a restarted one taking the kernel state over;
  // returns what takeOver() asked for. The node's events start afresh.
  Actions restart(int node, DeviceConfig config, const std::vector<TakeoverPort>& ports);

  void runUntil(TimePoint end);
  void runFor(Duration duration) { runUntil(now_ + duration); }

 private:
  using End = std::pair<int, uint32_t>;
  struct Flight {
    End to;
    Frame frame;
  };

  std::vector<Node> nodes_;
  std::map<End, End> peers_;
  std::map<End, bool> dropping_;
  std::multimap<TimePoint, Flight> flights_;
  TimePoint now_ = kStart;
};

// Every action of type T the node recorded at or after `from`, with its
// time.
template <typename T>
std::vector<std::pair<TimePoint, T>> actionsOf(const Node& node,
                                               TimePoint from = TimePoint::min()) {
  std::vector<std::pair<TimePoint, T>> result;
  for (const Event& event : node.events) {
    if (const T* action = std::get_if<T>(&event.action); action != nullptr && event.time >= from) {
      result.emplace_back(event.time, *action);
    }
  }
  return result;
}

}  // namespace redund::lacp::test
