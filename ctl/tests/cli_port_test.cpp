#include <cerrno>
#include <utility>
#include <vector>

#include "cli_fixture.h"

namespace redund::test {
namespace {

using PortSetTest = CliTest;
using Calls = std::vector<std::pair<uint32_t, uint32_t>>;

TEST_F(PortSetTest, CallsTheApiWithDeviceAndPortIndexes) {
  const CliResult result = run({"port", "set", "r0", "eth2", "active"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(system_.setActiveCalls, (Calls{{7, 4}}));
}

TEST_F(PortSetTest, KeywordsMayBeAbbreviated) {
  EXPECT_EQ(run({"p", "s", "r0", "eth1", "active"}).status, 0);
  EXPECT_EQ(system_.setActiveCalls, (Calls{{7, 3}}));
}

TEST_F(PortSetTest, KernelErrorShowsExtackAndErrno) {
  system_.setActiveError = KernelError(ENETDOWN, "Port has no carrier");
  const CliResult result = run({"port", "set", "r0", "eth2", "active"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err, "redundctl: port set r0 eth2: Port has no carrier (Network is down)\n");
}

TEST_F(PortSetTest, KernelErrorWithoutExtack) {
  system_.setActiveError = KernelError(EPERM, "");
  const CliResult result = run({"port", "set", "r0", "eth2", "active"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err, "redundctl: port set r0 eth2: Operation not permitted\n");
}

TEST_F(PortSetTest, PortThatIsNotAPortOfTheDevice) {
  const CliResult result = run({"port", "set", "r0", "eth9", "active"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err, "redundctl: eth9 is not a port of r0\n");
  EXPECT_TRUE(system_.setActiveCalls.empty());
}

TEST_F(PortSetTest, PortThatDoesNotExist) {
  const CliResult result = run({"port", "set", "r0", "eth7", "active"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err, "redundctl: device eth7 does not exist\n");
  EXPECT_TRUE(system_.setActiveCalls.empty());
}

TEST_F(PortSetTest, DeviceThatDoesNotExist) {
  const CliResult result = run({"port", "set", "r5", "eth1", "active"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err, "redundctl: device r5 does not exist\n");
  EXPECT_TRUE(system_.setActiveCalls.empty());
}

TEST_F(PortSetTest, DeviceThatIsNotRedund) {
  const CliResult result = run({"port", "set", "eth9", "eth1", "active"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err.rfind("redundctl: eth9 is not a redund device: ", 0), 0U) << result.err;
  EXPECT_TRUE(system_.setActiveCalls.empty());
}

TEST_F(PortSetTest, UsageErrorsNeedNoKernel) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"port"},
           {"port", "frob"},
           {"port", "set"},
           {"port", "set", "r0"},
           {"port", "set", "r0", "eth1"},
           {"port", "set", "r0", "eth1", "passive"},
           {"port", "set", "r0", "eth1", "active", "now"},
       }) {
    const CliResult result = run(args);
    EXPECT_EQ(result.status, 2) << args.size();
    EXPECT_NE(result.err.find("Usage: redundctl"), std::string::npos);
  }
  EXPECT_EQ(run({"port", "set", "r0", "eth1", "passive"})
                .err.rfind("redundctl: port set: unknown argument \"passive\"\n", 0),
            0U);
  EXPECT_EQ(system_.apisCreated, 0);
  EXPECT_TRUE(system_.setActiveCalls.empty());
}

}  // namespace
}  // namespace redund::test
