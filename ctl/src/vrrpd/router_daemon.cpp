#include "vrrpd/router_daemon.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <type_traits>
#include <utility>
#include <variant>

#include "error.h"
#include "util/log.h"

namespace redund::vrrpd {

RouterDaemon::RouterDaemon(RedundApi& api, Host& host, Notifier& notifier, VrrpOptions options,
                           std::ostream& log)
    : api_(api),
      host_(host),
      notifier_(notifier),
      options_(std::move(options)),
      log_(log),
      name_(options_.name()) {}

void RouterDaemon::start(vrrp::TimePoint now, AdvertSender& sender) {
  sender_ = &sender;
  const auto ifindex = host_.ifindexOf(options_.device);
  if (!ifindex) {
    throw Error("no interface " + options_.device);
  }
  ifindex_ = *ifindex;
  api_.getDevice(ifindex_);  // refuses a device that is not a redund device
  router_.emplace(options_.routerConfig(findPrimary()));
  try {
    takeGateway();
    addVirtualAddresses();
  } catch (...) {
    undo();
    throw;
  }
  // Link states before startup, so a router on a down link starts in Fault.
  vrrp::Actions actions = router_->setInterface(now, host_.linkUp(options_.device));
  for (const vrrp::TrackConfig& track : options_.trackedInterfaces) {
    // A typo would keep the router's priority down for good: say so.
    if (!host_.ifindexOf(track.name)) {
      log_ << util::kLogWarning << name_ << ": tracked interface " << track.name
           << " does not exist; it counts as down until it appears\n";
    }
    const vrrp::Actions more = router_->setTracked(now, track.name, host_.linkUp(track.name));
    actions.insert(actions.end(), more.begin(), more.end());
  }
  apply(actions);
  apply(router_->startup(now));
  log_ << name_ << ": started, priority " << static_cast<int>(options_.priority) << ", primary "
       << router_->config().primaryAddress.toString() << ", " << options_.interval.count()
       << " ms adverts\n";
}

vrrp::IpAddress RouterDaemon::findPrimary() {
  const vrrp::Family family = options_.family();
  const std::vector<vrrp::IpAddress> present = host_.addressesOf(ifindex_, family);
  if (options_.primaryAddress) {
    if (std::find(present.begin(), present.end(), *options_.primaryAddress) == present.end()) {
      throw Error("primary address " + options_.primaryAddress->toString() + " is not on " +
                  options_.device);
    }
    return *options_.primaryAddress;
  }
  const auto primary =
      choosePrimary(present, family, options_.addresses, options_.priority == vrrp::kOwnerPriority);
  if (!primary) {
    throw Error(options_.device +
                (family == vrrp::Family::kIpv4
                     ? " has no IPv4 address besides the virtual ones to send adverts from"
                     : " has no IPv6 link-local address to send adverts from") +
                " (add one, or give --primary-address)");
  }
  return *primary;
}

// A gateway left by a previous daemon (or pre-provisioned by `redundctl
// gateway add ... persist off`) is adopted; either way it starts in backup
// and does not persist, so the kernel demotes it if this process dies.
void RouterDaemon::takeGateway() {
  GatewaySettings settings{.addresses = options_.addresses,
                           .state = GatewayState::kBackup,
                           .announceCount = options_.announceCount,
                           .persist = false,
                           .release = release()};
  if (options_.announceInterval) {
    settings.announceIntervalMs = static_cast<uint32_t>(options_.announceInterval->count());
  }
  const auto existing = api_.listGateways(ifindex_);
  const auto found = std::find_if(existing.begin(), existing.end(),
                                  [&](const GatewayInfo& gw) { return gw.key == key(); });
  if (found != existing.end() && found->owner != 0 && found->owner != api_.ownerPort()) {
    // Another live process holds it: two daemons would fight over it. One
    // this process owns (a router redundd restarts on reload) is its own.
    throw Error("the kernel gateway for " + name_ + " belongs to another running controller " +
                "(netlink port " + std::to_string(found->owner) + ")");
  }
  if (found != existing.end()) {
    settings.adopt = true;
    api_.setGateway(ifindex_, key(), settings);
    log_ << name_ << ": adopted the existing kernel gateway\n";
  } else {
    api_.addGateway(ifindex_, key(), settings);
    gatewayCreated_ = true;
  }
  gatewayTaken_ = true;
  releaseSent_ = *settings.release;
}

// RFC 5798's goodbye for a kill -9: the kernel sends it when this
// process's socket closes while the gateway is master. Empty (none) for a
// unicast router.
GatewayRelease RouterDaemon::release() const {
  std::optional<vrrp::Bytes> advert = router_->releaseAdvert();
  if (!advert) {
    return {};
  }
  return {.source = router_->config().primaryAddress, .advert = std::move(*advert)};
}

void RouterDaemon::addVirtualAddresses() {
  if (!options_.accept) {
    return;
  }
  const std::vector<vrrp::IpAddress> present = host_.addressesOf(ifindex_, options_.family());
  for (const vrrp::IpAddress& address : options_.addresses) {
    if (std::find(present.begin(), present.end(), address) != present.end()) {
      continue;
    }
    std::erase(addedAddresses_, address);  // added before, gone since
    try {
      host_.addAddress(ifindex_, address);
    } catch (const std::system_error& e) {
      throw Error("cannot add " + address.toString() + " to " + options_.device + ": " + e.what());
    }
    addedAddresses_.push_back(address);
  }
}

void RouterDaemon::undo() {
  for (const vrrp::IpAddress& address : addedAddresses_) {
    try {
      host_.removeAddress(ifindex_, address);
    } catch (const std::system_error& e) {
      log_ << name_ << ": cannot remove " << address.toString() << ": " << e.what() << '\n';
    }
  }
  addedAddresses_.clear();
  if (!gatewayTaken_) {
    return;
  }
  try {
    if (gatewayCreated_) {
      api_.deleteGateway(ifindex_, key());
    } else {
      api_.setGateway(ifindex_, key(), {.state = GatewayState::kBackup});
    }
  } catch (const std::exception& e) {
    log_ << name_ << ": kernel gateway: " << e.what() << '\n';
  }
  gatewayTaken_ = false;
}

void RouterDaemon::stop(vrrp::TimePoint now) {
  if (!router_) {
    return;
  }
  if (!finished_) {
    try {
      apply(router_->shutdown(now));
    } catch (const Error& e) {
      log_ << name_ << ": " << e.what() << '\n';
    }
    undo();
  }
  log_ << name_ << ": stopped\n";
}

void RouterDaemon::onPacket(vrrp::TimePoint now, const vrrp::Received& packet) {
  apply(router_->receive(now, packet));
}

void RouterDaemon::onTimer(vrrp::TimePoint now) {
  if (claimRetry_ && now >= *claimRetry_) {
    claimRetry_.reset();
    ++generation_;
    apply(router_->setTracked(now, kClaimTrack, true));
  }
  apply(router_->tick(now));
}

void RouterDaemon::onLinksChanged(vrrp::TimePoint now) {
  // By ifindex: a renamed device is still ours.
  const auto ifname = host_.ifnameOf(ifindex_);
  if (!ifname) {
    log_ << name_ << ": " << options_.device << " is gone\n";
    finished_ = true;
    return;
  }
  const bool up = host_.linkUp(*ifname);
  if (up) {
    // IPv6 addresses do not survive the device going down (unless
    // keep_addr_on_down): put back the virtual IPs that went.
    try {
      addVirtualAddresses();
    } catch (const Error& e) {
      log_ << name_ << ": " << e.what() << '\n';
    }
  }
  apply(router_->setInterface(now, up));
  for (const vrrp::TrackConfig& track : options_.trackedInterfaces) {
    apply(router_->setTracked(now, track.name, host_.linkUp(track.name)));
  }
}

void RouterDaemon::onTracked(vrrp::TimePoint now, const std::string& name, bool up) {
  if (router_) {
    ++generation_;
    apply(router_->setTracked(now, name, up));
  }
}

std::optional<vrrp::TimePoint> RouterDaemon::nextDeadline() const {
  auto deadline = router_ ? router_->nextDeadline() : std::nullopt;
  if (claimRetry_ && (!deadline || *claimRetry_ < *deadline)) {
    deadline = claimRetry_;
  }
  return deadline;
}

void RouterDaemon::startClaim(uint8_t priority) {
  claimRunning_ = true;
  log_ << name_ << ": running the claim hook before taking the addresses\n";
  claimHook_->runThen({"master", std::to_string(options_.vrid), options_.device,
                       std::string(familyKeyword(options_.family())), std::to_string(priority)},
                      [this](vrrp::TimePoint now, bool succeeded) { claimDone(now, succeeded); });
}

void RouterDaemon::claimDone(vrrp::TimePoint now, bool succeeded) {
  if (!claimRunning_) {
    return;
  }
  claimRunning_ = false;
  ++generation_;
  if (succeeded) {
    log_ << name_ << ": claim hook succeeded: taking the addresses\n";
    setGatewayState(GatewayState::kMaster);
    return;
  }
  // Fault until the retry: the router hands mastership back rather than
  // hold addresses it cannot serve.
  log_ << name_ << ": claim hook failed: fault for " << options_.claimTimeout.count()
       << " ms, then a new try\n";
  claimRetry_ = now + options_.claimTimeout;
  apply(router_->setTracked(now, kClaimTrack, false));
}

bool RouterDaemon::inPlace(const VrrpOptions& from, const VrrpOptions& to) {
  VrrpOptions same = to;
  same.priority = from.priority;
  same.addresses = from.addresses;
  same.preempt = from.preempt;
  same.preemptDelay = from.preemptDelay;
  // The first address names the family, and owning the addresses
  // (priority 255) changes how the router starts.
  return same == from && !from.addresses.empty() && !to.addresses.empty() &&
         from.family() == to.family() && (from.priority == 255) == (to.priority == 255);
}

void RouterDaemon::reconfigure(vrrp::TimePoint now, const VrrpOptions& next) {
  if (!router_ || !inPlace(options_, next)) {
    throw Error(name_ + ": this change needs the router restarted");
  }
  const vrrp::RouterConfig config = next.routerConfig(router_->config().primaryAddress);
  vrrp::validate(config);
  if (next.addresses != options_.addresses) {
    api_.setGateway(ifindex_, key(), {.addresses = next.addresses});
  }
  const std::vector<vrrp::IpAddress> before = options_.addresses;
  options_ = next;
  // The virtual IPs this router put on DEV follow the list.
  for (auto it = addedAddresses_.begin(); it != addedAddresses_.end();) {
    if (std::find(next.addresses.begin(), next.addresses.end(), *it) != next.addresses.end()) {
      ++it;
      continue;
    }
    try {
      host_.removeAddress(ifindex_, *it);
    } catch (const std::system_error& e) {
      log_ << name_ << ": cannot remove " << it->toString() << ": " << e.what() << '\n';
    }
    it = addedAddresses_.erase(it);
  }
  addVirtualAddresses();
  apply(router_->reconfigure(now, config));
  // The addresses and interval of the goodbye follow the router's.
  if (GatewayRelease next = release(); next != releaseSent_) {
    api_.setGateway(ifindex_, key(), {.release = next});
    releaseSent_ = std::move(next);
  }
  ++generation_;
  log_ << name_ << ": changed in place, priority " << static_cast<int>(next.priority) << ", "
       << next.addresses.size() << " virtual IPs (" << before.size() << " before)\n";
}

void RouterDaemon::syncTo(vrrp::TimePoint now, vrrp::State member) {
  if (router_) {
    apply(router_->syncTo(now, member));
  }
}

void RouterDaemon::holdInFault(vrrp::TimePoint now, bool held) {
  if (router_) {
    apply(router_->holdInFault(now, held));
  }
}

void RouterDaemon::apply(const vrrp::Actions& actions) {
  bool becameMaster = false;
  std::vector<vrrp::Transition> transitions;
  for (const vrrp::Action& action : actions) {
    std::visit(
        [this, &becameMaster, &transitions](const auto& a) {
          using T = std::decay_t<decltype(a)>;
          if constexpr (std::is_same_v<T, vrrp::SendAdvert>) {
            if (const auto err = sender_->send(a.source, a.destination, a.message)) {
              sent(a.destination, *err);
            }
          } else if constexpr (std::is_same_v<T, vrrp::Transition>) {
            log_ << name_ << ": " << vrrp::stateName(a.from) << " -> " << vrrp::stateName(a.to)
                 << '\n';
            // The kernel answers exactly while we are master.
            if (a.to == vrrp::State::kMaster) {
              becameMaster = true;
              if (claimHook_ != nullptr) {
                startClaim(router_->effectivePriority());
              } else {
                setGatewayState(GatewayState::kMaster);
              }
            } else if (a.from == vrrp::State::kMaster) {
              if (claimRunning_) {
                claimRunning_ = false;
                claimHook_->cancel();
              }
              setGatewayState(GatewayState::kBackup);
            }
            ++generation_;
            transitions.push_back(a);
          } else if constexpr (std::is_same_v<T, vrrp::Notify>) {
            notifier_.run({std::string(vrrp::stateName(a.state)), std::to_string(options_.vrid),
                           options_.device, std::string(familyKeyword(options_.family())),
                           std::to_string(a.priority)});
          } else if constexpr (std::is_same_v<T, vrrp::Announce>) {
            // The module announces by itself when the gateway becomes
            // master; other announcements are asked for.
            if (!becameMaster) {
              announce();
            }
          }
          // ArmTimer: the loop asks nextDeadline().
        },
        action);
  }
  if (transitionHook_) {
    for (const vrrp::Transition& t : transitions) {
      transitionHook_(t.from, t.to);
    }
  }
}

void RouterDaemon::sent(const vrrp::IpAddress& destination, int error) {
  // One line per new error, not one per advert.
  if (error != lastSendError_ && error != 0) {
    log_ << name_ << ": advert to " << destination.toString() << ": " << std::strerror(error)
         << '\n';
  }
  lastSendError_ = error;
}

void RouterDaemon::announce() {
  try {
    api_.announceGateway(ifindex_, key());
    log_ << name_ << ": a lower priority router claimed master: announced again\n";
  } catch (const std::exception& e) {
    log_ << name_ << ": announce: " << e.what() << '\n';
  }
}

// The kernel must follow: a gateway left master while a peer is master is
// split brain, one that will not become master leaves the virtual IPs
// unanswered. Failing that, the daemon exits, and the kernel demotes the
// gateway of its closed socket.
void RouterDaemon::setGatewayState(GatewayState state) {
  try {
    api_.setGateway(ifindex_, key(), {.state = state});
  } catch (const KernelError& e) {
    if (state == GatewayState::kBackup && e.code() == ENOENT) {
      log_ << name_ << ": the kernel gateway was deleted behind our back\n";
      return;
    }
    throw Error("kernel gateway to " + std::string(gatewayStateName(state)) + ": " + e.what());
  }
}
}  // namespace redund::vrrpd
