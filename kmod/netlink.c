// SPDX-License-Identifier: GPL-2.0
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "redund.h"
#include "netlink_gen.h"

/*
 * The policies and the ops table come from the netlink spec
 * (Documentation/netlink/specs/redund.yaml, netlink_gen.c). A nest's
 * policy covers every attribute of its set, the read-only ones included,
 * since replies share the set; each handler names what it takes from a
 * nest, and redund_nl_extra() finds anything else.
 */

/*
 * Moves on every add and removal of a device, port or gateway (RTNL), so
 * that a dump resuming by position knows when its list changed between
 * two parts and marks the rest NLM_F_DUMP_INTR. Never 0: the core reads
 * cb->prev_seq 0 as "no part sent yet".
 */
static unsigned int redund_nl_gen = 1;

void redund_nl_changed(void)
{
	ASSERT_RTNL();
	if (!++redund_nl_gen)
		redund_nl_gen = 1;
}

/* The first attribute of a parsed nest that is not in @taken, if any. */
static const struct nlattr *redund_nl_extra(struct nlattr **tb, int maxtype,
					    unsigned long taken)
{
	int type;

	for (type = 1; type <= maxtype; type++)
		if (tb[type] && !(taken & BIT(type)))
			return tb[type];
	return NULL;
}

int redund_nl_fill_dev(struct sk_buff *skb, const struct redund_dev *rd)
{
	struct redund_port *active = rtnl_dereference(rd->active);

	if (nla_put_u32(skb, REDUND_A_DEV_IFINDEX, rd->dev->ifindex) ||
	    nla_put_string(skb, REDUND_A_DEV_IFNAME, rd->dev->name) ||
	    nla_put_u8(skb, REDUND_A_DEV_MODE, rd->mode) ||
	    nla_put_u8(skb, REDUND_A_DEV_CARRIER, netif_carrier_ok(rd->dev)) ||
	    nla_put_u32(skb, REDUND_A_DEV_NUM_PORTS, rd->num_ports) ||
	    nla_put_u8(skb, REDUND_A_DEV_HASH, rd->hash) ||
	    nla_put_u32(skb, REDUND_A_DEV_MIN_LINKS, rd->min_links) ||
	    nla_put_u32(skb, REDUND_A_DEV_TX_PORTS, redund_tx_num_ports(rd)))
		return -EMSGSIZE;
	if (active &&
	    nla_put_u32(skb, REDUND_A_DEV_ACTIVE_PORT, active->dev->ifindex))
		return -EMSGSIZE;
	return 0;
}

static int redund_nl_fill_stats(struct sk_buff *skb,
				const struct redund_port *port)
{
	struct redund_port_stats sum;
	struct nlattr *nest;

	redund_port_get_stats(port, &sum);
	nest = nla_nest_start(skb, REDUND_PORT_A_STATS);
	if (!nest)
		return -EMSGSIZE;
#define PUT_STAT(attr, field) \
	nla_put_u64_64bit(skb, attr, u64_stats_read(&sum.field), REDUND_STATS_A_PAD)
	if (PUT_STAT(REDUND_STATS_A_RX_PACKETS, rx_packets) ||
	    PUT_STAT(REDUND_STATS_A_RX_BYTES, rx_bytes) ||
	    PUT_STAT(REDUND_STATS_A_RX_DROPS, rx_drops) ||
	    PUT_STAT(REDUND_STATS_A_TX_PACKETS, tx_packets) ||
	    PUT_STAT(REDUND_STATS_A_TX_BYTES, tx_bytes) ||
	    PUT_STAT(REDUND_STATS_A_TX_DROPS, tx_drops)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
#undef PUT_STAT
	nla_nest_end(skb, nest);
	return 0;
}

int redund_nl_fill_port(struct sk_buff *skb, const struct redund_port *port)
{
	struct nlattr *nest = nla_nest_start(skb, REDUND_A_PORT);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, REDUND_PORT_A_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(skb, REDUND_PORT_A_IFNAME, port->dev->name) ||
	    nla_put_u8(skb, REDUND_PORT_A_CARRIER, port->up) ||
	    nla_put_u8(skb, REDUND_PORT_A_ACTIVE,
		       rtnl_dereference(port->rd->active) == port) ||
	    nla_put_u32(skb, REDUND_PORT_A_LINK_FAILURES, port->link_failures) ||
	    nla_put_u8(skb, REDUND_PORT_A_COLLECTING, port->collecting) ||
	    nla_put_u8(skb, REDUND_PORT_A_DISTRIBUTING, port->distributing) ||
	    nla_put_u32(skb, REDUND_PORT_A_TX_BUCKETS, port->tx_buckets) ||
	    nla_put_u32(skb, REDUND_PORT_A_SPEED, port->speed) ||
	    nla_put_u8(skb, REDUND_PORT_A_DUPLEX, port->duplex) ||
	    redund_nl_fill_stats(skb, port)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* -1 for an absent flag attribute: "leave it as it is". */
static int redund_nla_flag(const struct nlattr *attr)
{
	return attr ? nla_get_u8(attr) : -1;
}

/* Resolves REDUND_A_DEV_IFINDEX in the caller's netns. Needs RTNL. */
static struct redund_dev *redund_nl_dev(struct net *net, struct nlattr **attrs,
					struct netlink_ext_ack *extack)
{
	struct nlattr *attr = attrs[REDUND_A_DEV_IFINDEX];
	struct net_device *dev;

	if (!attr) {
		NL_SET_ERR_MSG(extack, "Missing device ifindex (REDUND_A_DEV_IFINDEX)");
		NL_SET_ERR_ATTR_MISS(extack, NULL, REDUND_A_DEV_IFINDEX);
		return ERR_PTR(-EINVAL);
	}
	dev = __dev_get_by_index(net, nla_get_u32(attr));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "No device with this ifindex");
		return ERR_PTR(-ENODEV);
	}
	if (!redund_is_redund_dev(dev)) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "Device is not a redund device");
		return ERR_PTR(-EINVAL);
	}
	return netdev_priv(dev);
}

