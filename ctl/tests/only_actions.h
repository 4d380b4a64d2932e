// Picks the actions of one type out of a core's result (a vector of
// std::variant), in order.
#pragma once

#include <variant>
#include <vector>

namespace redund::test {

template <typename T, typename Actions>
std::vector<T> only(const Actions& actions) {
  std::vector<T> found;
  for (const auto& action : actions) {
    if (const T* a = std::get_if<T>(&action)) {
      found.push_back(*a);
    }
  }
  return found;
}

}  // namespace redund::test
