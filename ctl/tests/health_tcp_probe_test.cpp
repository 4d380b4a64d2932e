// The TCP probe against real sockets on the loopback interface: a
// listening port is up, a closed one is refused, a cancelled probe never
// reports.
#include <chrono>
#include <optional>

#include <gtest/gtest.h>

#include "health/tcp_probe.h"
#include "probe_fixture.h"

namespace redund::health {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

using test::runUntil;

TEST(HealthTcpProbe, AListeningPortIsUp) {
  asio::io_context io;
  tcp::acceptor listener(io, {asio::ip::make_address("127.0.0.1"), 0});
  TcpProbe probe(io, listener.local_endpoint(), asio::ip::make_address("127.0.0.1"));
  std::optional<ProbeResult> result;
  probe.start([&](const ProbeResult& r) { result = r; });
  runUntil(io, result);
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->ok) << result->detail;
  EXPECT_EQ(result->detail, "connected");
  EXPECT_GT(result->latency, Duration::zero());
}

TEST(HealthTcpProbe, AClosedPortIsRefused) {
  asio::io_context io;
  tcp::endpoint closed;
  {
    // A port that was free a moment ago, now with nobody listening.
    tcp::acceptor listener(io, {asio::ip::make_address("127.0.0.1"), 0});
    closed = listener.local_endpoint();
  }
  TcpProbe probe(io, closed);
  std::optional<ProbeResult> result;
  probe.start([&](const ProbeResult& r) { result = r; });
  runUntil(io, result);
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(result->ok);
  EXPECT_EQ(result->detail, "Connection refused");
}

TEST(HealthTcpProbe, ABadSourceAddressFailsFromTheLoop) {
  asio::io_context io;
  tcp::acceptor listener(io, {asio::ip::make_address("127.0.0.1"), 0});
  // 192.0.2.1 (TEST-NET-1) is on no interface here: bind fails.
  TcpProbe probe(io, listener.local_endpoint(), asio::ip::make_address("192.0.2.1"));
  std::optional<ProbeResult> result;
  probe.start([&](const ProbeResult& r) { result = r; });
  EXPECT_FALSE(result.has_value()) << "never from inside start()";
  runUntil(io, result);
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(result->ok);
  EXPECT_EQ(result->detail, "Cannot assign requested address");
}

TEST(HealthTcpProbe, ACancelledProbeNeverReports) {
  asio::io_context io;
  tcp::acceptor listener(io, {asio::ip::make_address("127.0.0.1"), 0});
  TcpProbe probe(io, listener.local_endpoint());
  test::expectCancelledNeverReports(io, probe);
}

}  // namespace
}  // namespace redund::health
