#include "vrrpd/service.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <system_error>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/post.hpp>
// clang-format on

#include "error.h"
#include "util/deadline_timer.h"
#include "util/json_file.h"
#include "vrrp/drop.h"
#include "vrrpd/advert_socket.h"
#include "vrrpd/hooks.h"
#include "vrrpd/router_daemon.h"
#include "vrrpd/router_schedule.h"
#include "vrrpd/state_file.h"

namespace redund::vrrpd {
namespace {

using vrrp::Clock;

constexpr uint64_t kNeverSaved = ~uint64_t{0};
// How late a deadline may run so that it shares a wakeup with others: see
// RouterSchedule::wakeUpAt. Small beside the shortest advert interval
// (10 ms) and beside any Skew_Time that matters to a failover.
constexpr auto kWakeupWindow = std::chrono::milliseconds(2);
// At most this many receive batches before a timer wakeup runs its due
// routers (see onTimers()).
constexpr int kDrainBatches = 64;
// How long adverts wait in the socket's queue after the first one
// arrives, so that one wakeup reads those of many routers: at a thousand
// routers a wakeup per arrival (a few packets each) cost more than the
// adverts themselves. Small beside any Skew_Time and Master_Down_Interval,
// and a timer due first reads them anyway (onTimers()).
constexpr auto kReceiveHold = std::chrono::milliseconds(5);
// How long backups' Master_Down waits for a queue that a stall left too
// long to read in one wakeup (see onTimers()).
constexpr auto kMaxMasterDownHold = std::chrono::seconds(1);

// One virtual router: its logic, hooks and state file.
struct Router {
  Router(runtime::Context& context, Host& host, const VrrpOptions& options)
      : options(options),
        notify(context.reactor.io(), options.notify.value_or(""), options.notifyTimeout,
               context.log, options.name()),
        claim(context.reactor.io(), options.claimHook.value_or(""), options.claimTimeout,
              context.log, options.name(), "claim hook"),
        daemon(context.api, host, notify, options, context.log),
        statePath(stateFilePath(options)) {
    for (const health::CheckConfig& check : options.checks) {
      checkNames.push_back(check.name);
    }
  }

  VrrpOptions options;
  HookRunner notify;
  HookRunner claim;
  RouterDaemon daemon;
  std::vector<std::string> checkNames;
  std::string statePath;
  uint64_t savedGeneration = kNeverSaved;
  vrrp::TimePoint savedAt{};
  bool started = false;
};

Json dropsJson(const vrrp::DropCounters& drops) {
  return {{std::string(vrrp::dropReasonName(vrrp::DropReason::kWrongVrid)),
           drops[vrrp::DropReason::kWrongVrid]},
          {std::string(vrrp::dropReasonName(vrrp::DropReason::kTruncated)),
           drops[vrrp::DropReason::kTruncated]}};
}

}  // namespace

class VrrpService::Impl final : public AdvertSender {
 public:
  Impl(VrrpService& self, runtime::Context& context, Host& host, runtime::TrackBus& bus,
       const health::CheckService* checks, std::string device, vrrp::Family family)
      : self_(self),
        context_(context),
        host_(host),
        bus_(bus),
        checks_(checks),
        device_(std::move(device)),
        family_(family),
        socket_(family, deviceIndex()),
        timer_(context.reactor.io()),
        packets_(context.reactor.io(), socket_.fd(), [this] { return readable(); }),
        reaper_(context.reactor.onChild([this] { reap(); })),
        tracked_(bus.listen([this](const std::string& name, bool up) { onTracked(name, up); })) {}

  ~Impl() override {
    for (auto& [vrid, router] : routers_) {
      removeStateFile(*router);
    }
  }

  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  Impl(Impl&&) = delete;
  Impl& operator=(Impl&&) = delete;

  std::string name() const { return "vrrp " + device_ + " " + std::string(familyKeyword(family_)); }

  void start() {
    running_ = true;
    std::vector<Router*> started;
    try {
      for (auto& [vrid, router] : routers_) {
        startRouter(*router);
        started.push_back(router.get());
      }
    } catch (...) {
      for (Router* router : started) {
        stopRouter(*router);
      }
      running_ = false;
      throw;
    }
  }

  void stop() {
    for (auto& [vrid, router] : routers_) {
      stopRouter(*router);
    }
    running_ = false;
  }

  bool finished() const { return finished_; }

