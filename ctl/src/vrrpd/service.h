// The virtual routers of one device and address family, as a service of
// the runtime: one raw VRRP socket whose adverts go to the router of
// their VRID, a timer per router at its core's next deadline, its hooks,
// and its tracked objects (interfaces, health checks on the track bus).
// Each router's logic is a RouterDaemon (router_daemon.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "health/check_service.h"
#include "runtime/context.h"
#include "runtime/service.h"
#include "runtime/track_bus.h"
#include "vrrp/address.h"
#include "vrrp/types.h"
#include "vrrpd/host.h"
#include "vrrpd/options.h"

namespace redund::vrrpd {

class VrrpService final : public runtime::Service {
 public:
  // `checks` (may be null) lists the checks the routers track, for their
  // status. Throws std::system_error when DEV's socket cannot be opened.
  VrrpService(runtime::Context& context, Host& host, runtime::TrackBus& bus,
              const health::CheckService* checks, std::string device, vrrp::Family family);
  ~VrrpService() override;

  std::string name() const override;
  // How often a router's state file is written while only its counters
  // and timers move (a state change writes it at once); nullopt: only on
  // a change. The one-router front ends keep the default (1 s); redundd,
  // whose `status` is live and which may run a thousand routers, writes
  // them only on a change.
  void setStateRefresh(std::optional<std::chrono::milliseconds> interval);
  // Starts the routers added so far; later ones start as they are added.
  void start() override;
  // Hands every router over (a master sends priority 0) and undoes what
  // each set up.
  void stop() override;
  // DEV is gone, or every router failed.
  bool finished() const override;
  runtime::Json status() const override;

  // Takes the router's kernel gateway and virtual IPs and starts it when
  // the service runs. Throws Error, leaving nothing behind, when it
  // cannot; and for a VRID this service already runs.
  void addRouter(const VrrpOptions& options);
  // A running router's new options, when they differ only where the
  // protocol allows a change in place (RouterDaemon::inPlace): applied
  // without a state change, true. False when the router must be removed
  // and added again (or does not run); it then runs on unchanged.
  bool updateRouter(const VrrpOptions& options);
  // Hands the router over and undoes what it set up, or forgets that it
  // failed; false when there is no such router.
  bool removeRouter(uint8_t vrid);
  // The router is running (not failed, not removed).
  bool runs(uint8_t vrid) const;
  std::size_t size() const;

  // Some link changed: every router reads its interfaces again.
  void onLinksChanged();

  // Sync groups (redundd/sync_groups.h): each router's transitions, after
  // their actions; and what the group asks of a router. Routers this
  // service does not run are ignored.
  using TransitionListener = std::function<void(uint8_t vrid, vrrp::State from, vrrp::State to)>;
  void onTransition(TransitionListener listener);
  void syncTo(uint8_t vrid, vrrp::State member);
  void holdInFault(uint8_t vrid, bool held);
  bool ownFault(uint8_t vrid) const;
  std::optional<vrrp::State> state(uint8_t vrid) const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace redund::vrrpd
