/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/redund.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_REDUND_H
#define _UAPI_LINUX_REDUND_H

#define REDUND_GENL_NAME	"redund"
#define REDUND_GENL_VERSION	1

#define REDUND_MAX_PORTS		16
#define REDUND_TX_BUCKETS		256
#define REDUND_SPEED_UNKNOWN		4294967295
#define REDUND_GW_MAX_ADDRS		16
#define REDUND_GW_MAX_ANNOUNCE_COUNT	100
#define REDUND_GW_MIN_ANNOUNCE_INTERVAL	10
#define REDUND_GW_MAX_ANNOUNCE_INTERVAL	60000
#define REDUND_GW_MAX_RELEASE_LEN	272
#define REDUND_GW_MIN_REFRESH_INTERVAL	1000
#define REDUND_GW_MAX_REFRESH_INTERVAL	3600000

/**
 * enum redund_mode
 * @REDUND_MODE_ACTIVE_BACKUP: One port transmits; the others stand by.
 * @REDUND_MODE_BALANCE: Every port with carrier transmits, flows spread by
 *   hash.
 * @REDUND_MODE_LACP: The controller (LACP) enables collecting/distributing per
 *   port.
 */
enum redund_mode {
	REDUND_MODE_ACTIVE_BACKUP,
	REDUND_MODE_BALANCE,
	REDUND_MODE_LACP,

	/* private: */
	__REDUND_MODE_MAX,
	REDUND_MODE_MAX = (__REDUND_MODE_MAX - 1)
};

/**
 * enum redund_hash - Transmit hash policies, named as bonding's
 *   xmit_hash_policy.
 * @REDUND_HASH_L2: MAC addresses and ethertype.
 * @REDUND_HASH_L23: l2 plus IP addresses.
 * @REDUND_HASH_L34: IP addresses and L4 ports (outer headers).
 * @REDUND_HASH_ENCAP23: l2+3 of the innermost headers.
 * @REDUND_HASH_ENCAP34: l3+4 of the innermost headers.
 */
enum redund_hash {
	REDUND_HASH_L2,
	REDUND_HASH_L23,
	REDUND_HASH_L34,
	REDUND_HASH_ENCAP23,
	REDUND_HASH_ENCAP34,

	/* private: */
	__REDUND_HASH_MAX,
	REDUND_HASH_MAX = (__REDUND_HASH_MAX - 1)
};

enum redund_duplex {
	REDUND_DUPLEX_HALF,
	REDUND_DUPLEX_FULL,
	REDUND_DUPLEX_UNKNOWN = 255,
};

/**
 * enum redund_reason - Why the active port (or a gateway) changed.
 * @REDUND_REASON_ADMIN: The controller asked for it (port-set, gw-set).
 * @REDUND_REASON_CARRIER_LOSS: The active port lost carrier; the module moved
 *   on its own.
 * @REDUND_REASON_PORT_REMOVED: The active port was released from the device.
 * @REDUND_REASON_CARRIER_UP: A port gained carrier while the device had no
 *   active port.
 * @REDUND_REASON_OWNER_GONE: The socket owning a gateway was closed
 *   (gw-change-ntf).
 */
enum redund_reason {
	REDUND_REASON_UNSPEC,
	REDUND_REASON_ADMIN,
	REDUND_REASON_CARRIER_LOSS,
	REDUND_REASON_PORT_REMOVED,
	REDUND_REASON_CARRIER_UP,
	REDUND_REASON_OWNER_GONE,

	/* private: */
	__REDUND_REASON_MAX,
	REDUND_REASON_MAX = (__REDUND_REASON_MAX - 1)
};

