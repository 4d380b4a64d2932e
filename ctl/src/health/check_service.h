// Health checks as a service of the runtime: one Runner per check, each
// check's state published on the track bus under its name (up once it
// rose, down once it fell), so that any number of virtual routers track
// it with one probe running, and a reload replaces one check without
// touching the others.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "health/check.h"
#include "health/runner.h"
#include "runtime/context.h"
#include "runtime/service.h"
#include "runtime/track_bus.h"

namespace redund::health {

// What `redundctl monitor` shows of a check's change, for the health
// checks of routers and of LAG ports alike.
runtime::Notice checkNotice(const CheckConfig& config, const CheckStatus& status,
                            const StateChange& change);

class CheckService final : public runtime::Service {
 public:
  // `logPrefix` starts every log line ("r0 vrid 5 inet" for a one-router
  // daemon). Throws Error for a check that cannot run.
  CheckService(runtime::Context& context, runtime::TrackBus& bus,
               const std::vector<CheckConfig>& checks, std::string logPrefix);

  std::string name() const override { return "checks"; }
  void start() override;
  // Stops every probe; the bus forgets the checks.
  void stop() override;
  // {"checks": [...]} as health::checksJson().
  runtime::Json status() const override;

  // Runs exactly `checks` from now on: new ones start, removed ones stop
  // (the bus forgets them), changed ones start over with their new
  // configuration. A changed check keeps its last state on the bus until
  // it has a verdict again, so what tracks it sees no change while it
  // stays up. Throws Error (changing nothing) for a check that cannot run.
  void apply(const std::vector<CheckConfig>& checks);

  // The checks named, as checksJson() lists them (a router's view).
  runtime::Json checksJson(const std::vector<std::string>& names) const;
  // Bumped by every probe result and transition.
  uint64_t generation() const { return generation_; }

 private:
  std::unique_ptr<Runner> makeRunner(const CheckConfig& check);
  void onChange(const Runner& runner, const StateChange& change);

  runtime::Context& context_;
  runtime::TrackBus& bus_;
  std::string logPrefix_;
  std::map<std::string, std::unique_ptr<Runner>> runners_;  // by check name
  bool running_ = false;
  uint64_t generation_ = 0;
};

}  // namespace redund::health
