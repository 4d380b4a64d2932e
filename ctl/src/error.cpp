#include "error.h"

#include <system_error>
#include <utility>

namespace redund {
namespace {

std::string describe(int code, const std::string& extack) {
  std::string text = std::generic_category().message(code);
  return extack.empty() ? text : extack + " (" + text + ")";
}

}  // namespace

KernelError::KernelError(int code, std::string extack, std::optional<uint32_t> offset)
    : Error(describe(code, extack)), code_(code), extack_(std::move(extack)), offset_(offset) {}

}  // namespace redund
