/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/*
 * redund: first-hop redundancy device.
 *
 * This header is the one contract between redund.ko and its controller.
 * It has two parts:
 *
 *  1. IFLA_REDUND_* attributes carried inside IFLA_INFO_DATA by rtnetlink
 *     for devices of kind "redund" (ip link add r0 type redund).
 *
 *  2. The generic netlink family REDUND_GENL_NAME, version
 *     REDUND_GENL_VERSION. All commands are netns-aware: interface indexes
 *     are resolved in the network namespace of the requesting socket, and
 *     events go to listeners in the namespace of the device.
 *
 * Generic netlink commands
 * ------------------------
 *
 * REDUND_CMD_DEV_GET (doit, dump) - read one or all redund devices.
 *   Permission: none (read only).
 *   Request (doit):
 *     REDUND_A_DEV_IFINDEX      u32, required: the redund device.
 *   Request (dump): no attributes; all redund devices in the netns.
 *   Reply, one message per device:
 *     REDUND_A_DEV_IFINDEX      u32
 *     REDUND_A_DEV_IFNAME       string
 *     REDUND_A_DEV_MODE         u8, enum redund_mode
 *     REDUND_A_DEV_CARRIER      u8, 1 when the device has carrier
 *     REDUND_A_DEV_NUM_PORTS    u32
 *     REDUND_A_DEV_ACTIVE_PORT  u32, ifindex of the active port; absent
 *                               when there is none (active-backup only)
 *     REDUND_A_DEV_HASH         u8, enum redund_hash
 *     REDUND_A_DEV_MIN_LINKS    u32, ports that must transmit for carrier
 *     REDUND_A_DEV_TX_PORTS     u32, ports transmitting now
 *
 * REDUND_CMD_PORT_GET (dump) - read the ports of one redund device.
 *   Permission: none (read only).
 *   Request:
 *     REDUND_A_DEV_IFINDEX      u32, required: the redund device.
 *   Reply, one message per port, in the order the ports were added:
 *     REDUND_A_DEV_IFINDEX      u32
 *     REDUND_A_DEV_IFNAME       string
 *     REDUND_A_PORT             nest, enum redund_port_attrs:
 *       REDUND_PORT_A_IFINDEX         u32
 *       REDUND_PORT_A_IFNAME          string
 *       REDUND_PORT_A_CARRIER         u8, 1 when running with carrier
 *       REDUND_PORT_A_ACTIVE          u8, 1 for the port that transmits
 *       REDUND_PORT_A_LINK_FAILURES   u32, carrier losses since enslaved
 *       REDUND_PORT_A_COLLECTING      u8, 1 when frames received on the
 *                                     port are passed to the device
 *       REDUND_PORT_A_DISTRIBUTING    u8, 1 when the port may transmit
 *       REDUND_PORT_A_TX_BUCKETS      u32, hash buckets the port owns (of
 *                                     REDUND_TX_BUCKETS)
 *       REDUND_PORT_A_SPEED           u32, Mb/s; REDUND_SPEED_UNKNOWN
 *       REDUND_PORT_A_DUPLEX          u8, enum redund_duplex
 *       REDUND_PORT_A_STATS           nest, enum redund_stats_attrs: all
 *                                     u64, counted per CPU by the module
 *   A dump of a device that is removed between two parts ends early; a
 *   port removed between two parts is skipped without duplicating others.
 *
 * REDUND_CMD_PORT_SET (doit) - change one port.
 *   Permission: CAP_NET_ADMIN in the user namespace owning the netns.
 *   Request:
 *     REDUND_A_DEV_IFINDEX      u32, required: the redund device.
 *     REDUND_A_PORT             nest, required:
 *       REDUND_PORT_A_IFINDEX   u32, required: a port of that device.
 *       REDUND_PORT_A_ACTIVE    u8, optional, active-backup mode only: 1
 *                               makes the port the active one (it must
 *                               have carrier); 0 is refused, since an
 *                               active-backup device always has an active
 *                               port while one is up.
 *       REDUND_PORT_A_COLLECTING    u8, optional, lacp mode only.
 *       REDUND_PORT_A_DISTRIBUTING  u8, optional, lacp mode only; 1 is
 *                               refused while the port has no carrier.
 *   In lacp mode a port starts neither collecting nor distributing: the
 *   controller enables it once LACP has negotiated. A port that loses
 *   carrier stops both at once, without the controller; it is enabled
 *   again only by the controller. In balance mode every port with carrier
 *   collects and distributes, and in active-backup mode the active port
 *   does; those modes refuse the two attributes.
 *   Nothing changes unless every attribute is valid. Errors carry an
 *   extack message naming the offending attribute.
 *
 * REDUND_CMD_DEV_SET (doit) - change a device.
 *   Permission: CAP_NET_ADMIN in the user namespace owning the netns.
 *   Request:
 *     REDUND_A_DEV_IFINDEX      u32, required.
 *     REDUND_A_DEV_MODE         u8, optional; only while the device has
 *                               no ports.
 *     REDUND_A_DEV_HASH         u8, optional: the transmit hash policy.
 *     REDUND_A_DEV_MIN_LINKS    u32, optional, 0..REDUND_MAX_PORTS.
 *   Nothing changes unless every attribute is valid.
 *
 * Events (multicast group REDUND_MCGRP_EVENTS)
 * --------------------------------------------
 *
 * Every event carries REDUND_A_DEV_IFINDEX and REDUND_A_DEV_IFNAME.
 *
 * REDUND_CMD_DEV_NEW_NTF       a redund device was registered.
 * REDUND_CMD_DEV_DEL_NTF       a redund device is being removed; no port
 *                              events follow for its ports.
 * REDUND_CMD_PORT_NEW_NTF      a port was added; REDUND_A_PORT as in
 *                              PORT_GET.
 * REDUND_CMD_PORT_DEL_NTF      a port was released; REDUND_A_PORT with
 *                              IFINDEX and IFNAME.
 * REDUND_CMD_PORT_CARRIER_NTF  a port gained or lost carrier;
 *                              REDUND_A_PORT as in PORT_GET (a port that
 *                              lost carrier already shows collecting and
 *                              distributing off).
 * REDUND_CMD_PORT_CHANGE_NTF   a port's collecting or distributing
 *                              changed by request; REDUND_A_PORT.
 * REDUND_CMD_DEV_CHANGE_NTF    the device's mode, hash policy, min-links
 *                              or carrier changed; attributes as in
 *                              DEV_GET.
 * REDUND_CMD_ACTIVE_NTF        the active port changed;
 *                              REDUND_A_DEV_ACTIVE_PORT (absent: none) and
 *                              REDUND_A_REASON, enum redund_reason.
 * REDUND_CMD_GW_NEW_NTF        a virtual gateway was added; REDUND_A_GW as
 *                              in GW_GET.
 * REDUND_CMD_GW_DEL_NTF        a virtual gateway was deleted; REDUND_A_GW
 *                              with VRID, FAMILY and MAC. Not sent for the
 *                              gateways of a device being removed.
 * REDUND_CMD_GW_CHANGE_NTF     a GW_SET changed a gateway (REDUND_A_REASON
 *                              REDUND_REASON_ADMIN), or its owner socket
 *                              closed (REDUND_REASON_OWNER_GONE; the
 *                              gateway shows its new state, BACKUP unless
 *                              it persists); REDUND_A_GW as in GW_GET.
 *
 * Virtual gateways
 * ----------------
 *
 * A redund device holds a table of virtual gateways (VRRP-style virtual
 * routers), each named by its VRID and address family: an IPv4 and an IPv6
 * gateway may share a VRID, as in VRRP. The controller runs the election;
 * the module only does what the gateway's state says:
 *
 *   BACKUP  ARP requests and neighbour solicitations for a virtual IP are
 *           dropped (the host's own stack must not answer them with the
 *           device's MAC either), frames to the virtual MAC are not taken
 *           and the MAC is not in the ports' unicast filters.
 *   MASTER  ARP requests for a virtual IPv4 address are answered with the
 *   ACTIVE  virtual MAC, out of the port they came in on, from the receive
 *           path; neighbour solicitations for a virtual IPv6 address get a
 *           solicited NA (router and override flags) with the virtual MAC
 *           as target link-layer address. In both cases the request is
 *           consumed: the stack never sees it. Frames to the virtual MAC
 *           are received as the host's own, and the MAC is added to the
 *           device's (so the ports') unicast filters. ARP and ND messages
 *           the host itself sends from a virtual IP leave with the virtual
 *           MAC as their link-layer address (BACKUP: they are dropped).
 *           MASTER is the elected gateway of a VRRP group; ACTIVE is for
 *           all-active and anycast gateways that answer everywhere at
 *           once. The module treats both the same except in documentation
 *           and in what the controller expects to survive it.
 *
 * Entering MASTER or ACTIVE from BACKUP, and GW_ANNOUNCE, send
 * REDUND_GW_A_ANNOUNCE_COUNT rounds, REDUND_GW_A_ANNOUNCE_INTERVAL ms
 * apart, of a gratuitous ARP request (sender = target = the virtual IP,
 * sender MAC = virtual MAC, broadcast) per IPv4 virtual IP, or of an
 * unsolicited NA (to ff02::1, router and override flags, source = target =
 * the virtual IP, target link-layer option = virtual MAC) per IPv6 one.
 * They leave through the redund device, so its transmit policy picks the
 * port (in active-backup mode the active port).
 *
 * With REDUND_GW_A_REFRESH_INTERVAL set, a MASTER or ACTIVE gateway also
 * sends one such round (one gratuitous ARP per IPv4 virtual IP, one
 * unsolicited NA per IPv6 one) every REFRESH_INTERVAL ms for as long as it
 * stays MASTER or ACTIVE, the first one interval after it got there (or
 * after a GW_SET changed the interval), so that switches (whose forwarding
 * tables commonly age entries out after 300 s) and hosts keep the virtual
 * MAC where it is even when no traffic comes from it. Dropping to BACKUP,
 * GW_DEL, the owner's exit (unless the gateway persists) and the removal of
 * the device stop it; they wait for a round being sent to finish.
 *
 * Owner: a gateway belongs to the generic netlink socket that added it (or
 * adopted it, REDUND_GW_A_ADOPT). When that socket is closed (the
 * controller exits or is killed), every gateway it owns that does not
 * persist (REDUND_GW_A_PERSIST) drops to BACKUP, and a GW_CHANGE_NTF with
 * REDUND_REASON_OWNER_GONE is sent: a controller that is gone cannot stay
 * master (split brain). A persistent gateway keeps its state and only
 * loses its owner. A gateway without a live owner that does not persist
 * cannot be made MASTER or ACTIVE unless the request adopts it.
 *
 * REDUND_CMD_GW_ADD (doit) - add a virtual gateway.
 *   Permission: CAP_NET_ADMIN in the user namespace owning the netns.
 *   Request:
 *     REDUND_A_DEV_IFINDEX      u32, required: the redund device.
 *     REDUND_A_GW               nest, required, enum redund_gw_attrs:
 *       REDUND_GW_A_VRID        u8, required, 1..255.
 *       REDUND_GW_A_FAMILY      u8, required, AF_INET or AF_INET6.
 *       REDUND_GW_A_MAC         6 bytes, optional, a unicast MAC; default
 *                               00:00:5e:00:01:VRID (AF_INET) or
 *                               00:00:5e:00:02:VRID (AF_INET6).
 *       REDUND_GW_A_ADDRS       nest, optional: the virtual IPs, 0 to
 *                               REDUND_GW_MAX_ADDRS REDUND_GW_ADDR_A_IPV4
 *                               (AF_INET) or REDUND_GW_ADDR_A_IPV6
 *                               (AF_INET6) attributes, no duplicates, no
 *                               unspecified, multicast, broadcast or
 *                               loopback address.
 *       REDUND_GW_A_STATE       u8, optional, enum redund_gw_state;
 *                               default BACKUP.
 *       REDUND_GW_A_ANNOUNCE_COUNT     u32, optional, 0..
 *                               REDUND_GW_MAX_ANNOUNCE_COUNT; default 3.
 *       REDUND_GW_A_ANNOUNCE_INTERVAL  u32 ms, optional, 10..60000;
 *                               default 1000.
 *       REDUND_GW_A_PERSIST     u8, optional, 0 (default) or 1.
 *       REDUND_GW_A_REFRESH_INTERVAL   u32 ms, optional, 0 (default: no
 *                               refresh) or REDUND_GW_MIN_REFRESH_INTERVAL
 *                               ..REDUND_GW_MAX_REFRESH_INTERVAL
 *                               (1000..3600000): the period of the
 *                               refresh rounds while MASTER or ACTIVE.
 *   Errors: EEXIST for a VRID and family already on the device; EINVAL
 *   with an extack message for anything invalid.
 *
 * REDUND_CMD_GW_SET (doit) - change a virtual gateway.
 *   Permission: as GW_ADD.
 *   Request: REDUND_A_DEV_IFINDEX, REDUND_A_GW with VRID and FAMILY
 *   (required: they name the gateway) and any of STATE, ADDRS (replaces
 *   the whole list), ANNOUNCE_COUNT, ANNOUNCE_INTERVAL, PERSIST,
 *   REFRESH_INTERVAL (a changed interval restarts the refresh period from
 *   now; 0 stops it), and REDUND_GW_A_ADOPT u8 1: the requesting socket
 *   becomes the owner.
 *   MAC cannot change (delete and add again). Nothing changes unless every
 *   attribute is valid. ENOENT for a gateway that does not exist.
 *
 * REDUND_CMD_GW_DEL (doit) - delete a virtual gateway.
 *   Permission: as GW_ADD.
 *   Request: REDUND_A_DEV_IFINDEX, REDUND_A_GW with VRID and FAMILY.
 *
 * REDUND_CMD_GW_ANNOUNCE (doit) - announce the gateway again.
 *   Permission: as GW_ADD.
 *   Request: REDUND_A_DEV_IFINDEX, REDUND_A_GW with VRID and FAMILY. The
 *   gateway must be MASTER or ACTIVE (EINVAL otherwise). Restarts the
 *   announcement rounds with the gateway's count and interval.
 *
 * REDUND_CMD_GW_GET (doit, dump) - read virtual gateways.
 *   Permission: none (read only).
 *   Request (doit): REDUND_A_DEV_IFINDEX, REDUND_A_GW with VRID, FAMILY.
 *   Request (dump): REDUND_A_DEV_IFINDEX optional: the gateways of that
 *   device, else of every redund device in the netns.
 *   Reply, one message per gateway, ordered by device then by the order
 *   the gateways were added:
 *     REDUND_A_DEV_IFINDEX      u32
 *     REDUND_A_DEV_IFNAME       string
 *     REDUND_A_GW               nest:
 *       VRID, FAMILY, MAC, STATE, ADDRS, ANNOUNCE_COUNT,
 *       ANNOUNCE_INTERVAL, PERSIST, REFRESH_INTERVAL (0: off) as above,
 *       REDUND_GW_A_OWNER       u32, netlink port id of the owner socket;
 *                               0 when it is gone.
 *       REDUND_GW_A_STATS       nest, enum redund_gw_stats_attrs: all
 *                               u64, counted per CPU by the module.
 */
