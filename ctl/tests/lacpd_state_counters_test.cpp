// The per-port LACP counters in the state file the daemon writes (and
// `show -j` merges).
#include <gtest/gtest.h>

#include "lacpd/state.h"

namespace redund::lacpd {
namespace {

TEST(DaemonState, WritesEveryPortCounter) {
  lacp::DeviceStatus status;
  lacp::PortStatus port;
  port.ifindex = 3;
  port.counters = {.lacpduRx = 1,
                   .lacpduTx = 2,
                   .markerRx = 30,
                   .markerResponseTx = 7,
                   .markerRateLimited = 23,
                   .malformedRx = 4,
                   .unknownRx = 5,
                   .actorChurn = 6,
                   .partnerChurn = 8};
  status.ports.push_back(port);
  const Json counters = statusJson("r0", 42, status)["ports"][0]["counters"];
  EXPECT_EQ(counters["lacpdu_rx"], 1);
  EXPECT_EQ(counters["lacpdu_tx"], 2);
  EXPECT_EQ(counters["marker_rx"], 30);
  EXPECT_EQ(counters["marker_response_tx"], 7);
  EXPECT_EQ(counters["marker_rate_limited"], 23);
  EXPECT_EQ(counters["malformed_rx"], 4);
  EXPECT_EQ(counters["unknown_rx"], 5);
  EXPECT_EQ(counters["actor_churn"], 6);
  EXPECT_EQ(counters["partner_churn"], 8);
  EXPECT_EQ(counters.size(), 9U);
}

}  // namespace
}  // namespace redund::lacpd
