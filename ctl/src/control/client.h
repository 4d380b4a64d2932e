// redundctl's end of redundd's control socket (protocol.h): one request,
// one reply, blocking, with a deadline.
#pragma once

#include <chrono>

#include "control/protocol.h"

namespace redund::control {

// Throws Error: "no redundd runs in this network namespace" when nobody
// listens, or what went wrong on the way.
Reply ask(const Request& request,
          std::chrono::milliseconds timeout = std::chrono::milliseconds(30000));

}  // namespace redund::control
