#include "health/runner.h"

#include <variant>

namespace redund::health {
namespace {

std::vector<Timing> timingsOf(const std::vector<CheckConfig>& checks) {
  std::vector<Timing> timings;
  timings.reserve(checks.size());
  for (const CheckConfig& check : checks) {
    timings.push_back(check.timing);
  }
  return timings;
}

}  // namespace

Runner::Runner(boost::asio::io_context& io, const std::vector<CheckConfig>& checks,
               OnChange onChange, OnUpdate onUpdate)
    : Runner(io, checks, {}, std::move(onChange), std::move(onUpdate)) {
  probes_.reserve(checks_.size());
  for (const CheckConfig& check : checks_) {
    probes_.push_back(makeProbe(io, http_, check));
  }
}

Runner::Runner(boost::asio::io_context& io, std::vector<CheckConfig> checks,
               std::vector<std::unique_ptr<Probe>> probes, OnChange onChange, OnUpdate onUpdate)
    : http_(io),
      checks_(std::move(checks)),
      probes_(std::move(probes)),
      onChange_(std::move(onChange)),
      onUpdate_(std::move(onUpdate)),
      scheduler_(timingsOf(checks_)),
      timer_(io) {}

void Runner::start() {
  running_ = true;
  apply(scheduler_.start(Clock::now()));
}

void Runner::stop() {
  running_ = false;
  timer_.disarm();
  for (const auto& probe : probes_) {
    probe->cancel();
  }
}

void Runner::apply(const Actions& actions) {
  for (const Action& action : actions) {
    if (const auto* start = std::get_if<StartProbe>(&action)) {
      probes_.at(start->check)->start([this, probe = start->probe](const ProbeResult& result) {
        if (!running_) {
          return;
        }
        ++generation_;
        apply(scheduler_.completed(Clock::now(), probe, result));
        updated();
      });
    } else if (const auto* cancel = std::get_if<CancelProbe>(&action)) {
      probes_.at(cancel->check)->cancel();
    } else if (const auto* change = std::get_if<StateChange>(&action)) {
      ++generation_;
      onChange_(change->check, *change);
    }
  }
  arm();
}

void Runner::arm() {
  if (!running_) {
    timer_.disarm();
    return;
  }
  timer_.arm(scheduler_.nextDeadline(), [this] {
    apply(scheduler_.tick(Clock::now()));
    updated();
  });
}

void Runner::updated() {
  if (onUpdate_) {
    onUpdate_();
  }
}

}  // namespace redund::health
