#include "lacpd/loop.h"

#include "lacpd/service.h"
#include "runtime/context.h"
#include "runtime/kernel_events.h"
#include "runtime/reactor.h"

namespace redund::lacpd {

int runLoop(RedundApi& api, const RunOptions& options, std::ostream& log) {
  runtime::Reactor reactor;
  bool gone = false;
  runtime::KernelEvents events(reactor, api, log, [&] {
    gone = true;
    reactor.stop();
  });
  runtime::Context context{.reactor = reactor,
                           .api = api,
                           .events = events,
                           .log = log,
                           .finished = [&](runtime::Service& /*service*/) {
                             gone = true;
                             reactor.stop();
                           }};
  LacpService service(context, options);
  reactor.onReload(
      [&] { log << options.device << ": SIGHUP ignored (restart the daemon to reconfigure)\n"; });
  service.start();
  const int signal = reactor.run();
  if (gone || signal == 0) {
    return 1;
  }
  service.stop();
  return 0;
}

}  // namespace redund::lacpd
