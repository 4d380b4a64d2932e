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
 *                               when there is none
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
 *   A dump of a device that is removed between two parts ends early; a
 *   port removed between two parts is skipped without duplicating others.
 *
 * REDUND_CMD_PORT_SET (doit) - change one port.
 *   Permission: CAP_NET_ADMIN in the user namespace owning the netns.
 *   Request:
 *     REDUND_A_DEV_IFINDEX      u32, required: the redund device.
 *     REDUND_A_PORT             nest, required:
 *       REDUND_PORT_A_IFINDEX   u32, required: a port of that device.
 *       REDUND_PORT_A_ACTIVE    u8, optional: 1 makes the port the active
 *                               one (it must have carrier); 0 is refused,
 *                               since an active-backup device always has
 *                               an active port while one is up.
 *   Nothing changes unless every attribute is valid. Errors carry an
 *   extack message naming the offending attribute.
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
 *                              REDUND_A_PORT as in PORT_GET.
 * REDUND_CMD_ACTIVE_NTF        the active port changed;
 *                              REDUND_A_DEV_ACTIVE_PORT (absent: none) and
 *                              REDUND_A_REASON, enum redund_reason.
 */
#ifndef _UAPI_LINUX_REDUND_H
#define _UAPI_LINUX_REDUND_H

#define REDUND_GENL_NAME	"redund"
#define REDUND_GENL_VERSION	1
#define REDUND_MCGRP_EVENTS	"events"

/* Ports a single redund device can hold. */
#define REDUND_MAX_PORTS	16

enum redund_mode {
	/* One port transmits; the others stand by. */
	REDUND_MODE_ACTIVE_BACKUP,

	__REDUND_MODE_MAX,
	REDUND_MODE_MAX = __REDUND_MODE_MAX - 1
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

	__REDUND_REASON_MAX,
	REDUND_REASON_MAX = __REDUND_REASON_MAX - 1
};

/* rtnetlink: IFLA_INFO_DATA of kind "redund". */
enum {
	IFLA_REDUND_UNSPEC,
	IFLA_REDUND_MODE,		/* u8, enum redund_mode */
	IFLA_REDUND_ACTIVE_PORT,	/* u32 ifindex, read only */

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

	__REDUND_PORT_A_MAX,
	REDUND_PORT_A_MAX = __REDUND_PORT_A_MAX - 1
};

#endif /* _UAPI_LINUX_REDUND_H */
