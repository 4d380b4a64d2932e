#include "cli/usage.h"

namespace redund::cli {

std::string_view usageText() {
  return R"(Usage: redundctl [ OPTIONS ] show [ [ dev ] DEV ]
       redundctl [ OPTIONS ] port set DEV PORT active
       redundctl [ OPTIONS ] monitor
       redundctl help
       redundctl { -h | --help | -V | --version }

OPTIONS := { -j | --json | -p | --pretty | -d | --details }
  -j, --json     JSON output: show prints one array, monitor one object per line
  -p, --pretty   indent JSON output
  -d, --details  add interface indexes to text output

show     devices, their ports and the active port
port set make PORT the active port of DEV (it must have carrier)
monitor  print every event until SIGINT or SIGTERM

Exit status: 0 success, 1 error (kernel, device or port), 2 usage error.
)";
}

}  // namespace redund::cli