#ifndef _UAPI_LINUX_REDUND_H
#define _UAPI_LINUX_REDUND_H

#define REDUND_GENL_NAME	"redund"
#define REDUND_GENL_VERSION	1
#define REDUND_MCGRP_EVENTS	"events"

/* Ports a single redund device can hold. */
#define REDUND_MAX_PORTS	16

/*
 * Transmit hashing maps a flow to one of this many buckets, each owned by
 * one transmitting port. A port that leaves hands only its own buckets to
 * the others; a port that joins takes just enough to even the load.
 */
#define REDUND_TX_BUCKETS	256

#define REDUND_SPEED_UNKNOWN	0xffffffffU

/* Virtual IPs one gateway can hold (REDUND_GW_A_ADDRS). */
#define REDUND_GW_MAX_ADDRS	16
#define REDUND_GW_MAX_ANNOUNCE_COUNT	100
/* REDUND_GW_A_REFRESH_INTERVAL, in ms, when not 0 (off). */
#define REDUND_GW_MIN_REFRESH_INTERVAL	1000
#define REDUND_GW_MAX_REFRESH_INTERVAL	3600000

enum redund_mode {
	/* One port transmits; the others stand by. */
	REDUND_MODE_ACTIVE_BACKUP,
	/* Every port with carrier transmits, flows spread by hash. */
	REDUND_MODE_BALANCE,
	/* The controller (LACP) enables collecting/distributing per port. */
	REDUND_MODE_LACP,

