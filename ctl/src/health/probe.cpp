#include "health/probe.h"

#include "health/http_probe.h"
#include "health/icmp_probe.h"
#include "health/port_icmp_probe.h"
#include "health/tcp_probe.h"

namespace redund::health {
namespace {

namespace asio = boost::asio;

// Adapts the layer's own probe class, which has the same start/cancel
// shape but no common base (each stays usable on its own).
template <typename Concrete>
class ProbeOf final : public Probe {
 public:
  template <typename... Args>
  explicit ProbeOf(Args&&... args) : probe_(std::forward<Args>(args)...) {}
  void start(Done done) override { probe_.start(std::move(done)); }
  void cancel() override { probe_.cancel(); }

 private:
  Concrete probe_;
};

asio::ip::address toAsio(const vrrp::IpAddress& address) {
  return asio::ip::make_address(address.toString());
}

std::optional<asio::ip::address> sourceOf(const CheckConfig& check) {
  if (!check.source) {
    return std::nullopt;
  }
  return toAsio(*check.source);
}

}  // namespace

std::unique_ptr<Probe> makeProbe(asio::io_context& io, HttpClient& http, const CheckConfig& check) {
  switch (check.kind) {
    case Kind::kIcmp:
      return std::make_unique<ProbeOf<IcmpProbe>>(io, toAsio(check.address.value()),
                                                  sourceOf(check));
    case Kind::kTcp:
      return std::make_unique<ProbeOf<TcpProbe>>(
          io, asio::ip::tcp::endpoint(toAsio(check.address.value()), check.port), sourceOf(check));
    case Kind::kHttp:
      break;
  }
  return std::make_unique<ProbeOf<HttpProbe>>(http,
                                              HttpCheck{.url = check.http.url,
                                                        .expectedStatus = check.http.expectedStatus,
                                                        .bodyContains = check.http.bodyContains,
                                                        .host = check.http.host,
                                                        .verifyTls = check.http.verifyTls,
                                                        .source = sourceOf(check),
                                                        .interfaceName = check.interface});
}

std::unique_ptr<Probe> makePortProbe(asio::io_context& io, const std::string& device,
                                     const CheckConfig& check,
                                     std::function<std::optional<std::string>()> blocker) {
  const auto source = sourceOf(check);
  return std::make_unique<ProbeOf<PortIcmpProbe>>(
      io, device, check.via.value(), toAsio(check.address.value()).to_v4(),
      source ? std::optional(source->to_v4()) : std::nullopt, std::move(blocker));
}

}  // namespace redund::health
