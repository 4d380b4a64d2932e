// The ICMP probe against the real stack on loopback (raw sockets: the
// tests run as root, as the controller does).
#include <unistd.h>

#include <chrono>
#include <optional>

#include <gtest/gtest.h>

#include "health/icmp_probe.h"
#include "probe_fixture.h"

namespace redund::health {
namespace {

namespace asio = boost::asio;

using test::runUntil;

std::optional<ProbeResult> probeOnce(const char* target, const char* source = nullptr) {
  asio::io_context io;
  std::optional<asio::ip::address> from;
  if (source != nullptr) {
    from = asio::ip::make_address(source);
  }
  IcmpProbe probe(io, asio::ip::make_address(target), from);
  std::optional<ProbeResult> result;
  probe.start([&](const ProbeResult& r) { result = r; });
  runUntil(io, result);
  return result;
}

class HealthIcmpProbe : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) {
      GTEST_SKIP() << "raw ICMP sockets need root";
    }
  }
};

TEST_F(HealthIcmpProbe, LoopbackAnswers) {
  const auto result = probeOnce("127.0.0.1");
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->ok) << result->detail;
  EXPECT_EQ(result->detail, "echo reply");
  EXPECT_GT(result->latency, Duration::zero());
}

TEST_F(HealthIcmpProbe, LoopbackAnswersIpv6) {
  const auto result = probeOnce("::1");
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->ok) << result->detail;
}

TEST_F(HealthIcmpProbe, ABadSourceAddressFails) {
  const auto result = probeOnce("127.0.0.1", "192.0.2.1");
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(result->ok);
  EXPECT_EQ(result->detail, "Cannot assign requested address");
}

TEST_F(HealthIcmpProbe, ACancelledProbeNeverReports) {
  asio::io_context io;
  IcmpProbe probe(io, asio::ip::make_address("127.0.0.1"));
  test::expectCancelledNeverReports(io, probe);
}

}  // namespace
}  // namespace redund::health
