#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/file.h"
#include "error.h"
#include "fake_api.h"
#include "redundd/daemon.h"
#include "runtime/kernel_events.h"
#include "runtime/reactor.h"

namespace redund::redundd {
namespace {

// The host's links as rtnetlink would show them, over a FakeSystem: a
// created redund device appears in both.
class FakeLinks final : public LinkControl {
 public:
  explicit FakeLinks(test::FakeSystem& system) : system_(system) {}

  std::optional<LinkInfo> link(const std::string& name) override {
    const auto it = links.find(name);
    return it == links.end() ? std::nullopt : std::optional<LinkInfo>(it->second);
  }
  void create(const std::string& name, const std::string& kind) override {
    calls.push_back("create " + name + " " + kind);
    const uint32_t ifindex = nextIfindex_++;
    links[name] = {.ifindex = ifindex, .name = name, .kind = kind};
    system_.interfaces[name] = ifindex;
    system_.devices.push_back({.ifindex = ifindex, .ifname = name});
  }
  void setMaster(uint32_t ifindex, uint32_t master) override {
    if (refuseMaster) {
      throw KernelError(EBUSY, "Device is busy");
    }
    calls.push_back("master " + nameOf(ifindex) + " " + (master == 0 ? "none" : nameOf(master)));
    links[nameOf(ifindex)].master = master;
  }
  void setUp(uint32_t ifindex) override {
    calls.push_back("up " + nameOf(ifindex));
    links[nameOf(ifindex)].up = true;
  }

  std::string nameOf(uint32_t ifindex) const {
    for (const auto& [name, info] : links) {
      if (info.ifindex == ifindex) {
        return name;
      }
    }
    return "?";
  }

  std::map<std::string, LinkInfo> links{
      {"eth5", {.ifindex = 15, .name = "eth5", .kind = "veth"}},
      {"eth6", {.ifindex = 16, .name = "eth6", .kind = "veth"}},
      {"br0", {.ifindex = 20, .name = "br0", .kind = "bridge", .up = true}},
  };
  std::vector<std::string> calls;
  bool refuseMaster = false;

 private:
  test::FakeSystem& system_;
  uint32_t nextIfindex_ = 30;
};

class RedunddDaemonTest : public ::testing::Test {
 protected:
  std::vector<std::string> apply(const std::string& text) {
    return daemon_.apply(config::parseConfig(text, "redund.conf"));
  }

  // The status as the control socket gets it: its steps run by the loop.
  runtime::Json status() {
    std::optional<runtime::Json> status;
    daemon_.statusInSteps([&](runtime::Json built) { status = std::move(built); },
                          [](const std::string& error) { ADD_FAILURE() << error; });
    reactor_.io().restart();
    reactor_.io().poll();
    EXPECT_TRUE(status.has_value()) << "the loop ran every step, and no status came";
    return status.value_or(runtime::Json());
  }