  Json status() const {
    Json routers = Json::array();
    for (const auto& [vrid, router] : routers_) {
      routers.push_back(routerJson(*router));
    }
    Json failed = Json::array();
    for (const auto& [vrid, reason] : failed_) {
      failed.push_back({{"vrid", vrid}, {"reason", reason}});
    }
    return {{"device", device_},
            {"family", std::string(familyKeyword(family_))},
            {"routers", std::move(routers)},
            {"unclaimed_drops", dropsJson(unclaimed_)},
            {"failed", std::move(failed)}};
  }

  void addRouter(const VrrpOptions& options) {
    if (options.device != device_ || options.family() != family_) {
      throw Error(options.name() + " does not belong to " + name());
    }
    if (routers_.contains(options.vrid)) {
      throw Error(options.name() + " runs already");
    }
    // A router that cannot start stays listed as failed, with why, until
    // a reload brings it up: status shows it rather than nothing.
    try {
      auto router = std::make_unique<Router>(context_, host_, options);
      if (running_) {
        startRouter(*router);
      }
      failed_.erase(options.vrid);
      routers_.emplace(options.vrid, std::move(router));
      finished_ = false;  // running a router again
    } catch (const std::exception& e) {
      failed_[options.vrid] = e.what();
      throw;
    }
  }

  bool runs(uint8_t vrid) const { return routers_.contains(vrid); }

  void setStateRefresh(std::optional<std::chrono::milliseconds> interval) {
    stateRefresh_ = interval;
  }

  bool updateRouter(const VrrpOptions& options) {
    Router* router = startedRouter(options.vrid);
    if (router == nullptr || !RouterDaemon::inPlace(router->options, options)) {
      return false;
    }
    bool done = false;
    guarded(*router, Clock::now(), [&](Router& r, vrrp::TimePoint now) {
      r.daemon.reconfigure(now, options);
      r.options = options;
      done = true;
    });
    return done;
  }

  bool removeRouter(uint8_t vrid) {
    const bool wasFailed = failed_.erase(vrid) > 0;
    const auto it = routers_.find(vrid);
    if (it == routers_.end()) {
      return wasFailed;
    }
    stopRouter(*it->second);
    removeStateFile(*it->second);
    routers_.erase(it);
    return true;
  }

  std::size_t size() const { return routers_.size(); }

  void onLinksChanged() {
    eachStarted([](Router& router, vrrp::TimePoint now) { router.daemon.onLinksChanged(now); });
  }

  void onTransition(VrrpService::TransitionListener listener) {
    transitionListener_ = std::move(listener);
  }

  void syncTo(uint8_t vrid, vrrp::State member) {
    if (Router* router = startedRouter(vrid)) {
      guarded(*router, Clock::now(),
              [member](Router& r, vrrp::TimePoint now) { r.daemon.syncTo(now, member); });
    }
  }

  void holdInFault(uint8_t vrid, bool held) {
    if (Router* router = startedRouter(vrid)) {
      guarded(*router, Clock::now(),
              [held](Router& r, vrrp::TimePoint now) { r.daemon.holdInFault(now, held); });
    }
  }

  bool ownFault(uint8_t vrid) const {
    const auto it = routers_.find(vrid);
    return it != routers_.end() && it->second->started && it->second->daemon.ownFault();
  }

  std::optional<vrrp::State> state(uint8_t vrid) const {
    const auto it = routers_.find(vrid);
    if (it == routers_.end() || !it->second->started) {
      return std::nullopt;
    }
    return it->second->daemon.status(Clock::now()).state;
  }

  // AdvertSender: every router sends through the one socket; the adverts
  // of routers due in one wakeup go out together (see onTimers()).
  std::optional<int> send(const vrrp::IpAddress& source, const vrrp::IpAddress& destination,
                          std::span<const std::byte> message) override {
    if (!sendingFor_) {
      return socket_.send(source, destination, message);
    }
    socket_.queue(source, destination, message);
    queuedFor_.emplace_back(*sendingFor_, destination);
    return std::nullopt;
  }

 private:
  Router* startedRouter(uint8_t vrid) {
    const auto it = routers_.find(vrid);
    return it != routers_.end() && it->second->started ? it->second.get() : nullptr;
  }

  uint32_t deviceIndex() {
    const auto ifindex = host_.ifindexOf(device_);
    if (!ifindex) {
      throw Error("no interface " + device_);
    }
    return *ifindex;
  }

