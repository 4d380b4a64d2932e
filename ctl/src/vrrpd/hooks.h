// Hooks (--notify, --claim-hook): the configured command runs through
// /bin/sh with the state change as arguments, in a child process the
// event loop never waits on. A hook still running after the timeout is
// killed. A claim hook's end is reported (runThen).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
// clang-format on

#include "vrrpd/router_daemon.h"

namespace redund::vrrpd {

class HookRunner final : public Notifier {
 public:
  // `command` empty: no hook, run() does nothing. `kind` ("notify hook")
  // names it in the log, after `name`.
  HookRunner(boost::asio::io_context& io, std::string command, std::chrono::milliseconds timeout,
             std::ostream& log, std::string name, std::string kind = "notify hook");
  HookRunner(const HookRunner&) = delete;
  HookRunner& operator=(const HookRunner&) = delete;
  HookRunner(HookRunner&&) = delete;
  HookRunner& operator=(HookRunner&&) = delete;
  // Hooks still running are left to finish; init reaps them.
  ~HookRunner() override = default;

  void run(const std::vector<std::string>& args) override;
  // With no command configured, `done` reports success at once (from the
  // loop).
  void runThen(const std::vector<std::string>& args, Done done) override;
  void cancel() override;
  // Call on SIGCHLD: collects the hooks that ended, logs failures and
  // reports to runThen()'s callers.
  void reap();
  std::size_t running() const { return running_.size(); }

 private:
  boost::asio::io_context& io_;
  std::string command_;
  std::chrono::milliseconds timeout_;
  std::ostream& log_;
  struct Running {
    std::unique_ptr<boost::asio::steady_timer> timeout;
    Done done;
  };

  void spawn(const std::vector<std::string>& args, Done done);

  std::string name_;
  std::string kind_;
  std::map<pid_t, Running> running_;
};

}  // namespace redund::vrrpd