int redund_nl_dev_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct redund_dev *rd;
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	rtnl_lock();
	rd = redund_nl_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(rd)) {
		err = PTR_ERR(rd);
		goto err_unlock;
	}
	hdr = genlmsg_put_reply(msg, info, &redund_genl_family, 0,
				REDUND_CMD_DEV_GET);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err_unlock;
	}
	err = redund_nl_fill_dev(msg, rd);
	if (err)
		goto err_unlock;
	rtnl_unlock();

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_unlock:
	rtnl_unlock();
	nlmsg_free(msg);
	return err;
}

/*
 * The optional REDUND_A_DEV_IFINDEX of a dump, checked in its first part
 * rather than in .start: 6.1 gives .start no extack, and a refusal must
 * say why. @ifindex is left 0 without one: every redund device.
 */
static int redund_nl_dump_dev(struct netlink_callback *cb, long *ifindex)
{
	struct nlattr **attrs = redund_dump_attrs(cb);
	struct redund_dev *rd;

	if (!attrs[REDUND_A_DEV_IFINDEX])
		return 0;
	rd = redund_nl_dev(sock_net(cb->skb->sk), attrs, cb->extack);
	if (IS_ERR(rd))
		return PTR_ERR(rd);
	*ifindex = rd->dev->ifindex;
	return 0;
}

/* A full skb ends this part; the next one resumes where it stopped. */
static int redund_nl_dump_ret(struct sk_buff *skb, int err)
{
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ?: skb->len;
}

/*
 * cb->args: [0] set once the request was checked, [1] the ifindex asked
 * for (0: every redund device), [2] devices done.
 */
int redund_nl_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct net_device *dev;
	long idx = 0;
	int err = 0;
	void *hdr;

	rtnl_lock();
	cb->seq = redund_nl_gen;
	if (!cb->args[0]) {
		err = redund_nl_dump_dev(cb, &cb->args[1]);
		if (err)
			goto out;
		cb->args[0] = 1;
	}
	for_each_netdev(net, dev) {
		if (!redund_is_redund_dev(dev))
			continue;
		if (cb->args[1] && dev->ifindex != cb->args[1])
			continue;
		if (idx++ < cb->args[2])
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &redund_genl_family,
				  NLM_F_MULTI, REDUND_CMD_DEV_GET);
		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		err = redund_nl_fill_dev(skb, netdev_priv(dev));
		if (err) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		genlmsg_end(skb, hdr);
		cb->args[2] = idx;
	}
out:
	rtnl_unlock();
	return redund_nl_dump_ret(skb, err);
}

/* cb->args: [0] the device's ifindex once checked, [1] ports done. */
int redund_nl_port_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	long skip = cb->args[1], idx = 0;
	struct redund_port *port;
	struct net_device *dev;
	struct redund_dev *rd;
	int err = 0;
	void *hdr;

	rtnl_lock();
	cb->seq = redund_nl_gen;
	if (!cb->args[0]) {
		rd = redund_nl_dev(net, redund_dump_attrs(cb), cb->extack);
		if (IS_ERR(rd)) {
			err = PTR_ERR(rd);
			goto out;
		}
		cb->args[0] = rd->dev->ifindex;
	}
	dev = __dev_get_by_index(net, cb->args[0]);
	if (!dev || !redund_is_redund_dev(dev))
		goto out;	/* removed between two parts: the dump ends */
	rd = netdev_priv(dev);

	list_for_each_entry(port, &rd->ports, list) {
		if (idx++ < skip)
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &redund_genl_family,
				  NLM_F_MULTI, REDUND_CMD_PORT_GET);
		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		if (nla_put_u32(skb, REDUND_A_DEV_IFINDEX, dev->ifindex) ||
		    nla_put_string(skb, REDUND_A_DEV_IFNAME, dev->name) ||
		    redund_nl_fill_port(skb, port)) {
			genlmsg_cancel(skb, hdr);
			err = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		genlmsg_end(skb, hdr);
		cb->args[1] = idx;
	}
out:
	rtnl_unlock();
	return redund_nl_dump_ret(skb, err);
}

/*
 * The device ifindex and the nest of attribute @type (a port, a gateway)
 * that a set or get request names, the nest parsed into @tb. Checked in
 * this order so the first missing one is named.
 */
