// The Marker Responder's Slow Protocols rate limit (lacp/marker.h) against
// a peer that floods Marker PDUs.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "lacp_wire.h"

namespace redund::lacp::test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr Mac kFlooder = {0x02, 0, 0, 0, 0x0f, 0x0f};

Frame markerInfo(uint32_t transaction) {
  return encodeMarker(
      kFlooder, {.requesterPort = 7, .requesterSystem = kFlooder, .transactionId = transaction});
}

bool isMarker(const Frame& frame) { return std::holds_alternative<MarkerPdu>(decode(frame)); }

// The most frames `sent` (times, ascending) holds in any window of one
// second.
int mostInOneSecond(const std::vector<TimePoint>& sent) {
  int most = 0;
  for (auto first = sent.begin(); first != sent.end(); ++first) {
    const auto end = std::lower_bound(first, sent.end(), *first + seconds(1));
    most = std::max(most, static_cast<int>(end - first));
  }
  return most;
}

// Sends one Marker Information PDU to the port every `gap` for `duration`;
// returns how many.
uint32_t flood(Network& net, int node, uint32_t ifindex, Duration gap, Duration duration) {
  const TimePoint end = net.now() + duration;
  uint32_t sent = 0;
  while (net.now() < end) {
    net.inject(node, ifindex, markerInfo(sent++));
    net.runFor(gap);
  }
  return sent;
}

std::vector<TimePoint> transmitTimes(const Node& node, uint32_t ifindex, bool markers,
                                     bool lacpdus) {
  std::vector<TimePoint> times;
  for (const auto& [time, tx] : actionsOf<Transmit>(node)) {
    const bool marker = isMarker(tx.frame);
    if (tx.ifindex == ifindex && ((marker && markers) || (!marker && lacpdus))) {
      times.push_back(time);
    }
  }
  return times;
}

TEST(LacpMarker, AnswersAtMostSevenInAnySecondAndCountsTheRest) {
  Network net;
  const int a = net.add(deviceConfig(1));
  net.addLoose(a, portConfig(1));
  for (uint32_t i = 0; i < 100; ++i) {
    net.inject(a, 1, markerInfo(i));  // all at one instant
  }
  Counters counters = net.node(a).port(1).counters;
  EXPECT_EQ(counters.markerRx, 100U);
  EXPECT_EQ(counters.markerResponseTx, 7U);
  EXPECT_EQ(counters.markerRateLimited, 93U);

  net.runFor(milliseconds(999));
  net.inject(a, 1, markerInfo(100));
  EXPECT_EQ(net.node(a).port(1).counters.markerRateLimited, 94U) << "the window is not over";
  net.runFor(milliseconds(1));
  net.inject(a, 1, markerInfo(101));
  counters = net.node(a).port(1).counters;
  EXPECT_EQ(counters.markerResponseTx, 8U) << "one second after the first answer";
  EXPECT_EQ(counters.markerRateLimited, 94U);
}

TEST(LacpMarker, AnswersEveryMarkerBelowTheLimit) {
  Network net;
  const int a = net.add(deviceConfig(1));
  net.addLoose(a, portConfig(1));
  const uint32_t sent = flood(net, a, 1, milliseconds(150), seconds(10));  // 6.7 a second
  const Counters counters = net.node(a).port(1).counters;
  EXPECT_EQ(counters.markerResponseTx, sent);
  EXPECT_EQ(counters.markerRateLimited, 0U);
}

TEST(LacpMarker, AFloodNeverHoldsBackAnLacpduNorBreaksTheLimit) {
  Network net;
  const int a = net.add(deviceConfig(1));
  const int b = net.add(deviceConfig(2));
  net.connect(a, portConfig(1), b, portConfig(11));
  net.runFor(seconds(5));
  ASSERT_TRUE(net.node(a).forwarding(1));
  ASSERT_TRUE(net.node(b).forwarding(11));
  const std::size_t lacpdusBefore = net.node(a).sent(1).size();
  const TimePoint start = net.now();

  // 1,500 a second for 6 s, as the hostile peer in the guest did.
  const uint32_t sent = flood(net, a, 1, std::chrono::microseconds(667), seconds(6));

  const Node& node = net.node(a);
  const Counters counters = node.port(1).counters;
  EXPECT_EQ(counters.markerRx, sent);
  EXPECT_EQ(counters.markerResponseTx + counters.markerRateLimited, sent);
  EXPECT_LE(counters.markerResponseTx, 7U * 7U);
  EXPECT_GE(counters.markerResponseTx, 7U * 6U);
  EXPECT_LE(mostInOneSecond(transmitTimes(node, 1, true, true)), kMaxSlowProtocolsTxPerSecond);
  EXPECT_LE(mostInOneSecond(transmitTimes(node, 1, true, false)), kMaxMarkerResponsesPerSecond);

  // LACPDUs still go out every fast period, and the aggregate holds.
  const auto lacpdus = node.sent(1);
  ASSERT_GE(lacpdus.size(), lacpdusBefore + 5);
  TimePoint last = start;
  for (std::size_t i = lacpdusBefore; i < lacpdus.size(); ++i) {
    EXPECT_LE(lacpdus[i].first - last, kFastPeriodicTime + milliseconds(2));
    last = lacpdus[i].first;
  }
  EXPECT_TRUE(net.node(a).forwarding(1));
  EXPECT_TRUE(net.node(b).forwarding(11));
  EXPECT_FALSE(net.node(b).entered(11, Machine::kReceive, "expired", start));
}

TEST(LacpMarker, EachPortHasItsOwnLimit) {
  Network net;
  const int a = net.add(deviceConfig(1));
  net.addLoose(a, portConfig(1));
  net.addLoose(a, portConfig(2));
  for (uint32_t i = 0; i < 20; ++i) {
    net.inject(a, 1, markerInfo(i));
    net.inject(a, 2, markerInfo(i));
  }
  EXPECT_EQ(net.node(a).port(1).counters.markerResponseTx, 7U);
  EXPECT_EQ(net.node(a).port(2).counters.markerResponseTx, 7U);
}

TEST(LacpMarker, ResponsesAndDownPortsAreNotRateLimited) {
  Network net;
  const int a = net.add(deviceConfig(1));
  net.addLoose(a, portConfig(1));
  MarkerPdu response{.response = true, .requesterPort = 7, .requesterSystem = kFlooder};
  for (uint32_t i = 0; i < 20; ++i) {
    response.transactionId = i;
    net.inject(a, 1, encodeMarker(kFlooder, response));
  }
  net.setLink(a, 1, kDown);
  for (uint32_t i = 0; i < 20; ++i) {
    net.inject(a, 1, markerInfo(i));
  }
  const Counters counters = net.node(a).port(1).counters;
  EXPECT_EQ(counters.markerRx, 40U);
  EXPECT_EQ(counters.markerResponseTx, 0U);
  EXPECT_EQ(counters.markerRateLimited, 0U);
}

}  // namespace
}  // namespace redund::lacp::test