/**
 * enum redund_gw_state
 * @REDUND_GW_STATE_BACKUP: Silent: the virtual IPs and MAC belong to another
 *   node. ARP requests and neighbour solicitations for a virtual IP are
 *   dropped (the host's own stack must not answer them with the device's MAC
 *   either), frames to the virtual MAC are not taken and the MAC is not in the
 *   ports' unicast filters; ARP and ND the host sends from a virtual IP are
 *   dropped.
 * @REDUND_GW_STATE_MASTER: The elected gateway of a VRRP group. ARP requests
 *   for a virtual IPv4 address are answered with the virtual MAC, out of the
 *   port they came in on, from the receive path; neighbour solicitations for a
 *   virtual IPv6 address get a solicited NA (router and override flags) with
 *   the virtual MAC as target link-layer address. In both cases the request is
 *   consumed: the stack never sees it. Frames to the virtual MAC are received
 *   as the host's own, and the MAC is added to the device's (so the ports')
 *   unicast filters. ARP and ND messages the host itself sends from a virtual
 *   IP leave with the virtual MAC as their link-layer address.
 * @REDUND_GW_STATE_ACTIVE: All-active or anycast: answers and receives as
 *   master, with no election. The module treats both the same except in
 *   documentation and in what the controller expects to survive it.
 */
enum redund_gw_state {
	REDUND_GW_STATE_BACKUP,
	REDUND_GW_STATE_MASTER,
	REDUND_GW_STATE_ACTIVE,

	/* private: */
	__REDUND_GW_STATE_MAX,
	REDUND_GW_STATE_MAX = (__REDUND_GW_STATE_MAX - 1)
};

enum redund_attrs {
	REDUND_A_UNSPEC,
	REDUND_A_DEV_IFINDEX,
	REDUND_A_DEV_IFNAME,
	REDUND_A_DEV_MODE,
	REDUND_A_DEV_CARRIER,
	REDUND_A_DEV_NUM_PORTS,
	REDUND_A_DEV_ACTIVE_PORT,
	REDUND_A_PORT,
	REDUND_A_REASON,
	REDUND_A_DEV_HASH,
	REDUND_A_DEV_MIN_LINKS,
	REDUND_A_DEV_TX_PORTS,
	REDUND_A_GW,

	__REDUND_A_MAX,
	REDUND_A_MAX = (__REDUND_A_MAX - 1)
};

enum redund_port_attrs {
	REDUND_PORT_A_UNSPEC,
	REDUND_PORT_A_IFINDEX,
	REDUND_PORT_A_IFNAME,
	REDUND_PORT_A_CARRIER,
	REDUND_PORT_A_ACTIVE,
	REDUND_PORT_A_LINK_FAILURES,
	REDUND_PORT_A_COLLECTING,
	REDUND_PORT_A_DISTRIBUTING,
	REDUND_PORT_A_TX_BUCKETS,
	REDUND_PORT_A_SPEED,
	REDUND_PORT_A_DUPLEX,
	REDUND_PORT_A_STATS,
	REDUND_PORT_A_PAD,

	__REDUND_PORT_A_MAX,
	REDUND_PORT_A_MAX = (__REDUND_PORT_A_MAX - 1)
};

enum redund_stats_attrs {
	REDUND_STATS_A_UNSPEC,
	REDUND_STATS_A_RX_PACKETS,
	REDUND_STATS_A_RX_BYTES,
	REDUND_STATS_A_RX_DROPS,
	REDUND_STATS_A_TX_PACKETS,
	REDUND_STATS_A_TX_BYTES,
	REDUND_STATS_A_TX_DROPS,
	REDUND_STATS_A_PAD,

	__REDUND_STATS_A_MAX,
	REDUND_STATS_A_MAX = (__REDUND_STATS_A_MAX - 1)
};

