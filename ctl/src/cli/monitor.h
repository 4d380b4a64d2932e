// redundctl monitor
#pragma once

#include <ostream>
#include <span>
#include <string>

#include "api.h"
#include "cli/options.h"

namespace redund::cli {

// The words after "monitor" (none). Throws UsageError.
void parseMonitor(std::span<const std::string> words);
// Prints one line per event, flushed, until SIGINT or SIGTERM or the end of
// the stream. Lost events (receive queue overflow) are reported on `err`.
void runMonitor(RedundApi& api, const GlobalOptions& opts, std::ostream& out, std::ostream& err);

}  // namespace redund::cli
