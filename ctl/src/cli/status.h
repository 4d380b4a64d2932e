// redundctl status: what redundd runs, from its control socket.
// redundctl reload: redundd applies its edited configuration file.
#pragma once

#include <functional>
#include <ostream>
#include <span>
#include <string>

#include "cli/options.h"
#include "control/protocol.h"

namespace redund::cli {

// How a command reaches redundd; control::ask, or a fake in tests.
using AskDaemon = std::function<control::Reply(const control::Request&)>;

// Throws UsageError for any word after the command.
void parseStatus(std::span<const std::string> words, std::string_view command);

// Prints the reply, text or JSON (-j); the text is written so that a
// line per object says what it does.
void printStatus(const control::Reply& reply, const GlobalOptions& opts, std::ostream& out,
                 int64_t now);
// Throws Error with the daemon's errors when it refused or failed to
// apply some of the file; prints what it applied otherwise.
void runReload(const AskDaemon& ask, const GlobalOptions& opts, std::ostream& out);
void runStatus(const AskDaemon& ask, const GlobalOptions& opts, std::ostream& out);

}  // namespace redund::cli