static int redund_nl_parse_target(struct genl_info *info, int type,
				  struct nlattr **tb, int maxtype,
				  const struct nla_policy *policy)
{
	struct netlink_ext_ack *extack = info->extack;

	if (!info->attrs[REDUND_A_DEV_IFINDEX]) {
		NL_SET_ERR_MSG(extack, "Missing device ifindex (REDUND_A_DEV_IFINDEX)");
		NL_SET_ERR_ATTR_MISS(extack, NULL, REDUND_A_DEV_IFINDEX);
		return -EINVAL;
	}
	if (!info->attrs[type]) {
		/* NL_SET_ERR_MSG takes string literals only. */
		if (type == REDUND_A_GW)
			NL_SET_ERR_MSG(extack, "Missing gateway (REDUND_A_GW)");
		else
			NL_SET_ERR_MSG(extack, "Missing port (REDUND_A_PORT)");
		NL_SET_ERR_ATTR_MISS(extack, NULL, type);
		return -EINVAL;
	}
	return nla_parse_nested(tb, maxtype, info->attrs[type], policy, extack);
}

int redund_nl_port_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[REDUND_PORT_A_MAX + 1];
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *nest = info->attrs[REDUND_A_PORT];
	const struct nlattr *extra;
	struct redund_port *port;
	struct net_device *port_dev;
	struct redund_dev *rd;
	int err;

	err = redund_nl_parse_target(info, REDUND_A_PORT, tb, REDUND_PORT_A_MAX,
				     redund_port_nl_policy);
	if (err)
		return err;
	if (!tb[REDUND_PORT_A_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "Missing port ifindex (REDUND_PORT_A_IFINDEX)");
		NL_SET_ERR_ATTR_MISS(extack, nest, REDUND_PORT_A_IFINDEX);
		return -EINVAL;
	}
	extra = redund_nl_extra(tb, REDUND_PORT_A_MAX,
				BIT(REDUND_PORT_A_IFINDEX) |
				BIT(REDUND_PORT_A_ACTIVE) |
				BIT(REDUND_PORT_A_COLLECTING) |
				BIT(REDUND_PORT_A_DISTRIBUTING));
	if (extra) {
		NL_SET_ERR_MSG_ATTR(extack, extra, "Port attribute is read only");
		return -EINVAL;
	}
	if (tb[REDUND_PORT_A_ACTIVE] && !nla_get_u8(tb[REDUND_PORT_A_ACTIVE])) {
		NL_SET_ERR_MSG_ATTR(extack, tb[REDUND_PORT_A_ACTIVE],
				    "A port cannot be made inactive; make another port active");
		return -EINVAL;
	}

	rtnl_lock();
	rd = redund_nl_dev(genl_info_net(info), info->attrs, extack);
	if (IS_ERR(rd)) {
		err = PTR_ERR(rd);
		goto out;
	}
	port_dev = __dev_get_by_index(genl_info_net(info),
				      nla_get_u32(tb[REDUND_PORT_A_IFINDEX]));
	if (!port_dev) {
		NL_SET_ERR_MSG_ATTR(extack, tb[REDUND_PORT_A_IFINDEX],
				    "No port device with this ifindex");
		err = -ENODEV;
		goto out;
	}
	port = redund_port_get_rtnl(port_dev);
	if (!port || port->rd != rd) {
		NL_SET_ERR_MSG_ATTR(extack, tb[REDUND_PORT_A_IFINDEX],
				    "Device is not a port of this redund device");
		err = -EINVAL;
		goto out;
	}
	if (tb[REDUND_PORT_A_ACTIVE] &&
	    (tb[REDUND_PORT_A_COLLECTING] || tb[REDUND_PORT_A_DISTRIBUTING])) {
		NL_SET_ERR_MSG_ATTR(extack, tb[REDUND_PORT_A_ACTIVE],
				    "Active and collecting/distributing belong to different modes");
		err = -EINVAL;
		goto out;
	}
	if (tb[REDUND_PORT_A_ACTIVE])
		err = redund_port_set_active(rd, port, extack);
	else if (tb[REDUND_PORT_A_COLLECTING] || tb[REDUND_PORT_A_DISTRIBUTING])
		err = redund_port_set_lacp(port,
					   redund_nla_flag(tb[REDUND_PORT_A_COLLECTING]),
					   redund_nla_flag(tb[REDUND_PORT_A_DISTRIBUTING]),
					   extack);
out:
	rtnl_unlock();
	return err;
}

/* The policy admits only what DEV_SET takes (the spec's request). */
int redund_nl_dev_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct redund_dev *rd;
	int err = 0;

	rtnl_lock();
	rd = redund_nl_dev(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(rd)) {
		err = PTR_ERR(rd);
		goto out;
	}
	/* Mode first: it is the one setting that can be refused. */
	if (attrs[REDUND_A_DEV_MODE]) {
		err = redund_dev_set_mode(rd, nla_get_u8(attrs[REDUND_A_DEV_MODE]),
					  info->extack);
		if (err)
			goto out;
	}
	if (attrs[REDUND_A_DEV_HASH])
		WRITE_ONCE(rd->hash, nla_get_u8(attrs[REDUND_A_DEV_HASH]));
	if (attrs[REDUND_A_DEV_MIN_LINKS])
		redund_dev_set_min_links(rd, nla_get_u32(attrs[REDUND_A_DEV_MIN_LINKS]));
	redund_event_dev_full(rd, REDUND_CMD_DEV_CHANGE_NTF);
