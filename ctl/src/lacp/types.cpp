#include "lacp/types.h"

#include <cstdio>

namespace redund::lacp {

std::string macToString(const Mac& mac) {
  std::array<char, 18> buf{};
  std::snprintf(buf.data(), buf.size(), "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2],
                mac[3], mac[4], mac[5]);
  return buf.data();
}

}  // namespace redund::lacp
