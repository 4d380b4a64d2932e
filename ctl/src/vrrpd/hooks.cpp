#include "vrrpd/hooks.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>

#include "util/c_argv.h"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX leaves it undeclared

namespace redund::vrrpd {

HookRunner::HookRunner(boost::asio::io_context& io, std::string command,
                       std::chrono::milliseconds timeout, std::ostream& log, std::string name)
    : io_(io), command_(std::move(command)), timeout_(timeout), log_(log), name_(std::move(name)) {}

void HookRunner::run(const std::vector<std::string>& args) {
  if (command_.empty()) {
    return;
  }
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
    log_ << name_ << ": notify hook: " << std::strerror(err) << '\n';
    return;
  }
  auto timer = std::make_unique<boost::asio::steady_timer>(io_, timeout_);
  timer->async_wait([this, pid](boost::system::error_code ec) {
    if (ec || !running_.contains(pid)) {
      return;
    }
    log_ << name_ << ": notify hook (pid " << pid << ") still running after " << timeout_.count()
         << " ms: killed\n";
    kill(-pid, SIGKILL);
  });
  running_[pid] = std::move(timer);
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
      log_ << name_ << ": notify hook exited with status " << WEXITSTATUS(status) << '\n';
    }
    it->second->cancel();
    it = running_.erase(it);
  }
}

}  // namespace redund::vrrpd
