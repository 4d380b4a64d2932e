// The HTTP probe against a real HTTP(S) server on loopback
// (tests/http_test_server.py): statuses, body checks, the Host header,
// TLS verification, source binding, and probes cancelled or destroyed
// while the server hangs.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

// Boost 1.74's Asio uses std::exchange without including <utility>.
#include <utility>
// clang-format off
#include <boost/asio/ip/tcp.hpp>
// clang-format on

#include "error.h"
#include "health/http_client.h"
#include "health/http_probe.h"
#include "http_test_server.h"
#include "probe_fixture.h"

namespace redund::health {
namespace {

namespace asio = boost::asio;

using test::runUntil;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class HealthHttpProbe : public ::testing::Test {
 protected:
  // One probe of `check`, run to its end.
  std::optional<ProbeResult> probeOnce(HttpCheck check) {
    HttpProbe probe(client_, std::move(check));
    std::optional<ProbeResult> result;
    probe.start([&](const ProbeResult& r) { result = r; });
    runUntil(io_, result);
    return result;
  }
  HttpCheck check(const std::string& path) const { return {.url = server_.url(path)}; }
  void expectOutcome(HttpCheck c, bool ok, const std::string& detail) {
    const auto result = probeOnce(std::move(c));
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->ok, ok) << result->detail;
    EXPECT_EQ(result->detail, detail);
  }

  // Starts `probe` on a request the server never answers, lets it send
  // the request, abandons it with `abandon` (cancel or destroy): nothing
  // may report, and the client must carry on.
  template <typename Abandon>
  void expectAbandonedHangNeverReports(HttpProbe& probe, Abandon abandon) {
    bool reported = false;
    probe.start([&](const ProbeResult&) { reported = true; });
    io_.run_for(std::chrono::milliseconds(300));  // connected, request sent, no answer
    io_.restart();
    EXPECT_FALSE(reported);
    abandon();
    io_.run_for(std::chrono::milliseconds(200));
    io_.restart();
    EXPECT_FALSE(reported);
    const auto result = probeOnce(check("/status/200"));
    ASSERT_TRUE(result.has_value());
    EXPECT_TRUE(result->ok) << result->detail;
  }

  // The client outlives the probes, the io_context the client.
  asio::io_context io_;
  HttpClient client_{io_};
  redund::test::HttpTestServer server_;
};

TEST_F(HealthHttpProbe, StatusOkIsUp) {
  const auto result = probeOnce(check("/status/200"));
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->ok) << result->detail;
  EXPECT_EQ(result->detail, "HTTP 200");
  EXPECT_GT(result->latency, Duration::zero());
}

TEST_F(HealthHttpProbe, ServiceUnavailableIsDown) {
  expectOutcome(check("/status/503"), false, "HTTP 503, expected 200");
}

TEST_F(HealthHttpProbe, TheExpectedStatusNeedNotBe200) {
  auto c = check("/status/503");
  c.expectedStatus = 503;
  expectOutcome(c, true, "HTTP 503");
}

TEST_F(HealthHttpProbe, RedirectsAreNotFollowed) {
  expectOutcome(check("/status/301"), false, "HTTP 301, expected 200");
}

TEST_F(HealthHttpProbe, ABodyWithTheSubstringIsUp) {
  auto c = check("/body/all-ok-here");
  c.bodyContains = "ok";
  expectOutcome(c, true, "HTTP 200");
}

TEST_F(HealthHttpProbe, ABodyWithoutTheSubstringIsDown) {
  auto c = check("/body/degraded");
  c.bodyContains = "ok";
  expectOutcome(c, false, "body lacks \"ok\"");
}

TEST_F(HealthHttpProbe, OnlyTheBodysFirst64KiBAreRead) {
  auto c = check("/big/marker");  // 1 MiB of filler first
  c.bodyContains = "marker";
  expectOutcome(c, false, "body lacks \"marker\"");
}

TEST_F(HealthHttpProbe, TheHostHeaderArrives) {
  auto c = check("/host");  // echoes the Host header
  c.host = "service.example";
  c.bodyContains = "service.example";
  const auto result = probeOnce(c);
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->ok) << result->detail;
}

TEST_F(HealthHttpProbe, AClosedPortIsRefused) {
  asio::ip::tcp::endpoint closed;
  {
    // A port that was free a moment ago, now with nobody listening.
    asio::ip::tcp::acceptor listener(io_, {asio::ip::make_address("127.0.0.1"), 0});
    closed = listener.local_endpoint();
  }
  const auto result = probeOnce({.url = "http://127.0.0.1:" + std::to_string(closed.port()) + "/"});
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(result->ok);
  EXPECT_TRUE(contains(result->detail, "Couldn't connect to server")) << result->detail;
}

TEST_F(HealthHttpProbe, OtherSchemesFailFromTheLoop) {
  HttpProbe probe(client_, {.url = "file:///etc/hostname"});
  std::optional<ProbeResult> result;
  probe.start([&](const ProbeResult& r) { result = r; });
  EXPECT_FALSE(result.has_value()) << "never from inside start()";
  runUntil(io_, result);
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(result->ok);
  EXPECT_TRUE(contains(result->detail, "file")) << result->detail;
}

