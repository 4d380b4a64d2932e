/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _REDUND_H
#define _REDUND_H

#include <linux/etherdevice.h>
#include <linux/in6.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/rtnetlink.h>
#include <linux/u64_stats_sync.h>
#include <linux/version.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include <uapi/linux/redund.h>

#define REDUND_DRV_VERSION "0.1.0"

struct redund_dev;
struct redund_port;

/*
 * What a mode decides, and nothing else: redund_dev.ops points at the
 * table of the device's mode (one mode_*.c file each, listed by enum
 * redund_mode in device.c). The rest of the module is the same for every
 * mode and never asks which one it runs.
 *
 * Fast path, under RCU with bottom halves off, no locks:
 * @tx_port:       the port @skb leaves through; NULL drops it. Reads the
 *                 carrier bit itself, since linkwatch may report a loss a
 *                 second late.
 * @rx_collects:   whether a frame received on @port goes up to the device.
 *                 NULL: the port's collecting flag, as @port_roles set it.
 * Under RTNL:
 * @port_roles:    set @port's collecting and distributing from its state;
 *                 the transmit map is built from distributing. Called for
 *                 every port after any change (redund_refresh()).
 * @carrier_ports: the ports that count for min-links and carrier.
 * @port_enter:    optional: a port joins, before it is on the port list.
 * @port_leave:    optional: undoes @port_enter; called once the port is
 *                 off the list, before roles are refreshed. @notify is
 *                 false while the whole device goes away.
 * @port_changed:  optional: a port joined or its carrier changed, after
 *                 the refresh and the port's event.
 * @set_active:    optional: PORT_SET ACTIVE; NULL: the mode has no active
 *                 port and the request is refused.
 * @set_roles:     optional: PORT_SET COLLECTING/DISTRIBUTING (0, 1 or -1
 *                 to leave); NULL: the mode decides them itself.
 */
struct redund_mode_ops {
	struct redund_port *(*tx_port)(struct redund_dev *rd,
				       struct sk_buff *skb);
	bool (*rx_collects)(struct redund_dev *rd,
			    const struct redund_port *port);
	void (*port_roles)(struct redund_dev *rd, struct redund_port *port);
	unsigned int (*carrier_ports)(const struct redund_dev *rd);
	int (*port_enter)(struct redund_dev *rd, struct redund_port *port);
	void (*port_leave)(struct redund_dev *rd, struct redund_port *port,
			   bool notify);
	void (*port_changed)(struct redund_port *port);
	int (*set_active)(struct redund_port *port,
			  struct netlink_ext_ack *extack);
	int (*set_roles)(struct redund_port *port, int collecting,
			 int distributing, struct netlink_ext_ack *extack);
};

struct redund_port_stats {
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t rx_drops;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t tx_drops;
	struct u64_stats_sync syncp;
};

struct redund_port {
	struct list_head list;		/* redund_dev.ports, RCU */
	struct net_device *dev;
	struct redund_dev *rd;
	struct rcu_head rcu;
	struct redund_port_stats __percpu *stats;
	unsigned int orig_mtu;
	u8 orig_addr[ETH_ALEN];
	bool up;			/* running with carrier, under RTNL */
	bool collecting;		/* read locklessly by the rx path */
	bool distributing;
	u8 duplex;			/* enum redund_duplex */
	u32 speed;			/* Mb/s */
	u32 link_failures;
	u32 tx_buckets;			/* under RTNL */
};

/* What the transmit path reads: the ports that may send, and who owns
 * each hash bucket (an index into ports). Replaced whole under RTNL.
 */
struct redund_txmap {
	struct rcu_head rcu;
	unsigned int num_ports;
	struct redund_port *ports[REDUND_MAX_PORTS];
	u8 bucket[REDUND_TX_BUCKETS];
};

/* The virtual IPs of one gateway, replaced whole under RTNL. */
struct redund_gw_addrs {
	struct rcu_head rcu;
	unsigned int num;
	union {
		__be32 v4[REDUND_GW_MAX_ADDRS];
		struct in6_addr v6[REDUND_GW_MAX_ADDRS];
	};
};

