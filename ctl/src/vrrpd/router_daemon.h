// The VRRP daemon's logic, free of sockets and clocks: it sets up the
// kernel gateway and the virtual IPs, feeds one vrrp::Router the packets,
// timer ticks and link changes the event loop (loop.h) hands in, and
// carries out the router's actions: adverts, the kernel gateway's state
// (master exactly while the router is), notify hooks.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "api.h"
#include "vrrp/router.h"
#include "vrrpd/host.h"
#include "vrrpd/options.h"

namespace redund::vrrpd {

class AdvertSender {
 public:
  virtual ~AdvertSender() = default;
  // Returns 0 or an errno, or nullopt when the advert is queued and its
  // outcome comes later through RouterDaemon::sent().
  virtual std::optional<int> send(const vrrp::IpAddress& source, const vrrp::IpAddress& destination,
                                  std::span<const std::byte> message) = 0;
};

class Notifier {
 public:
  // From the loop, when a hook run by runThen() ended: `succeeded` is exit
  // status 0 within the timeout.
  using Done = std::function<void(vrrp::TimePoint now, bool succeeded)>;

  virtual ~Notifier() = default;
  // Starts the hook with these arguments and returns at once.
  virtual void run(const std::vector<std::string>& args) = 0;
  // The same, and `done` when it ends, unless cancel() came first.
  virtual void runThen(const std::vector<std::string>& args, Done done) = 0;
  // Kills the hooks started by runThen() still running; their `done` is
  // never called.
  virtual void cancel() = 0;
};

class RouterDaemon {
 public:
  RouterDaemon(RedundApi& api, Host& host, Notifier& notifier, VrrpOptions options,
               std::ostream& log);

  // Finds DEV and the primary address, takes the kernel gateway (adds it,
  // or adopts one that exists) in backup, puts the virtual IPs on DEV
  // (accept on) and starts the router. Undoes what it did and throws
  // Error when any step fails. `sender` must outlive the daemon.
  void start(vrrp::TimePoint now, AdvertSender& sender);
  // How an advert to `destination` went: 0 or an errno.
  void sent(const vrrp::IpAddress& destination, int error);
  // Cold standby: on becoming master, run this hook (--claim-hook) and
  // make the kernel gateway master only once it succeeded. Before start().
  void useClaimHook(Notifier& hook) { claimHook_ = &hook; }
  // Hands the router over cleanly: priority 0 advert if master, gateway
  // removed (or left in backup when it was adopted), virtual IPs it added
  // removed. Errors are logged: the device may be gone.
  void stop(vrrp::TimePoint now);

  void onPacket(vrrp::TimePoint now, const vrrp::Received& packet);
  void onTimer(vrrp::TimePoint now);
  // Some link changed: read DEV's and the tracked interfaces' state again.
  void onLinksChanged(vrrp::TimePoint now);
  // A health check (tracked under `name`) turned up or down.
  void onTracked(vrrp::TimePoint now, const std::string& name, bool up);
  // A reload changed only the priority, the virtual IPs or preemption
  // (inPlace()): the running router takes them without a state change;
  // the kernel gateway and DEV get the new virtual IPs. Throws Error when
  // the kernel refuses them (the caller then restarts the router).
  void reconfigure(vrrp::TimePoint now, const VrrpOptions& next);
  static bool inPlace(const VrrpOptions& from, const VrrpOptions& to);

  // Sync groups: what another member did (vrrp::Router::syncTo,
  // holdInFault), and this router's own transitions, reported after
  // their actions were carried out.
  void syncTo(vrrp::TimePoint now, vrrp::State member);
  void holdInFault(vrrp::TimePoint now, bool held);
  bool ownFault() const { return router_ && router_->ownFault(); }
  using TransitionHook = std::function<void(vrrp::State from, vrrp::State to)>;
  void onTransition(TransitionHook hook) { transitionHook_ = std::move(hook); }

  std::optional<vrrp::TimePoint> nextDeadline() const;
  // DEV is gone: the loop should exit.
  bool master() const { return router_ && router_->state() == vrrp::State::kMaster; }
  bool finished() const { return finished_; }
  // Bumped by every change worth writing to the state file at once.
  uint64_t generation() const { return generation_; }
  uint32_t devIfindex() const { return ifindex_; }
  const VrrpOptions& options() const { return options_; }
  vrrp::Status status(vrrp::TimePoint now) const { return router_->status(now); }

 private:
  GatewayKey key() const { return {.vrid = options_.vrid, .family = options_.family()}; }
  vrrp::IpAddress findPrimary();
  void takeGateway();
  GatewayRelease release() const;
  void addVirtualAddresses();
  void undo();
  void apply(const vrrp::Actions& actions);
  void setGatewayState(GatewayState state);
  void announce();
  void startClaim(uint8_t priority);
  void claimDone(vrrp::TimePoint now, bool succeeded);

  RedundApi& api_;
  Host& host_;
  Notifier& notifier_;
  VrrpOptions options_;
  std::ostream& log_;
  std::string name_;
  AdvertSender* sender_ = nullptr;
  uint32_t ifindex_ = 0;
  std::optional<vrrp::Router> router_;
  bool gatewayCreated_ = false;
  bool gatewayTaken_ = false;
  // What the kernel gateway holds to send if this process dies as master.
  GatewayRelease releaseSent_;
  std::vector<vrrp::IpAddress> addedAddresses_;
  int lastSendError_ = 0;
  bool finished_ = false;
  Notifier* claimHook_ = nullptr;
  TransitionHook transitionHook_;
  bool claimRunning_ = false;
  // After a failed claim hook: Fault until then, then a new try.
  std::optional<vrrp::TimePoint> claimRetry_;
  uint64_t generation_ = 0;
};

}  // namespace redund::vrrpd