out:
	rtnl_unlock();
	return err;
}

/* ------------------------------------------------------ virtual gateways */

static int redund_nl_fill_gw_stats(struct sk_buff *skb,
				   const struct redund_gw *gw)
{
	static const u16 attr[REDUND_GW_NUM_STATS] = {
		[REDUND_GW_STAT_ARP_REPLIES]	= REDUND_GW_STATS_A_ARP_REPLIES,
		[REDUND_GW_STAT_NA_SENT]	= REDUND_GW_STATS_A_NA_SENT,
		[REDUND_GW_STAT_ANNOUNCES]	= REDUND_GW_STATS_A_ANNOUNCES,
		[REDUND_GW_STAT_RX_VMAC]	= REDUND_GW_STATS_A_RX_VMAC,
		[REDUND_GW_STAT_RX_DROPS]	= REDUND_GW_STATS_A_RX_DROPS,
		[REDUND_GW_STAT_TX_DROPS]	= REDUND_GW_STATS_A_TX_DROPS,
		[REDUND_GW_STAT_ARP_BAD_SENDER_MAC] = REDUND_GW_STATS_A_ARP_BAD_SENDER_MAC,
		[REDUND_GW_STAT_ARP_BAD_SENDER_IP] = REDUND_GW_STATS_A_ARP_BAD_SENDER_IP,
		[REDUND_GW_STAT_NS_BAD_SOURCE]	= REDUND_GW_STATS_A_NS_BAD_SOURCE,
		[REDUND_GW_STAT_NS_BAD_OPTION]	= REDUND_GW_STATS_A_NS_BAD_OPTION,
		[REDUND_GW_STAT_NS_DAD_BAD_DEST] = REDUND_GW_STATS_A_NS_DAD_BAD_DEST,
		[REDUND_GW_STAT_NS_DAD_SLLAO]	= REDUND_GW_STATS_A_NS_DAD_SLLAO,
		[REDUND_GW_STAT_RELEASES]	= REDUND_GW_STATS_A_RELEASES,
	};
	u64 sum[REDUND_GW_NUM_STATS];
	struct nlattr *nest;
	unsigned int i;

	redund_gw_get_stats(gw, sum);
	nest = nla_nest_start(skb, REDUND_GW_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < REDUND_GW_NUM_STATS; i++) {
		if (nla_put_u64_64bit(skb, attr[i], sum[i],
				      REDUND_GW_STATS_A_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int redund_nl_fill_gw_addrs(struct sk_buff *skb,
				   const struct redund_gw *gw)
{
	const struct redund_gw_addrs *a = rtnl_dereference(gw->addrs);
	struct nlattr *nest;
	unsigned int i;
	int err = 0;

	nest = nla_nest_start(skb, REDUND_GW_A_ADDRS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < a->num && !err; i++) {
		if (gw->family == AF_INET)
			err = nla_put_in_addr(skb, REDUND_GW_ADDR_A_IPV4,
					      a->v4[i]);
		else
			err = nla_put_in6_addr(skb, REDUND_GW_ADDR_A_IPV6,
					       &a->v6[i]);
	}
	if (err) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int redund_nl_fill_gw_release(struct sk_buff *skb,
				     const struct redund_gw *gw)
{
	const struct redund_gw_release *rel = gw->release;

	if (!rel)
		return 0;
	if (nla_put(skb, REDUND_GW_A_RELEASE_ADVERT, rel->len, rel->advert) ||
	    nla_put(skb, REDUND_GW_A_RELEASE_SOURCE,
		    gw->family == AF_INET ? 4 : 16, &rel->source))
		return -EMSGSIZE;
	return 0;
}

/* @full: everything GW_GET reports; else only what names the gateway. */
int redund_nl_fill_gw(struct sk_buff *skb, const struct redund_gw *gw,
		      bool full)
{
	struct nlattr *nest = nla_nest_start(skb, REDUND_A_GW);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, REDUND_GW_A_VRID, gw->vrid) ||
	    nla_put_u8(skb, REDUND_GW_A_FAMILY, gw->family) ||
	    nla_put(skb, REDUND_GW_A_MAC, ETH_ALEN, gw->mac))
		goto err_cancel;
	if (full &&
	    (nla_put_u8(skb, REDUND_GW_A_STATE, gw->state) ||
	     redund_nl_fill_gw_addrs(skb, gw) ||
	     nla_put_u32(skb, REDUND_GW_A_ANNOUNCE_COUNT, gw->announce_count) ||
	     nla_put_u32(skb, REDUND_GW_A_ANNOUNCE_INTERVAL,
			 gw->announce_interval) ||
	     nla_put_u32(skb, REDUND_GW_A_REFRESH_INTERVAL,
			 gw->refresh_interval) ||
	     nla_put_u8(skb, REDUND_GW_A_PERSIST, gw->persist) ||
	     nla_put_u32(skb, REDUND_GW_A_OWNER, redund_gw_owner(gw)) ||
	     redund_nl_fill_gw_release(skb, gw) ||
	     redund_nl_fill_gw_stats(skb, gw)))
		goto err_cancel;
	nla_nest_end(skb, nest);
	return 0;

err_cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* What each gateway command takes besides the VRID and family. */
#define REDUND_NL_GW_ADD	(BIT(REDUND_GW_A_MAC) | BIT(REDUND_GW_A_ADDRS) | \
				 BIT(REDUND_GW_A_STATE) | \
				 BIT(REDUND_GW_A_ANNOUNCE_COUNT) | \
				 BIT(REDUND_GW_A_ANNOUNCE_INTERVAL) | \
				 BIT(REDUND_GW_A_PERSIST) | \
				 BIT(REDUND_GW_A_REFRESH_INTERVAL) | \
				 BIT(REDUND_GW_A_RELEASE_ADVERT) | \
				 BIT(REDUND_GW_A_RELEASE_SOURCE))
#define REDUND_NL_GW_SET	(REDUND_NL_GW_ADD | BIT(REDUND_GW_A_ADOPT))

/*
 * Parses REDUND_A_GW into @tb, checks the two attributes naming the
 * gateway and refuses any other than those in @taken.
 */
static int redund_nl_gw_key(struct genl_info *info,
			    struct nlattr *tb[REDUND_GW_A_MAX + 1],
			    struct redund_gw_cfg *cfg, unsigned long taken)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *nest = info->attrs[REDUND_A_GW];
	const struct nlattr *extra;
	int err;

	err = redund_nl_parse_target(info, REDUND_A_GW, tb, REDUND_GW_A_MAX,
				     redund_gw_nl_policy);
	if (err)
		return err;
	if (!tb[REDUND_GW_A_VRID]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "Missing VRID (REDUND_GW_A_VRID)");
		NL_SET_ERR_ATTR_MISS(extack, nest, REDUND_GW_A_VRID);
		return -EINVAL;
	}
	if (!tb[REDUND_GW_A_FAMILY]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "Missing family (REDUND_GW_A_FAMILY)");
		NL_SET_ERR_ATTR_MISS(extack, nest, REDUND_GW_A_FAMILY);
		return -EINVAL;
	}
	extra = redund_nl_extra(tb, REDUND_GW_A_MAX,
				taken | BIT(REDUND_GW_A_VRID) |
				BIT(REDUND_GW_A_FAMILY));
	if (extra) {
		NL_SET_ERR_MSG_ATTR(extack, extra,
				    "Gateway attribute is read only or not taken by this command");
		return -EINVAL;
	}
	cfg->vrid = nla_get_u8(tb[REDUND_GW_A_VRID]);
	cfg->family = nla_get_u8(tb[REDUND_GW_A_FAMILY]);
	if (!cfg->vrid) {
		NL_SET_ERR_MSG_ATTR(extack, tb[REDUND_GW_A_VRID], "VRID must be 1..255");
		return -EINVAL;
	}
	if (cfg->family != AF_INET && cfg->family != AF_INET6) {
		NL_SET_ERR_MSG_ATTR(extack, tb[REDUND_GW_A_FAMILY],
				    "Family must be AF_INET (2) or AF_INET6 (10)");
		return -EINVAL;
	}
	return 0;
}

