#include "health/status_json.h"

#include <chrono>

namespace redund::health {
namespace {

using Json = nlohmann::ordered_json;

template <typename Rep, typename Period>
int64_t wholeMs(std::chrono::duration<Rep, Period> d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

// Latencies on a LAN are well under a millisecond: keep 0.001 ms.
double fractionalMs(Duration d) {
  return static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(d).count()) /
         1000.0;
}

}  // namespace

Json checksJson(const Runner& runner) {
  Json list = Json::array();
  for (std::size_t i = 0; i < runner.size(); ++i) {
    const CheckConfig& config = runner.config(i);
    const CheckStatus& status = runner.status(i);
    Json last = nullptr;
    if (status.last) {
      last = {{"ok", status.last->ok},
              {"latency_ms", fractionalMs(status.last->latency)},
              {"detail", status.last->detail}};
    }
    Json entry = {{"name", config.name},
                  {"kind", std::string(kindName(config.kind))},
                  {"target", config.target()},
                  {"weight", config.weight},
                  {"state", std::string(stateName(status.state))},
                  {"interval_ms", wholeMs(config.timing.interval)},
                  {"timeout_ms", wholeMs(config.timing.timeout)},
                  {"rise", config.timing.rise},
                  {"fall", config.timing.fall},
                  {"successes", status.successes},
                  {"failures", status.failures},
                  {"probes", status.probes},
                  {"transitions", status.transitions},
                  {"running", status.running},
                  {"last", last}};
    if (config.via) {
      entry["via"] = *config.via;
    }
    list.push_back(std::move(entry));
  }
  return list;
}

}  // namespace redund::health
