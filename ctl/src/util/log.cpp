#include "util/log.h"

namespace redund::util {

std::optional<int> logLevel(std::string_view name) {
  if (name == "error") {
    return 3;
  }
  if (name == "warning") {
    return 4;
  }
  if (name == "info") {
    return 6;
  }
  if (name == "debug") {
    return 7;
  }
  return std::nullopt;
}

LogBuffer::int_type LogBuffer::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) {
    return traits_type::not_eof(c);
  }
  line_.push_back(traits_type::to_char_type(c));
  if (c == '\n') {
    flushLine();
  }
  return c;
}

int LogBuffer::sync() {
  if (!line_.empty()) {
    line_.push_back('\n');
    flushLine();
  }
  return out_->pubsync();
}

void LogBuffer::flushLine() {
  int level = 6;
  std::string_view text(line_);
  if (text.size() >= 3 && text[0] == '<' && text[1] >= '0' && text[1] <= '7' && text[2] == '>') {
    level = text[1] - '0';
    text.remove_prefix(3);
  }
  if (level <= maxLevel_) {
    std::string out;
    if (journal_) {
      out = "<" + std::to_string(level) + ">";
    } else if (level <= 3) {
      out = "error: ";
    } else if (level == 4) {
      out = "warning: ";
    }
    out += text;
    out_->sputn(out.data(), static_cast<std::streamsize>(out.size()));
    out_->pubsync();
  }
  line_.clear();
}

}  // namespace redund::util
