#include "vrrp/drop.h"

#include <numeric>

namespace redund::vrrp {

std::string_view dropReasonName(DropReason reason) {
  switch (reason) {
    case DropReason::kTruncated:
      return "truncated";
    case DropReason::kBadVersion:
      return "bad_version";
    case DropReason::kBadType:
      return "bad_type";
    case DropReason::kBadTtl:
      return "bad_ttl";
    case DropReason::kBadChecksum:
      return "bad_checksum";
    case DropReason::kWrongVrid:
      return "wrong_vrid";
    case DropReason::kWrongFamily:
      return "wrong_family";
    case DropReason::kAuthMismatch:
      return "auth_mismatch";
    case DropReason::kIntervalMismatch:
      return "interval_mismatch";
    case DropReason::kAddressMismatch:
      return "address_mismatch";
    case DropReason::kUnknownPeer:
      return "unknown_peer";
    case DropReason::kInactive:
      return "inactive";
  }
  return "unknown";
}

uint64_t DropCounters::total() const {
  return std::accumulate(counts_.begin(), counts_.end(), uint64_t{0});
}

}  // namespace redund::vrrp