  test::FakeSystem system_{};
  test::FakeApi api_{system_};
  FakeLinks links_{system_};
  std::ostringstream log_;
  runtime::Reactor reactor_;
  runtime::KernelEvents events_{reactor_, api_, log_, [] {}};
  Daemon daemon_{reactor_, api_, events_, links_, log_};
};

TEST_F(RedunddDaemonTest, CreatesTheDeviceSetsItUpAndEnslavesItsPorts) {
  EXPECT_EQ(apply(R"([device.r5]
mode = "balance"
hash = "l3+4"
ports = ["eth5", "eth6"]
)"),
            std::vector<std::string>{});
  EXPECT_EQ(links_.calls, (std::vector<std::string>{"create r5 redund", "master eth5 r5",
                                                    "master eth6 r5", "up r5"}));
  ASSERT_EQ(system_.setDeviceCalls.size(), 1U);
  EXPECT_EQ(system_.setDeviceCalls[0].second,
            (DeviceSettings{.mode = Mode::kBalance, .hash = Hash::kL34}));

  // The same file again: nothing to do.
  links_.calls.clear();
  system_.setDeviceCalls.clear();
  system_.devices.back().mode = Mode::kBalance;
  system_.devices.back().hash = Hash::kL34;
  EXPECT_EQ(apply(R"([device.r5]
mode = "balance"
hash = "l3+4"
ports = ["eth5", "eth6"]
)"),
            std::vector<std::string>{});
  EXPECT_EQ(links_.calls, std::vector<std::string>{});
  EXPECT_EQ(system_.setDeviceCalls.size(), 0U);

  // eth6 dropped from the file: released; eth5 stays.
  EXPECT_EQ(apply(R"([device.r5]
mode = "balance"
hash = "l3+4"
ports = ["eth5"]
)"),
            std::vector<std::string>{});
  EXPECT_EQ(links_.calls, std::vector<std::string>{"master eth6 none"});
}

TEST_F(RedunddDaemonTest, FailuresAreListedAndTheRestIsApplied) {
  const auto failures = apply(R"([device.br0]
ports = ["eth5"]
[device.r6]
ports = ["nosuch0", "eth6"]
)");
  ASSERT_EQ(failures.size(), 2U);
  EXPECT_EQ(failures[0], "device br0: is a bridge device, not a redund device");
  EXPECT_EQ(failures[1], "device r6: port nosuch0: does not exist");
  EXPECT_EQ(links_.calls,
            (std::vector<std::string>{"create r6 redund", "master eth6 r6", "up r6"}));
  EXPECT_NE(log_.str().find("device r6: port nosuch0: does not exist"), std::string::npos);
}

TEST_F(RedunddDaemonTest, TheKernelsRefusalIsTheFailure) {
  links_.refuseMaster = true;
  const auto failures = apply("[device.r7]\nports = [\"eth5\"]\n");
  ASSERT_EQ(failures.size(), 1U);
  EXPECT_EQ(failures[0].rfind("device r7: port eth5: Device is busy", 0), 0U) << failures[0];
}

TEST_F(RedunddDaemonTest, StaticGatewaysFollowTheFile) {
  const std::string withGateway = R"([device.r5]
[[device.r5.gateway]]
vrid = 20
address = ["10.1.0.254"]
state = "active"
)";
  EXPECT_EQ(apply(withGateway), std::vector<std::string>{});
  ASSERT_EQ(system_.gatewayCalls.size(), 1U);
  EXPECT_EQ(system_.gatewayCalls[0].op, "add");
  EXPECT_EQ(system_.gatewayCalls[0].key.vrid, 20);
  EXPECT_EQ(system_.gatewayCalls[0].settings.state, GatewayState::kActive);

  EXPECT_EQ(apply(withGateway), std::vector<std::string>{});
  EXPECT_EQ(system_.gatewayCalls.size(), 1U);  // unchanged: untouched

  EXPECT_EQ(apply("[device.r5]\n"), std::vector<std::string>{});
  ASSERT_EQ(system_.gatewayCalls.size(), 2U);
  EXPECT_EQ(system_.gatewayCalls[1].op, "del");
  EXPECT_EQ(status().at("gateways").size(), 0U);
}

TEST_F(RedunddDaemonTest, StatusListsEveryKindOfService) {
  EXPECT_EQ(apply(R"([device.r5]
[[device.r5.gateway]]
vrid = 20
address = ["10.1.0.254"]
)"),
            std::vector<std::string>{});
  const runtime::Json status = this->status();
  EXPECT_EQ(status.at("lacp"), runtime::Json::array());
  EXPECT_EQ(status.at("vrrp"), runtime::Json::array());
  EXPECT_TRUE(status.at("checks").is_array());
  ASSERT_EQ(status.at("gateways").size(), 1U);
  EXPECT_EQ(status.at("gateways")[0].at("vrid"), 20);
  EXPECT_EQ(status.at("gateways")[0].at("device"), "r5");
}

}  // namespace
}  // namespace redund::redundd
