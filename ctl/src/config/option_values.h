// Value parsers shared by the daemons' option tables (`run`, `vrrp`):
// each throws cli::UsageError naming the option and what it expects.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>
#include <boost/program_options/variables_map.hpp>

namespace redund::config {

// "invalid NAME "VALUE" (expected WHAT)".
std::string expected(std::string_view name, std::string_view value, std::string_view what);
// A decimal number in [min, max].
unsigned number(std::string_view name, std::string_view text, unsigned min, unsigned max);
bool onOff(std::string_view name, std::string_view text);
// "1s", "250ms", "10ms", or a bare number of milliseconds, in [min, max].
std::chrono::milliseconds duration(std::string_view name, std::string_view text,
                                   std::chrono::milliseconds min, std::chrono::milliseconds max);

// A daemon's command line read against its option table, DEV being the
// first positional option ("device") and -h/--help setting `help`; then,
// unless help was asked for, the file named by --config, stored after the
// command line so the command line wins. Throws cli::UsageError for what
// Program_options refuses, Error when the file cannot be read.
class ParsedOptions {
 public:
  ParsedOptions(const std::vector<std::string>& args,
                const boost::program_options::options_description& table, bool& help);

  bool has(const std::string& key) const { return map_.count(key) != 0; }
  const std::optional<std::string>& configFile() const { return configFile_; }
  // Every value of a repeatable option: the file's, then the command line's.
  std::vector<std::string> values(const std::string& key) const;

 private:
  boost::program_options::variables_map map_;
  std::optional<boost::program_options::parsed_options> file_;
  std::optional<boost::program_options::parsed_options> cmdline_;
  std::optional<std::string> configFile_;
};

}  // namespace redund::config