	__REDUND_MODE_MAX,
	REDUND_MODE_MAX = __REDUND_MODE_MAX - 1
};

/* Transmit hash policies, named as bonding's xmit_hash_policy. */
enum redund_hash {
	REDUND_HASH_L2,		/* MAC addresses and ethertype */
	REDUND_HASH_L23,	/* l2 plus IP addresses */
	REDUND_HASH_L34,	/* IP addresses and L4 ports (outer headers) */
	REDUND_HASH_ENCAP23,	/* l2+3 of the innermost headers */
	REDUND_HASH_ENCAP34,	/* l3+4 of the innermost headers */

	__REDUND_HASH_MAX,
	REDUND_HASH_MAX = __REDUND_HASH_MAX - 1
};

enum redund_duplex {
	REDUND_DUPLEX_HALF,
	REDUND_DUPLEX_FULL,
	REDUND_DUPLEX_UNKNOWN = 0xff,
};

/* Why the active port changed (REDUND_A_REASON). */
enum redund_reason {
	REDUND_REASON_UNSPEC,
	/* The controller asked for it with REDUND_CMD_PORT_SET. */
	REDUND_REASON_ADMIN,
	/* The active port lost carrier; the module moved on its own. */
	REDUND_REASON_CARRIER_LOSS,
	/* The active port was released from the device. */
	REDUND_REASON_PORT_REMOVED,
	/* A port gained carrier while the device had no active port. */
	REDUND_REASON_CARRIER_UP,
	/* The socket owning a gateway was closed (GW_CHANGE_NTF). */
	REDUND_REASON_OWNER_GONE,

