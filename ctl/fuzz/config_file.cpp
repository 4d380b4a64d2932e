// libFuzzer target: redund.conf, the daemon's configuration, which an
// operator edits by hand and SIGHUP applies. Any text must give either a
// Config or ConfigErrors, each error with a position inside the text;
// never a crash, a hang or another exception. A text that parses must
// parse again to the same Config (the parser keeps no state).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "config/file.h"

namespace redund::config {
namespace {

constexpr const char* kPath = "fuzz.conf";

std::size_t lineCount(std::string_view text) {
  std::size_t lines = 1;
  for (const char c : text) {
    lines += c == '\n' ? 1 : 0;
  }
  return lines;
}

void parse(std::string_view text) {
  try {
    const Config config = parseConfig(text, kPath);
    if (!(parseConfig(text, kPath) == config)) {
      std::abort();
    }
  } catch (const ConfigErrors& e) {
    if (e.errors().empty()) {
      std::abort();
    }
    for (const ConfigError& error : e.errors()) {
      // toml++ counts lines from 1; an error past the last line (or at
      // line 0) could not be found by the operator.
      if (error.where.file != kPath || error.where.line > lineCount(text) + 1 ||
          error.message.empty()) {
        std::abort();
      }
    }
  }
}

}  // namespace
}  // namespace redund::config

// libFuzzer calls it by this name.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const uint8_t* data, std::size_t size) {
  redund::config::parse({reinterpret_cast<const char*>(data), size});
  return 0;
}
