// The LACP daemon's logic, free of sockets and clocks: it turns redund
// events, received frames and timer ticks into lacp::Device inputs, and the
// Device's actions into kernel calls (RedundApi) and frames (Links). The
// event loop (loop.h) owns the descriptors and calls in.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "api.h"
#include "lacp/device.h"
#include "lacpd/links.h"
#include "lacpd/options.h"
#include "runtime/notices.h"

namespace redund::lacpd {

// Partner information a previous daemon saved (state.h), by port ifindex.
struct SavedPort {
  lacp::Participant partner{};
  bool fallback = false;
};
using SavedState = std::map<uint32_t, SavedPort>;

class Daemon {
 public:
  // `log` gets one line per state change.
  Daemon(RedundApi& api, Links& links, RunOptions options, std::ostream& log);

  // Where the changes `redundctl monitor` shows go: each port's mux
  // machine, fallback, the aggregate.
  void onNotice(std::function<void(const runtime::Notice&)> notify) { notify_ = std::move(notify); }

  // Call after subscribing to events. Reads the device (refusing one in
  // another mode with ports, switching an empty one to lacp mode), then
  // takes its ports over: ports the kernel has collecting and distributing
  // keep forwarding. Throws Error.
  void start(lacp::TimePoint now, const SavedState& saved = {});

  void onEvents(lacp::TimePoint now, const std::vector<Event>& events);
  void onFrame(lacp::TimePoint now, uint32_t ifindex, std::span<const std::byte> frame);
  void onTimer(lacp::TimePoint now);
  // Events were lost: read the ports again and reconcile.
  void resync(lacp::TimePoint now);

  // Port checks. A port whose checks fail stops distributing (it keeps
  // collecting, and LACP keeps it in the aggregate, so its probes still
  // get through) while another forwarding port's checks pass; when every
  // forwarding port fails, the target is the likely failure and no port
  // is taken out. Ports without checks pass.
  enum class PortHealth : uint8_t {
    kUnknown,  // no verdict yet: a port held out at start stays out
    kPassing,
    kFailing,  // one of its checks is down
  };
  // Every checked port at once, so that checks changing together never
  // hold a port out in between.
  void setPortHealth(const std::map<std::string, PortHealth>& health);
  // The port is in the aggregate (LACP has it collecting_distributing).
  bool forwardingPort(const std::string& name) const;
  // The port collects but is held out of distributing by its checks.
  bool heldOut(uint32_t ifindex) const;
  bool hasPort(const std::string& name) const;

  std::optional<lacp::TimePoint> nextDeadline() const;
  // The device is gone or left lacp mode: the loop should exit.
  bool finished() const { return finished_; }
  // Bumped by every action other than Transmit: the state file is stale.
  uint64_t generation() const { return generation_; }

  uint32_t devIfindex() const { return dev_.ifindex; }
  const std::string& devName() const { return options_.device; }
  const lacp::Device& device() const { return *device_; }

 private:
  lacp::PortConfig portConfig(const PortInfo& port);
  static lacp::LinkState linkOf(const PortInfo& port);
  void addPort(lacp::TimePoint now, const PortInfo& port);
  void removePort(lacp::TimePoint now, uint32_t ifindex);
  void apply(const lacp::Actions& actions);
  void setForwarding(uint32_t ifindex, bool enabled);
  void notice(runtime::Notice notice) const;
  // Puts each port's kernel state where LACP and the checks want it.
  void distribute();
  bool checksFailing(uint32_t ifindex) const;
  bool hasCheck(const std::string& port) const;
  std::string portName(uint32_t ifindex) const;

  RedundApi& api_;
  Links& links_;
  RunOptions options_;
  std::ostream& log_;
  std::function<void(const runtime::Notice&)> notify_;
  DeviceInfo dev_{};
  std::optional<lacp::Device> device_;
  std::map<uint32_t, std::string> names_;  // ports, by ifindex
  // What LACP wants (collecting_distributing), and what the kernel has.
  std::map<uint32_t, bool> forwarding_;
  std::map<uint32_t, PortLacpState> applied_;
  std::set<std::string> checksFailing_;  // port names
  // Held out when this daemon started, with a check: out until a verdict.
  std::set<std::string> heldAtStart_;
  bool finished_ = false;
  uint64_t generation_ = 0;
};

}  // namespace redund::lacpd
