// A JSON file replaced atomically, so a reader never sees half of it.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace redund::util {

// Writes to a temporary file beside `path`, then renames it over `path`.
// Throws std::system_error.
void writeJsonFile(const std::string& path, const nlohmann::ordered_json& json);

}  // namespace redund::util
