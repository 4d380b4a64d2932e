// A daemon's health checks on its event loop: the Scheduler's decisions
// carried out with real probes and one steady_timer. State changes go to
// the owner through a callback; status() feeds the state file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/io_context.hpp>
// clang-format on

#include "health/check.h"
#include "health/http_client.h"
#include "health/probe.h"
#include "health/scheduler.h"
#include "util/deadline_timer.h"

namespace redund::health {

class Runner {
 public:
  // Called from the loop for every transition of check `check`; may throw
  // (the loop's run() sees it).
  using OnChange = std::function<void(std::size_t check, const StateChange& change)>;
  // After every probe result or timeout, and the OnChange it caused: the
  // owner saves its state and rearms its own timers here.
  using OnUpdate = std::function<void()>;

  // Probes from makeProbe(). Throws Error for a check that cannot run.
  Runner(boost::asio::io_context& io, const std::vector<CheckConfig>& checks, OnChange onChange,
         OnUpdate onUpdate = {});
  // The probes given, one per check, in order (tests).
  Runner(boost::asio::io_context& io, std::vector<CheckConfig> checks,
         std::vector<std::unique_ptr<Probe>> probes, OnChange onChange, OnUpdate onUpdate = {});
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;
  Runner(Runner&&) = delete;
  Runner& operator=(Runner&&) = delete;
  ~Runner() { stop(); }

  // Starts every check's first probe.
  void start();
  // Cancels running probes and the timer; nothing reports afterwards.
  void stop();

  std::size_t size() const { return checks_.size(); }
  const CheckConfig& config(std::size_t check) const { return checks_.at(check); }
  const CheckStatus& status(std::size_t check) const { return scheduler_.status(check); }
  // Bumped by every probe result and transition.
  uint64_t generation() const { return generation_; }

 private:
  void apply(const Actions& actions);
  void arm();
  void updated();

  // Before the probes: they use it until they are gone.
  HttpClient http_;
  std::vector<CheckConfig> checks_;
  std::vector<std::unique_ptr<Probe>> probes_;
  OnChange onChange_;
  OnUpdate onUpdate_;
  Scheduler scheduler_;
  util::DeadlineTimer timer_;
  uint64_t generation_ = 0;
  bool running_ = false;
};

}  // namespace redund::health
