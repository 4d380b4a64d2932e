// A list of callbacks that can change while it is being called: each
// listener registered when a call round starts, and still registered when
// its turn comes, is called once, through a copy (it may remove itself).
// A listener stays while the Registration that add() returned lives.
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace redund::runtime {

template <typename Listener>
class Listeners {
 public:
  class Registration {
   public:
    Registration() = default;
    Registration(Listeners& list, uint64_t id) : list_(&list), id_(id) {}
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;
    Registration(Registration&& other) noexcept { *this = std::move(other); }
    Registration& operator=(Registration&& other) noexcept {
      if (this != &other) {
        reset();
        list_ = std::exchange(other.list_, nullptr);
        id_ = other.id_;
      }
      return *this;
    }
    ~Registration() { reset(); }

    void reset() {
      if (list_ != nullptr) {
        list_->listeners_.erase(id_);
        list_ = nullptr;
      }
    }

   private:
    Listeners* list_ = nullptr;
    uint64_t id_ = 0;
  };

  Listeners() = default;
  Listeners(const Listeners&) = delete;
  Listeners& operator=(const Listeners&) = delete;
  Listeners(Listeners&&) = delete;
  Listeners& operator=(Listeners&&) = delete;
  ~Listeners() = default;

  Registration add(Listener listener) {
    const uint64_t id = nextId_++;
    listeners_.emplace(id, std::move(listener));
    return {*this, id};
  }

  template <typename Call>
  void each(const Call& call) {
    std::vector<uint64_t> ids;
    ids.reserve(listeners_.size());
    for (const auto& entry : listeners_) {
      ids.push_back(entry.first);
    }
    for (const uint64_t id : ids) {
      if (const auto it = listeners_.find(id); it != listeners_.end()) {
        const Listener listener = it->second;
        call(listener);
      }
    }
  }

 private:
  std::map<uint64_t, Listener> listeners_;
  uint64_t nextId_ = 1;
};

}  // namespace redund::runtime
