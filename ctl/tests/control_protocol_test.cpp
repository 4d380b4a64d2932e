#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "cli/errors.h"
#include "cli/status.h"
#include "control/protocol.h"
#include "error.h"

namespace redund::control {
namespace {

Reply sampleReply() {
  Reply reply{.ok = false,
              .errors = {"redund.conf:3:8: invalid rate \"medium\" (expected fast or slow)"},
              .daemon = DaemonInfo{.pid = 42,
                                   .configFile = "/etc/redund/redund.conf",
                                   .startedAt = 1000,
                                   .reloads = 2,
                                   .lastReloadAt = 1500,
                                   .lastReloadErrors = {"one"}},
              .services = Json::object()};
  reply.services["vrrp"] =
      Json::array({{{"device", "r0"},
                    {"family", "inet"},
                    {"routers", Json::array({{{"vrid", 5},
                                              {"state", "master"},
                                              {"priority", 150},
                                              {"effective_priority", 130},
                                              {"master_address", "10.0.0.1"}}})},
                    {"failed", Json::array()},
                    {"unclaimed_drops", {{"wrong_vrid", 3}, {"truncated", 0}}}}});
  reply.services["checks"] = Json::array({{{"name", "web"},
                                           {"kind", "http"},
                                           {"target", "http://x/"},
                                           {"state", "up"},
                                           {"last", {{"detail", "HTTP 200"}}}}});
  return reply;
}

TEST(ControlProtocolTest, RequestsAndRepliesRoundTrip) {
  for (const Command command : {Command::kStatus, Command::kReload, Command::kMonitor}) {
    const std::string line = encode(Request{.command = command});
    EXPECT_EQ(line.back(), '\n');
    EXPECT_EQ(decodeRequest(line).command, command);
  }
  const Reply reply = sampleReply();
  EXPECT_EQ(decodeReply(encode(reply)), reply);
  EXPECT_EQ(decodeReply(encode(Reply{})), Reply{});
}

TEST(ControlProtocolTest, NoticesRoundTrip) {
  const runtime::Notice notice{.kind = "check",
                               .object = "web",
                               .from = "up",
                               .to = "down",
                               .detail = "HTTP 503, expected 200"};
  const std::string line = encode(notice);
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(decodeNotice(line), notice);
  EXPECT_EQ(decodeNotice(encode(runtime::Notice{})), runtime::Notice{});
  EXPECT_THROW(decodeNotice(R"({"ok": true, "errors": []})"), Error);
  EXPECT_THROW(decodeNotice(R"({"notice": {"kind": "vrrp"}})"), Error);
  EXPECT_THROW(decodeNotice(R"({"notice": 5})"), Error);
}

TEST(ControlProtocolTest, MalformedLinesAreErrors) {
  EXPECT_THROW(decodeRequest("not json"), Error);
  EXPECT_THROW(decodeRequest("[1]"), Error);
  EXPECT_THROW(decodeRequest(R"({"command": "frob"})"), Error);
  EXPECT_THROW(decodeRequest(R"({"cmd": "status"})"), Error);
  EXPECT_THROW(decodeReply(R"({"ok": "yes", "errors": []})"), Error);
  EXPECT_THROW(decodeReply(R"({"ok": true, "errors": [], "daemon": {"pid": 1}})"), Error);
}

TEST(ControlProtocolTest, StatusTextSaysWhatRuns) {
  std::ostringstream out;
  cli::printStatus(sampleReply(), {}, out, 1620);
  EXPECT_EQ(out.str(),
            "redundd pid 42, /etc/redund/redund.conf, up 10m, 2 reloads, last 2m ago: 1 error\n"
            "  one\n"
            "vrrp r0 inet:\n"
            "  vrid 5: master, priority 130 (configured 150), master 10.0.0.1\n"
            "  adverts for no router here: 3, too short 0\n"
            "check web: up (http http://x/, last: HTTP 200)\n");
}

TEST(ControlProtocolTest, StatusJsonHasTheDaemonAndItsServices) {
  std::ostringstream out;
  cli::printStatus(sampleReply(), {.json = true}, out, 1620);
  const Json json = Json::parse(out.str());
  EXPECT_EQ(json.at("daemon").at("pid"), 42);
  EXPECT_EQ(json.at("daemon").at("last_reload_errors").size(), 1U);
  EXPECT_EQ(json.at("services").at("vrrp").at(0).at("routers").at(0).at("state"), "master");
}

TEST(ControlProtocolTest, ReloadErrorsBecomeTheCommandsError) {
  std::ostringstream out;
  const cli::AskDaemon refuses = [](const Request& request) {
    EXPECT_EQ(request.command, Command::kReload);
    return sampleReply();
  };
  try {
    cli::runReload(refuses, {}, out);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(
        std::string(e.what()),
        "reload: 1 error\n  redund.conf:3:8: invalid rate \"medium\" (expected fast or slow)");
  }
  const cli::AskDaemon accepts = [](const Request&) { return Reply{}; };
  cli::runReload(accepts, {}, out);
  EXPECT_EQ(out.str(), "reloaded\n");
  EXPECT_THROW(cli::parseStatus(std::vector<std::string>{"x"}, "status"), cli::UsageError);
}

}  // namespace
}  // namespace redund::control
