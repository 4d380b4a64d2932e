// Runs the redundctl command line against a FakeSystem.
#pragma once

#include <cstdlib>
#include <ctime>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/app.h"
#include "fake_api.h"

namespace redund::test {

struct CliResult {
  int status;
  std::string out;
  std::string err;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Event times print in local time; make that UTC.
    setenv("TZ", "UTC", 1);
    tzset();
  }

  CliResult run(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    const int status =
        cli::run(args, out, err, [this] { return std::make_unique<FakeApi>(system_); });
    return {status, out.str(), err.str()};
  }

  // A daemon's command line (lacpd::runCommand, vrrpd::vrrpCommand) as
  // redundd runs it: `args` follow "run" or "vrrp".
  template <typename Command>
  CliResult runDaemon(Command command, const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    const int status =
        command(args, out, err, [this] { return std::make_unique<FakeApi>(system_); });
    return {status, out.str(), err.str()};
  }

  FakeSystem system_ = FakeSystem::standard();
};

}  // namespace redund::test
