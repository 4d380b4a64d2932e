#include <cerrno>
#include <string>
#include <utility>
#include <vector>

#include "cli_fixture.h"

namespace redund::test {
namespace {

using DevSetTest = CliTest;
using Calls = std::vector<std::pair<uint32_t, DeviceSettings>>;

TEST_F(DevSetTest, EveryKeywordInOneRequest) {
  const CliResult result =
      run({"dev", "set", "r0", "mode", "balance", "hash", "l3+4", "min-links", "2"});
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(system_.setDeviceCalls,
            (Calls{{7, {.mode = Mode::kBalance, .hash = Hash::kL34, .minLinks = 2}}}));
}

TEST_F(DevSetTest, OneKeywordLeavesTheOthersUnset) {
  EXPECT_EQ(run({"dev", "set", "r0", "min-links", "0"}).status, 0);
  EXPECT_EQ(run({"d", "s", "r0", "hash", "encap2+3"}).status, 0);
  EXPECT_EQ(run({"dev", "set", "r0", "mode", "lacp"}).status, 0);
  EXPECT_EQ(
      system_.setDeviceCalls,
      (Calls{{7, {.minLinks = 0}}, {7, {.hash = Hash::kEncap23}}, {7, {.mode = Mode::kLacp}}}));
}

TEST_F(DevSetTest, EveryModeAndHashByItsName) {
  const std::vector<std::pair<std::string, Mode>> modes = {
      {"active-backup", Mode::kActiveBackup}, {"balance", Mode::kBalance}, {"lacp", Mode::kLacp}};
  for (const auto& [name, mode] : modes) {
    system_.setDeviceCalls.clear();
    EXPECT_EQ(run({"dev", "set", "r0", "mode", name}).status, 0) << name;
    EXPECT_EQ(system_.setDeviceCalls, (Calls{{7, {.mode = mode}}})) << name;
  }
  const std::vector<std::pair<std::string, Hash>> hashes = {{"l2", Hash::kL2},
                                                            {"l2+3", Hash::kL23},
                                                            {"l3+4", Hash::kL34},
                                                            {"encap2+3", Hash::kEncap23},
                                                            {"encap3+4", Hash::kEncap34}};
  for (const auto& [name, hash] : hashes) {
    system_.setDeviceCalls.clear();
    EXPECT_EQ(run({"dev", "set", "r0", "hash", name}).status, 0) << name;
    EXPECT_EQ(system_.setDeviceCalls, (Calls{{7, {.hash = hash}}})) << name;
  }
}

TEST_F(DevSetTest, KernelErrorShowsExtackAndErrno) {
  system_.setDeviceError = KernelError(EBUSY, "Mode can only change while the device has no ports");
  const CliResult result = run({"dev", "set", "r0", "mode", "balance"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err,
            "redundctl: dev set r0: Mode can only change while the device has no ports (Device or "
            "resource busy)\n");
}

TEST_F(DevSetTest, DeviceThatDoesNotExist) {
  const CliResult result = run({"dev", "set", "r5", "hash", "l2"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err, "redundctl: device r5 does not exist\n");
  EXPECT_TRUE(system_.setDeviceCalls.empty());
}

TEST_F(DevSetTest, DeviceThatIsNotRedund) {
  const CliResult result = run({"dev", "set", "eth9", "hash", "l2"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err.rfind("redundctl: eth9 is not a redund device: ", 0), 0U) << result.err;
  EXPECT_TRUE(system_.setDeviceCalls.empty());
}

TEST_F(DevSetTest, BadValuesListTheValidOnes) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"dev", "set", "r0", "mode", "round-robin"},
       "dev set: invalid mode \"round-robin\" (expected active-backup, balance or lacp)"},
      {{"dev", "set", "r0", "mode"},
       "dev set: \"mode\" needs a value (expected active-backup, balance or lacp)"},
      {{"dev", "set", "r0", "hash", "layer3+4"},
       "dev set: invalid hash \"layer3+4\" (expected l2, l2+3, l3+4, encap2+3 or encap3+4)"},
      {{"dev", "set", "r0", "hash", "L2"},
       "dev set: invalid hash \"L2\" (expected l2, l2+3, l3+4, encap2+3 or encap3+4)"},
      {{"dev", "set", "r0", "min-links", "17"},
       "dev set: invalid min-links \"17\" (expected 0 to 16)"},
      {{"dev", "set", "r0", "min-links", "+1"},
       "dev set: invalid min-links \"+1\" (expected 0 to 16)"},
      {{"dev", "set", "r0", "min-links", "2x"},
       "dev set: invalid min-links \"2x\" (expected 0 to 16)"},
      {{"dev", "set", "r0", "min-links", "99999999999"},
       "dev set: invalid min-links \"99999999999\" (expected 0 to 16)"},
      {{"dev", "set", "r0", "min-links"},
       "dev set: \"min-links\" needs a value (expected 0 to 16)"},
  };
  for (const auto& [args, message] : cases) {
    const CliResult result = run(args);
    EXPECT_EQ(result.status, 2) << message;
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err.rfind("redundctl: " + message + "\n\nUsage: redundctl", 0), 0U)
        << result.err;
  }
  EXPECT_EQ(system_.apisCreated, 0);
}

TEST_F(DevSetTest, UsageErrorsNeedNoKernel) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"dev"}, "dev: missing command (expected \"set\")"},
      {{"dev", "show"}, "dev: unknown command \"show\""},
      {{"dev", "set"}, "dev set: missing DEV"},
      {{"dev", "set", "r0"}, "dev set: nothing to change (expected mode, hash or min-links)"},
      {{"dev", "set", "r0", "speed", "10"}, "dev set: unknown argument \"speed\""},
      {{"dev", "set", "r0", "mo", "lacp"}, "dev set: unknown argument \"mo\""},
      {{"dev", "set", "r0", "hash", "l2", "hash", "l2+3"}, "dev set: \"hash\" given twice"},
  };
  for (const auto& [args, message] : cases) {
    const CliResult result = run(args);
    EXPECT_EQ(result.status, 2) << message;
    EXPECT_EQ(result.err.rfind("redundctl: " + message + "\n\nUsage: redundctl", 0), 0U)
        << result.err;
  }
  EXPECT_EQ(system_.apisCreated, 0);
  EXPECT_TRUE(system_.setDeviceCalls.empty());
}

}  // namespace
}  // namespace redund::test
