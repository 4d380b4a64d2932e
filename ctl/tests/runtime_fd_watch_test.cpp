// FdWatch over a pipe, in a real io_context: a watch that returned false
// stays quiet until resume(), which reports what arrived meanwhile, and
// resume() while watching adds no second wait.
#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <memory>

#include <gtest/gtest.h>

#include "runtime/reactor.h"
#include "util/unique_fd.h"

namespace redund::runtime {
namespace {

class FdWatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::array<int, 2> fds{};
    ASSERT_EQ(::pipe2(fds.data(), O_NONBLOCK | O_CLOEXEC), 0);
    readEnd_.reset(fds[0]);
    writeEnd_.reset(fds[1]);
  }

  void write() { ASSERT_EQ(::write(writeEnd_.get(), "x", 1), 1); }

  // Reads what the pipe holds, as a reader must before it waits again.
  int drain() {
    int bytes = 0;
    std::array<char, 64> buffer{};
    for (ssize_t n; (n = ::read(readEnd_.get(), buffer.data(), buffer.size())) > 0;) {
      bytes += static_cast<int>(n);
    }
    return bytes;
  }

  // Runs what is ready now, and what that makes ready, without blocking.
  void runReady() {
    io_.restart();
    io_.run_for(std::chrono::milliseconds(20));
  }

  boost::asio::io_context io_;
  UniqueFd readEnd_;
  UniqueFd writeEnd_;
};

TEST_F(FdWatchTest, CallsBackEachTimeSomethingArrives) {
  int calls = 0;
  FdWatch watch(io_, readEnd_.get(), [&] {
    ++calls;
    drain();
    return true;
  });
  write();
  runReady();
  write();
  runReady();
  EXPECT_EQ(calls, 2);
}

TEST_F(FdWatchTest, PausedUntilResumed) {
  int calls = 0;
  bool keepWatching = false;
  FdWatch watch(io_, readEnd_.get(), [&] {
    ++calls;
    drain();
    return keepWatching;
  });
  write();
  runReady();
  ASSERT_EQ(calls, 1);

  write();
  runReady();
  EXPECT_EQ(calls, 1) << "a watch whose callback returned false still called back";

  keepWatching = true;
  watch.resume();
  watch.resume();  // while watching: no second wait
  runReady();
  EXPECT_EQ(calls, 2) << "what arrived while paused did not call back on resume()";
  write();
  runReady();
  EXPECT_EQ(calls, 3);
}

TEST_F(FdWatchTest, ResumedFromItsOwnCallbackKeepsWatching) {
  int calls = 0;
  FdWatch* self = nullptr;
  FdWatch watch(io_, readEnd_.get(), [&] {
    ++calls;
    drain();
    self->resume();
    return false;
  });
  self = &watch;
  write();
  runReady();
  write();
  runReady();
  EXPECT_EQ(calls, 2);
}

TEST_F(FdWatchTest, ADestroyedWatchCallsNothing) {
  int calls = 0;
  auto watch = std::make_unique<FdWatch>(io_, readEnd_.get(), [&] {
    ++calls;
    return false;
  });
  watch.reset();
  write();
  runReady();
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace redund::runtime
