// redundd: the daemon (redundd/main.h). `redundctl run` and `redundctl
// vrrp` exec its one-instance modes, so that the command line tool itself
// links neither the protocol runtime nor libcurl and starts fast.
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/app.h"
#include "kernel_api.h"
#include "redundd/main.h"

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    return redund::redundd::main(args, std::cout, std::cerr,
                                 [] { return std::make_unique<redund::KernelApi>(); });
  } catch (const std::exception& e) {
    std::cerr << "redundd: " << e.what() << '\n';
    return redund::cli::kExitError;
  }
}
