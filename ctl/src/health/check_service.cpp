#include "health/check_service.h"

#include <algorithm>

#include "health/status_json.h"

namespace redund::health {

CheckService::CheckService(runtime::Context& context, runtime::TrackBus& bus,
                           const std::vector<CheckConfig>& checks, std::string logPrefix)
    : context_(context), bus_(bus), logPrefix_(std::move(logPrefix)) {
  apply(checks);
}

std::unique_ptr<Runner> CheckService::makeRunner(const CheckConfig& check) {
  auto runner = std::make_unique<Runner>(
      context_.reactor.io(), std::vector<CheckConfig>{check},
      [this, name = check.name](std::size_t /*check*/, const StateChange& change) {
        if (const auto it = runners_.find(name); it != runners_.end()) {
          onChange(*it->second, change);
        }
      },
      [this] { ++generation_; });
  return runner;
}

void CheckService::start() {
  running_ = true;
  for (auto& [name, runner] : runners_) {
    runner->start();
  }
}

void CheckService::stop() {
  running_ = false;
  for (auto& [name, runner] : runners_) {
    runner->stop();
    bus_.forget(name);
  }
}

void CheckService::apply(const std::vector<CheckConfig>& checks) {
  // Every new runner first: a check that cannot run changes nothing.
  std::map<std::string, std::unique_ptr<Runner>> fresh;
  for (const CheckConfig& check : checks) {
    const auto it = runners_.find(check.name);
    if (it == runners_.end() || it->second->config(0) != check) {
      fresh.emplace(check.name, makeRunner(check));
    }
  }
  for (auto it = runners_.begin(); it != runners_.end();) {
    const bool kept = std::any_of(checks.begin(), checks.end(),
                                  [&](const CheckConfig& c) { return c.name == it->first; });
    if (!kept) {
      it->second->stop();
      bus_.forget(it->first);
      it = runners_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto& [name, runner] : fresh) {
    runners_[name] = std::move(runner);
    if (running_) {
      runners_[name]->start();
    }
  }
  ++generation_;
}

runtime::Json CheckService::status() const {
  runtime::Json list = runtime::Json::array();
  for (const auto& [name, runner] : runners_) {
    for (runtime::Json& check : health::checksJson(*runner)) {
      list.push_back(std::move(check));
    }
  }
  return {{"checks", list}};
}

runtime::Json CheckService::checksJson(const std::vector<std::string>& names) const {
  runtime::Json mine = runtime::Json::array();
  for (const std::string& name : names) {
    if (const auto it = runners_.find(name); it != runners_.end()) {
      for (runtime::Json& check : health::checksJson(*it->second)) {
        mine.push_back(std::move(check));
      }
    }
  }
  return mine;
}

runtime::Notice checkNotice(const CheckConfig& config, const CheckStatus& status,
                            const StateChange& change) {
  return {.kind = "check",
          .object = config.name,
          .from = std::string(stateName(change.from)),
          .to = std::string(stateName(change.to)),
          .detail = status.last ? status.last->detail : ""};
}

void CheckService::onChange(const Runner& runner, const StateChange& change) {
  const CheckConfig& config = runner.config(0);
  const CheckStatus& status = runner.status(0);
  context_.log << logPrefix_ << ": check " << config.name << ": " << stateName(change.from)
               << " -> " << stateName(change.to);
  if (status.last) {
    context_.log << " (" << status.last->detail << ")";
  }
  context_.log << '\n';
  context_.notify(checkNotice(config, status, change));
  // Unknown counts as down, as it did from the start.
  bus_.publish(config.name, change.to == State::kUp);
}

}  // namespace redund::health
