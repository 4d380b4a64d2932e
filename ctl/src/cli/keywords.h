// Keyword arguments, read as iproute2 reads "mode balance hash l3+4".
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace redund::cli {

// The words after a command's fixed arguments: keywords, each followed by
// its value or standing alone. Keywords and values are matched exactly.
// Every error is a UsageError starting with `context`, e.g. "dev set: ".
class Keywords {
 public:
  Keywords(std::string_view context, std::span<const std::string> words)
      : context_(context), words_(words) {}

  // The next keyword; std::nullopt after the last word.
  std::optional<std::string> next();
  // The value of the keyword next() returned: its index in `choices`.
  // Errors "\"mode\" needs a value (expected a, b or c)" and
  // "invalid mode \"x\" (expected a, b or c)".
  std::size_t choice(std::span<const std::string_view> choices);
  // The value as a decimal number from `min` to `max`.
  uint32_t number(uint32_t min, uint32_t max);
  // The value as it is. Errors "\"address\" needs a value (expected
  // <expected>)".
  const std::string& value(const std::string& expected);
  // Errors "\"mode\" given twice" when `field` is already set.
  template <typename T>
  void setOnce(std::optional<T>& field, T value) {
    if (field) {
      fail("\"" + keyword_ + "\" given twice");
    }
    field = value;
  }
  // Errors "unknown argument \"x\"" for the keyword next() returned.
  [[noreturn]] void unknown() const;
  [[noreturn]] void fail(const std::string& message) const;
  // The keyword next() returned.
  const std::string& keyword() const { return keyword_; }

 private:
  std::string context_;
  std::span<const std::string> words_;
  std::size_t next_ = 0;
  std::string keyword_;
};

// "a, b or c".
std::string alternatives(std::span<const std::string_view> names);

// The display names of `values`, in order: namesOf(kModes, modeName).
template <typename T, std::size_t N>
std::array<std::string_view, N> namesOf(const std::array<T, N>& values,
                                        std::string_view (*name)(T)) {
  std::array<std::string_view, N> names{};
  for (std::size_t i = 0; i < N; ++i) {
    names[i] = name(values[i]);
  }
  return names;
}

}  // namespace redund::cli