	__REDUND_REASON_MAX,
	REDUND_REASON_MAX = __REDUND_REASON_MAX - 1
};

/* rtnetlink: IFLA_INFO_DATA of kind "redund". */
enum {
	IFLA_REDUND_UNSPEC,
	IFLA_REDUND_MODE,		/* u8, enum redund_mode */
	IFLA_REDUND_ACTIVE_PORT,	/* u32 ifindex, read only */
	IFLA_REDUND_HASH,		/* u8, enum redund_hash */
	IFLA_REDUND_MIN_LINKS,		/* u32 */

	__IFLA_REDUND_MAX,
};
#define IFLA_REDUND_MAX (__IFLA_REDUND_MAX - 1)

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
	REDUND_CMD_MAX = __REDUND_CMD_MAX - 1
};

enum redund_attrs {
	REDUND_A_UNSPEC,
	REDUND_A_DEV_IFINDEX,		/* u32 */
	REDUND_A_DEV_IFNAME,		/* string, IFNAMSIZ including NUL */
	REDUND_A_DEV_MODE,		/* u8, enum redund_mode */
	REDUND_A_DEV_CARRIER,		/* u8, 0 or 1 */
	REDUND_A_DEV_NUM_PORTS,		/* u32 */
	REDUND_A_DEV_ACTIVE_PORT,	/* u32 ifindex */
	REDUND_A_PORT,			/* nest, enum redund_port_attrs */
	REDUND_A_REASON,		/* u8, enum redund_reason */
	REDUND_A_DEV_HASH,		/* u8, enum redund_hash */
	REDUND_A_DEV_MIN_LINKS,		/* u32 */
	REDUND_A_DEV_TX_PORTS,		/* u32 */
	REDUND_A_GW,			/* nest, enum redund_gw_attrs */

