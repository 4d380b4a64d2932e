// Global options and the words that follow them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace redund::cli {

struct GlobalOptions {
  bool json = false;
  bool pretty = false;
  bool details = false;
  bool stats = false;
  std::string netns{};  // -n: run in this network namespace
};

struct CommandLine {
  GlobalOptions global;
  bool help = false;
  bool version = false;
  std::vector<std::string> words;  // command and its arguments
};

// `args` excludes the program name. Options may come before or after the
// command; "--" ends them. Throws UsageError.
CommandLine parseCommandLine(const std::vector<std::string>& args);

// The leading "-n NETNS" (or --netns NETNS, --netns=NETNS) options of
// `args`, taken off: what precedes `run` or `vrrp`, whose own options the
// daemon reads. The last one wins; empty when there are none. Throws
// UsageError for an -n without a value.
std::string takeLeadingNetns(std::vector<std::string>& args);

// iproute2 keyword matching: `word` is a non-empty prefix of `keyword`.
bool matches(std::string_view word, std::string_view keyword);

}  // namespace redund::cli
