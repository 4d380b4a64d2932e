#include "lacpd/loop.h"

#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/signal_set.hpp>
// clang-format on
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <system_error>

#include "health/probe.h"
#include "health/runner.h"
#include "health/status_json.h"
#include "lacpd/daemon.h"
#include "lacpd/packet_socket.h"
#include "lacpd/state.h"
#include "util/deadline_timer.h"
#include "util/interfaces.h"

namespace redund::lacpd {
namespace {

namespace asio = boost::asio;
using FrameHandler = std::function<void(uint32_t, std::span<const std::byte>)>;

// A packet socket waited on by the io_context. The socket owns the fd; the
// descriptor only borrows it.
struct Endpoint {
  Endpoint(asio::io_context& io, uint32_t ifindex) : socket(ifindex), waiter(io, socket.fd()) {}
  Endpoint(const Endpoint&) = delete;
  Endpoint& operator=(const Endpoint&) = delete;
  Endpoint(Endpoint&&) = delete;
  Endpoint& operator=(Endpoint&&) = delete;
  ~Endpoint() {
    boost::system::error_code ignored;
    waiter.cancel(ignored);
    waiter.release();
  }

  PacketSocket socket;
  asio::posix::stream_descriptor waiter;
};

class AsioLinks final : public Links {
 public:
  AsioLinks(asio::io_context& io, std::ostream& log, std::string dev)
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
    auto endpoint = std::make_shared<Endpoint>(io_, ifindex);
    endpoints_[ifindex] = endpoint;
    wait(endpoint);
  }

  void close(uint32_t ifindex) override { endpoints_.erase(ifindex); }

  void send(uint32_t ifindex, std::span<const std::byte> frame) override {
    const auto it = endpoints_.find(ifindex);
    if (it == endpoints_.end()) {
      return;
    }
    if (const int err = it->second->socket.send(frame); err != 0 && err != ENETDOWN) {
      log_ << dev_ << ": send on if" << ifindex << ": " << std::strerror(err) << '\n';
    }
  }

 private:
  void wait(const std::shared_ptr<Endpoint>& endpoint) {
    endpoint->waiter.async_wait(
        asio::posix::stream_descriptor::wait_read,
        [this, weak = std::weak_ptr(endpoint)](boost::system::error_code ec) {
          const auto endpoint = weak.lock();
          if (ec || !endpoint) {
            return;
          }
          drain(*endpoint);
          wait(endpoint);
        });
  }

  void drain(Endpoint& endpoint) {
    std::array<std::byte, 1600> buffer{};
    try {
      while (const auto n = endpoint.socket.receive(buffer)) {
        handler_(endpoint.socket.ifindex(), std::span(buffer).first(*n));
      }
    } catch (const std::system_error& e) {
      log_ << dev_ << ": if" << endpoint.socket.ifindex() << ": " << e.what() << '\n';
    }
  }

  asio::io_context& io_;
  std::ostream& log_;
  std::string dev_;
  UniqueFd ioctlFd_;
  FrameHandler handler_;
  std::map<uint32_t, std::shared_ptr<Endpoint>> endpoints_;
};

class Loop {
 public:
  Loop(RedundApi& api, const RunOptions& options, std::ostream& log)
      : log_(log),
        links_(io_, log, options.device),
        daemon_(api, links_, options, log),
        timer_(io_),
        signals_(io_, SIGINT, SIGTERM, SIGHUP),
        stream_(api.subscribe()),
        events_(io_, stream_->fd()),
        checks_(
            io_, options.checks, portProbes(options),
            [this](std::size_t check, const health::StateChange& change) {
              onCheck(check, change);
            },
            [this] { after(); }) {
    if (!options.stateDir.empty()) {
      statePath_ = options.stateDir + "/" + options.device + ".lacp.json";
    }
    links_.setHandler([this](uint32_t ifindex, std::span<const std::byte> frame) {
      daemon_.onFrame(lacp::Clock::now(), ifindex, frame);
      dirty_ = true;
      // A frame can bring the next deadline forward (wait_while, NTT).
      after();
    });
  }
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;
  Loop(Loop&&) = delete;
  Loop& operator=(Loop&&) = delete;
  ~Loop() { events_.release(); }

  int run() {
    // Subscribed before the device is read, so no event falls in between;
    // events about what start() already saw are applied again, harmlessly.
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
    waitSignal();
    waitEvents();
    checks_.start();
    after();
    io_.run();
    checks_.stop();
    if (!stopped_) {
      return 1;
    }
    log_ << daemon_.devName()
         << ": exiting; the kernel keeps each port forwarding or not as it is\n";
    return 0;
  }

 private:
  void waitSignal() {
    signals_.async_wait([this](boost::system::error_code ec, int signal) {
      if (ec) {
        return;
      }
      if (signal == SIGHUP) {
        log_ << daemon_.devName() << ": SIGHUP ignored (restart the daemon to reconfigure)\n";
        waitSignal();
        return;
      }
      stopped_ = true;
      io_.stop();
    });
  }

  void waitEvents() {
    events_.async_wait(asio::posix::stream_descriptor::wait_read,
                       [this](boost::system::error_code ec) {
                         if (ec) {
                           return;
                         }
                         readEvents();
                         if (!daemon_.finished()) {
                           waitEvents();
                         }
                         after();
                       });
  }

  void readEvents() {
    const lacp::TimePoint now = lacp::Clock::now();
    try {
      const auto events = stream_->read();
      if (!events) {
        log_ << daemon_.devName() << ": event stream ended\n";
        io_.stop();
        return;
      }
      daemon_.onEvents(now, *events);
    } catch (const std::system_error& e) {
      if (e.code() != std::errc::no_buffer_space) {
        throw;
      }
      log_ << daemon_.devName() << ": events were lost; reading the ports again\n";
      daemon_.resync(now);
    }
  }

  std::vector<std::unique_ptr<health::Probe>> portProbes(const RunOptions& options) {
    std::vector<std::unique_ptr<health::Probe>> probes;
    for (const health::CheckConfig& check : options.checks) {
      probes.push_back(
          health::makePortProbe(io_, options.device, check,
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

  // After every input: stop when the device is gone, save the state, rearm.
  void after() {
    if (daemon_.finished()) {
      io_.stop();
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
      Json json =
          statusJson(daemon_.devName(), static_cast<int>(getpid()), daemon_.device().status());
      addChecks(json);
      writeJsonFile(statePath_, json);
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

  std::ostream& log_;
  asio::io_context io_;
  AsioLinks links_;
  Daemon daemon_;
  util::DeadlineTimer timer_;
  asio::signal_set signals_;
  std::unique_ptr<EventStream> stream_;
  asio::posix::stream_descriptor events_;
  health::Runner checks_;
  std::string statePath_;
  uint64_t savedGeneration_ = ~uint64_t{0};
  lacp::TimePoint savedAt_{};
  bool dirty_ = false;
  bool stopped_ = false;
};

}  // namespace

int runLoop(RedundApi& api, const RunOptions& options, std::ostream& log) {
  Loop loop(api, options, log);
  return loop.run();
}

}  // namespace redund::lacpd
