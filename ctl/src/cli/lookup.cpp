#include "cli/lookup.h"

#include <cerrno>

#include "cli/errors.h"

namespace redund::cli {

uint32_t interfaceIndex(RedundApi& api, const std::string& name) {
  if (auto ifindex = api.ifindexOf(name)) {
    return *ifindex;
  }
  throw Error("device " + name + " does not exist");
}

DeviceInfo redundDevice(RedundApi& api, const std::string& name, std::string_view context) {
  const uint32_t ifindex = interfaceIndex(api, name);
  try {
    return api.getDevice(ifindex);
  } catch (const KernelError& e) {
    // The errnos the kernel uses for "no such redund device" on DEV_GET.
    if (e.code() == ENODEV || e.code() == EOPNOTSUPP || e.code() == EINVAL) {
      throw Error(name + " is not a redund device: " + e.what());
    }
    throw Error(std::string(context) + ": " + e.what());
  } catch (const ProtocolError& e) {
    throw Error(std::string(context) + ": " + e.what());
  }
}

PortInfo portOf(RedundApi& api, const DeviceInfo& dev, const std::string& devName,
                const std::string& port, std::string_view context) {
  const uint32_t ifindex = interfaceIndex(api, port);
  for (PortInfo& info : withContext(context, [&] { return api.listPorts(dev.ifindex); })) {
    if (info.ifindex == ifindex) {
      return info;
    }
  }
  throw Error(port + " is not a port of " + devName);
}

std::string displayName(RedundApi& api, uint32_t ifindex, const std::string& known) {
  if (!known.empty()) {
    return known;
  }
  return api.ifnameOf(ifindex).value_or("if" + std::to_string(ifindex));
}

}  // namespace redund::cli
