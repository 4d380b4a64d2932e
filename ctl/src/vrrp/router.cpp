#include "vrrp/router.h"

#include <utility>

#include "error.h"
#include "vrrp/timers.h"

namespace redund::vrrp {

Router::Router(const RouterConfig& config)
    : config_(config), tracker_(config.tracked), masterAdverInterval_(config.advertInterval) {
  validate(config_);
}

std::optional<uint8_t> Router::ownPriority() const {
  if (!interfaceUp_) {
    return std::nullopt;
  }
  return tracker_.effectivePriority(config_.priority);
}

std::optional<uint8_t> Router::runningPriority() const {
  if (heldInFault_) {
    return std::nullopt;
  }
  return ownPriority();
}

bool Router::preemptAllowed(TimePoint now) const { return config_.preempt && now >= preemptFrom_; }

Centiseconds Router::currentMasterDownInterval() const {
  return masterDownInterval(config_.version, priority(), masterAdverInterval_);
}

Actions Router::startup(TimePoint now) {
  Actions out;
  if (!started_) {
    started_ = true;
    start(now, out);
  }
  return finish(std::move(out));
}

Actions Router::shutdown(TimePoint /*now*/) {
  Actions out;
  if (state_ == State::kMaster) {
    sendAdvert(0, out);
  }
  started_ = false;
  adverTimer_.reset();
  masterDownTimer_.reset();
  masterAddress_.reset();
  transition(State::kInitialize, out);
  return finish(std::move(out));
}

Actions Router::tick(TimePoint now) {
  Actions out;
  if (state_ == State::kMaster && adverTimer_ && *adverTimer_ <= now) {
    sendAdvert(priority(), out);
    adverTimer_ = now + config_.advertInterval;
  } else if (state_ == State::kBackup && masterDownTimer_ && *masterDownTimer_ <= now) {
    becomeMaster(now, out);
  }
  return finish(std::move(out));
}

Actions Router::setInterface(TimePoint now, bool up) {
  Actions out;
  interfaceUp_ = up;
  reconsider(now, out);
  return finish(std::move(out));
}

bool Router::changeableInPlace(const RouterConfig& from, const RouterConfig& to) {
  RouterConfig same = to;
  same.priority = from.priority;
  same.virtualAddresses = from.virtualAddresses;
  same.preempt = from.preempt;
  same.preemptDelay = from.preemptDelay;
  // Owning the addresses changes how the router starts: not in place.
  return same == from && from.owner() == to.owner();
}

Actions Router::reconfigure(TimePoint now, const RouterConfig& next) {
  validate(next);
  if (!changeableInPlace(config_, next)) {
    throw Error(config_.name + ": this change needs the router restarted");
  }
  const bool addressesChanged = next.virtualAddresses != config_.virtualAddresses;
  const bool priorityChanged = next.priority != config_.priority;
  preemptFrom_ += next.preemptDelay - config_.preemptDelay;
  config_ = next;
  Actions out;
  if (state_ == State::kMaster && (addressesChanged || priorityChanged)) {
    sendAdvert(priority(), out);
    adverTimer_ = now + config_.advertInterval;
    if (addressesChanged) {
      out.emplace_back(Announce{.virtualMac = virtualMac(config_.family(), config_.vrid),
                                .addresses = config_.virtualAddresses});
    }
  }
  return finish(std::move(out));
}

Actions Router::syncTo(TimePoint now, State member) {
  Actions out;
  if (started_ && member == State::kMaster && state_ == State::kBackup) {
    becomeMaster(now, out);
  } else if (started_ && member == State::kBackup && state_ == State::kMaster) {
    becomeBackup(now, out);
    masterAddress_.reset();  // not us any more; the next advert says who
  }
  return finish(std::move(out));
}

Actions Router::holdInFault(TimePoint now, bool held) {
  Actions out;
  if (heldInFault_ != held) {
    heldInFault_ = held;
    reconsider(now, out);
  }
  return finish(std::move(out));
}

Actions Router::setTracked(TimePoint now, std::string_view name, bool up) {
  Actions out;
  if (tracker_.set(name, up)) {
    reconsider(now, out);
  }
  return finish(std::move(out));
}

std::optional<TimePoint> Router::nextDeadline() const {
  if (state_ == State::kMaster) {
    return adverTimer_;
  }
  if (state_ == State::kBackup) {
    return masterDownTimer_;
  }
  return std::nullopt;
}

void Router::start(TimePoint now, Actions& out) {
  preemptFrom_ = now + config_.preemptDelay;
  masterAdverInterval_ = config_.advertInterval;
  masterAddress_.reset();
  if (!runningPriority()) {
    becomeFault(out);
  } else if (priority() == kOwnerPriority) {
    becomeMaster(now, out);
  } else {
    becomeBackup(now, out);
  }
}

void Router::reconsider(TimePoint now, Actions& out) {
  if (!started_) {
    return;
  }
  const bool fault = !runningPriority();
  if (fault && state_ != State::kFault) {
    becomeFault(out);
  } else if (!fault && state_ == State::kFault) {
    start(now, out);
  }
}

void Router::becomeMaster(TimePoint now, Actions& out) {
  masterDownTimer_.reset();
  masterAdverInterval_ = config_.advertInterval;
  masterAddress_ = config_.primaryAddress;
  transition(State::kMaster, out);
  sendAdvert(priority(), out);
  out.emplace_back(Announce{.virtualMac = virtualMac(config_.family(), config_.vrid),
                            .addresses = config_.virtualAddresses});
  adverTimer_ = now + config_.advertInterval;
}

void Router::becomeBackup(TimePoint now, Actions& out) {
  adverTimer_.reset();
  masterDownTimer_ = now + currentMasterDownInterval();
  transition(State::kBackup, out);
}

void Router::becomeFault(Actions& out) {
  // A master that can still speak hands over at once rather than after
  // Master_Down_Interval, as keepalived does.
  if (state_ == State::kMaster && interfaceUp_) {
    sendAdvert(0, out);
  }
  adverTimer_.reset();
  masterDownTimer_.reset();
  masterAddress_.reset();
  transition(State::kFault, out);
}

void Router::transition(State to, Actions& out) {
  if (state_ == to) {
    return;
  }
  out.emplace_back(Transition{.from = state_, .to = to});
  state_ = to;
  switch (to) {
    case State::kMaster:
      ++counters_.becameMaster;
      break;
    case State::kBackup:
      ++counters_.becameBackup;
      break;
    case State::kFault:
      ++counters_.becameFault;
      break;
    case State::kInitialize:
      break;
  }
  out.emplace_back(Notify{.state = to, .priority = priority()});
}

std::optional<Bytes> Router::releaseAdvert() const {
  if (!config_.unicastPeers.empty()) {
    return std::nullopt;
  }
  return encode(advertWith(0), config_.primaryAddress, multicastGroup(config_.family()),
                config_.ipv4PseudoHeader);
}

Advert Router::advertWith(uint8_t priority) const {
  return {.version = config_.version,
          .vrid = config_.vrid,
          .priority = priority,
          .interval = config_.advertInterval,
          .addresses = config_.virtualAddresses};
}

void Router::sendAdvert(uint8_t priority, Actions& out) {
  const Advert advert = advertWith(priority);
  const auto sendTo = [&](const IpAddress& destination) {
    out.emplace_back(SendAdvert{
        .source = config_.primaryAddress,
        .destination = destination,
        .message = encode(advert, config_.primaryAddress, destination, config_.ipv4PseudoHeader),
        .priority = priority});
    ++counters_.advertsOut;
    if (priority == 0) {
      ++counters_.priorityZeroOut;
    }
  };
  if (config_.unicastPeers.empty()) {
    sendTo(multicastGroup(config_.family()));
  }
  for (const IpAddress& peer : config_.unicastPeers) {
    sendTo(peer);
  }
}

Actions Router::finish(Actions out) {
  const std::optional<TimePoint> deadline = nextDeadline();
  if (deadline != armed_) {
    armed_ = deadline;
    out.emplace_back(ArmTimer{.deadline = deadline});
  }
  return out;
}

Status Router::status(TimePoint now) const {
  const auto left = [now](const std::optional<TimePoint>& timer) -> std::optional<Duration> {
    if (!timer) {
      return std::nullopt;
    }
    return *timer > now ? *timer - now : Duration::zero();
  };
  const bool preemptPending = started_ && config_.preempt && now < preemptFrom_;
  return {.name = config_.name,
          .version = config_.version,
          .family = config_.family(),
          .vrid = config_.vrid,
          .state = state_,
          .configuredPriority = config_.priority,
          .effectivePriority = priority(),
          .interfaceUp = interfaceUp_,
          .preempt = config_.preempt,
          .preemptDelay = config_.preemptDelay,
          .acceptMode = config_.acceptMode,
          .ipv4PseudoHeader = config_.ipv4PseudoHeader,
          .primaryAddress = config_.primaryAddress,
          .virtualMac = virtualMac(config_.family(), config_.vrid),
          .virtualAddresses = config_.virtualAddresses,
          .unicastPeers = config_.unicastPeers,
          .masterAddress = masterAddress_,
          .masterPriority = state_ == State::kMaster ? priority() : masterPriority_,
          .advertInterval = config_.advertInterval,
          .masterAdverInterval = masterAdverInterval_,
          .masterDownInterval = currentMasterDownInterval(),
          .skewTime = skewTime(config_.version, priority(), masterAdverInterval_),
          .adverTimer = state_ == State::kMaster ? left(adverTimer_) : std::nullopt,
          .masterDownTimer = state_ == State::kBackup ? left(masterDownTimer_) : std::nullopt,
          .preemptDelayLeft = preemptPending ? left(preemptFrom_) : std::nullopt,
          .tracked = tracker_.objects(),
          .counters = counters_};
}

}  // namespace redund::vrrp
