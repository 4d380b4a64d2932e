// Parsed netlink attributes, indexed by type.
#pragma once

#include <libmnl/libmnl.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace redund::nl {

class Message;

// Expected type of each attribute, indexed by attribute type.
// MNL_TYPE_UNSPEC accepts any payload.
using Policy = std::span<const mnl_attr_data_type>;

// Pointers into the parsed bytes: an Attrs lives no longer than the
// Message it came from.
class Attrs {
 public:
  // Attributes with a type beyond the policy (from a newer kernel) are
  // skipped. A truncated attribute, or one that fails its policy, throws
  // ProtocolError. A repeated attribute: the last one wins, as in the kernel.
  static Attrs parse(std::span<const std::byte> payload, Policy policy);
  static Attrs parseGenl(const Message& msg, Policy policy);
  static Attrs parseNested(const nlattr* nest, Policy policy);
  // Every attribute inside `nest`, in order, whatever its type (arrays of
  // nests). Throws ProtocolError when one is truncated.
  static std::vector<const nlattr*> listNested(const nlattr* nest);

  const nlattr* get(uint16_t type) const { return type < table_.size() ? table_[type] : nullptr; }
  bool has(uint16_t type) const { return get(type) != nullptr; }

  std::optional<uint8_t> u8(uint16_t type) const;
  std::optional<uint16_t> u16(uint16_t type) const;
  std::optional<uint32_t> u32(uint16_t type) const;
  std::optional<uint64_t> u64(uint16_t type) const;
  // Up to the first NUL or the end of the payload.
  std::optional<std::string> str(uint16_t type) const;

  // As above, but a missing attribute throws ProtocolError naming `what`.
  uint8_t needU8(uint16_t type, std::string_view what) const;
  uint32_t needU32(uint16_t type, std::string_view what) const;
  uint64_t needU64(uint16_t type, std::string_view what) const;
  const nlattr* need(uint16_t type, std::string_view what) const;

 private:
  explicit Attrs(std::size_t size) : table_(size, nullptr) {}

  std::vector<const nlattr*> table_;
};

}  // namespace redund::nl
