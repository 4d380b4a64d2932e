// Errors redundctl reports. Everything derives from Error, so front ends
// catch one type and print what().
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace redund {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The kernel refused a request: a positive errno and the extended ACK
// message (empty when the kernel gave none). what() reads
// "<extack> (<strerror>)" or just "<strerror>".
class KernelError : public Error {
 public:
  KernelError(int code, std::string extack, std::optional<uint32_t> offset = std::nullopt);

  int code() const noexcept { return code_; }
  const std::string& extack() const noexcept { return extack_; }
  // Offset of the offending attribute in the request (NLMSGERR_ATTR_OFFS).
  std::optional<uint32_t> offset() const noexcept { return offset_; }

 private:
  int code_;
  std::string extack_;
  std::optional<uint32_t> offset_;
};

// A kernel message that does not follow the netlink or redund contract.
class ProtocolError : public Error {
 public:
  using Error::Error;
};

}  // namespace redund
