#include "cli/keywords.h"

#include <charconv>

#include "cli/errors.h"

namespace redund::cli {

std::optional<std::string> Keywords::next() {
  if (next_ == words_.size()) {
    return std::nullopt;
  }
  keyword_ = words_[next_++];
  return keyword_;
}

std::size_t Keywords::choice(std::span<const std::string_view> choices) {
  const std::string expected = alternatives(choices);
  const std::string& word = value(expected);
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (word == choices[i]) {
      return i;
    }
  }
  fail("invalid " + keyword_ + " \"" + word + "\" (expected " + expected + ")");
}

uint32_t Keywords::number(uint32_t min, uint32_t max) {
  const std::string expected = std::to_string(min) + " to " + std::to_string(max);
  const std::string& word = value(expected);
  uint32_t number = 0;
  const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), number);
  if (error != std::errc() || end != word.data() + word.size() || number < min || number > max) {
    fail("invalid " + keyword_ + " \"" + word + "\" (expected " + expected + ")");
  }
  return number;
}

void Keywords::unknown() const { fail("unknown argument \"" + keyword_ + "\""); }

void Keywords::fail(const std::string& message) const {
  throw UsageError(context_ + ": " + message);
}

const std::string& Keywords::value(const std::string& expected) {
  if (next_ == words_.size()) {
    fail("\"" + keyword_ + "\" needs a value (expected " + expected + ")");
  }
  return words_[next_++];
}

std::string alternatives(std::span<const std::string_view> names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) {
      text += i + 1 == names.size() ? " or " : ", ";
    }
    text += names[i];
  }
  return text;
}

}  // namespace redund::cli
