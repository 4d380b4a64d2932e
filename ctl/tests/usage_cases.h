// Table-driven checks of option parsers: each bad command line must be
// refused with a UsageError whose message contains the expected text.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/errors.h"

namespace redund::test {

struct BadCase {
  std::vector<std::string> args;
  std::string message;  // a part of the error text
};

template <typename Parse>
void expectUsageErrors(Parse parse, const std::vector<BadCase>& cases) {
  for (const BadCase& c : cases) {
    try {
      parse(c.args);
      ADD_FAILURE() << "accepted: " << c.message;
    } catch (const cli::UsageError& e) {
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos)
          << e.what() << " lacks " << c.message;
    }
  }
}

}  // namespace redund::test