enum redund_gw_stat {
	REDUND_GW_STAT_ARP_REPLIES,
	REDUND_GW_STAT_NA_SENT,
	REDUND_GW_STAT_ANNOUNCES,
	REDUND_GW_STAT_RX_VMAC,
	REDUND_GW_STAT_RX_DROPS,
	REDUND_GW_STAT_TX_DROPS,
	/* Invalid requests for a virtual IP, dropped, by reason. */
	REDUND_GW_STAT_ARP_BAD_SENDER_MAC,
	REDUND_GW_STAT_ARP_BAD_SENDER_IP,
	REDUND_GW_STAT_NS_BAD_SOURCE,
	REDUND_GW_STAT_NS_BAD_OPTION,
	REDUND_GW_STAT_NS_DAD_BAD_DEST,
	REDUND_GW_STAT_NS_DAD_SLLAO,
	REDUND_GW_STAT_RELEASES,
	REDUND_GW_NUM_STATS
};

struct redund_gw_stats {
	u64_stats_t v[REDUND_GW_NUM_STATS];
	struct u64_stats_sync syncp;
};

/* The priority-0 VRRP advert sent when a master's owner socket closes. */
struct redund_gw_release {
	union {
		__be32 v4;
		struct in6_addr v6;
	} source;
	unsigned int len;
	u8 advert[];
};

struct redund_gw {
	struct list_head list;		/* redund_dev.gws, RCU; writers RTNL */
	struct list_head all;		/* every gateway: RTNL + owner lock */
	struct redund_dev *rd;
	struct rcu_head rcu;
	struct redund_gw_addrs __rcu *addrs;
	struct redund_gw_stats __percpu *stats;
	struct delayed_work announce;
	atomic_t announce_left;		/* rounds still to send */
	u32 announce_count;
	u32 announce_interval;		/* ms, read by the announce work */
	struct delayed_work refresh;	/* a round every refresh_interval */
	u32 refresh_interval;		/* ms, 0: off; read by the work */
	struct redund_gw_release *release;	/* NULL: none; RTNL */
	u32 owner;			/* netlink portid, 0: gone; owner lock */
	bool owner_gone;		/* demotion pending; owner lock */
	bool persist;
	bool in_filter;			/* mac is in the device's uc list */
	u8 vrid;
	u8 family;
	u8 state;			/* read locklessly by rx and tx */
	u8 mac[ETH_ALEN];
};

/* A GW_ADD or GW_SET request, parsed; -1 (or NULL) leaves a field as is. */
struct redund_gw_cfg {
	u8 vrid;
	u8 family;
	const u8 *mac;
	struct redund_gw_addrs *addrs;	/* taken over by add/change */
	int state;
	s64 announce_count;
	s64 announce_interval;
	s64 refresh_interval;
	int persist;
	bool adopt;
	/* Taken over by add/change; with release_set and no release: off. */
	struct redund_gw_release *release;
	bool release_set;
};

struct redund_dev {
	struct net_device *dev;
	struct list_head ports;		/* writers hold RTNL */
	struct list_head gws;		/* redund_gw.list; writers hold RTNL */
	unsigned int num_ports;
	const struct redund_mode_ops *ops;	/* of mode; set under RTNL */
	struct redund_port __rcu *active;	/* active-backup only */
	struct redund_txmap __rcu *txmap;
	u8 mode;
	u8 hash;
	u32 min_links;
	/* Bucket owners survive map rebuilds so flows move only when needed. */
	struct redund_port *bucket_owner[REDUND_TX_BUCKETS];
};

extern struct rtnl_link_ops redund_link_ops;
extern struct genl_family redund_genl_family;
extern struct notifier_block redund_notifier_block;

/* device.c */
bool redund_is_redund_dev(const struct net_device *dev);
void redund_dev_update_carrier(struct redund_dev *rd);
int redund_dev_set_mode(struct redund_dev *rd, u8 mode,
			struct netlink_ext_ack *extack);
void redund_dev_set_min_links(struct redund_dev *rd, u32 min_links);

/* mode_ab.c, mode_balance.c, mode_lacp.c */
extern const struct redund_mode_ops redund_mode_ab;
extern const struct redund_mode_ops redund_mode_balance;
extern const struct redund_mode_ops redund_mode_lacp;

/* port.c */
void redund_refresh(struct redund_dev *rd);
int redund_port_add(struct redund_dev *rd, struct net_device *port_dev,
		    struct netlink_ext_ack *extack);
