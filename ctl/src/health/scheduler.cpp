#include "health/scheduler.h"

#include <algorithm>

#include "error.h"

namespace redund::health {

std::string_view stateName(State state) {
  switch (state) {
    case State::kUp:
      return "up";
    case State::kDown:
      return "down";
    case State::kUnknown:
      break;
  }
  return "unknown";
}

void validate(const Timing& timing) {
  if (timing.interval <= Duration::zero()) {
    throw Error("health check: the interval must be positive");
  }
  if (timing.timeout <= Duration::zero() || timing.timeout > timing.interval) {
    throw Error("health check: the timeout must be positive and at most the interval");
  }
  if (timing.rise == 0 || timing.fall == 0) {
    throw Error("health check: rise and fall must be at least 1");
  }
}

Scheduler::Scheduler(const std::vector<Timing>& checks) {
  for (const Timing& timing : checks) {
    validate(timing);
    checks_.push_back({.timing = timing});
  }
}

Actions Scheduler::start(TimePoint now) {
  Actions out;
  if (started_) {
    return out;
  }
  started_ = true;
  for (std::size_t i = 0; i < checks_.size(); ++i) {
    startProbe(i, now, out);
  }
  return out;
}

Actions Scheduler::completed(TimePoint /*now*/, uint64_t probe, const ProbeResult& result) {
  Actions out;
  for (std::size_t i = 0; i < checks_.size(); ++i) {
    if (checks_[i].probe == probe) {
      checks_[i].probe.reset();
      checks_[i].status.running = false;
      record(i, result, out);
      break;
    }
  }
  return out;
}

Actions Scheduler::tick(TimePoint now) {
  Actions out;
  if (!started_) {
    return out;
  }
  for (std::size_t i = 0; i < checks_.size(); ++i) {
    Check& check = checks_[i];
    if (check.probe && now >= check.started + check.timing.timeout) {
      out.emplace_back(CancelProbe{.check = i, .probe = *check.probe});
      check.probe.reset();
      check.status.running = false;
      record(i, {.ok = false, .latency = check.timing.timeout, .detail = "timeout"}, out);
    }
    // A probe still running when the next is due delays it: never two
    // probes of one check at once.
    if (!check.probe && now >= check.nextRun) {
      startProbe(i, now, out);
    }
  }
  return out;
}

std::optional<TimePoint> Scheduler::nextDeadline() const {
  if (!started_) {
    return std::nullopt;
  }
  std::optional<TimePoint> next;
  for (const Check& check : checks_) {
    const TimePoint due =
        check.probe ? std::min(check.started + check.timing.timeout, check.nextRun) : check.nextRun;
    if (!next || due < *next) {
      next = due;
    }
  }
  return next;
}

void Scheduler::startProbe(std::size_t index, TimePoint now, Actions& out) {
  Check& check = checks_[index];
  check.probe = nextProbe_++;
  check.started = now;
  check.nextRun = now + check.timing.interval;
  ++check.status.probes;
  check.status.running = true;
  out.emplace_back(StartProbe{.check = index, .probe = *check.probe});
}

void Scheduler::record(std::size_t index, const ProbeResult& result, Actions& out) {
  Check& check = checks_[index];
  CheckStatus& s = check.status;
  s.last = result;
  State to = s.state;
  if (result.ok) {
    ++s.successes;
    s.failures = 0;
    if (s.successes >= check.timing.rise) {
      to = State::kUp;
    }
  } else {
    ++s.failures;
    s.successes = 0;
    if (s.failures >= check.timing.fall) {
      to = State::kDown;
    }
  }
  if (to != s.state) {
    out.emplace_back(StateChange{.check = index, .from = s.state, .to = to});
    s.state = to;
    ++s.transitions;
  }
}

}  // namespace redund::health
