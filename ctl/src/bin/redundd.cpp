// redundd: the daemon. Its one-instance modes `run DEV ...` (LACP) and
// `vrrp DEV ...` (one virtual router) are what `redundctl run` and
// `redundctl vrrp` exec, so that the command line tool itself links
// neither the protocol runtime nor libcurl and starts fast.
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/daemon_exec.h"
#include "kernel_api.h"
#include "lacpd/run.h"
#include "vrrpd/command.h"

int main(int argc, char** argv) {
  using namespace redund;
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const cli::ApiFactory makeApi = [] { return std::make_unique<KernelApi>(); };
    if (!args.empty() && args.front() == cli::kDaemonRun) {
      return lacpd::runCommand({args.begin() + 1, args.end()}, std::cout, std::cerr, makeApi);
    }
    if (!args.empty() && args.front() == cli::kDaemonVrrp) {
      return vrrpd::vrrpCommand({args.begin() + 1, args.end()}, std::cout, std::cerr, makeApi);
    }
    std::cerr << "usage: redundd run DEV [OPTIONS]   (see redundctl run --help)\n"
                 "       redundd vrrp DEV [OPTIONS]  (see redundctl vrrp --help)\n";
    return cli::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "redundd: " << e.what() << '\n';
    return cli::kExitError;
  }
}
