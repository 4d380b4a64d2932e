// When health checks run and what their results mean, with no I/O and no
// clock (like the protocol cores): the event loop starts the probes this
// asks for, reports each result, and calls tick() at nextDeadline(). A
// check turns up after `rise` consecutive successes and down after `fall`
// consecutive failures; a probe that outlives its timeout is a failure.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace redund::health {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Duration = Clock::duration;

// Unknown until the first `rise` successes or `fall` failures in a row.
enum class State : uint8_t { kUnknown, kUp, kDown };

// "unknown", "up", "down".
std::string_view stateName(State state);

struct Timing {
  Duration interval = std::chrono::seconds(2);  // from one probe's start to the next
  Duration timeout = std::chrono::seconds(1);   // must not exceed the interval
  unsigned rise = 2;
  unsigned fall = 3;

  bool operator==(const Timing&) const = default;
};

// Throws redund::Error naming what is wrong (zero counts or interval,
// timeout longer than the interval).
void validate(const Timing& timing);

struct ProbeResult {
  bool ok = false;
  Duration latency{};
  std::string detail{};  // "HTTP 503", "connection refused", ...
};

// Run probe `probe` of check `check` now; report it with completed().
struct StartProbe {
  std::size_t check = 0;
  uint64_t probe = 0;

  bool operator==(const StartProbe&) const = default;
};
// The probe timed out and counts as failed: abandon it (close its socket).
struct CancelProbe {
  std::size_t check = 0;
  uint64_t probe = 0;

  bool operator==(const CancelProbe&) const = default;
};
struct StateChange {
  std::size_t check = 0;
  State from = State::kUnknown;
  State to = State::kUnknown;

  bool operator==(const StateChange&) const = default;
};
using Action = std::variant<StartProbe, CancelProbe, StateChange>;
using Actions = std::vector<Action>;

struct CheckStatus {
  State state = State::kUnknown;
  unsigned successes = 0;  // in a row, up to now
  unsigned failures = 0;
  uint64_t probes = 0;
  uint64_t transitions = 0;
  std::optional<ProbeResult> last{};
  bool running = false;
};

class Scheduler {
 public:
  // One Timing per check, in the order the caller numbers them. Throws
  // redund::Error when one does not validate.
  explicit Scheduler(const std::vector<Timing>& checks);

  // Starts every check's first probe.
  Actions start(TimePoint now);
  // A probe finished. Results of probes already timed out or unknown are
  // ignored: only the running probe of a check counts.
  Actions completed(TimePoint now, uint64_t probe, const ProbeResult& result);
  // Times out probes and starts the ones due by `now`. Early or extra
  // calls are harmless.
  Actions tick(TimePoint now);

  std::optional<TimePoint> nextDeadline() const;
  std::size_t size() const { return checks_.size(); }
  const CheckStatus& status(std::size_t check) const { return checks_.at(check).status; }

 private:
  struct Check {
    Timing timing;
    CheckStatus status{};
    std::optional<uint64_t> probe{};  // the running one
    TimePoint started{};
    TimePoint nextRun{};
  };

  void record(std::size_t index, const ProbeResult& result, Actions& out);
  void startProbe(std::size_t index, TimePoint now, Actions& out);

  std::vector<Check> checks_;
  uint64_t nextProbe_ = 1;
  bool started_ = false;
};

}  // namespace redund::health
