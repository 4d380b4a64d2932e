// Router::receive: the checks of RFC 5798 7.1 (RFC 3768 7.1 for v2), then
// the Backup and Master reactions of 6.4.2 and 6.4.3.
#include <algorithm>
#include <set>
#include <utility>

#include "vrrp/router.h"
#include "vrrp/timers.h"

namespace redund::vrrp {
namespace {

constexpr uint8_t kRequiredTtl = 255;

bool sameAddresses(const std::vector<IpAddress>& a, const std::vector<IpAddress>& b) {
  return std::set<IpAddress>(a.begin(), a.end()) == std::set<IpAddress>(b.begin(), b.end());
}

}  // namespace

std::optional<DropReason> Router::check(const Received& packet, const Advert& advert) {
  if (advert.version != config_.version) {
    return DropReason::kBadVersion;
  }
  if (advert.vrid != config_.vrid) {
    return DropReason::kWrongVrid;
  }
  const auto& peers = config_.unicastPeers;
  if (!peers.empty() && std::find(peers.begin(), peers.end(), packet.source) == peers.end()) {
    return DropReason::kUnknownPeer;
  }
  if (config_.version == Version::kV2 && advert.interval != config_.advertInterval) {
    return DropReason::kIntervalMismatch;
  }
  if (!sameAddresses(advert.addresses, config_.virtualAddresses)) {
    ++counters_.addressMismatch;
    if (config_.version == Version::kV2 && advert.priority != kOwnerPriority) {
      return DropReason::kAddressMismatch;
    }
  }
  if (state_ != State::kBackup && state_ != State::kMaster) {
    return DropReason::kInactive;
  }
  return std::nullopt;
}

Actions Router::receive(TimePoint now, const Received& packet) {
  Actions out;
  const auto drop = [this](DropReason reason) { counters_.drops.count(reason); };
  if (packet.source.family() != config_.family() ||
      packet.destination.family() != config_.family()) {
    drop(DropReason::kWrongFamily);
    return finish(std::move(out));
  }
  if (packet.ttl != kRequiredTtl) {
    drop(DropReason::kBadTtl);
    return finish(std::move(out));
  }
  auto decoded =
      decode(packet.message, packet.source, packet.destination, config_.ipv4PseudoHeader);
  if (const auto* reason = std::get_if<DropReason>(&decoded)) {
    drop(*reason);
    return finish(std::move(out));
  }
  const auto& advert = std::get<Advert>(decoded);
  if (const auto reason = check(packet, advert)) {
    drop(*reason);
    return finish(std::move(out));
  }
  ++counters_.advertsIn;
  if (advert.priority == 0) {
    ++counters_.priorityZeroIn;
  }
  if (state_ == State::kBackup) {
    backupHeard(now, packet, advert);
  } else {
    masterHeard(now, packet, advert, out);
  }
  return finish(std::move(out));
}

void Router::backupHeard(TimePoint now, const Received& packet, const Advert& advert) {
  if (advert.priority == 0) {
    // The master is stopping: take over after Skew_Time, the higher
    // priority backup first.
    masterDownTimer_ = now + skewTime(config_.version, priority(), masterAdverInterval_);
    return;
  }
  if (preemptAllowed(now) && advert.priority < priority()) {
    return;  // let Master_Down_Timer run out, then preempt
  }
  if (config_.version == Version::kV3) {
    // A zero interval would leave only the skew between adverts; one
    // centisecond is the least the field can mean.
    masterAdverInterval_ = std::max(advert.interval, Centiseconds(1));
  }
  masterAddress_ = packet.source;
  masterPriority_ = advert.priority;
  masterDownTimer_ = now + currentMasterDownInterval();
}

void Router::masterHeard(TimePoint now, const Received& packet, const Advert& advert,
                         Actions& out) {
  if (advert.priority == 0) {
    // The other master is stopping: assert ourselves now rather than wait
    // for its backups to time out.
    sendAdvert(priority(), out);
    adverTimer_ = now + config_.advertInterval;
    return;
  }
  const bool better = advert.priority > priority() ||
                      (advert.priority == priority() && packet.source > config_.primaryAddress);
  if (!better) {
    // RFC 5798 only discards it, but its sender believes it is master:
    // answer at once so it yields, and announce again (at most once a
    // second) so hosts and switches that followed it come back.
    ++counters_.lowerPriorityIn;
    sendAdvert(priority(), out);
    adverTimer_ = now + config_.advertInterval;
    if (!lastReannounce_ || now - *lastReannounce_ >= kReannounceGap) {
      lastReannounce_ = now;
      out.emplace_back(Announce{.virtualMac = virtualMac(config_.family(), config_.vrid),
                                .addresses = config_.virtualAddresses});
    }
    return;
  }
  if (config_.version == Version::kV3) {
    masterAdverInterval_ = std::max(advert.interval, Centiseconds(1));
  }
  masterAddress_ = packet.source;
  masterPriority_ = advert.priority;
  becomeBackup(now, out);
}

}  // namespace redund::vrrp