  void startRouter(Router& router) {
    if (router.options.claimHook) {
      router.daemon.useClaimHook(router.claim);
    }
    router.daemon.onTransition([this, vrid = router.options.vrid, name = router.options.name()](
                                   vrrp::State from, vrrp::State to) {
      context_.notify({.kind = "vrrp",
                       .object = name,
                       .from = std::string(vrrp::stateName(from)),
                       .to = std::string(vrrp::stateName(to))});
      if (transitionListener_) {
        transitionListener_(vrid, from, to);
      }
    });
    const vrrp::TimePoint now = Clock::now();
    router.daemon.start(now, *this);
    if (!router.statePath.empty()) {
      std::error_code ignored;
      std::filesystem::create_directories(std::filesystem::path(router.statePath).parent_path(),
                                          ignored);
    }
    router.started = true;
    // A router added by a reload tracks checks that run already.
    for (const std::string& check : router.checkNames) {
      if (const auto up = bus_.state(check)) {
        router.daemon.onTracked(now, check, *up);
      }
    }
    after(router, now);
  }

  void stopRouter(Router& router) {
    if (!router.started) {
      return;
    }
    router.started = false;
    schedule_.set(router.options.vrid, std::nullopt);
    router.daemon.stop(Clock::now());
  }

  void removeStateFile(const Router& router) {
    // Only a file this process wrote: a second daemon refused at start
    // must not remove the running one's.
    if (!router.statePath.empty() && router.savedGeneration != kNeverSaved) {
      std::error_code ignored;
      std::filesystem::remove(router.statePath, ignored);
    }
  }

  // Runs `input` on every started router, with one reading of the clock;
  // see guarded().
  template <typename Input>
  void eachStarted(const Input& input) {
    const vrrp::TimePoint now = Clock::now();
    std::vector<uint8_t> vrids;
    for (const auto& [vrid, router] : routers_) {
      if (router->started) {
        vrids.push_back(vrid);
      }
    }
    for (const uint8_t vrid : vrids) {
      if (const auto it = routers_.find(vrid); it != routers_.end()) {
        guarded(*it->second, now, input);
      }
    }
  }

  // One input to one router at `now`, then its state file and timer. A
  // router that throws (the kernel refused its gateway state) hands over
  // and is gone: the others run on.
  template <typename Input>
  void guarded(Router& router, vrrp::TimePoint now, const Input& input) {
    try {
      input(router, now);
      after(router, now);
    } catch (const std::exception& e) {
      fail(router, e.what());
    }
  }

  void fail(Router& router, const std::string& why) {
    const uint8_t vrid = router.options.vrid;
    context_.log << router.options.name() << ": " << why << "; stopping\n";
    try {
      stopRouter(router);
    } catch (const std::exception& e) {
      context_.log << router.options.name() << ": " << e.what() << '\n';
    }
    removeStateFile(router);
    failed_[vrid] = why;
    routers_.erase(vrid);
    if (routers_.empty()) {
      finish();
    }
  }

  void finish() {
    if (finished_) {
      return;
    }
    finished_ = true;
    if (context_.finished) {
      context_.finished(self_);
    }
  }

  // After every input of a router: stop when DEV is gone, save its state,
  // schedule its next deadline.
  void after(Router& router, vrrp::TimePoint now) {
    if (router.daemon.finished()) {
      schedule_.set(router.options.vrid, std::nullopt);
      finish();
      return;
    }
    saveState(router, now);
    schedule_.set(router.options.vrid, router.daemon.nextDeadline());
    // A deadline that moved later (a backup hearing its master) leaves the
    // timer alone: it wakes up early once and finds nothing due.
    const auto wakeUp = schedule_.wakeUpAt(kWakeupWindow);
    const auto armed = timer_.armedAt();
    if (wakeUp && (!armed || *wakeUp < *armed)) {
      armTimer(wakeUp);
    }
  }

  void armTimer(std::optional<vrrp::TimePoint> at) {
    timer_.arm(at, [this] { onTimers(); });
  }

