// Errors of the command line front end.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "error.h"

namespace redund::cli {

// Bad command line: printed with the usage text, exit status 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

// Runs fn(); a kernel or protocol error it throws becomes an Error whose
// text starts with `context`, e.g. "port set r0 eth1: Port has no carrier
// (Network is down)".
template <typename Fn>
auto withContext(std::string_view context, Fn&& fn) -> decltype(fn()) {
  try {
    return std::forward<Fn>(fn)();
  } catch (const KernelError& e) {
    throw Error(std::string(context) + ": " + e.what());
  } catch (const ProtocolError& e) {
    throw Error(std::string(context) + ": " + e.what());
  }
}

}  // namespace redund::cli
