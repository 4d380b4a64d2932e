// redundctl's end of redundd's control socket (protocol.h): one request,
// one reply, blocking, with a deadline; or a monitor subscription.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "control/protocol.h"
#include "error.h"
#include "runtime/notices.h"
#include "util/unique_fd.h"

namespace redund::control {

// Nobody listens on the control socket of this network namespace.
class NoDaemon : public Error {
 public:
  NoDaemon() : Error("no redundd runs in this network namespace") {}
};

// Throws NoDaemon, or Error for what went wrong on the way.
Reply ask(const Request& request,
          std::chrono::milliseconds timeout = std::chrono::milliseconds(30000),
          std::string_view name = kSocketName);

// The daemon's notices, after it accepted a monitor request.
class Subscription {
 public:
  explicit Subscription(UniqueFd fd, std::string pending = {})
      : fd_(std::move(fd)), pending_(std::move(pending)) {}

  // Readable when notices (or the end) arrived.
  int fd() const { return fd_.get(); }
  // Every whole notice line received so far, without blocking; nullopt
  // once the daemon closed the stream (it stopped). Throws Error for a
  // line that is not a notice.
  std::optional<std::vector<runtime::Notice>> read();

 private:
  UniqueFd fd_;
  std::string pending_;  // a line not yet complete
};

// Throws Error as ask() does, or with the daemon's refusal.
Subscription subscribe(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000),
                       std::string_view name = kSocketName);

}  // namespace redund::control
