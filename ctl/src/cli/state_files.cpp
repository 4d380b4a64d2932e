#include "cli/state_files.h"

#include <cerrno>
#include <csignal>
#include <fstream>

namespace redund::cli {

bool daemonRunning(const Json& state) {
  const Json pid = state.value("pid", Json());
  if (!pid.is_number_integer() || pid.get<int>() <= 0) {
    return false;
  }
  return kill(pid.get<int>(), 0) == 0 || errno == EPERM;
}

std::optional<Json> readLiveState(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return std::nullopt;
  }
  Json state = Json::parse(in, nullptr, false);
  if (state.is_discarded() || !state.is_object() || !daemonRunning(state)) {
    return std::nullopt;
  }
  return state;
}

std::string fieldText(const Json& json, const char* key) {
  if (!json.contains(key)) {
    return "?";
  }
  const Json& value = json.at(key);
  return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace redund::cli
