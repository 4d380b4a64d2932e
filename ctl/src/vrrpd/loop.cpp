#include "vrrpd/loop.h"

#include "health/check_service.h"
#include "runtime/context.h"
#include "runtime/kernel_events.h"
#include "runtime/reactor.h"
#include "runtime/track_bus.h"
#include "vrrpd/service.h"
#include "vrrpd/system_host.h"

namespace redund::vrrpd {

int runLoop(RedundApi& api, const VrrpOptions& options, std::ostream& log) {
  runtime::Reactor reactor;
  bool failed = false;
  const auto stop = [&] {
    failed = true;
    reactor.stop();
  };
  runtime::KernelEvents events(reactor, api, log, stop);
  runtime::Context context{.reactor = reactor,
                           .api = api,
                           .events = events,
                           .log = log,
                           .finished = [&](runtime::Service& /*service*/) { stop(); }};
  SystemHost host;
  runtime::TrackBus bus;
  health::CheckService checks(context, bus, options.checks, options.name());
  VrrpService service(context, host, bus, &checks, options.device, options.family());
  const runtime::FdWatch links(reactor.io(), host.linkEventsFd(), [&] {
    if (host.drainLinkEvents()) {
      service.onLinksChanged();
    }
    return true;
  });
  reactor.onReload([&] { log << options.name() << ": SIGHUP ignored (restart to reconfigure)\n"; });
  service.addRouter(options);
  service.start();
  checks.start();
  const int signal = reactor.run();
  checks.stop();
  if (failed || signal == 0) {
    return 1;
  }
  service.stop();
  return 0;
}

}  // namespace redund::vrrpd