  // Every router due, in one wakeup: under load the timer fires late and
  // finds many. One clock reading serves them all (under emulation each
  // costs a trapped clock-source read); by it each of them is due.
  void onTimers() {
    const vrrp::TimePoint now = Clock::now();
    // Adverts first: after a stall (a burst of transitions, a slow host)
    // a backup's Master_Down deadline passes while its master's adverts
    // wait in the socket's queue, and running the timer first made it
    // master: at a thousand routers one stall set off a storm of false
    // takeovers that never settled.
    const bool drained = receiveAdverts(now);
    // Adverts still queued after the drain's bound (a long stall: a status
    // of a thousand routers once took seconds under emulation): a backup
    // whose advert is among them must not take over, so backups wait
    // while the queue is read on, for at most kMaxMasterDownHold (a flood
    // must not keep a backup whose master died from taking over). A
    // master's adverts never wait.
    if (drained) {
      heldSince_.reset();
    } else if (!heldSince_) {
      heldSince_ = now;
    }
    const bool holdBackups = heldSince_ && now - *heldSince_ < kMaxMasterDownHold;
    for (const uint8_t vrid : schedule_.due(now)) {
      const auto it = routers_.find(vrid);
      if (it == routers_.end() || !it->second->started) {
        continue;
      }
      Router& router = *it->second;
      if (holdBackups && !router.daemon.master()) {
        schedule_.set(vrid, router.daemon.nextDeadline());  // still due
        continue;
      }
      // A master's periodic advert waits for the others of this wakeup;
      // a router that may become master now sends before its gateway
      // takes the addresses, as RFC 5798 orders it.
      if (router.daemon.master()) {
        sendingFor_ = vrid;
      }
      guarded(router, now, [](Router& r, vrrp::TimePoint at) { r.daemon.onTimer(at); });
      sendingFor_.reset();
    }
    flushAdverts();
    if (drained) {
      armTimer(schedule_.wakeUpAt(kWakeupWindow));
      packets_.resume();
    } else {
      // Read on once the loop has run what else is ready: the one timer,
      // so that no second chain of wakeups starts beside it.
      armTimer(now);
    }
  }

  // The adverts queued by the routers of one wakeup, in one system call;
  // each router hears how its own went.
  void flushAdverts() {
    if (queuedFor_.empty()) {
      return;
    }
    const std::vector<int> errors = socket_.flush();
    const auto queued = std::move(queuedFor_);
    queuedFor_.clear();
    for (std::size_t i = 0; i < queued.size() && i < errors.size(); ++i) {
      const auto& [vrid, destination] = queued[i];
      if (const auto it = routers_.find(vrid); it != routers_.end() && it->second->started) {
        it->second->daemon.sent(destination, errors[i]);
      }
    }
  }

  // Up to kDrainBatches receive batches, at `now`: a bound, not until
  // EAGAIN, because with a thousand routers' adverts arriving faster than
  // a starved guest handles them, draining never ended and timers, other
  // sockets and the control socket starved (status never answered).
  // Whether the queue is drained.
  bool receiveAdverts(vrrp::TimePoint now) {
    try {
      for (int batch = 0; batch < kDrainBatches; ++batch) {
        const AdvertSocket::Batch received = socket_.receive();
        for (const ReceivedPacket& packet : received.packets) {
          dispatch(packet, now);
        }
        if (received.drained) {
          return true;
        }
      }
    } catch (const std::system_error& e) {
      context_.log << name() << ": " << e.what() << '\n';
      return true;
    }
    return false;
  }

  // The first advert after a quiet spell: stop watching and read it,
  // with what follows within kReceiveHold, from the timer, which watches
  // again once the queue is drained.
  bool readable() {
    const vrrp::TimePoint at = Clock::now() + kReceiveHold;
    if (const auto armed = timer_.armedAt(); !armed || at < *armed) {
      armTimer(at);
    }
    return false;
  }

  // To the router of the advert's VRID (byte 1 in v2 and v3); its core
  // checks the rest.
  void dispatch(const ReceivedPacket& packet, vrrp::TimePoint now) {
    if (packet.message.size() < 2) {
      unclaimed_.count(vrrp::DropReason::kTruncated);
      return;
    }
    const auto it = routers_.find(std::to_integer<uint8_t>(packet.message[1]));
    if (it == routers_.end() || !it->second->started) {
      unclaimed_.count(vrrp::DropReason::kWrongVrid);
      return;
    }
    const vrrp::Received received{.message = packet.message,
                                  .source = packet.source,
                                  .destination = packet.destination,
                                  .ttl = packet.ttl};
    guarded(*it->second, now,
            [&](Router& r, vrrp::TimePoint at) { r.daemon.onPacket(at, received); });
  }

  void onTracked(const std::string& check, bool up) {
    eachStarted([&](Router& router, vrrp::TimePoint now) {
      if (std::find(router.checkNames.begin(), router.checkNames.end(), check) !=
          router.checkNames.end()) {
        router.daemon.onTracked(now, check, up);
      }
    });
  }

  // A claim hook's end is an input of its router.
  void reap() {
    for (auto& [vrid, router] : routers_) {
      if (!router->started) {
        router->notify.reap();
        router->claim.reap();
      }
    }
    eachStarted([](Router& router, vrrp::TimePoint /*now*/) {
      router.notify.reap();
      router.claim.reap();
    });
  }

