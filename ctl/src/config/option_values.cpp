#include "config/option_values.h"

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <fstream>

#include "cli/errors.h"

namespace redund::config {

using cli::UsageError;

std::string expected(std::string_view name, std::string_view value, std::string_view what) {
  return "invalid " + std::string(name) + " \"" + std::string(value) + "\" (expected " +
         std::string(what) + ")";
}

unsigned number(std::string_view name, std::string_view text, unsigned min, unsigned max) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < min ||
      value > max) {
    throw UsageError(expected(name, text, std::to_string(min) + " to " + std::to_string(max)));
  }
  return value;
}

bool onOff(std::string_view name, std::string_view text) {
  if (text == "on") {
    return true;
  }
  if (text == "off") {
    return false;
  }
  throw UsageError(expected(name, text, "on or off"));
}

std::chrono::milliseconds duration(std::string_view name, std::string_view text,
                                   std::chrono::milliseconds min, std::chrono::milliseconds max) {
  const auto range = [&] {
    return std::to_string(min.count()) + "ms to " + std::to_string(max.count()) +
           "ms, as N, Nms or Ns";
  };
  uint64_t value = 0;
  const char* const last = text.data() + text.size();
  const auto [end, ec] = std::from_chars(text.data(), last, value);
  const std::string_view unit(end, static_cast<std::size_t>(last - end));
  constexpr uint64_t kLimit = uint64_t{1} << 40U;
  if (text.empty() || ec != std::errc() || end == text.data() || value > kLimit ||
      (!unit.empty() && unit != "ms" && unit != "s")) {
    throw UsageError(expected(name, text, range()));
  }
  const std::chrono::milliseconds result(unit == "s" ? value * 1000 : value);
  if (result < min || result > max) {
    throw UsageError(expected(name, text, range()));
  }
  return result;
}

namespace {

namespace po = boost::program_options;

void valuesOf(const po::parsed_options& parsed, const std::string& key,
              std::vector<std::string>& out) {
  for (const po::option& option : parsed.options) {
    if (option.string_key == key) {
      out.insert(out.end(), option.value.begin(), option.value.end());
    }
  }
}

}  // namespace

ParsedOptions::ParsedOptions(const std::vector<std::string>& args,
                             const po::options_description& table, bool& help) {
  po::options_description all;
  all.add(table).add_options()("help,h", po::bool_switch(&help));
  po::positional_options_description positional;
  positional.add("device", 1);
  try {
    cmdline_ = po::command_line_parser(args).options(all).positional(positional).run();
    po::store(*cmdline_, map_);
    po::notify(map_);
    if (help || map_.count("config") == 0) {
      return;
    }
    configFile_ = map_["config"].as<std::string>();
    std::ifstream in(*configFile_);
    if (!in) {
      throw Error("cannot read config file " + *configFile_ + ": " + std::strerror(errno));
    }
    file_ = po::parse_config_file(in, table);
    po::store(*file_, map_);
    po::notify(map_);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
}

std::vector<std::string> ParsedOptions::values(const std::string& key) const {
  std::vector<std::string> result;
  if (file_) {
    valuesOf(*file_, key, result);
  }
  if (cmdline_) {
    valuesOf(*cmdline_, key, result);
  }
  return result;
}

}  // namespace redund::config