TEST_F(HealthHttpProbe, ACancelledProbeNeverReports) {
  HttpProbe probe(client_, check("/hang"));
  test::expectCancelledNeverReports(io_, probe);
}

TEST_F(HealthHttpProbe, CancellingAHungRequestNeverReports) {
  HttpProbe probe(client_, check("/hang"));
  expectAbandonedHangNeverReports(probe, [&] { probe.cancel(); });
}

TEST_F(HealthHttpProbe, DestroyingARunningProbeIsSafe) {
  auto probe = std::make_unique<HttpProbe>(client_, check("/hang"));
  expectAbandonedHangNeverReports(*probe, [&] { probe.reset(); });
}

TEST_F(HealthHttpProbe, AProbeRunsAgain) {
  HttpProbe probe(client_, check("/status/200"));
  for (int round = 0; round < 3; ++round) {
    std::optional<ProbeResult> result;
    probe.start([&](const ProbeResult& r) { result = r; });
    runUntil(io_, result);
    ASSERT_TRUE(result.has_value());
    EXPECT_TRUE(result->ok) << result->detail;
  }
}

TEST_F(HealthHttpProbe, ManyProbesAtOnceAllComplete) {
  const std::vector<std::string> paths{"/status/200", "/status/503", "/body/fine",  "/status/200",
                                       "/status/404", "/host",       "/status/200", "/body/ok"};
  std::vector<std::unique_ptr<HttpProbe>> probes;
  std::vector<std::optional<ProbeResult>> results(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    probes.push_back(std::make_unique<HttpProbe>(client_, check(paths[i])));
    probes.back()->start([&results, i](const ProbeResult& r) { results[i] = r; });
  }
  // A hung one alongside does not hold the others up.
  HttpProbe hung(client_, check("/hang"));
  hung.start([](const ProbeResult&) { ADD_FAILURE() << "the hung probe reported"; });
  for (auto& result : results) {
    runUntil(io_, result);
  }
  for (std::size_t i = 0; i < paths.size(); ++i) {
    ASSERT_TRUE(results[i].has_value()) << paths[i];
    const bool want503 = paths[i] == "/status/503";
    const bool want404 = paths[i] == "/status/404";
    EXPECT_EQ(results[i]->ok, !want503 && !want404) << paths[i] << ": " << results[i]->detail;
  }
}

TEST_F(HealthHttpProbe, TheSourceAddressIsUsed) {
  auto c = check("/status/200");
  c.source = asio::ip::make_address("127.0.0.1");
  const auto result = probeOnce(c);
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->ok) << result->detail;
}

TEST_F(HealthHttpProbe, ASourceAddressNotOnTheHostFails) {
  auto c = check("/status/200");
  c.source = asio::ip::make_address("192.0.2.1");  // TEST-NET-1: on no interface here
  const auto result = probeOnce(c);
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(result->ok);
  EXPECT_TRUE(contains(result->detail, "Cannot assign requested address")) << result->detail;
}

TEST_F(HealthHttpProbe, TheInterfaceIsUsed) {
  if (geteuid() != 0) {
    GTEST_SKIP() << "SO_BINDTODEVICE needs root";
  }
  auto c = check("/status/200");
  c.interfaceName = "lo";
  const auto result = probeOnce(c);
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->ok) << result->detail;
}

TEST_F(HealthHttpProbe, AMissingInterfaceFails) {
  auto c = check("/status/200");
  c.interfaceName = "redund-none0";
  const auto result = probeOnce(c);
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(result->ok);
  EXPECT_TRUE(contains(result->detail, "redund-none0")) << result->detail;
}

TEST_F(HealthHttpProbe, SourceAndInterfaceTogetherAreRefused) {
  auto c = check("/status/200");
  c.source = asio::ip::make_address("127.0.0.1");
  c.interfaceName = "lo";
  EXPECT_THROW((HttpProbe{client_, c}), Error);
}

// HTTPS against a certificate made for this test and trusted by nobody.
class HealthHttpsProbe : public ::testing::Test {
 protected:
  std::optional<ProbeResult> probeOnce(bool verifyTls) {
    HttpProbe probe(client_, {.url = server_.url("/status/200"), .verifyTls = verifyTls});
    std::optional<ProbeResult> result;
    probe.start([&](const ProbeResult& r) { result = r; });
    runUntil(io_, result);
    return result;
  }

  redund::test::SelfSignedCertificate certificate_;
  asio::io_context io_;
  HttpClient client_{io_};
  redund::test::HttpTestServer server_{certificate_.tls()};
};

TEST_F(HealthHttpsProbe, ASelfSignedCertificateIsFineWithoutVerification) {
  const auto result = probeOnce(false);
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->ok) << result->detail;
  EXPECT_EQ(result->detail, "HTTP 200");
}

TEST_F(HealthHttpsProbe, ASelfSignedCertificateFailsVerification) {
  const auto result = probeOnce(true);
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(result->ok);
  EXPECT_TRUE(contains(result->detail, "certificate")) << result->detail;
}

}  // namespace
}  // namespace redund::health
