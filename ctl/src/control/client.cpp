#include "control/client.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "error.h"
#include "util/join.h"
#include "util/unique_fd.h"

namespace redund::control {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw Error("control socket: " + what + ": " + std::strerror(errno));
}

// Waits for `events` on `fd` until `deadline`; throws on timeout.
void await(int fd, short events, std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      throw Error("redundd did not answer in time");
    }
    pollfd pfd{.fd = fd, .events = events, .revents = 0};
    const int n = poll(&pfd, 1, static_cast<int>(left.count()));
    if (n > 0) {
      return;
    }
    if (n < 0 && errno != EINTR) {
      fail("poll");
    }
  }
}

// A connected socket; throws Error.
UniqueFd connectDaemon(std::string_view name) {
  UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) {
    fail("socket");
  }
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  // Abstract: a NUL, then the name, not NUL-terminated.
  if (name.size() + 1 > sizeof(addr.sun_path)) {
    throw Error("control socket: name too long");
  }
  std::memcpy(addr.sun_path + 1, name.data(), name.size());
  const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
  if (connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), len) != 0) {
    if (errno == ECONNREFUSED || errno == ENOENT) {
      throw NoDaemon();
    }
    fail("connect");
  }
  return fd;
}

void sendLine(int fd, const std::string& line, std::chrono::steady_clock::time_point deadline) {
  for (std::size_t sent = 0; sent < line.size();) {
    await(fd, POLLOUT, deadline);
    const ssize_t n = send(fd, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno != EINTR && errno != EAGAIN) {
      fail("send");
    }
    sent += n > 0 ? static_cast<std::size_t>(n) : 0;
  }
}

// Appends what `fd` has to `text`; false at the end of the stream.
bool receive(int fd, std::string& text) {
  std::array<char, 65536> buffer{};
  for (;;) {
    const ssize_t n = recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (n > 0) {
      text.append(buffer.data(), static_cast<std::size_t>(n));
      return true;
    }
    if (n == 0) {
      return false;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      return true;
    }
    if (errno != EINTR) {
      fail("receive");
    }
  }
}

}  // namespace

Reply ask(const Request& request, std::chrono::milliseconds timeout, std::string_view name) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const UniqueFd fd = connectDaemon(name);
  sendLine(fd.get(), encode(request), deadline);
  std::string reply;
  for (;;) {
    await(fd.get(), POLLIN, deadline);
    if (!receive(fd.get(), reply)) {
      break;
    }
  }
  return decodeReply(reply);
}

Subscription subscribe(std::chrono::milliseconds timeout, std::string_view name) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  UniqueFd fd = connectDaemon(name);
  sendLine(fd.get(), encode(Request{.command = Command::kMonitor}), deadline);
  std::string text;
  std::size_t end = std::string::npos;
  while ((end = text.find('\n')) == std::string::npos) {
    await(fd.get(), POLLIN, deadline);
    if (!receive(fd.get(), text)) {
      break;
    }
  }
  const Reply reply = decodeReply(text.substr(0, end));
  if (!reply.ok) {
    throw Error("redundd refused to monitor: " + util::join(reply.errors, "; "));
  }
  return Subscription(std::move(fd), end == std::string::npos ? "" : text.substr(end + 1));
}

std::optional<std::vector<runtime::Notice>> Subscription::read() {
  const bool open = receive(fd_.get(), pending_);
  std::vector<runtime::Notice> notices;
  std::size_t start = 0;
  for (std::size_t end = pending_.find('\n'); end != std::string::npos;
       end = pending_.find('\n', start)) {
    notices.push_back(decodeNotice(std::string_view(pending_).substr(start, end - start)));
    start = end + 1;
  }
  pending_.erase(0, start);
  if (!open && notices.empty()) {
    return std::nullopt;
  }
  return notices;
}

}  // namespace redund::control
