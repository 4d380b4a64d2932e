#include "lacpd/service.h"

#include <net/if.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <system_error>

#include "health/check_service.h"
#include "health/probe.h"
#include "health/runner.h"
#include "health/status_json.h"
#include "lacpd/daemon.h"
#include "lacpd/packet_socket.h"
#include "lacpd/state.h"
#include "util/deadline_timer.h"
#include "util/interfaces.h"
#include "util/json_file.h"

namespace redund::lacpd {
namespace {

using FrameHandler = std::function<void(uint32_t, std::span<const std::byte>)>;

// A port's packet socket, read from the loop while it lives.
struct Endpoint {
  Endpoint(boost::asio::io_context& io, uint32_t ifindex, const std::function<bool()>& readable)
      : socket(ifindex), watch(io, socket.fd(), readable) {}

  PacketSocket socket;
  runtime::FdWatch watch;
};

class AsioLinks final : public Links {
 public:
  AsioLinks(boost::asio::io_context& io, std::ostream& log, std::string dev)
      : io_(io),
        log_(log),
        dev_(std::move(dev)),
        ioctlFd_(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
    if (!ioctlFd_) {
      throw std::system_error(errno, std::generic_category(), "socket");
    }
  }

  void setHandler(FrameHandler handler) { handler_ = std::move(handler); }

  std::optional<lacp::Mac> macOf(uint32_t ifindex) override {
    std::array<char, IF_NAMESIZE> name{};
    if (if_indextoname(ifindex, name.data()) == nullptr) {
      return std::nullopt;
    }
    return util::hardwareAddress(ioctlFd_.get(), name.data());
  }

  void open(uint32_t ifindex) override {
    if (endpoints_.contains(ifindex)) {
      return;
    }
    endpoints_.emplace(std::piecewise_construct, std::forward_as_tuple(ifindex),
                       std::forward_as_tuple(io_, ifindex, [this, ifindex] {
                         drain(ifindex);
                         return true;
                       }));
  }

  void close(uint32_t ifindex) override { endpoints_.erase(ifindex); }

  void send(uint32_t ifindex, std::span<const std::byte> frame) override {
    const auto it = endpoints_.find(ifindex);
    if (it == endpoints_.end()) {
      return;
    }
    if (const int err = it->second.socket.send(frame); err != 0 && err != ENETDOWN) {
      log_ << dev_ << ": send on if" << ifindex << ": " << std::strerror(err) << '\n';
    }
  }

 private:
  void drain(uint32_t ifindex) {
    std::array<std::byte, 1600> buffer{};
    try {
      // The handler may close the port (a frame can change the ports):
      // look it up again for every frame.
      for (auto it = endpoints_.find(ifindex); it != endpoints_.end();
           it = endpoints_.find(ifindex)) {
        const auto n = it->second.socket.receive(buffer);
        if (!n) {
          break;
        }
        handler_(ifindex, std::span(buffer).first(*n));
      }
    } catch (const std::system_error& e) {
      log_ << dev_ << ": if" << ifindex << ": " << e.what() << '\n';
    }
  }

  boost::asio::io_context& io_;
  std::ostream& log_;
  std::string dev_;
  UniqueFd ioctlFd_;
  FrameHandler handler_;
  std::map<uint32_t, Endpoint> endpoints_;
};

}  // namespace

class LacpService::Impl {
 public:
  Impl(LacpService& self, runtime::Context& context, const RunOptions& options)
      : self_(self),
        context_(context),
        log_(context.log),
        links_(context.reactor.io(), log_, options.device),
        daemon_(context.api, links_, options, log_),
        timer_(context.reactor.io()),
        checks_(
            context.reactor.io(), options.checks, portProbes(options),
            [this](std::size_t check, const health::StateChange& change) {
              onCheck(check, change);
            },
            [this] { after(); }) {
    if (!options.stateDir.empty()) {
      statePath_ = options.stateDir + "/" + options.device + ".lacp.json";
    }
    daemon_.onNotice([this](const runtime::Notice& notice) { context_.notify(notice); });
    links_.setHandler([this](uint32_t ifindex, std::span<const std::byte> frame) {
      daemon_.onFrame(lacp::Clock::now(), ifindex, frame);
      dirty_ = true;
      // A frame can bring the next deadline forward (wait_while, NTT).
      after();
    });
  }

  // The runtime subscribed to the module's events before this reads the
  // device, so no event falls in between; events about what start()
  // already saw are applied again, harmlessly.
  void start() {
    daemon_.start(lacp::Clock::now(),
                  statePath_.empty() ? SavedState{} : readStateFile(statePath_));
    if (!statePath_.empty()) {
      std::error_code ignored;
      std::filesystem::create_directories(std::filesystem::path(statePath_).parent_path(), ignored);
    }
    for (std::size_t i = 0; i < checks_.size(); ++i) {
      const health::CheckConfig& check = checks_.config(i);
      if (!daemon_.hasPort(check.via.value())) {
        log_ << daemon_.devName() << ": check " << check.name << ": " << *check.via
             << " is not a port of " << daemon_.devName()
             << "; the check runs but holds nothing out until it is\n";
      }
    }
    events_ = context_.events.listen({
        .events =
            [this](const std::vector<Event>& events) {
              daemon_.onEvents(lacp::Clock::now(), events);
              after();
            },
        .resync =
            [this] {
              log_ << daemon_.devName() << ": events were lost; reading the ports again\n";
              daemon_.resync(lacp::Clock::now());
              after();
            },
    });
    checks_.start();
    after();
  }

