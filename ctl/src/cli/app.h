// The redundctl command line.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "api.h"

namespace redund::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;  // kernel, device or port error
inline constexpr int kExitUsage = 2;  // bad command line

// Called only once the command line is valid, so --help, --version and
// usage errors work without the kernel module.
using ApiFactory = std::function<std::unique_ptr<RedundApi>()>;

// `args` excludes the program name. Returns the exit status; errors go to
// `err` as "redundctl: <message>".
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const ApiFactory& makeApi);

}  // namespace redund::cli
