#include "cli/daemon_exec.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "cli/app.h"
#include "util/c_argv.h"

namespace redund::cli {

std::string daemonPath() {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path beside = self.parent_path() / "redundd";
    if (access(beside.c_str(), X_OK) == 0) {
      return beside.string();
    }
  }
  return "redundd";
}

int execDaemon(std::string_view mode, const std::vector<std::string>& args, std::ostream& err) {
  std::vector<std::string> argv{daemonPath(), std::string(mode)};
  argv.insert(argv.end(), args.begin(), args.end());
  err.flush();
  const std::vector<char*> cArgv = util::cArgv(argv);
  execvp(cArgv.front(), cArgv.data());
  err << "redundctl: " << mode << ": cannot run " << argv.front() << ": " << std::strerror(errno)
      << '\n';
  return kExitError;
}

}  // namespace redund::cli
