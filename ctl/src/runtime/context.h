// What a service gets from the runtime that hosts it: the loop, the
// kernel (genl) and its event stream, the log, and a way to say it has
// nothing left to run.
#pragma once

#include <functional>
#include <ostream>

#include "api.h"
#include "runtime/kernel_events.h"
#include "runtime/notices.h"
#include "runtime/reactor.h"

namespace redund::runtime {

class Service;

struct Context {
  Reactor& reactor;
  RedundApi& api;
  KernelEvents& events;
  std::ostream& log;
  // From the loop, when service.finished() turned true (its device went
  // away): the host decides what follows (a one-instance front end
  // exits).
  std::function<void(Service& service)> finished;
  // Where state changes go for `redundctl monitor`; nullptr when nobody
  // can listen (the one-instance front ends).
  Notices* notices = nullptr;

  void notify(const Notice& notice) const {
    if (notices != nullptr) {
      notices->post(notice);
    }
  }
};

}  // namespace redund::runtime
