// One VRRP virtual router (RFC 5798 6.4, with RFC 3768 for v2): a
// deterministic state machine with no I/O and no clock. The event loop
// feeds it events, each with the current time, carries out the actions
// each call returns, in order (action.h), and calls tick() at the deadline
// of the last ArmTimer (also nextDeadline()).
//
// Initialize --startup--> Master (owner) or Backup; Backup --Master_Down
// timer--> Master; Master --better advert--> Backup; any running state
// --interface down or tracking fault--> Fault --recovered--> as startup;
// any --shutdown--> Initialize (a master sends priority 0 first).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "vrrp/action.h"
#include "vrrp/advert.h"
#include "vrrp/config.h"
#include "vrrp/status.h"
#include "vrrp/tracking.h"

namespace redund::vrrp {

// A VRRP packet as the raw socket delivered it.
struct Received {
  std::span<const std::byte> message{};  // the IP payload
  IpAddress source{};
  IpAddress destination{};  // the multicast group, or our unicast address
  uint8_t ttl = 0;          // IPv4 TTL or IPv6 hop limit
};

class Router {
 public:
  // Throws redund::Error when validate() refuses the configuration.
  explicit Router(const RouterConfig& config);

  const RouterConfig& config() const { return config_; }
  State state() const { return state_; }

  // The RFC's Startup event. The interface is taken as up and every
  // tracked object as up unless setInterface() or setTracked() said
  // otherwise before. A second startup without shutdown does nothing.
  Actions startup(TimePoint now);
  // The RFC's Shutdown event: back to Initialize, a master sending a
  // priority 0 advert first so a backup takes over after Skew_Time.
  Actions shutdown(TimePoint now);
  // The priority 0 advert of shutdown(), to the multicast group, for the
  // kernel to send if this process dies while master (the gateway's
  // release); nullopt when the router advertises to unicast peers, which
  // the kernel does not resolve.
  std::optional<Bytes> releaseAdvert() const;
  // An advert (or anything on protocol 112) received on the interface.
  // Dropped ones are counted by reason and change nothing else.
  Actions receive(TimePoint now, const Received& packet);
  // Runs the timers due by `now`. Early or extra calls are harmless.
  Actions tick(TimePoint now);
  // The interface's operational state. Down stops the router in Fault
  // (nothing can be sent); up again restarts it as startup() does.
  Actions setInterface(TimePoint now, bool up);
  // A tracked object went up or down; unknown names are ignored (an
  // event can race with reconfiguration). The new priority goes out with
  // the next advert.
  Actions setTracked(TimePoint now, std::string_view name, bool up);

  // A new configuration that keeps the router's identity and timing
  // (changeableInPlace): the priority, the virtual addresses, preemption.
  // A master advertises the new priority and addresses at once, and
  // announces them when they changed; whoever must win then wins by the
  // RFC's rules on that advert (a backup with a higher priority preempts,
  // a lower master yields). A backup's new priority goes into its next
  // Master_Down_Interval. No state changes here. Throws redund::Error
  // when validate() refuses `next`, or when it is not changeable in place.
  Actions reconfigure(TimePoint now, const RouterConfig& next);
  static bool changeableInPlace(const RouterConfig& from, const RouterConfig& to);

  // Sync groups (keepalived's vrrp_sync_group: the routers of a group
  // change state together). Another member became master: a backup takes
  // over at once, as if Master_Down fired. Another member stepped down to
  // backup: a master follows, without a priority 0 advert (the routers
  // that beat the member take this one over by their own election).
  // Other states, and this router in Fault or not started: nothing.
  Actions syncTo(TimePoint now, State member);
  // Held: in Fault because another member of its group is, whatever its
  // own interface and tracking say; released: as those say.
  Actions holdInFault(TimePoint now, bool held);
  // In Fault by its own interface or tracking, not by a hold.
  bool ownFault() const { return started_ && !ownPriority(); }

  // When tick() next has work; nullopt when only an event can cause any.
  std::optional<TimePoint> nextDeadline() const;
  Status status(TimePoint now) const;
  // The priority tracking leaves; 0 in Fault. As status() reports it.
  uint8_t effectivePriority() const { return priority(); }

 private:
  // nullopt: tracking, the interface or a sync group hold the router in
  // Fault; ownPriority() leaves the sync group out.
  std::optional<uint8_t> runningPriority() const;
  std::optional<uint8_t> ownPriority() const;
  uint8_t priority() const { return runningPriority().value_or(0); }
  bool preemptAllowed(TimePoint now) const;
  Centiseconds currentMasterDownInterval() const;
  std::optional<DropReason> check(const Received& packet, const Advert& advert);

  // Startup, and leaving Fault: Master for the owner, else Backup.
  void start(TimePoint now, Actions& out);
  void becomeMaster(TimePoint now, Actions& out);
  void becomeBackup(TimePoint now, Actions& out);
  void becomeFault(Actions& out);
  void transition(State to, Actions& out);
  Advert advertWith(uint8_t priority) const;
  void sendAdvert(uint8_t priority, Actions& out);
  // Enters or leaves Fault when the interface or tracking changed.
  void reconsider(TimePoint now, Actions& out);
  void backupHeard(TimePoint now, const Received& packet, const Advert& advert);
  void masterHeard(TimePoint now, const Received& packet, const Advert& advert, Actions& out);
  // Appends ArmTimer when the deadline changed since the last one.
  Actions finish(Actions out);

  RouterConfig config_;
  Tracker tracker_;
  State state_ = State::kInitialize;
  bool started_ = false;  // between startup() and shutdown()
  bool interfaceUp_ = true;
  bool heldInFault_ = false;  // by its sync group
  Centiseconds masterAdverInterval_;
  std::optional<IpAddress> masterAddress_;
  uint8_t masterPriority_ = 0;
  std::optional<TimePoint> adverTimer_;
  std::optional<TimePoint> masterDownTimer_;
  TimePoint preemptFrom_{};
  std::optional<TimePoint> armed_;
  // When a lower priority master last made us announce again.
  std::optional<TimePoint> lastReannounce_;
  static constexpr Duration kReannounceGap = std::chrono::seconds(1);
  Counters counters_;
};

}  // namespace redund::vrrp