void redund_port_del(struct redund_dev *rd, struct redund_port *port,
		     bool notify);
struct redund_port *redund_port_get_rtnl(const struct net_device *port_dev);
bool redund_port_can_tx(const struct redund_port *port);
int redund_port_set_active(struct redund_dev *rd, struct redund_port *port,
			   struct netlink_ext_ack *extack);
int redund_port_set_lacp(struct redund_port *port, int collecting,
			 int distributing, struct netlink_ext_ack *extack);
void redund_port_count_tx(struct redund_port *port, bool ok, unsigned int len);
void redund_port_get_stats(const struct redund_port *port,
			   struct redund_port_stats *sum);

/* tx.c */
struct redund_port *redund_tx_hashed(struct redund_dev *rd,
				     struct sk_buff *skb);
struct redund_port *redund_tx_first_up(struct redund_dev *rd,
				       bool distributing_only);
void redund_txmap_update(struct redund_dev *rd);
void redund_txmap_free(struct redund_dev *rd);
unsigned int redund_tx_num_ports(const struct redund_dev *rd);

/* netlink.c; the handlers are declared in netlink_gen.h */
int redund_genl_register(void);
void redund_genl_unregister(void);
void redund_nl_changed(void);
int redund_nl_fill_dev(struct sk_buff *skb, const struct redund_dev *rd);
int redund_nl_fill_port(struct sk_buff *skb, const struct redund_port *port);
int redund_nl_fill_gw(struct sk_buff *skb, const struct redund_gw *gw,
		      bool full);

/* gateway.c */
int redund_gw_init(void);
void redund_gw_exit(void);
struct redund_gw *redund_gw_find(struct redund_dev *rd, u8 vrid, u8 family);
int redund_gw_add(struct redund_dev *rd, struct redund_gw_cfg *cfg, u32 owner,
		  struct netlink_ext_ack *extack);
int redund_gw_change(struct redund_gw *gw, struct redund_gw_cfg *cfg,
		     u32 portid, struct netlink_ext_ack *extack);
void redund_gw_del(struct redund_gw *gw, bool notify);
void redund_gw_flush(struct redund_dev *rd);
int redund_gw_announce(struct redund_gw *gw, struct netlink_ext_ack *extack);
u32 redund_gw_owner(const struct redund_gw *gw);
void redund_gw_get_stats(const struct redund_gw *gw,
			 u64 sum[REDUND_GW_NUM_STATS]);
bool redund_gw_rx(struct redund_dev *rd, struct redund_port *port,
		  struct sk_buff *skb);
bool redund_gw_tx(struct redund_dev *rd, struct sk_buff *skb);

/* events.c */
void redund_event_dev(const struct redund_dev *rd, u8 cmd);
void redund_event_dev_full(const struct redund_dev *rd, u8 cmd);
void redund_event_port(const struct redund_port *port, u8 cmd);
void redund_event_active(const struct redund_dev *rd,
			 enum redund_reason reason);
void redund_event_gw(const struct redund_gw *gw, u8 cmd,
		     enum redund_reason reason);

/*
 * 6.12 turned these netdev feature bits into net_device flags; one place
 * hides the difference so the rest of the module reads the same on both.
 */
static inline void redund_set_virtual_dev_flags(struct net_device *dev)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	dev->lltx = true;
	dev->netns_immutable = true;
#else
	dev->features |= NETIF_F_LLTX | NETIF_F_NETNS_LOCAL;
#endif
}

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
/*
 * The ops table generated from the netlink spec (netlink_gen.c) has 6.2's
 * split form; on 6.1 this declares it, and redund_genl_register() folds it
 * into the genl_ops 6.1 registers.
 */
struct genl_split_ops {
	int (*doit)(struct sk_buff *skb, struct genl_info *info);
	int (*start)(struct netlink_callback *cb);
	int (*dumpit)(struct sk_buff *skb, struct netlink_callback *cb);
	int (*done)(struct netlink_callback *cb);
	const struct nla_policy *policy;
	unsigned int maxattr;
	u8 cmd;
	u8 internal_flags;
	u8 flags;
	u8 validate;
};
#endif

static inline struct nlattr **redund_dump_attrs(struct netlink_callback *cb)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	return genl_dumpit_info(cb)->info.attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

#endif /* _REDUND_H */