  void stop() {
    checks_.stop();
    timer_.disarm();
    events_.reset();
    log_ << daemon_.devName()
         << ": exiting; the kernel keeps each port forwarding or not as it is\n";
  }

  bool finished() const { return daemon_.finished(); }
  const std::string& device() const { return daemon_.devName(); }

  runtime::Json status() const {
    Json json =
        statusJson(daemon_.devName(), static_cast<int>(getpid()), daemon_.device().status());
    addChecks(json);
    return json;
  }

 private:
  std::vector<std::unique_ptr<health::Probe>> portProbes(const RunOptions& options) {
    std::vector<std::unique_ptr<health::Probe>> probes;
    for (const health::CheckConfig& check : options.checks) {
      probes.push_back(
          health::makePortProbe(context_.reactor.io(), options.device, check,
                                [this, port = check.via.value()]() -> std::optional<std::string> {
                                  if (daemon_.forwardingPort(port)) {
                                    return std::nullopt;
                                  }
                                  return port + " is not in the aggregate";
                                }));
    }
    return probes;
  }

  void onCheck(std::size_t check, const health::StateChange& change) {
    const health::CheckConfig& config = checks_.config(check);
    const health::CheckStatus& status = checks_.status(check);
    log_ << daemon_.devName() << ": check " << config.name << ": " << health::stateName(change.from)
         << " -> " << health::stateName(change.to);
    if (status.last) {
      log_ << " (" << status.last->detail << ")";
    }
    log_ << '\n';
    context_.notify(health::checkNotice(config, status, change));
    // Every port's verdict from every check, in one call.
    using Health = Daemon::PortHealth;
    std::map<std::string, Health> ports;
    for (std::size_t i = 0; i < checks_.size(); ++i) {
      Health& port =
          ports.try_emplace(checks_.config(i).via.value(), Health::kPassing).first->second;
      const health::State state = checks_.status(i).state;
      if (state == health::State::kDown) {
        port = Health::kFailing;
      } else if (state == health::State::kUnknown && port != Health::kFailing) {
        port = Health::kUnknown;
      }
    }
    daemon_.setPortHealth(ports);
  }

  void armTimer() {
    timer_.arm(daemon_.nextDeadline(), [this] {
      daemon_.onTimer(lacp::Clock::now());
      dirty_ = true;
      after();
    });
  }

  // After every input: report a device that went away, save the state,
  // rearm.
  void after() {
    if (daemon_.finished()) {
      if (!reportedFinished_) {
        reportedFinished_ = true;
        timer_.disarm();
        if (context_.finished) {
          context_.finished(self_);
        }
      }
      return;
    }
    saveState();
    armTimer();
  }

  void saveState() {
    if (statePath_.empty()) {
      return;
    }
    const auto now = lacp::Clock::now();
    const uint64_t generation = daemon_.generation() + checks_.generation();
    const bool changed = generation != savedGeneration_;
    if (!changed && !(dirty_ && now - savedAt_ >= std::chrono::seconds(1))) {
      return;
    }
    try {
      util::writeJsonFile(statePath_, status());
    } catch (const std::system_error& e) {
      log_ << daemon_.devName() << ": " << e.what() << "; state file disabled\n";
      statePath_.clear();
    }
    savedGeneration_ = generation;
    savedAt_ = now;
    dirty_ = false;
  }

  // Each port's checks, and whether they hold it out, into its entry.
  void addChecks(Json& json) const {
    if (checks_.size() == 0) {
      return;
    }
    const Json all = health::checksJson(checks_);
    for (Json& port : json.at("ports")) {
      Json mine = Json::array();
      for (const Json& check : all) {
        if (check.value("via", "") == port.value("name", "")) {
          mine.push_back(check);
        }
      }
      port["checks"] = mine;
      port["held_out"] = daemon_.heldOut(port.value("ifindex", 0U));
    }
  }

  LacpService& self_;
  runtime::Context& context_;
  std::ostream& log_;
  AsioLinks links_;
  Daemon daemon_;
  util::DeadlineTimer timer_;
  health::Runner checks_;
  runtime::KernelEvents::Registration events_;
  std::string statePath_;
  uint64_t savedGeneration_ = ~uint64_t{0};
  lacp::TimePoint savedAt_{};
  bool dirty_ = false;
  bool reportedFinished_ = false;
};

LacpService::LacpService(runtime::Context& context, const RunOptions& options)
    : impl_(std::make_unique<Impl>(*this, context, options)) {}

LacpService::~LacpService() = default;

std::string LacpService::name() const { return "lacp " + impl_->device(); }
void LacpService::start() { impl_->start(); }
void LacpService::stop() { impl_->stop(); }
bool LacpService::finished() const { return impl_->finished(); }
runtime::Json LacpService::status() const { return impl_->status(); }

}  // namespace redund::lacpd
