#include "vrrpd/loop.h"

#include <unistd.h>

#include <array>
#include <csignal>
#include <filesystem>
#include <system_error>
// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/signal_set.hpp>
// clang-format on

#include "error.h"
#include "health/runner.h"
#include "health/status_json.h"
#include "lacpd/state.h"
#include "util/deadline_timer.h"
#include "vrrpd/advert_socket.h"
#include "vrrpd/hooks.h"
#include "vrrpd/router_daemon.h"
#include "vrrpd/state_file.h"
#include "vrrpd/system_host.h"

namespace redund::vrrpd {
namespace {

namespace asio = boost::asio;
using vrrp::Clock;

class SocketSender final : public AdvertSender {
 public:
  explicit SocketSender(AdvertSocket& socket) : socket_(socket) {}
  int send(const vrrp::IpAddress& source, const vrrp::IpAddress& destination,
           std::span<const std::byte> message) override {
    return socket_.send(source, destination, message);
  }

 private:
  AdvertSocket& socket_;
};

uint32_t deviceIndex(Host& host, const std::string& device) {
  const auto ifindex = host.ifindexOf(device);
  if (!ifindex) {
    throw Error("no interface " + device);
  }
  return *ifindex;
}

class Loop {
 public:
  Loop(RedundApi& api, const VrrpOptions& options, std::ostream& log)
      : log_(log),
        socket_(options.family(), deviceIndex(host_, options.device)),
        sender_(socket_),
        hooks_(io_, options.notify.value_or(""), options.notifyTimeout, log, options.name()),
        claimHooks_(io_, options.claimHook.value_or(""), options.claimTimeout, log, options.name(),
                    "claim hook"),
        daemon_(api, host_, hooks_, options, log),
        checks_(
            io_, options.checks,
            [this](std::size_t check, const health::StateChange& change) {
              onCheckChange(check, change);
            },
            [this] { after(); }),
        timer_(io_),
        signals_(io_, SIGINT, SIGTERM, SIGHUP),
        children_(io_, SIGCHLD),
        packets_(io_, socket_.fd()),
        links_(io_, host_.linkEventsFd()),
        statePath_(stateFilePath(options)) {}
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;
  Loop(Loop&&) = delete;
  Loop& operator=(Loop&&) = delete;
  ~Loop() {
    packets_.release();
    links_.release();
    // Only a file this process wrote: a second daemon refused at start
    // must not remove the running one's.
    if (!statePath_.empty() && savedGeneration_ != kNeverSaved) {
      std::error_code ignored;
      std::filesystem::remove(statePath_, ignored);
    }
  }

  int run() {
    if (daemon_.options().claimHook) {
      daemon_.useClaimHook(claimHooks_);
    }
    daemon_.start(Clock::now(), sender_);
    if (!statePath_.empty()) {
      std::error_code ignored;
      std::filesystem::create_directories(std::filesystem::path(statePath_).parent_path(), ignored);
    }
    waitSignal();
    waitChildren();
    waitPackets();
    waitLinks();
    try {
      checks_.start();
      after();
      io_.run();
    } catch (const std::exception& e) {
      // Hand over as on SIGTERM, so the backup need not wait out
      // Master_Down_Interval, and leave nothing behind.
      log_ << daemon_.options().name() << ": " << e.what() << "; stopping\n";
      checks_.stop();
      daemon_.stop(Clock::now());
      return 1;
    }
    checks_.stop();
    if (!stopped_) {
      return 1;
    }
    daemon_.stop(Clock::now());
    return 0;
  }

 private:
  void waitSignal() {
    signals_.async_wait([this](boost::system::error_code ec, int signal) {
      if (ec) {
        return;
      }
      if (signal == SIGHUP) {
        log_ << daemon_.options().name() << ": SIGHUP ignored (restart to reconfigure)\n";
        waitSignal();
        return;
      }
      stopped_ = true;
      io_.stop();
    });
  }

  void waitChildren() {
    children_.async_wait([this](boost::system::error_code ec, int /*signal*/) {
      if (ec) {
        return;
      }
      hooks_.reap();
      claimHooks_.reap();
      waitChildren();
      after();
    });
  }

  void waitPackets() {
    packets_.async_wait(asio::posix::stream_descriptor::wait_read,
                        [this](boost::system::error_code ec) {
                          if (ec) {
                            return;
                          }
                          readPackets();
                          waitPackets();
                          after();
                        });
  }

  void readPackets() {
    std::array<std::byte, 2048> buffer{};
    try {
      while (const auto packet = socket_.receive(buffer)) {
        daemon_.onPacket(Clock::now(), {.message = packet->message,
                                        .source = packet->source,
                                        .destination = packet->destination,
                                        .ttl = packet->ttl});
      }
    } catch (const std::system_error& e) {
      log_ << daemon_.options().name() << ": " << e.what() << '\n';
    }
  }

  void waitLinks() {
    links_.async_wait(asio::posix::stream_descriptor::wait_read,
                      [this](boost::system::error_code ec) {
                        if (ec) {
                          return;
                        }
                        if (host_.drainLinkEvents()) {
                          daemon_.onLinksChanged(Clock::now());
                        }
                        if (!daemon_.finished()) {
                          waitLinks();
                        }
                        after();
                      });
  }

  void onCheckChange(std::size_t check, const health::StateChange& change) {
    const health::CheckStatus& status = checks_.status(check);
    log_ << daemon_.options().name() << ": check " << checks_.config(check).name << ": "
         << health::stateName(change.from) << " -> " << health::stateName(change.to);
    if (status.last) {
      log_ << " (" << status.last->detail << ")";
    }
    log_ << '\n';
    // Unknown counts as down, as it did from the start.
    daemon_.onTracked(Clock::now(), checks_.config(check).name, change.to == health::State::kUp);
  }

  void armTimer() {
    timer_.arm(daemon_.nextDeadline(), [this] {
      daemon_.onTimer(Clock::now());
      after();
    });
  }

  // After every input: stop when DEV is gone, save the state, rearm.
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
    const auto now = Clock::now();
    const uint64_t generation = daemon_.generation() + checks_.generation();
    if (generation == savedGeneration_ && now - savedAt_ < std::chrono::seconds(1)) {
      return;
    }
    try {
      auto json =
          statusJson(daemon_.options().device, static_cast<int>(getpid()), daemon_.status(now));
      json["checks"] = health::checksJson(checks_);
      lacpd::writeJsonFile(statePath_, json);
    } catch (const std::system_error& e) {
      log_ << daemon_.options().name() << ": " << e.what() << "; state file disabled\n";
      statePath_.clear();
    }
    savedGeneration_ = generation;
    savedAt_ = now;
  }

  std::ostream& log_;
  asio::io_context io_;
  SystemHost host_;
  AdvertSocket socket_;
  SocketSender sender_;
  HookRunner hooks_;
  HookRunner claimHooks_;
  RouterDaemon daemon_;
  health::Runner checks_;
  util::DeadlineTimer timer_;
  asio::signal_set signals_;
  asio::signal_set children_;
  asio::posix::stream_descriptor packets_;
  asio::posix::stream_descriptor links_;
  std::string statePath_;
  static constexpr uint64_t kNeverSaved = ~uint64_t{0};
  uint64_t savedGeneration_ = kNeverSaved;
  vrrp::TimePoint savedAt_{};
  bool stopped_ = false;
};

}  // namespace

int runLoop(RedundApi& api, const VrrpOptions& options, std::ostream& log) {
  Loop loop(api, options, log);
  return loop.run();
}

}  // namespace redund::vrrpd