/* What a virtual IP and a release's source may be. */
static bool redund_ipv4_unicast(__be32 ip)
{
	return !ipv4_is_zeronet(ip) && !ipv4_is_multicast(ip) &&
	       !ipv4_is_lbcast(ip) && !ipv4_is_loopback(ip);
}

static int redund_nl_gw_addrs(const struct nlattr *nest, u8 family,
			      struct redund_gw_addrs **out,
			      struct netlink_ext_ack *extack)
{
	int want = family == AF_INET ? REDUND_GW_ADDR_A_IPV4 :
				       REDUND_GW_ADDR_A_IPV6;
	struct redund_gw_addrs *a;
	const struct nlattr *attr;
	struct in6_addr ip6;
	unsigned int i;
	__be32 ip4;
	int rem;

	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	nla_for_each_nested(attr, nest, rem) {
		if (nla_type(attr) != want) {
			if (family == AF_INET)
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "An AF_INET gateway takes IPv4 addresses (REDUND_GW_ADDR_A_IPV4)");
			else
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "An AF_INET6 gateway takes IPv6 addresses (REDUND_GW_ADDR_A_IPV6)");
			goto err_free;
		}
		if (a->num >= REDUND_GW_MAX_ADDRS) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "Too many virtual IPs (at most REDUND_GW_MAX_ADDRS, 16)");
			goto err_free;
		}
		if (family == AF_INET) {
			ip4 = nla_get_in_addr(attr);
			if (!redund_ipv4_unicast(ip4)) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "Virtual IP must be a unicast address");
				goto err_free;
			}
			for (i = 0; i < a->num; i++)
				if (a->v4[i] == ip4)
					goto err_dup;
			a->v4[a->num++] = ip4;
		} else {
			ip6 = nla_get_in6_addr(attr);
			if (ipv6_addr_any(&ip6) || ipv6_addr_is_multicast(&ip6) ||
			    ipv6_addr_loopback(&ip6) || ipv6_addr_v4mapped(&ip6)) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "Virtual IP must be a unicast address");
				goto err_free;
			}
			for (i = 0; i < a->num; i++)
				if (ipv6_addr_equal(&a->v6[i], &ip6))
					goto err_dup;
			a->v6[a->num++] = ip6;
		}
	}
	*out = a;
	return 0;