  Json routerJson(const Router& router) const {
    Json json = statusJson(device_, static_cast<int>(getpid()), router.daemon.status(Clock::now()));
    json["checks"] = checks_ != nullptr ? checks_->checksJson(router.checkNames) : Json::array();
    // A tracked interface that does not exist counts as down: likely a
    // typo, which status should show.
    for (Json& tracked : json["tracked"]) {
      const std::string trackedName = tracked.value("name", "");
      const auto& interfaces = router.options.trackedInterfaces;
      const bool isInterface =
          std::any_of(interfaces.begin(), interfaces.end(),
                      [&](const vrrp::TrackConfig& t) { return t.name == trackedName; });
      if (isInterface) {
        tracked["missing"] = !host_.ifindexOf(trackedName).has_value();
      }
    }
    // Adverts on DEV for a VRID no router here runs.
    json["device_drops"] = dropsJson(unclaimed_);
    return json;
  }

  void saveState(Router& router, vrrp::TimePoint now) {
    if (router.statePath.empty()) {
      return;
    }
    const uint64_t generation =
        router.daemon.generation() + (checks_ != nullptr ? checks_->generation() : 0);
    if (generation == router.savedGeneration &&
        (!stateRefresh_ || now - router.savedAt < *stateRefresh_)) {
      return;
    }
    try {
      util::writeJsonFile(router.statePath, routerJson(router));
    } catch (const std::system_error& e) {
      context_.log << router.options.name() << ": " << e.what() << "; state file disabled\n";
      router.statePath.clear();
    }
    router.savedGeneration = generation;
    router.savedAt = now;
  }

  VrrpService& self_;
  runtime::Context& context_;
  Host& host_;
  runtime::TrackBus& bus_;
  const health::CheckService* checks_;
  std::string device_;
  vrrp::Family family_;
  AdvertSocket socket_;
  std::map<uint8_t, std::unique_ptr<Router>> routers_;
  RouterSchedule schedule_;
  util::DeadlineTimer timer_;
  std::map<uint8_t, std::string> failed_;
  VrrpService::TransitionListener transitionListener_;
  std::optional<std::chrono::milliseconds> stateRefresh_ = std::chrono::seconds(1);
  vrrp::DropCounters unclaimed_;
  runtime::FdWatch packets_;
  runtime::Listeners<runtime::Reactor::ChildReaper>::Registration reaper_;
  runtime::TrackBus::Registration tracked_;
  // While a timer input runs: the router whose adverts are queued.
  std::optional<uint8_t> sendingFor_;
  // Since when the adverts have not all been read (see onTimers()).
  std::optional<vrrp::TimePoint> heldSince_;
  std::vector<std::pair<uint8_t, vrrp::IpAddress>> queuedFor_;
  bool running_ = false;
  bool finished_ = false;
  // Work posted to the loop runs only while this lives.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

VrrpService::VrrpService(runtime::Context& context, Host& host, runtime::TrackBus& bus,
                         const health::CheckService* checks, std::string device,
                         vrrp::Family family)
    : impl_(std::make_unique<Impl>(*this, context, host, bus, checks, std::move(device), family)) {}

VrrpService::~VrrpService() = default;

std::string VrrpService::name() const { return impl_->name(); }
void VrrpService::start() { impl_->start(); }
void VrrpService::stop() { impl_->stop(); }
bool VrrpService::finished() const { return impl_->finished(); }
runtime::Json VrrpService::status() const { return impl_->status(); }
void VrrpService::addRouter(const VrrpOptions& options) { impl_->addRouter(options); }
bool VrrpService::removeRouter(uint8_t vrid) { return impl_->removeRouter(vrid); }
bool VrrpService::runs(uint8_t vrid) const { return impl_->runs(vrid); }
void VrrpService::setStateRefresh(std::optional<std::chrono::milliseconds> interval) {
  impl_->setStateRefresh(interval);
}
bool VrrpService::updateRouter(const VrrpOptions& options) { return impl_->updateRouter(options); }
std::size_t VrrpService::size() const { return impl_->size(); }
void VrrpService::onTransition(TransitionListener listener) {
  impl_->onTransition(std::move(listener));
}
void VrrpService::syncTo(uint8_t vrid, vrrp::State member) { impl_->syncTo(vrid, member); }
void VrrpService::holdInFault(uint8_t vrid, bool held) { impl_->holdInFault(vrid, held); }
bool VrrpService::ownFault(uint8_t vrid) const { return impl_->ownFault(vrid); }
std::optional<vrrp::State> VrrpService::state(uint8_t vrid) const { return impl_->state(vrid); }
void VrrpService::onLinksChanged() { impl_->onLinksChanged(); }

}  // namespace redund::vrrpd
