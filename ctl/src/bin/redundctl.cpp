#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/app.h"
#include "kernel_api.h"

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    return redund::cli::run(args, std::cout, std::cerr,
                            [] { return std::make_unique<redund::KernelApi>(); });
  } catch (const std::exception& e) {
    std::cerr << "redundctl: " << e.what() << '\n';
    return redund::cli::kExitError;
  }
}
