// redundctl monitor
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <span>
#include <string>

#include "api.h"
#include "cli/options.h"
#include "control/client.h"

namespace redund::cli {

// The words after "monitor" (none). Throws UsageError.
void parseMonitor(std::span<const std::string> words);
// redundd's notices when one runs in this network namespace and accepts
// the subscription; nullopt otherwise, with why on `err` unless simply no
// redundd runs.
using DaemonFeed = std::function<std::optional<control::Subscription>(std::ostream& err)>;
std::optional<control::Subscription> subscribeRedundd(std::ostream& err);

// Prints one line per kernel event and per redundd notice, flushed, until
// SIGINT or SIGTERM or the end of the kernel's stream. Lost events
// (receive queue overflow) and the end of redundd's stream are reported
// on `err`.
void runMonitor(RedundApi& api, const GlobalOptions& opts, std::ostream& out, std::ostream& err,
                const DaemonFeed& daemonFeed = subscribeRedundd);

}  // namespace redund::cli
