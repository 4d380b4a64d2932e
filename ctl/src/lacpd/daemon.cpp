#include "lacpd/daemon.h"

#include <algorithm>
#include <cerrno>
#include <set>
#include <system_error>
#include <type_traits>
#include <utility>
#include <variant>

#include "error.h"

namespace redund::lacpd {
namespace {

bool isNoDevice(const KernelError& e) {
  return e.code() == ENODEV || e.code() == EOPNOTSUPP || e.code() == EINVAL;
}

}  // namespace

Daemon::Daemon(RedundApi& api, Links& links, RunOptions options, std::ostream& log)
    : api_(api), links_(links), options_(std::move(options)), log_(log) {}

void Daemon::start(lacp::TimePoint now, const SavedState& saved) {
  const std::string& name = options_.device;
  const auto ifindex = api_.ifindexOf(name);
  if (!ifindex) {
    throw Error("device " + name + " does not exist");
  }
  try {
    dev_ = api_.getDevice(*ifindex);
  } catch (const KernelError& e) {
    if (isNoDevice(e)) {
      throw Error(name + " is not a redund device: " + e.what());
    }
    throw;
  }
  if (dev_.mode != Mode::kLacp) {
    if (dev_.numPorts != 0) {
      throw Error(name + " is in " + std::string(modeName(dev_.mode)) + " mode with " +
                  std::to_string(dev_.numPorts) +
                  " ports; release them and run \"redundctl dev set " + name + " mode lacp\"");
    }
    api_.setDevice(dev_.ifindex, DeviceSettings{.mode = Mode::kLacp});
    log_ << name << ": mode " << modeName(dev_.mode) << " -> lacp\n";
    dev_ = api_.getDevice(dev_.ifindex);
  }
  const auto mac = links_.macOf(dev_.ifindex);
  if (!mac) {
    throw Error("device " + name + " does not exist");
  }
  device_.emplace(options_.deviceConfig(*mac));

  std::vector<lacp::TakeoverPort> ports;
  unsigned forwarding = 0;
  for (const PortInfo& info : api_.listPorts(dev_.ifindex)) {
    lacp::TakeoverPort port{.config = portConfig(info), .link = linkOf(info)};
    // Collecting without distributing is a port an earlier daemon's checks
    // held out: LACP-wise it forwards.
    port.collectingDistributing = info.collecting.value_or(false);
    forwarding_[info.ifindex] = port.collectingDistributing;
    applied_[info.ifindex] = {.collecting = info.collecting.value_or(false),
                              .distributing = info.distributing.value_or(false)};
    if (heldOut(info.ifindex) && hasCheck(names_[info.ifindex])) {
      // Its path was broken a moment ago: no traffic down it until its
      // checks say otherwise.
      heldAtStart_.insert(names_[info.ifindex]);
      checksFailing_.insert(names_[info.ifindex]);
    }
    if (const auto it = saved.find(info.ifindex);
        it != saved.end() && port.collectingDistributing) {
      port.fallback = it->second.fallback;
      port.partner = it->second.partner;
    }
    forwarding += port.collectingDistributing ? 1 : 0;
    links_.open(info.ifindex);
    ports.push_back(std::move(port));
  }
  log_ << name << ": lacp " << lacp::modeName(options_.mode) << ", rate "
       << lacp::rateName(options_.rate) << ", system " << device_->config().system.priority << ","
       << lacp::macToString(device_->config().system.mac) << "; " << ports.size() << " ports, "
       << forwarding << " forwarding taken over\n";
  apply(device_->takeOver(now, ports));
}

void Daemon::onEvents(lacp::TimePoint now, const std::vector<Event>& events) {
  for (const Event& event : events) {
    if (finished_ || event.ifindex != dev_.ifindex) {
      continue;
    }
    const uint32_t port = event.port.ifindex;
    switch (event.kind) {
      case EventKind::kDevDel:
        log_ << devName() << ": device removed\n";
        finished_ = true;
        break;
      case EventKind::kDevChange:
        if (event.device.mode != Mode::kLacp) {
          log_ << devName() << ": left lacp mode\n";
          finished_ = true;
        }
        break;
      case EventKind::kPortNew:
      case EventKind::kPortCarrier:
        if (names_.contains(port)) {
          apply(device_->setLink(now, port, linkOf(event.port)));
        } else {
          addPort(now, event.port);
        }
        break;
      case EventKind::kPortDel:
        removePort(now, port);
        break;
      default:
        break;
    }
  }
}

void Daemon::onFrame(lacp::TimePoint now, uint32_t ifindex, std::span<const std::byte> frame) {
  if (names_.contains(ifindex)) {
    apply(device_->receive(now, ifindex, frame));
  }
}

void Daemon::onTimer(lacp::TimePoint now) { apply(device_->tick(now)); }

void Daemon::resync(lacp::TimePoint now) {
  std::vector<PortInfo> ports;
  try {
    ports = api_.listPorts(dev_.ifindex);
  } catch (const KernelError& e) {
    if (!isNoDevice(e)) {
      throw;
    }
    log_ << devName() << ": device removed\n";
    finished_ = true;
    return;
  }
  std::set<uint32_t> present;
  for (const PortInfo& port : ports) {
    present.insert(port.ifindex);
  }
  std::vector<uint32_t> gone;
  for (const auto& [ifindex, name] : names_) {
    if (!present.contains(ifindex)) {
      gone.push_back(ifindex);
    }
  }
  for (const uint32_t ifindex : gone) {
    removePort(now, ifindex);
  }
  for (const PortInfo& port : ports) {
    if (names_.contains(port.ifindex)) {
      // Lost events may have hidden what the module did on carrier loss.
      applied_[port.ifindex] = {.collecting = port.collecting.value_or(false),
                                .distributing = port.distributing.value_or(false)};
      apply(device_->setLink(now, port.ifindex, linkOf(port)));
    } else {
      addPort(now, port);
    }
  }
  distribute();
}

void Daemon::setPortHealth(const std::map<std::string, PortHealth>& health) {
  bool changed = false;
  for (const auto& [port, verdict] : health) {
    if (verdict != PortHealth::kUnknown) {
      heldAtStart_.erase(port);
    }
    const bool failing = verdict == PortHealth::kFailing || heldAtStart_.contains(port);
    if (failing ? checksFailing_.insert(port).second : checksFailing_.erase(port) > 0) {
      log_ << devName() << " " << port << ": checks " << (failing ? "failing" : "passing") << '\n';
      changed = true;
    }
  }
  if (changed) {
    distribute();
    log_.flush();
  }
}

bool Daemon::forwardingPort(const std::string& name) const {
  return std::any_of(names_.begin(), names_.end(), [&](const auto& entry) {
    const auto it = forwarding_.find(entry.first);
    return entry.second == name && it != forwarding_.end() && it->second;
  });
}

bool Daemon::hasCheck(const std::string& port) const {
  return std::any_of(options_.checks.begin(), options_.checks.end(),
                     [&port](const health::CheckConfig& check) { return check.via == port; });
}

bool Daemon::heldOut(uint32_t ifindex) const {
  const auto it = applied_.find(ifindex);
  return it != applied_.end() && it->second.collecting.value_or(false) &&
         !it->second.distributing.value_or(false);
}

bool Daemon::hasPort(const std::string& name) const {
  return std::any_of(names_.begin(), names_.end(),
                     [&name](const auto& entry) { return entry.second == name; });
}

bool Daemon::checksFailing(uint32_t ifindex) const {
  const auto it = names_.find(ifindex);
  return it != names_.end() && checksFailing_.contains(it->second);
}

std::optional<lacp::TimePoint> Daemon::nextDeadline() const {
  return device_ ? device_->nextDeadline() : std::nullopt;
}

lacp::PortConfig Daemon::portConfig(const PortInfo& port) {
  std::string name = port.ifname;
  if (name.empty()) {
    name = api_.ifnameOf(port.ifindex).value_or("if" + std::to_string(port.ifindex));
  }
  names_[port.ifindex] = name;
  return {.ifindex = port.ifindex,
          .name = name,
          .mac = links_.macOf(port.ifindex).value_or(lacp::Mac{}),
          .priority = options_.priorityOf(name),
          .key = options_.keyOf(name)};
}

lacp::LinkState Daemon::linkOf(const PortInfo& port) {
  const uint32_t speed = port.speed.value_or(kSpeedUnknown);
  return {.up = port.carrier,
          .speedMbps = speed == kSpeedUnknown ? 0 : speed,
          .fullDuplex = port.duplex.value_or(Duplex::kUnknown) != Duplex::kHalf};
}

void Daemon::addPort(lacp::TimePoint now, const PortInfo& port) {
  const lacp::PortConfig config = portConfig(port);
  forwarding_[port.ifindex] = false;
  applied_[port.ifindex] = {.collecting = port.collecting.value_or(false),
                            .distributing = port.distributing.value_or(false)};
  log_ << devName() << " " << config.name << ": port added\n";
  try {
    links_.open(port.ifindex);
  } catch (const std::system_error& e) {
    log_ << devName() << " " << config.name << ": " << e.what() << "; LACP cannot run on it\n";
  }
  apply(device_->addPort(now, config, linkOf(port)));
}

void Daemon::removePort(lacp::TimePoint now, uint32_t ifindex) {
  if (!names_.contains(ifindex)) {
    return;
  }
  log_ << devName() << " " << portName(ifindex) << ": port removed\n";
  links_.close(ifindex);
  apply(device_->removePort(now, ifindex));
  names_.erase(ifindex);
  forwarding_.erase(ifindex);
  applied_.erase(ifindex);
  distribute();  // it may have been the one port whose checks passed
  ++generation_;
}

void Daemon::apply(const lacp::Actions& actions) {
  for (const lacp::Action& action : actions) {
    std::visit(
        [this](const auto& a) {
          using T = std::decay_t<decltype(a)>;
          if constexpr (std::is_same_v<T, lacp::Transmit>) {
            links_.send(a.ifindex, a.frame);
            return;
          } else if constexpr (std::is_same_v<T, lacp::SetCollectingDistributing>) {
            log_ << devName() << " " << portName(a.ifindex) << ": collecting_distributing "
                 << (a.enabled ? "on" : "off") << '\n';
            setForwarding(a.ifindex, a.enabled);
          } else if constexpr (std::is_same_v<T, lacp::SetFallback>) {
            log_ << devName() << " " << portName(a.ifindex) << ": fallback "
                 << (a.enabled ? "on" : "off") << '\n';
            notice({.object = devName() + " " + portName(a.ifindex),
                    .to = a.enabled ? "fallback on" : "fallback off"});
          } else if constexpr (std::is_same_v<T, lacp::AggregateChange>) {
            log_ << devName() << ": aggregate " << (a.up ? "up" : "down") << '\n';
            notice({.object = devName() + " aggregate",
                    .from = a.up ? "down" : "up",
                    .to = a.up ? "up" : "down"});
          } else if constexpr (std::is_same_v<T, lacp::StateChange>) {
            log_ << devName() << " " << portName(a.ifindex) << ": " << lacp::machineName(a.machine)
                 << ' ' << a.from << " -> " << a.to << '\n';
            // The mux says where the port is in the aggregate; the other
            // machines are detail for the log.
            if (a.machine == lacp::Machine::kMux) {
              notice({.object = devName() + " " + portName(a.ifindex),
                      .from = std::string(a.from),
                      .to = std::string(a.to)});
            }
          }
          ++generation_;
        },
        action);
  }
  // Once per batch: the core's actions for several ports come together,
  // and a port held out must not be released between two of them.
  distribute();
  log_.flush();
}

void Daemon::notice(runtime::Notice notice) const {
  if (notify_) {
    notice.kind = "lacp";
    notify_(notice);
  }
}

void Daemon::setForwarding(uint32_t ifindex, bool enabled) {
  if (names_.contains(ifindex)) {
    forwarding_[ifindex] = enabled;
  }
}

void Daemon::distribute() {
  bool anyPassing = false;
  for (const auto& [ifindex, forwarding] : forwarding_) {
    anyPassing = anyPassing || (forwarding && !checksFailing(ifindex));
  }
  for (const auto& [ifindex, forwarding] : forwarding_) {
    const bool held = forwarding && anyPassing && checksFailing(ifindex);
    const PortLacpState want{.collecting = forwarding, .distributing = forwarding && !held};
    const auto it = applied_.find(ifindex);
    if (it != applied_.end() && it->second == want) {
      continue;
    }
    const bool wasHeld = heldOut(ifindex);
    applied_[ifindex] = want;
    try {
      api_.setPortLacpState(dev_.ifindex, ifindex, want);
    } catch (const KernelError& e) {
      // Carrier went away (ENETDOWN) or the port left (ENODEV, ENOENT) after
      // the core decided: the event that says so is on its way, and brings
      // the next decision. Until then nothing is retried.
      log_ << devName() << " " << portName(ifindex) << ": "
           << (want.collecting == want.distributing
                   ? std::string("collecting_distributing ") + (forwarding ? "on" : "off")
                   : "collecting on, distributing off")
           << " refused: " << e.what() << '\n';
      continue;
    }
    if (held != wasHeld && (held || forwarding)) {
      log_ << devName() << " " << portName(ifindex)
           << (held ? ": out of distributing, its checks fail\n" : ": distributing again\n");
    }
    ++generation_;
  }
}

std::string Daemon::portName(uint32_t ifindex) const {
  const auto it = names_.find(ifindex);
  return it != names_.end() ? it->second : "if" + std::to_string(ifindex);
}

}  // namespace redund::lacpd
