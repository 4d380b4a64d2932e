#include <cerrno>
#include <string>
#include <utility>
#include <vector>

#include "cli_fixture.h"

namespace redund::test {
namespace {

using PortSetTest = CliTest;
using Calls = std::vector<std::pair<uint32_t, uint32_t>>;
using LacpCalls = std::vector<FakeSystem::LacpCall>;

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

TEST_F(PortSetTest, CollectingAndDistributingInOneRequest) {
  const CliResult result =
      run({"port", "set", "r0", "eth2", "collecting", "on", "distributing", "off"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(system_.setLacpCalls, (LacpCalls{{7, 4, {.collecting = true, .distributing = false}}}));
  EXPECT_TRUE(system_.setActiveCalls.empty());
}

TEST_F(PortSetTest, CollectingOrDistributingAlone) {
  EXPECT_EQ(run({"port", "set", "r0", "eth1", "distributing", "on"}).status, 0);
  EXPECT_EQ(run({"p", "s", "r0", "eth1", "collecting", "off"}).status, 0);
  EXPECT_EQ(run({"port", "set", "r0", "eth1", "distributing", "off", "collecting", "on"}).status,
            0);
  EXPECT_EQ(system_.setLacpCalls, (LacpCalls{{7, 3, {.distributing = true}},
                                             {7, 3, {.collecting = false}},
                                             {7, 3, {.collecting = true, .distributing = false}}}));
}

TEST_F(PortSetTest, LacpKernelErrorShowsExtackAndErrno) {
  system_.setLacpError = KernelError(EOPNOTSUPP, "Collecting and distributing need lacp mode");
  const CliResult result = run({"port", "set", "r0", "eth2", "collecting", "on"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err,
            "redundctl: port set r0 eth2: Collecting and distributing need lacp mode (Operation "
            "not supported)\n");
}

TEST_F(PortSetTest, LacpOnAPortOfAnotherDevice) {
  const CliResult result = run({"port", "set", "r0", "eth9", "distributing", "on"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err, "redundctl: eth9 is not a port of r0\n");
  EXPECT_TRUE(system_.setLacpCalls.empty());
}

TEST_F(PortSetTest, BadValuesListTheValidOnes) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"port", "set", "r0", "eth1", "collecting", "yes"},
       "port set: invalid collecting \"yes\" (expected on or off)"},
      {{"port", "set", "r0", "eth1", "distributing", "1"},
       "port set: invalid distributing \"1\" (expected on or off)"},
      {{"port", "set", "r0", "eth1", "collecting"},
       "port set: \"collecting\" needs a value (expected on or off)"},
      {{"port", "set", "r0", "eth1", "collecting", "on", "distributing"},
       "port set: \"distributing\" needs a value (expected on or off)"},
      {{"port", "set", "r0", "eth1", "active", "collecting", "on"},
       "port set: \"active\" does not combine with collecting or distributing"},
      {{"port", "set", "r0", "eth1", "distributing", "off", "active"},
       "port set: \"active\" does not combine with collecting or distributing"},
      {{"port", "set", "r0", "eth1", "collecting", "on", "collecting", "off"},
       "port set: \"collecting\" given twice"},
      {{"port", "set", "r0", "eth1"},
       "port set: nothing to change (expected active, collecting or distributing)"},
  };
  for (const auto& [args, message] : cases) {
    const CliResult result = run(args);
    EXPECT_EQ(result.status, 2) << message;
    EXPECT_EQ(result.err.rfind("redundctl: " + message + "\n\nUsage: redundctl", 0), 0U)
        << result.err;
  }
  EXPECT_EQ(system_.apisCreated, 0);
  EXPECT_TRUE(system_.setLacpCalls.empty());
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
