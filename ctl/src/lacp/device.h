// The LACP core of one redund device: a deterministic state machine with no
// I/O and no clock. The event loop feeds it events, each with the current
// time, carries out the actions each call returns, in order, and calls
// tick() at nextDeadline().
//
// Every call runs all machines to a fixed point before it returns, then
// transmits what NTT asks for and reconciles the kernel state: a port is
// collecting and distributing exactly while its mux is in
// COLLECTING_DISTRIBUTING or it is the fallback port.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "lacp/action.h"
#include "lacp/config.h"
#include "lacp/port.h"
#include "lacp/status.h"
#include "lacp/takeover.h"

namespace redund::lacp {

class Device {
 public:
  explicit Device(const DeviceConfig& config) : config_(config) {}

  const DeviceConfig& config() const { return config_; }

  // A new port, its machines at BEGIN. Throws redund::Error when the
  // ifindex is taken, or the configured port number is 0 or taken.
  Actions addPort(TimePoint now, const PortConfig& config, const LinkState& link);
  // Ports added from what the kernel reports after a controller restart
  // (takeover.h), all at once so min_links holds throughout. Throws as
  // addPort.
  Actions takeOver(TimePoint now, std::span<const TakeoverPort> ports);
  // Unknown ports are ignored by removePort, setLink and receive: events
  // can race with port removal. No action is returned for the removed port
  // itself: it has left the kernel device.
  Actions removePort(TimePoint now, uint32_t ifindex);
  // Carrier, speed or duplex changed. A port coming up sends an LACPDU at
  // once.
  Actions setLink(TimePoint now, uint32_t ifindex, const LinkState& link);
  // Throws as addPort, and for an unknown port.
  Actions setPortConfig(TimePoint now, const PortConfig& config);
  // A new System ID takes every port through DETACHED.
  Actions setConfig(TimePoint now, const DeviceConfig& config);

  // A Slow Protocols frame received on the port, whole Ethernet frame. An
  // LACPDU feeds the receive machine; a Marker Information PDU is answered
  // with a Marker Response within the Slow Protocols rate limit
  // (marker.h); other frames are counted and dropped.
  Actions receive(TimePoint now, uint32_t ifindex, std::span<const std::byte> frame);
  // Runs the timers due by `now`. Early or extra calls are harmless.
  Actions tick(TimePoint now);
  // When tick() next has work; nullopt when only an event can cause any.
  std::optional<TimePoint> nextDeadline() const;

  DeviceStatus status() const;

 private:
  Port* find(uint32_t ifindex);
  Port& insert(TimePoint now, const PortConfig& config, const LinkState& link);
  uint16_t portNumber(const PortConfig& config) const;
  // Copies configuration into the actor information; NTT when it changed.
  void refreshActor(Port& port) const;
  void run(TimePoint now, Actions& out);
  void updateFallback(TimePoint now, Actions& out);
  void syncKernel(Actions& out);

  DeviceConfig config_;
  std::vector<Port> ports_;  // by ifindex
  std::optional<LagId> active_;
  std::optional<uint32_t> fallback_;
  std::optional<bool> aggregateUp_;  // as last reported
  TimePoint lastRun_{};
};

}  // namespace redund::lacp
