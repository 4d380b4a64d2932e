// Shared steps of the health probe tests: run the loop until a result
// arrives, and check a cancelled probe stays silent.
#pragma once

#include <chrono>
#include <optional>

#include <gtest/gtest.h>

#include "health/scheduler.h"

namespace redund::health::test {

// Runs `io` until `result` is set or 10 s pass.
inline void runUntil(boost::asio::io_context& io, const std::optional<ProbeResult>& result) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!result && std::chrono::steady_clock::now() < deadline) {
    io.run_for(std::chrono::milliseconds(20));
    io.restart();
  }
}

// Starts `probe`, cancels it at once, runs the loop: nothing may report.
template <typename Probe>
void expectCancelledNeverReports(boost::asio::io_context& io, Probe& probe) {
  bool reported = false;
  probe.start([&](const ProbeResult&) { reported = true; });
  probe.cancel();
  io.run_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(reported);
}

}  // namespace redund::health::test
