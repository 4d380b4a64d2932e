// The HTTP(S) test server (tests/http_test_server.py) as an object: a
// python3 process started by the constructor on a free loopback port and
// killed and reaped by the destructor. Also makes the self-signed
// certificate HTTPS needs, with the openssl command.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "temp_file.h"
#include "util/c_argv.h"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX leaves it undeclared

namespace redund::test {

// Starts `argv` (argv[0] looked up in PATH) with stdin from /dev/null and
// stdout on `stdoutFd`, or on /dev/null with stderr too when it is -1.
inline pid_t spawnProcess(std::vector<std::string> argv, int stdoutFd) {
  std::vector<char*> cargv = util::cArgv(argv);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  if (stdoutFd >= 0) {
    posix_spawn_file_actions_adddup2(&actions, stdoutFd, STDOUT_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  }
  pid_t pid = 0;
  const int err = posix_spawnp(&pid, cargv[0], &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (err != 0) {
    throw std::runtime_error("cannot start " + argv[0]);
  }
  return pid;
}

// A self-signed certificate for 127.0.0.1 and its key, written to the
// given (temporary) paths.
inline void makeSelfSignedCertificate(const std::string& cert, const std::string& key) {
  const pid_t pid = spawnProcess(
      {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
       "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
       "-keyout", key, "-out", cert},
      -1);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("openssl req failed");
  }
}

// Where the server finds its certificate and key.
struct ServerTls {
  std::string cert;
  std::string key;
};

// A fresh certificate in temporary files, for the life of the object.
class SelfSignedCertificate {
 public:
  SelfSignedCertificate() { makeSelfSignedCertificate(cert_.path(), key_.path()); }

  ServerTls tls() const { return {.cert = cert_.path(), .key = key_.path()}; }

 private:
  TempFile cert_{"", "http-cert.pem"};
  TempFile key_{"", "http-key.pem"};
};

class HttpTestServer {
 public:
  using Tls = ServerTls;

  explicit HttpTestServer(std::optional<Tls> tls = std::nullopt) : scheme_(tls ? "https" : "http") {
    // In tests/ beside the test binary (ctl/), wherever it is run from:
    // CI runs ctl/redundctl-tests from the top of the tree.
    const auto script = std::filesystem::read_symlink("/proc/self/exe").parent_path() / "tests" /
                        "http_test_server.py";
    std::vector<std::string> argv{"python3", script.string()};
    if (tls) {
      argv.insert(argv.end(), {"--tls", tls->cert, tls->key});
    }
    int out[2] = {-1, -1};
    if (pipe2(out, O_CLOEXEC) != 0) {
      throw std::runtime_error("pipe2 failed");
    }
    try {
      pid_ = spawnProcess(argv, out[1]);
    } catch (...) {
      close(out[0]);
      close(out[1]);
      throw;
    }
    close(out[1]);
    port_ = readPort(out[0]);
    close(out[0]);
    if (port_ == 0) {
      stop();
      throw std::runtime_error("the HTTP test server did not start");
    }
  }
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;
  HttpTestServer(HttpTestServer&&) = delete;
  HttpTestServer& operator=(HttpTestServer&&) = delete;
  ~HttpTestServer() { stop(); }

  uint16_t port() const { return port_; }
  // "http://127.0.0.1:PORT" + path.
  std::string url(const std::string& path) const {
    return scheme_ + "://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  // The first line the server prints; 0 when none comes within 10 s.
  static uint16_t readPort(int fd) {
    std::string line;
    pollfd entry{.fd = fd, .events = POLLIN, .revents = 0};
    while (line.find('\n') == std::string::npos && poll(&entry, 1, 10000) > 0) {
      char chunk[16];
      const ssize_t n = read(fd, chunk, sizeof chunk);
      if (n <= 0) {
        break;
      }
      line.append(chunk, static_cast<std::size_t>(n));
    }
    try {
      return static_cast<uint16_t>(std::stoul(line));
    } catch (const std::exception&) {
      return 0;
    }
  }

  void stop() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

  std::string scheme_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

}  // namespace redund::test
