// redundd's control socket end to end: the server in an io_context of its
// own thread, the client blocking, on an abstract name of the test's own.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <sstream>
#include <string>
#include <thread>
#include <utility>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <gtest/gtest.h>

#include "control/client.h"
#include "control/server.h"

namespace redund::control {
namespace {

using namespace std::chrono_literals;

class ControlSocketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.emplace(
        io_,
        [this](const Request& request, const Server::Respond& respond) {
          ++requests_;
          Reply reply;
          reply.services = {{"command", std::string(commandName(request.command))}};
          if (notUtf8_) {
            reply.services["name"] = "r\xff";
          }
          // A reload's answer waits for the next request: the server
          // must not wait for it.
          if (request.command == Command::kReload && deferReload_) {
            deferred_ = [respond, reply] { respond(reply); };
            return;
          }
          respond(reply);
          if (deferred_) {
            std::exchange(deferred_, nullptr)();
          }
        },
        log_, name_);
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    // The server belongs to the loop's thread: destroyed there.
    std::promise<void> done;
    boost::asio::post(io_, [&] {
      server_.reset();
      done.set_value();
    });
    done.get_future().wait();
    work_.reset();
    io_.stop();
    thread_.join();
  }

  void publish(const runtime::Notice& notice) {
    std::promise<void> done;
    boost::asio::post(io_, [&] {
      server_->publish(notice);
      done.set_value();
    });
    done.get_future().wait();
  }

  // Reads notices until `count` arrived or 10 s passed.
  static std::vector<runtime::Notice> readNotices(Subscription& sub, std::size_t count) {
    std::vector<runtime::Notice> notices;
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (notices.size() < count && std::chrono::steady_clock::now() < deadline) {
      const auto got = sub.read();
      if (!got) {
        break;
      }
      notices.insert(notices.end(), got->begin(), got->end());
      std::this_thread::sleep_for(1ms);
    }
    return notices;
  }

  const std::string name_ = "redund/test-" + std::to_string(getpid());
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      io_.get_executor()};
  std::ostringstream log_;
  std::optional<Server> server_;
  std::thread thread_;
  std::atomic<int> requests_{0};
  std::atomic<bool> deferReload_{false};
  std::atomic<bool> notUtf8_{false};
  std::function<void()> deferred_;  // the loop's
};

TEST_F(ControlSocketTest, AskGetsTheHandlersReply) {
  const Reply reply = ask({.command = Command::kReload}, 10s, name_);
  EXPECT_TRUE(reply.ok);
  EXPECT_EQ(reply.services.at("command"), "reload");
  EXPECT_EQ(requests_, 1);
}

TEST_F(ControlSocketTest, AnAnswerMayComeLaterAndOthersAreAnsweredMeanwhile) {
  deferReload_ = true;
  auto reload = std::async(std::launch::async,
                           [this] { return ask({.command = Command::kReload}, 10s, name_); });
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (requests_ < 1 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  ASSERT_EQ(requests_, 1);
  EXPECT_EQ(reload.wait_for(50ms), std::future_status::timeout) << "answered before responding";
  const Reply status = ask({.command = Command::kStatus}, 10s, name_);
  EXPECT_EQ(status.services.at("command"), "status");
  const Reply reloaded = reload.get();
  EXPECT_TRUE(reloaded.ok);
  EXPECT_EQ(reloaded.services.at("command"), "reload");
}

TEST_F(ControlSocketTest, AReplyThatCannotBeEncodedSaysSo) {
  notUtf8_ = true;
  const Reply reply = ask({}, 10s, name_);
  EXPECT_FALSE(reply.ok);
  ASSERT_EQ(reply.errors.size(), 1U);
  EXPECT_NE(reply.errors[0].find("cannot encode the reply"), std::string::npos) << reply.errors[0];
}

TEST_F(ControlSocketTest, NoDaemonOnAnotherName) {
  EXPECT_THROW(ask({}, 1s, name_ + "-nobody"), NoDaemon);
  EXPECT_THROW(subscribe(1s, name_ + "-nobody"), NoDaemon);
}

TEST_F(ControlSocketTest, SubscribersGetEveryNoticeInOrder) {
  Subscription first = subscribe(10s, name_);
  Subscription second = subscribe(10s, name_);
  const runtime::Notice a{
      .kind = "vrrp", .object = "r1 vrid 5 inet", .from = "backup", .to = "master"};
  const runtime::Notice b{.kind = "reload",
                          .object = "/etc/redund/redund.conf",
                          .to = "refused",
                          .detail = "redund.conf:3:1: unknown key"};
  publish(a);
  publish(b);
  EXPECT_EQ(readNotices(first, 2), (std::vector<runtime::Notice>{a, b}));
  EXPECT_EQ(readNotices(second, 2), (std::vector<runtime::Notice>{a, b}));
  EXPECT_EQ(requests_, 0) << "monitor is the server's, not the handler's";
}

TEST_F(ControlSocketTest, AGoneSubscriberIsDroppedOthersGoOn) {
  std::optional<Subscription> gone = subscribe(10s, name_);
  Subscription stays = subscribe(10s, name_);
  gone.reset();
  for (int i = 0; i < 50; ++i) {
    publish({.kind = "check", .object = "web", .from = "up", .to = "down"});
  }
  EXPECT_EQ(readNotices(stays, 50).size(), 50U);
  // Status still answers beside the stream.
  EXPECT_TRUE(ask({}, 10s, name_).ok);
}

TEST_F(ControlSocketTest, TheStreamEndsWhenTheDaemonStops) {
  Subscription sub = subscribe(10s, name_);
  publish(
      {.kind = "lacp", .object = "r0 hv0", .from = "attached", .to = "collecting_distributing"});
  EXPECT_EQ(readNotices(sub, 1).size(), 1U);
  std::promise<void> done;
  boost::asio::post(io_, [&] {
    server_.reset();
    done.set_value();
  });
  done.get_future().wait();
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  std::optional<std::vector<runtime::Notice>> got = std::vector<runtime::Notice>{};
  while (got && std::chrono::steady_clock::now() < deadline) {
    got = sub.read();
    std::this_thread::sleep_for(1ms);
  }
  EXPECT_FALSE(got) << "read() says the stream ended";
}

}  // namespace
}  // namespace redund::control
