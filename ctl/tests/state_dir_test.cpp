#include "util/state_dir.h"

#include <sys/stat.h>

#include <string>

#include <gtest/gtest.h>

namespace redund::util {
namespace {

// One directory per network namespace, named by the namespace's inode:
// what `ip netns identify` compares, and what the selftests compute from
// /run/netns/NAME to find a namespace's state files.
TEST(StateDir, NamedByTheNetworkNamespaceInode) {
  struct stat ns {};
  ASSERT_EQ(::stat("/proc/self/ns/net", &ns), 0);
  EXPECT_EQ(defaultStateDir(), "/run/redund/net-" + std::to_string(ns.st_ino));
}

}  // namespace
}  // namespace redund::util
