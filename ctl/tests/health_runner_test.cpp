// The runner drives real TCP probes against a loopback listener: the
// check turns up after `rise` connects, down after `fall` refusals once
// the listener closes, and stop() silences everything.
#include <chrono>
#include <optional>
#include <vector>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/ip/tcp.hpp>
// clang-format on

#include <gtest/gtest.h>

#include "health/check_spec.h"
#include "health/runner.h"
#include "health/status_json.h"

namespace redund::health {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using std::chrono::milliseconds;

// Runs `io` until `done()` or 10 s pass.
template <typename Done>
void runUntil(asio::io_context& io, Done done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    io.run_for(milliseconds(20));
    io.restart();
  }
}

CheckConfig tcpCheck(const tcp::endpoint& target) {
  return parseCheckSpec("tcp:127.0.0.1:" + std::to_string(target.port()) +
                        ",name=svc,interval=50ms,timeout=40ms,rise=2,fall=2");
}

TEST(HealthRunner, UpAfterRiseDownAfterFall) {
  asio::io_context io;
  std::optional<tcp::acceptor> listener(std::in_place, io,
                                        tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const tcp::endpoint target = listener->local_endpoint();
  std::vector<StateChange> changes;
  int results = 0;
  Runner runner(
      io, {tcpCheck(target)},
      [&](std::size_t, const StateChange& change) { changes.push_back(change); },
      [&] { ++results; });
  runner.start();
  runUntil(io, [&] { return !changes.empty(); });
  ASSERT_EQ(changes.size(), 1U);
  EXPECT_EQ(changes[0], (StateChange{.check = 0, .from = State::kUnknown, .to = State::kUp}));
  EXPECT_GE(runner.status(0).probes, 2U);
  EXPECT_GE(results, 2) << "every result reported, not only the changes";
  ASSERT_TRUE(runner.status(0).last.has_value());
  EXPECT_EQ(runner.status(0).last->detail, "connected");
  const auto json = checksJson(runner);
  ASSERT_EQ(json.size(), 1U);
  EXPECT_EQ(json.at(0).at("name"), "svc");
  EXPECT_EQ(json.at(0).at("kind"), "tcp");
  EXPECT_EQ(json.at(0).at("target"), "127.0.0.1:" + std::to_string(target.port()));
  EXPECT_EQ(json.at(0).at("state"), "up");
  EXPECT_EQ(json.at(0).at("weight"), -20);
  EXPECT_EQ(json.at(0).at("interval_ms"), 50);
  EXPECT_EQ(json.at(0).at("rise"), 2);
  EXPECT_EQ(json.at(0).at("transitions"), 1);
  EXPECT_EQ(json.at(0).at("last").at("ok"), true);
  EXPECT_GT(json.at(0).at("last").at("latency_ms").get<double>(), 0.0);

  listener.reset();  // refused from now on
  runUntil(io, [&] { return changes.size() > 1; });
  ASSERT_EQ(changes.size(), 2U);
  EXPECT_EQ(changes[1], (StateChange{.check = 0, .from = State::kUp, .to = State::kDown}));
  EXPECT_EQ(runner.status(0).failures, 2U);
  EXPECT_EQ(runner.status(0).last->detail, "Connection refused");
  EXPECT_EQ(runner.status(0).transitions, 2U);
  EXPECT_GT(runner.generation(), 0U);
}

TEST(HealthRunner, StopSilencesProbesAndTimer) {
  asio::io_context io;
  tcp::acceptor listener(io, {asio::ip::make_address("127.0.0.1"), 0});
  int changes = 0;
  Runner runner(io, {tcpCheck(listener.local_endpoint())},
                [&](std::size_t, const StateChange&) { ++changes; });
  runner.start();
  runner.stop();
  const uint64_t generation = runner.generation();
  io.run_for(milliseconds(300));
  EXPECT_EQ(changes, 0);
  EXPECT_EQ(runner.generation(), generation);
}

TEST(HealthRunner, ChecksRunIndependently) {
  asio::io_context io;
  tcp::acceptor listener(io, {asio::ip::make_address("127.0.0.1"), 0});
  tcp::endpoint closed;
  {
    tcp::acceptor gone(io, {asio::ip::make_address("127.0.0.1"), 0});
    closed = gone.local_endpoint();
  }
  CheckConfig down = tcpCheck(closed);
  down.name = "gone";
  std::vector<StateChange> changes;
  Runner runner(io, {tcpCheck(listener.local_endpoint()), down},
                [&](std::size_t, const StateChange& change) { changes.push_back(change); });
  runner.start();
  runUntil(io, [&] { return changes.size() >= 2; });
  ASSERT_EQ(changes.size(), 2U);
  EXPECT_EQ(runner.status(0).state, State::kUp);
  EXPECT_EQ(runner.status(1).state, State::kDown);
  EXPECT_EQ(runner.config(1).name, "gone");
}

}  // namespace
}  // namespace redund::health
