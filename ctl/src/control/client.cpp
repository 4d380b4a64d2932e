#include "control/client.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "error.h"
#include "util/unique_fd.h"

namespace redund::control {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw Error("control socket @" + std::string(kSocketName) + ": " + what + ": " +
              std::strerror(errno));
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

}  // namespace

Reply ask(const Request& request, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) {
    fail("socket");
  }
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  // Abstract: a NUL, then the name, not NUL-terminated.
  std::memcpy(addr.sun_path + 1, kSocketName.data(), kSocketName.size());
  const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + kSocketName.size());
  if (connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), len) != 0) {
    if (errno == ECONNREFUSED || errno == ENOENT) {
      throw Error("no redundd runs in this network namespace");
    }
    fail("connect");
  }
  const std::string line = encode(request);
  for (std::size_t sent = 0; sent < line.size();) {
    await(fd.get(), POLLOUT, deadline);
    const ssize_t n = send(fd.get(), line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno != EINTR && errno != EAGAIN) {
      fail("send");
    }
    sent += n > 0 ? static_cast<std::size_t>(n) : 0;
  }
  std::string reply;
  std::array<char, 65536> buffer{};
  for (;;) {
    await(fd.get(), POLLIN, deadline);
    const ssize_t n = recv(fd.get(), buffer.data(), buffer.size(), 0);
    if (n == 0) {
      break;
    }
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) {
        continue;
      }
      fail("receive");
    }
    reply.append(buffer.data(), static_cast<std::size_t>(n));
  }
  return decodeReply(reply);
}

}  // namespace redund::control
