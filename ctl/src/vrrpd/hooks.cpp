#include "vrrpd/hooks.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>

// clang-format off
#include <boost/asio/post.hpp>
// clang-format on

#include "util/c_argv.h"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX leaves it undeclared

namespace redund::vrrpd {

HookRunner::HookRunner(boost::asio::io_context& io, std::string command,
                       std::chrono::milliseconds timeout, std::ostream& log, std::string name,
                       std::string kind)
    : io_(io),
      command_(std::move(command)),
      timeout_(timeout),
      log_(log),
      name_(std::move(name)),
      kind_(std::move(kind)) {}

void HookRunner::run(const std::vector<std::string>& args) {
  if (!command_.empty()) {
    spawn(args, {});
  }
}

void HookRunner::runThen(const std::vector<std::string>& args, Done done) {
  if (command_.empty()) {
    boost::asio::post(io_, [done = std::move(done)] { done(vrrp::Clock::now(), true); });
    return;
  }
  spawn(args, std::move(done));
}

void HookRunner::cancel() {
  for (auto& [pid, hook] : running_) {
    if (hook.done) {
      hook.done = {};
      kill(-pid, SIGKILL);
    }
  }
}

void HookRunner::spawn(const std::vector<std::string>& args, Done done) {
  // sh -c 'CMD "$@"' notify ARGS...: CMD may carry its own arguments, and
  // ours arrive as positional parameters, never re-parsed by the shell.
  std::vector<std::string> argv{"/bin/sh", "-c", command_ + " \"$@\"", "notify"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv = util::cArgv(argv);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  // Its own process group, so the timeout kills what the hook started too.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = 0;
  const int err = posix_spawn(&pid, cargv[0], &actions, &attr, cargv.data(), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  if (err != 0) {
    log_ << name_ << ": " << kind_ << ": " << std::strerror(err) << '\n';
    if (done) {
      boost::asio::post(io_, [done = std::move(done)] { done(vrrp::Clock::now(), false); });
    }
    return;
  }
  auto timer = std::make_unique<boost::asio::steady_timer>(io_, timeout_);
  timer->async_wait([this, pid](boost::system::error_code ec) {
    if (ec || !running_.contains(pid)) {
      return;
    }
    log_ << name_ << ": " << kind_ << " (pid " << pid << ") still running after "
         << timeout_.count() << " ms: killed\n";
    kill(-pid, SIGKILL);
  });
  running_[pid] = {.timeout = std::move(timer), .done = std::move(done)};
}

void HookRunner::reap() {
  for (auto it = running_.begin(); it != running_.end();) {
    int status = 0;
    const pid_t pid = waitpid(it->first, &status, WNOHANG);
    if (pid == 0) {
      ++it;
      continue;
    }
    if (pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) != 0) {
      log_ << name_ << ": " << kind_ << " exited with status " << WEXITSTATUS(status) << '\n';
    }
    it->second.timeout->cancel();
    Done done = std::move(it->second.done);
    it = running_.erase(it);
    if (done) {
      done(vrrp::Clock::now(), pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
  }
}

}  // namespace redund::vrrpd
