// Strings joined with a separator, as error lists are shown on one line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace redund::util {

inline std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string text;
  for (const std::string& part : parts) {
    if (!text.empty()) {
      text += separator;
    }
    text += part;
  }
  return text;
}

}  // namespace redund::util