	__REDUND_A_MAX,
	REDUND_A_MAX = __REDUND_A_MAX - 1
};

enum redund_port_attrs {
	REDUND_PORT_A_UNSPEC,
	REDUND_PORT_A_IFINDEX,		/* u32 */
	REDUND_PORT_A_IFNAME,		/* string */
	REDUND_PORT_A_CARRIER,		/* u8, 0 or 1 */
	REDUND_PORT_A_ACTIVE,		/* u8, 0 or 1 */
	REDUND_PORT_A_LINK_FAILURES,	/* u32 */
	REDUND_PORT_A_COLLECTING,	/* u8, 0 or 1 */
	REDUND_PORT_A_DISTRIBUTING,	/* u8, 0 or 1 */
	REDUND_PORT_A_TX_BUCKETS,	/* u32 */
	REDUND_PORT_A_SPEED,		/* u32, Mb/s */
	REDUND_PORT_A_DUPLEX,		/* u8, enum redund_duplex */
	REDUND_PORT_A_STATS,		/* nest, enum redund_stats_attrs */
	REDUND_PORT_A_PAD,

	__REDUND_PORT_A_MAX,
	REDUND_PORT_A_MAX = __REDUND_PORT_A_MAX - 1
};

enum redund_stats_attrs {
	REDUND_STATS_A_UNSPEC,
	REDUND_STATS_A_RX_PACKETS,	/* u64, passed to the device */
	REDUND_STATS_A_RX_BYTES,	/* u64 */
	REDUND_STATS_A_RX_DROPS,	/* u64, not collecting / backup */
	REDUND_STATS_A_TX_PACKETS,	/* u64, handed to the port */
	REDUND_STATS_A_TX_BYTES,	/* u64 */
	REDUND_STATS_A_TX_DROPS,	/* u64, refused by the port */
	REDUND_STATS_A_PAD,