enum redund_gw_attrs {
	REDUND_GW_A_UNSPEC,
	REDUND_GW_A_VRID,
	REDUND_GW_A_FAMILY,
	REDUND_GW_A_MAC,
	REDUND_GW_A_ADDRS,
	REDUND_GW_A_STATE,
	REDUND_GW_A_ANNOUNCE_COUNT,
	REDUND_GW_A_ANNOUNCE_INTERVAL,
	REDUND_GW_A_PERSIST,
	REDUND_GW_A_ADOPT,
	REDUND_GW_A_OWNER,
	REDUND_GW_A_STATS,
	REDUND_GW_A_REFRESH_INTERVAL,
	REDUND_GW_A_RELEASE_ADVERT,
	REDUND_GW_A_RELEASE_SOURCE,

	__REDUND_GW_A_MAX,
	REDUND_GW_A_MAX = (__REDUND_GW_A_MAX - 1)
};

enum redund_gw_addr_attrs {
	REDUND_GW_ADDR_A_UNSPEC,
	REDUND_GW_ADDR_A_IPV4,
	REDUND_GW_ADDR_A_IPV6,

	__REDUND_GW_ADDR_A_MAX,
	REDUND_GW_ADDR_A_MAX = (__REDUND_GW_ADDR_A_MAX - 1)
};

enum redund_gw_stats_attrs {
	REDUND_GW_STATS_A_UNSPEC,
	REDUND_GW_STATS_A_ARP_REPLIES,
	REDUND_GW_STATS_A_NA_SENT,
	REDUND_GW_STATS_A_ANNOUNCES,
	REDUND_GW_STATS_A_RX_VMAC,
	REDUND_GW_STATS_A_RX_DROPS,
	REDUND_GW_STATS_A_TX_DROPS,
	REDUND_GW_STATS_A_PAD,
	REDUND_GW_STATS_A_ARP_BAD_SENDER_MAC,
	REDUND_GW_STATS_A_ARP_BAD_SENDER_IP,
	REDUND_GW_STATS_A_NS_BAD_SOURCE,
	REDUND_GW_STATS_A_NS_BAD_OPTION,
	REDUND_GW_STATS_A_NS_DAD_BAD_DEST,
	REDUND_GW_STATS_A_NS_DAD_SLLAO,
	REDUND_GW_STATS_A_RELEASES,

	__REDUND_GW_STATS_A_MAX,
	REDUND_GW_STATS_A_MAX = (__REDUND_GW_STATS_A_MAX - 1)
};

enum {
	IFLA_REDUND_UNSPEC,
	IFLA_REDUND_MODE,
	IFLA_REDUND_ACTIVE_PORT,
	IFLA_REDUND_HASH,
	IFLA_REDUND_MIN_LINKS,

	__IFLA_REDUND_MAX,
	IFLA_REDUND_MAX = (__IFLA_REDUND_MAX - 1)
};

enum redund_cmd {
	REDUND_CMD_UNSPEC,
	REDUND_CMD_DEV_GET,
	REDUND_CMD_PORT_GET,
	REDUND_CMD_PORT_SET,
	REDUND_CMD_DEV_NEW_NTF,
	REDUND_CMD_DEV_DEL_NTF,
	REDUND_CMD_PORT_NEW_NTF,
	REDUND_CMD_PORT_DEL_NTF,
	REDUND_CMD_PORT_CARRIER_NTF,
	REDUND_CMD_ACTIVE_NTF,
	REDUND_CMD_DEV_SET,
	REDUND_CMD_PORT_CHANGE_NTF,
	REDUND_CMD_DEV_CHANGE_NTF,
	REDUND_CMD_GW_ADD,
	REDUND_CMD_GW_SET,
	REDUND_CMD_GW_DEL,
	REDUND_CMD_GW_GET,
	REDUND_CMD_GW_ANNOUNCE,
	REDUND_CMD_GW_NEW_NTF,
	REDUND_CMD_GW_DEL_NTF,
	REDUND_CMD_GW_CHANGE_NTF,

	__REDUND_CMD_MAX,
	REDUND_CMD_MAX = (__REDUND_CMD_MAX - 1)
};

#define REDUND_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_REDUND_H */