err_dup:
	NL_SET_ERR_MSG_ATTR(extack, attr, "Virtual IP listed twice");
err_free:
	kfree(a);
	return -EINVAL;
}

/*
 * The release advert must be one a VRRP peer takes for this gateway's
 * master stepping down, or it would be sent for nothing; the module sends
 * it as given, so only its header and length are read here.
 */
static int redund_nl_gw_release(struct nlattr *tb[REDUND_GW_A_MAX + 1],
				struct redund_gw_cfg *cfg,
				struct netlink_ext_ack *extack)
{
	const struct nlattr *adv = tb[REDUND_GW_A_RELEASE_ADVERT];
	const struct nlattr *src = tb[REDUND_GW_A_RELEASE_SOURCE];
	unsigned int alen = cfg->family == AF_INET ? 4 : 16;
	struct redund_gw_release *rel;
	unsigned int len, version;
	struct in6_addr ip6;
	const u8 *p;
	__be32 ip4;

	if (!adv && !src)
		return 0;
	if (!adv || (!nla_len(adv) && src)) {
		NL_SET_ERR_MSG_ATTR(extack, src,
				    "A release source goes only with a non-empty release advert (REDUND_GW_A_RELEASE_ADVERT)");
		return -EINVAL;
	}
	cfg->release_set = true;
	len = nla_len(adv);
	if (!len)
		return 0;
	if (!src) {
		NL_SET_ERR_MSG_ATTR(extack, adv,
				    "A release advert needs its source (REDUND_GW_A_RELEASE_SOURCE)");
		return -EINVAL;
	}
	if (nla_len(src) != alen) {
		NL_SET_ERR_MSG_ATTR(extack, src,
				    "Release source must be 4 bytes (AF_INET) or 16 (AF_INET6), as the gateway's family");
		return -EINVAL;
	}
	if (cfg->family == AF_INET) {
		ip4 = nla_get_in_addr(src);
		if (!redund_ipv4_unicast(ip4)) {
			NL_SET_ERR_MSG_ATTR(extack, src,
					    "Release source must be a unicast address");
			return -EINVAL;
		}
	} else {
		ip6 = nla_get_in6_addr(src);
		if (!(ipv6_addr_type(&ip6) & IPV6_ADDR_LINKLOCAL) ||
		    ipv6_addr_is_multicast(&ip6)) {
			NL_SET_ERR_MSG_ATTR(extack, src,
					    "Release source must be an IPv6 link-local unicast address");
			return -EINVAL;
		}
	}
	p = nla_data(adv);
	if (len > REDUND_GW_MAX_RELEASE_LEN || len < 8) {
		NL_SET_ERR_MSG_ATTR(extack, adv,
				    "Release advert must be 8..REDUND_GW_MAX_RELEASE_LEN (272) bytes");
		return -EINVAL;
	}
	version = p[0] >> 4;
	if ((p[0] & 0x0f) != 1 ||
	    (version != 3 && (version != 2 || cfg->family != AF_INET))) {
		NL_SET_ERR_MSG_ATTR(extack, adv,
				    "Release advert must be a VRRP v3 advertisement (or v2, AF_INET only)");
		return -EINVAL;
	}
	if (p[1] != cfg->vrid || p[2]) {
		NL_SET_ERR_MSG_ATTR(extack, adv,
				    "Release advert must carry the gateway's VRID and priority 0");
		return -EINVAL;
	}
	if (len != 8 + p[3] * alen + (version == 2 ? 8 : 0)) {
		NL_SET_ERR_MSG_ATTR(extack, adv,
				    "Release advert's length does not match its address count");
		return -EINVAL;
	}
	rel = kzalloc(struct_size(rel, advert, len), GFP_KERNEL);
	if (!rel)
		return -ENOMEM;
	memcpy(&rel->source, nla_data(src), alen);
	rel->len = len;
	memcpy(rel->advert, p, len);
	cfg->release = rel;
	return 0;
}

static void redund_nl_gw_cfg_free(struct redund_gw_cfg *cfg)
{
	kfree(cfg->addrs);
	kfree(cfg->release);
}

/* Fills @cfg from the settable attributes; redund_nl_gw_cfg_free() frees. */
static int redund_nl_gw_cfg(struct nlattr *tb[REDUND_GW_A_MAX + 1],
			    struct redund_gw_cfg *cfg,
			    struct netlink_ext_ack *extack)
{
	const u8 *mac;
	int err;

