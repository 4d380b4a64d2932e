#include "health/http_probe.h"

#include <algorithm>
#include <array>
#include <cstddef>

// clang-format off
#include <boost/asio/post.hpp>
// clang-format on

#include "error.h"
#include "health/curl_handles.h"

namespace redund::health {
namespace {

// Enough for a status page; a probe never downloads more.
constexpr std::size_t kMaxBody = std::size_t{64} * 1024;

}  // namespace

struct HttpProbe::Transfer {
  EasyHandle easy;
  HeaderList headers;
  std::array<char, CURL_ERROR_SIZE> error{};
  std::string body;
  std::string wanted;           // the body substring, "" for none
  bool stoppedReading = false;  // we cut the body short on purpose
  unsigned expectedStatus = 200;
  TimePoint started;
  Done done;

  // CURLOPT_WRITEFUNCTION: keeps the body until it has what it needs.
  static std::size_t onBody(char* data, std::size_t size, std::size_t count, void* self);
};

std::size_t HttpProbe::Transfer::onBody(char* data, std::size_t size, std::size_t count,
                                        void* self) {
  auto* t = static_cast<Transfer*>(self);
  const std::size_t bytes = size * count;
  try {
    t->body.append(data, std::min(bytes, kMaxBody - t->body.size()));
  } catch (...) {
    return 0;  // out of memory: fails the transfer
  }
  if (t->wanted.empty() || t->body.size() >= kMaxBody ||
      t->body.find(t->wanted) != std::string::npos) {
    // Nothing more to learn: a short count makes curl stop the download.
    t->stoppedReading = true;
    return 0;
  }
  return bytes;
}

HttpProbe::HttpProbe(HttpClient& client, HttpCheck check)
    : client_(client), check_(std::move(check)) {
  if (check_.source && check_.interfaceName) {
    throw Error("http probe: give a source address or an interface, not both");
  }
}

HttpProbe::~HttpProbe() { cancel(); }

std::string HttpProbe::prepare(Transfer& t) const {
  t.easy.reset(curl_easy_init());
  if (!t.easy) {
    return "curl_easy_init failed";
  }
  CURL* const easy = t.easy.get();
  CURLcode code = CURLE_OK;
  const auto set = [&](CURLoption option, auto value) {
    if (code == CURLE_OK) {
      code = curl_easy_setopt(easy, option, value);
    }
  };
  set(CURLOPT_ERRORBUFFER, t.error.data());
  set(CURLOPT_URL, check_.url.c_str());
  set(CURLOPT_PROTOCOLS_STR, "http,https");
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_PROXY, "");  // never http_proxy and friends from the environment
  set(CURLOPT_FOLLOWLOCATION, 0L);
  // A probe tests the path to the service now, not a cached connection.
  set(CURLOPT_FRESH_CONNECT, 1L);
  set(CURLOPT_FORBID_REUSE, 1L);
  set(CURLOPT_USERAGENT, "redund/" REDUND_VERSION);
  set(CURLOPT_SSL_VERIFYPEER, check_.verifyTls ? 1L : 0L);
  set(CURLOPT_SSL_VERIFYHOST, check_.verifyTls ? 2L : 0L);
  set(CURLOPT_WRITEFUNCTION, &Transfer::onBody);
  set(CURLOPT_WRITEDATA, &t);
  if (check_.source) {
    set(CURLOPT_INTERFACE, ("host!" + check_.source->to_string()).c_str());
  }
  if (check_.interfaceName) {
    set(CURLOPT_INTERFACE, ("if!" + *check_.interfaceName).c_str());
  }
  if (check_.host) {
    t.headers.reset(curl_slist_append(nullptr, ("Host: " + *check_.host).c_str()));
    if (!t.headers) {
      return "curl_slist_append failed";
    }
    set(CURLOPT_HTTPHEADER, t.headers.get());
  }
  if (code != CURLE_OK) {
    return t.error[0] != '\0' ? t.error.data() : curl_easy_strerror(code);
  }
  return "";
}

void HttpProbe::start(Done done) {
  cancel();
  auto t = std::make_shared<Transfer>();
  transfer_ = t;
  t->done = std::move(done);
  t->wanted = check_.bodyContains.value_or("");
  t->expectedStatus = check_.expectedStatus;
  std::string problem = prepare(*t);
  t->started = Clock::now();
  if (problem.empty()) {
    const CURLMcode code = client_.add(t->easy.get(), [t](CURLcode result) { finish(t, result); });
    if (code != CURLM_OK) {
      problem = curl_multi_strerror(code);
    }
  }
  if (!problem.empty()) {
    // Reported from the loop, like every other result.
    boost::asio::post(client_.io(), [t, problem = std::move(problem)] {
      report(t, {.ok = false, .latency = {}, .detail = problem});
    });
  }
}

void HttpProbe::finish(const std::shared_ptr<Transfer>& t, CURLcode code) {
  ProbeResult result{.ok = false, .latency = Clock::now() - t->started, .detail = {}};
  if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && t->stoppedReading)) {
    result.detail = t->error[0] != '\0' ? t->error.data() : curl_easy_strerror(code);
    report(t, result);
    return;
  }
  long status = 0;
  curl_easy_getinfo(t->easy.get(), CURLINFO_RESPONSE_CODE, &status);
  const std::string got = "HTTP " + std::to_string(status);
  if (status != static_cast<long>(t->expectedStatus)) {
    result.detail = got + ", expected " + std::to_string(t->expectedStatus);
  } else if (!t->wanted.empty() && t->body.find(t->wanted) == std::string::npos) {
    result.detail = "body lacks \"" + t->wanted + "\"";
  } else {
    result.ok = true;
    result.detail = got;
  }
  report(t, result);
}

void HttpProbe::report(const std::shared_ptr<Transfer>& t, const ProbeResult& result) {
  if (!t->done) {
    return;  // cancelled
  }
  const Done done = std::move(t->done);
  t->done = nullptr;
  done(result);
}

void HttpProbe::cancel() {
  if (transfer_) {
    transfer_->done = nullptr;
    client_.remove(transfer_->easy.get());
    transfer_.reset();
  }
}

}  // namespace redund::health
