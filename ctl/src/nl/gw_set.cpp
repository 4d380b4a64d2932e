#include "nl/gw_set.h"

#include <linux/redund.h>

#include "nl/gw_get.h"

namespace redund::nl {
namespace {

Message gwRequest(uint16_t family, uint8_t cmd, uint32_t devIfindex, const GatewayKey& key,
                  const GatewaySettings& settings, bool adopt) {
  return Message::genl(family, cmd, REDUND_GENL_VERSION)
      .putU32(REDUND_A_DEV_IFINDEX, devIfindex)
      .putNest(REDUND_A_GW, [&](Message& msg) {
        putGatewayKey(msg, key);
        if (settings.mac) {
          msg.putBytes(REDUND_GW_A_MAC, *settings.mac);
        }
        if (settings.addresses) {
          msg.putNest(REDUND_GW_A_ADDRS, [&](Message& addrs) {
            for (const vrrp::IpAddress& address : *settings.addresses) {
              addrs.putBytes(address.family() == vrrp::Family::kIpv4 ? REDUND_GW_ADDR_A_IPV4
                                                                     : REDUND_GW_ADDR_A_IPV6,
                             address.bytes());
            }
          });
        }
        if (settings.state) {
          msg.putU8(REDUND_GW_A_STATE, static_cast<uint8_t>(*settings.state));
        }
        if (settings.announceCount) {
          msg.putU32(REDUND_GW_A_ANNOUNCE_COUNT, *settings.announceCount);
        }
        if (settings.announceIntervalMs) {
          msg.putU32(REDUND_GW_A_ANNOUNCE_INTERVAL, *settings.announceIntervalMs);
        }
        if (settings.refreshIntervalMs) {
          msg.putU32(REDUND_GW_A_REFRESH_INTERVAL, *settings.refreshIntervalMs);
        }
        if (settings.release) {
          const vrrp::Bytes& advert = settings.release->advert;
          msg.putBytes(REDUND_GW_A_RELEASE_ADVERT,
                       {reinterpret_cast<const uint8_t*>(advert.data()), advert.size()});
          if (!advert.empty()) {
            msg.putBytes(REDUND_GW_A_RELEASE_SOURCE, settings.release->source.bytes());
          }
        }
        if (settings.persist) {
          msg.putU8(REDUND_GW_A_PERSIST, *settings.persist ? 1 : 0);
        }
        if (adopt && settings.adopt) {
          msg.putU8(REDUND_GW_A_ADOPT, 1);
        }
      });
}

}  // namespace

Message buildGwAddRequest(uint16_t family, uint32_t devIfindex, const GatewayKey& key,
                          const GatewaySettings& settings) {
  return gwRequest(family, REDUND_CMD_GW_ADD, devIfindex, key, settings, false);
}

Message buildGwSetRequest(uint16_t family, uint32_t devIfindex, const GatewayKey& key,
                          const GatewaySettings& settings) {
  return gwRequest(family, REDUND_CMD_GW_SET, devIfindex, key, settings, true);
}

Message buildGwDelRequest(uint16_t family, uint32_t devIfindex, const GatewayKey& key) {
  return gwRequest(family, REDUND_CMD_GW_DEL, devIfindex, key, {}, false);
}

Message buildGwAnnounceRequest(uint16_t family, uint32_t devIfindex, const GatewayKey& key) {
  return gwRequest(family, REDUND_CMD_GW_ANNOUNCE, devIfindex, key, {}, false);
}

}  // namespace redund::nl