	cfg->mac = NULL;
	cfg->addrs = NULL;
	cfg->release = NULL;
	cfg->release_set = false;
	cfg->state = tb[REDUND_GW_A_STATE] ?
		     nla_get_u8(tb[REDUND_GW_A_STATE]) : -1;
	cfg->announce_count = -1;
	if (tb[REDUND_GW_A_ANNOUNCE_COUNT])
		cfg->announce_count = nla_get_u32(tb[REDUND_GW_A_ANNOUNCE_COUNT]);
	cfg->announce_interval = -1;
	if (tb[REDUND_GW_A_ANNOUNCE_INTERVAL])
		cfg->announce_interval = nla_get_u32(tb[REDUND_GW_A_ANNOUNCE_INTERVAL]);
	cfg->refresh_interval = -1;
	if (tb[REDUND_GW_A_REFRESH_INTERVAL])
		cfg->refresh_interval = nla_get_u32(tb[REDUND_GW_A_REFRESH_INTERVAL]);
	cfg->persist = redund_nla_flag(tb[REDUND_GW_A_PERSIST]);
	cfg->adopt = !!tb[REDUND_GW_A_ADOPT];

	if (cfg->refresh_interval > 0 &&
	    cfg->refresh_interval < REDUND_GW_MIN_REFRESH_INTERVAL) {
		NL_SET_ERR_MSG_ATTR(extack, tb[REDUND_GW_A_REFRESH_INTERVAL],
				    "Refresh interval must be 0 (off) or 1000..3600000 ms");
		return -EINVAL;
	}

	if (tb[REDUND_GW_A_MAC]) {
		mac = nla_data(tb[REDUND_GW_A_MAC]);
		if (!is_valid_ether_addr(mac)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[REDUND_GW_A_MAC],
					    "Virtual MAC must be a unicast address");
			return -EINVAL;
		}
		cfg->mac = mac;
	}
	err = redund_nl_gw_release(tb, cfg, extack);
	if (err || !tb[REDUND_GW_A_ADDRS])
		return err;
	err = redund_nl_gw_addrs(tb[REDUND_GW_A_ADDRS], cfg->family,
				 &cfg->addrs, extack);
	if (err) {
		kfree(cfg->release);
		cfg->release = NULL;
	}
	return err;
}

/* Resolves device and gateway of a request. Needs RTNL. */
static struct redund_gw *redund_nl_gw(struct genl_info *info,
				      const struct redund_gw_cfg *cfg)
{
	struct redund_dev *rd;
	struct redund_gw *gw;

	rd = redund_nl_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(rd))
		return ERR_CAST(rd);
	gw = redund_gw_find(rd, cfg->vrid, cfg->family);
	if (!gw) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[REDUND_A_GW],
				    "No gateway with this VRID and family on this device");
		return ERR_PTR(-ENOENT);
	}
	return gw;
}

int redund_nl_gw_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[REDUND_GW_A_MAX + 1];
	struct redund_gw_cfg cfg;
	struct redund_dev *rd;
	int err;

	err = redund_nl_gw_key(info, tb, &cfg, REDUND_NL_GW_ADD);
	if (err)
		return err;
	err = redund_nl_gw_cfg(tb, &cfg, info->extack);
	if (err)
		return err;

	rtnl_lock();
	rd = redund_nl_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(rd))
		err = PTR_ERR(rd);
	else
		err = redund_gw_add(rd, &cfg, info->snd_portid, info->extack);
	rtnl_unlock();
	redund_nl_gw_cfg_free(&cfg);
	return err;
}

int redund_nl_gw_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[REDUND_GW_A_MAX + 1];
	struct redund_gw_cfg cfg;
	struct redund_gw *gw;
	int err;

	err = redund_nl_gw_key(info, tb, &cfg, REDUND_NL_GW_SET);
	if (err)
		return err;
	err = redund_nl_gw_cfg(tb, &cfg, info->extack);
	if (err)
		return err;

	rtnl_lock();
	gw = redund_nl_gw(info, &cfg);
	if (IS_ERR(gw))
		err = PTR_ERR(gw);
	else
		err = redund_gw_change(gw, &cfg, info->snd_portid, info->extack);
	rtnl_unlock();
	redund_nl_gw_cfg_free(&cfg);
	return err;
}

int redund_nl_gw_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[REDUND_GW_A_MAX + 1];
	struct redund_gw_cfg cfg;
	struct redund_gw *gw;
	int err;

	err = redund_nl_gw_key(info, tb, &cfg, 0);
	if (err)
		return err;
	rtnl_lock();
	gw = redund_nl_gw(info, &cfg);
	if (IS_ERR(gw))
		err = PTR_ERR(gw);
	else
		redund_gw_del(gw, true);
	rtnl_unlock();
	return err;
}

int redund_nl_gw_announce_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[REDUND_GW_A_MAX + 1];
	struct redund_gw_cfg cfg;
	struct redund_gw *gw;
	int err;

	err = redund_nl_gw_key(info, tb, &cfg, 0);
	if (err)
		return err;
	rtnl_lock();
	gw = redund_nl_gw(info, &cfg);
	if (IS_ERR(gw))
		err = PTR_ERR(gw);
	else
		err = redund_gw_announce(gw, info->extack);
	rtnl_unlock();
	return err;
}