	__REDUND_STATS_A_MAX,
	REDUND_STATS_A_MAX = __REDUND_STATS_A_MAX - 1
};

enum redund_gw_state {
	/* Silent: the virtual IPs and MAC belong to another node. */
	REDUND_GW_STATE_BACKUP,
	/* The elected gateway of its group: answers and receives. */
	REDUND_GW_STATE_MASTER,
	/* All-active or anycast: answers and receives, no election. */
	REDUND_GW_STATE_ACTIVE,

	__REDUND_GW_STATE_MAX,
	REDUND_GW_STATE_MAX = __REDUND_GW_STATE_MAX - 1
};

enum redund_gw_attrs {
	REDUND_GW_A_UNSPEC,
	REDUND_GW_A_VRID,		/* u8, 1..255 */
	REDUND_GW_A_FAMILY,		/* u8, AF_INET or AF_INET6 */
	REDUND_GW_A_MAC,		/* mac, 6 bytes */
	REDUND_GW_A_ADDRS,		/* nest, enum redund_gw_addr_attrs */
	REDUND_GW_A_STATE,		/* u8, enum redund_gw_state */
	REDUND_GW_A_ANNOUNCE_COUNT,	/* u32 */
	REDUND_GW_A_ANNOUNCE_INTERVAL,	/* u32, milliseconds */
	REDUND_GW_A_PERSIST,		/* u8, 0 or 1 */
	REDUND_GW_A_ADOPT,		/* u8, 1; requests only */
	REDUND_GW_A_OWNER,		/* u32, netlink port id; read only */
	REDUND_GW_A_STATS,		/* nest, enum redund_gw_stats_attrs */
	REDUND_GW_A_REFRESH_INTERVAL,	/* u32, milliseconds, 0: off */

	__REDUND_GW_A_MAX,
	REDUND_GW_A_MAX = __REDUND_GW_A_MAX - 1
};

/* Inside REDUND_GW_A_ADDRS; each may appear several times. */
enum redund_gw_addr_attrs {
	REDUND_GW_ADDR_A_UNSPEC,
	REDUND_GW_ADDR_A_IPV4,		/* in_addr, be32 */
	REDUND_GW_ADDR_A_IPV6,		/* in6_addr, 16 bytes */

	__REDUND_GW_ADDR_A_MAX,
	REDUND_GW_ADDR_A_MAX = __REDUND_GW_ADDR_A_MAX - 1
};

enum redund_gw_stats_attrs {
	REDUND_GW_STATS_A_UNSPEC,
	REDUND_GW_STATS_A_ARP_REPLIES,	/* u64, ARP replies sent */
	REDUND_GW_STATS_A_NA_SENT,	/* u64, solicited NAs sent */
	REDUND_GW_STATS_A_ANNOUNCES,	/* u64, gratuitous ARPs or
					 * unsolicited NAs sent
					 */
	REDUND_GW_STATS_A_RX_VMAC,	/* u64, frames to the virtual MAC taken */
	REDUND_GW_STATS_A_RX_DROPS,	/* u64, requests for a virtual IP
					 * consumed unanswered (BACKUP, DAD)
					 */
	REDUND_GW_STATS_A_TX_DROPS,	/* u64, host ARP/ND from a virtual IP
					 * dropped in BACKUP
					 */
	REDUND_GW_STATS_A_PAD,

	__REDUND_GW_STATS_A_MAX,
	REDUND_GW_STATS_A_MAX = __REDUND_GW_STATS_A_MAX - 1
};

#endif /* _UAPI_LINUX_REDUND_H */
