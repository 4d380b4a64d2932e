#include "health/http_client.h"

#include <poll.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>

// clang-format off
#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
// clang-format on

#include "error.h"
#include "health/curl_handles.h"

namespace redund::health {
namespace {

namespace asio = boost::asio;
using Descriptor = asio::posix::stream_descriptor;

enum class Direction : uint8_t { kRead, kWrite };
constexpr std::array kDirections{Direction::kRead, Direction::kWrite};

// One socket curl asked us to watch. curl owns the descriptor: it is
// released, never closed, when curl says it is done with it.
struct Watch {
  explicit Watch(asio::io_context& io) : descriptor(io) {}

  bool wants(Direction d) const {
    return (wanted & (d == Direction::kRead ? CURL_POLL_IN : CURL_POLL_OUT)) != 0;
  }
  bool& waiting(Direction d) { return d == Direction::kRead ? waitingRead : waitingWrite; }

  Descriptor descriptor;
  curl_socket_t fd = CURL_SOCKET_BAD;
  int wanted = CURL_POLL_NONE;  // CURL_POLL_IN / CURL_POLL_OUT bits
  bool waitingRead = false;     // a wait or a posted readiness is pending
  bool waitingWrite = false;
  bool released = false;  // curl is done with it; pending handlers do nothing
};

// Asio's epoll reactor is edge-triggered and async_wait never checks the
// descriptor first, so readiness that arrived while nothing waited (curl
// left data in the socket, say) would be lost. poll() makes it level-
// triggered, as curl expects.
bool readyNow(curl_socket_t fd, Direction d) {
  const auto events = static_cast<short>(d == Direction::kRead ? POLLIN : POLLOUT);
  pollfd entry{.fd = fd, .events = events, .revents = 0};
  return ::poll(&entry, 1, 0) > 0 && entry.revents != 0;
}

void initCurlOnce() {
  // Not thread-safe in older libcurls; the controller calls it from its
  // one thread.
  static const CURLcode kInit = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (kInit != CURLE_OK) {
    throw Error(std::string("http: curl_global_init: ") + curl_easy_strerror(kInit));
  }
}

}  // namespace

struct HttpClient::Core : std::enable_shared_from_this<Core> {
  explicit Core(asio::io_context& context);
  ~Core();
  Core(const Core&) = delete;
  Core& operator=(const Core&) = delete;
  Core(Core&&) = delete;
  Core& operator=(Core&&) = delete;

  // curl's callbacks: C entry points that must not throw.
  static int onSocket(CURL* easy, curl_socket_t fd, int what, void* core, void* socketData);
  static int onTimer(CURLM* multi, long timeoutMs, void* core);

  void watch(curl_socket_t fd, int what);
  void arm(const std::shared_ptr<Watch>& w);
  void ready(const std::shared_ptr<Watch>& w, Direction d, boost::system::error_code ec);
  void wake(long timeoutMs);
  // Lets curl act on `fd` (or on its timers) and completes what finished.
  void act(curl_socket_t fd, int events);
  void completeFinished();

  asio::io_context& io;
  asio::steady_timer timer;
  std::map<curl_socket_t, std::shared_ptr<Watch>> watches;
  std::map<CURL*, Completion> transfers;
  MultiHandle multi;
};

HttpClient::Core::Core(asio::io_context& context) : io(context), timer(context) {
  initCurlOnce();
  multi.reset(curl_multi_init());
  if (!multi) {
    throw Error("http: curl_multi_init failed");
  }
  curl_multi_setopt(multi.get(), CURLMOPT_SOCKETFUNCTION, &Core::onSocket);
  curl_multi_setopt(multi.get(), CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi.get(), CURLMOPT_TIMERFUNCTION, &Core::onTimer);
  curl_multi_setopt(multi.get(), CURLMOPT_TIMERDATA, this);
}

HttpClient::Core::~Core() {
  // Transfers still here outlived the rule; detach them so the multi
  // cleans up, then stop watching whatever curl did not report closed.
  for (const auto& entry : transfers) {
    curl_multi_remove_handle(multi.get(), entry.first);
  }
  multi.reset();
  for (const auto& entry : watches) {
    entry.second->released = true;
    entry.second->descriptor.release();
  }
}

int HttpClient::Core::onSocket(CURL* /*easy*/, curl_socket_t fd, int what, void* core,
                               void* /*socketData*/) {
  try {
    static_cast<Core*>(core)->watch(fd, what);
  } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory; the scheduler times it out
  }
  return 0;
}