/* A GW_GET reply; @cb is the dump's, NULL for a doit. */
static int redund_nl_put_gw(struct sk_buff *skb, const struct redund_gw *gw,
			    u32 portid, u32 seq, struct netlink_callback *cb)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &redund_genl_family,
			  cb ? NLM_F_MULTI : 0, REDUND_CMD_GW_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, REDUND_A_DEV_IFINDEX, gw->rd->dev->ifindex) ||
	    nla_put_string(skb, REDUND_A_DEV_IFNAME, gw->rd->dev->name) ||
	    redund_nl_fill_gw(skb, gw, true)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	genlmsg_end(skb, hdr);
	return 0;
}

int redund_nl_gw_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[REDUND_GW_A_MAX + 1];
	struct redund_gw_cfg cfg;
	struct redund_gw *gw;
	struct sk_buff *msg;
	int err;

	err = redund_nl_gw_key(info, tb, &cfg, 0);
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	gw = redund_nl_gw(info, &cfg);
	if (IS_ERR(gw))
		err = PTR_ERR(gw);
	else
		err = redund_nl_put_gw(msg, gw, info->snd_portid,
				       info->snd_seq, NULL);
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/*
 * cb->args: [0] set once the request was checked, [1] the ifindex asked
 * for (0: every redund device), [2] devices done, [3] gateways done in the
 * device being dumped.
 */
int redund_nl_gw_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct redund_dev *rd;
	struct redund_gw *gw;
	struct net_device *dev;
	long didx = 0, gidx;
	int err = 0;

	rtnl_lock();
	cb->seq = redund_nl_gen;
	if (!cb->args[0]) {
		err = redund_nl_dump_dev(cb, &cb->args[1]);
		if (err)
			goto out;
		cb->args[0] = 1;
	}
	for_each_netdev(net, dev) {
		if (!redund_is_redund_dev(dev))
			continue;
		if (cb->args[1] && dev->ifindex != cb->args[1])
			continue;
		if (didx++ < cb->args[2])
			continue;
		rd = netdev_priv(dev);
		gidx = 0;
		list_for_each_entry(gw, &rd->gws, list) {
			if (gidx++ < cb->args[3])
				continue;
			err = redund_nl_put_gw(skb, gw,
					       NETLINK_CB(cb->skb).portid,
					       cb->nlh->nlmsg_seq, cb);
			if (err)
				goto out;
			cb->args[3] = gidx;
		}
		cb->args[2] = didx;
		cb->args[3] = 0;
	}
out:
	rtnl_unlock();
	return redund_nl_dump_ret(skb, err);
}

static const struct genl_multicast_group redund_mcgrps[] = {
	[REDUND_NLGRP_EVENTS] = { .name = REDUND_MCGRP_EVENTS },
};

struct genl_family redund_genl_family __ro_after_init = {
	.name		= REDUND_GENL_NAME,
	.version	= REDUND_GENL_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	/*
	 * Validated in full from the first command on: attributes by each
	 * command's own policy, strictly, and the reserved header fields.
	 */
	.resv_start_op	= 0,
	.mcgrps		= redund_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(redund_mcgrps),
};

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
static void __init redund_genl_set_ops(void)
{
	redund_genl_family.split_ops = redund_nl_ops;
	redund_genl_family.n_split_ops = ARRAY_SIZE(redund_nl_ops);
}
#else
static struct genl_ops redund_genl_ops[ARRAY_SIZE(redund_nl_ops)] __ro_after_init;

/*
 * 6.1 has no split ops: one genl_ops per command, whose policy serves its
 * do and its dump. The generated table lists a command's do before its
 * dump, and a dump takes a subset of what the do takes (GW_GET), so the
 * do's policy is the one; on 6.1 a GW_GET dump therefore also admits
 * (and ignores) a gateway nest.
 */
static void __init redund_genl_set_ops(void)
{
	const struct genl_split_ops *split;
	struct genl_ops *op = NULL;
	int n = 0;

	for (split = redund_nl_ops;
	     split < redund_nl_ops + ARRAY_SIZE(redund_nl_ops); split++) {
		if (!op || op->cmd != split->cmd) {
			op = &redund_genl_ops[n++];
			op->cmd = split->cmd;
			op->flags = split->flags &
				    ~(GENL_CMD_CAP_DO | GENL_CMD_CAP_DUMP);
			op->validate = split->validate;
			op->policy = split->policy;
			op->maxattr = split->maxattr;
		}
		if (split->flags & GENL_CMD_CAP_DO) {
			op->doit = split->doit;
		} else {
			op->start = split->start;
			op->dumpit = split->dumpit;
			op->done = split->done;
		}
	}
	redund_genl_family.ops = redund_genl_ops;
	redund_genl_family.n_ops = n;
}
#endif

int __init redund_genl_register(void)
{
	redund_genl_set_ops();
	return genl_register_family(&redund_genl_family);
}

void redund_genl_unregister(void)
{
	genl_unregister_family(&redund_genl_family);
}
