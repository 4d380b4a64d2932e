// The checks as the state file and `redundctl show -j` list them.
#pragma once

#include <nlohmann/json.hpp>

#include "health/runner.h"

namespace redund::health {

// [{"name", "kind", "target", "weight" (0: fault), "state",
//   "interval_ms", "timeout_ms", "rise", "fall", "successes", "failures",
//   "probes", "transitions", "running",
//   "last": {"ok", "latency_ms", "detail"} or null}, ...]
nlohmann::ordered_json checksJson(const Runner& runner);

}  // namespace redund::health
