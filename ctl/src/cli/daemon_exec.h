// `redundctl run` and `redundctl vrrp` are front ends of redundd: they
// replace the redundctl process with `redundd run|vrrp ARGS...`, so the
// daemon keeps redundctl's pid, stdio and signals.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace redund::cli {

inline constexpr std::string_view kDaemonRun = "run";
inline constexpr std::string_view kDaemonVrrp = "vrrp";

// Where redundd is: beside the running executable (a build tree, or both
// installed in one directory), else "redundd" for a PATH search.
std::string daemonPath();

// Execs daemonPath() with `mode` and `args`; returns only on failure,
// with the exit status after writing the reason to `err`.
int execDaemon(std::string_view mode, const std::vector<std::string>& args, std::ostream& err);

}  // namespace redund::cli
