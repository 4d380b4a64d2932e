// Log levels by the sd-daemon convention: a line that starts with "<3>"
// is an error, "<4>" a warning, "<7>" debug; any other line is info
// ("<6>"). Under systemd (JOURNAL_STREAM set: stderr is the journal) each
// line goes out with its prefix, which the journal reads as its priority;
// elsewhere the prefix becomes "error: " or "warning: ", or nothing.
// Lines below the chosen level are dropped.
#pragma once

#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace redund::util {

inline constexpr std::string_view kLogError = "<3>";
inline constexpr std::string_view kLogWarning = "<4>";
inline constexpr std::string_view kLogInfo = "<6>";
inline constexpr std::string_view kLogDebug = "<7>";

// 3, 4, 6 or 7 for "error", "warning", "info", "debug"; nullopt else.
std::optional<int> logLevel(std::string_view name);

// A line filter in front of `out`'s buffer (std::cerr's, for a daemon).
class LogBuffer final : public std::streambuf {
 public:
  // `journal`: keep the prefixes; `maxLevel`: the least urgent level kept.
  LogBuffer(std::streambuf* out, bool journal, int maxLevel)
      : out_(out), journal_(journal), maxLevel_(maxLevel) {}

 protected:
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  void flushLine();

  std::streambuf* out_;
  bool journal_;
  int maxLevel_;
  std::string line_;
};

}  // namespace redund::util