int HttpClient::Core::onTimer(CURLM* /*multi*/, long timeoutMs, void* core) {
  try {
    static_cast<Core*>(core)->wake(timeoutMs);
  } catch (...) {  // NOLINT(bugprone-empty-catch): as above
  }
  return 0;
}

void HttpClient::Core::watch(curl_socket_t fd, int what) {
  const auto found = watches.find(fd);
  if (what == CURL_POLL_REMOVE) {
    if (found != watches.end()) {
      found->second->released = true;
      found->second->descriptor.release();  // cancels its waits; curl closes the fd
      watches.erase(found);
    }
    return;
  }
  std::shared_ptr<Watch> w;
  if (found != watches.end()) {
    w = found->second;
  } else {
    w = std::make_shared<Watch>(io);
    w->fd = fd;
    boost::system::error_code ec;
    w->descriptor.assign(fd, ec);
    if (ec) {
      return;  // cannot watch it: the transfer stalls and the scheduler times it out
    }
    watches.emplace(fd, w);
  }
  w->wanted = what;
  arm(w);
}

void HttpClient::Core::arm(const std::shared_ptr<Watch>& w) {
  for (const Direction d : kDirections) {
    if (w->released || !w->wants(d) || w->waiting(d)) {
      continue;
    }
    w->waiting(d) = true;
    auto handler = [core = weak_from_this(), w, d](boost::system::error_code ec) {
      if (const auto alive = core.lock()) {
        alive->ready(w, d, ec);
      }
    };
    if (readyNow(w->fd, d)) {
      asio::post(io, [handler = std::move(handler)] { handler({}); });
    } else {
      w->descriptor.async_wait(
          d == Direction::kRead ? Descriptor::wait_read : Descriptor::wait_write,
          std::move(handler));
    }
  }
}

void HttpClient::Core::ready(const std::shared_ptr<Watch>& w, Direction d,
                             boost::system::error_code ec) {
  w->waiting(d) = false;
  if (w->released || ec == asio::error::operation_aborted) {
    return;
  }
  if (w->wants(d)) {  // curl may have changed its mind since the wait began
    const int events =
        (d == Direction::kRead ? CURL_CSELECT_IN : CURL_CSELECT_OUT) | (ec ? CURL_CSELECT_ERR : 0);
    act(w->fd, events);
  }
  arm(w);
}

void HttpClient::Core::wake(long timeoutMs) {
  if (timeoutMs < 0) {
    timer.cancel();
    return;
  }
  // Even a 0 ms timeout goes through the loop: curl forbids calling
  // curl_multi_socket_action from inside its callbacks.
  timer.expires_after(std::chrono::milliseconds(timeoutMs));
  timer.async_wait([core = weak_from_this()](boost::system::error_code ec) {
    if (ec) {
      return;  // re-armed or cancelled
    }
    if (const auto alive = core.lock()) {
      alive->act(CURL_SOCKET_TIMEOUT, 0);
    }
  });
}

void HttpClient::Core::act(curl_socket_t fd, int events) {
  int running = 0;
  curl_multi_socket_action(multi.get(), fd, events, &running);
  completeFinished();
}

void HttpClient::Core::completeFinished() {
  int queued = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi.get(), &queued)) {
    if (msg->msg != CURLMSG_DONE) {
      continue;
    }
    // msg is only valid until the next curl call: copy what it says.
    CURL* const easy = msg->easy_handle;
    const CURLcode result = msg->data.result;
    curl_multi_remove_handle(multi.get(), easy);
    const auto found = transfers.find(easy);
    if (found == transfers.end()) {
      continue;
    }
    // Out of the map before it runs: the completion may add or remove
    // transfers, or destroy the client (this Core lives on until we return).
    const Completion done = std::move(found->second);
    transfers.erase(found);
    done(result);
  }
}

HttpClient::HttpClient(asio::io_context& io) : core_(std::make_shared<Core>(io)) {}

HttpClient::~HttpClient() = default;

asio::io_context& HttpClient::io() const { return core_->io; }

CURLMcode HttpClient::add(CURL* easy, Completion done) {
  const CURLMcode code = curl_multi_add_handle(core_->multi.get(), easy);
  if (code == CURLM_OK) {
    core_->transfers[easy] = std::move(done);
  }
  return code;
}

void HttpClient::remove(CURL* easy) {
  const auto found = core_->transfers.find(easy);
  if (found == core_->transfers.end()) {
    return;
  }
  curl_multi_remove_handle(core_->multi.get(), easy);
  core_->transfers.erase(found);
}

}  // namespace redund::health
