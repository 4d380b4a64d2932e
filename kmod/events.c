// SPDX-License-Identifier: GPL-2.0
#include <net/genetlink.h>

#include "redund.h"
#include "netlink_gen.h"

/*
 * Events are sent from RTNL context (port changes, the netdev notifier,
 * genl requests), so they may sleep, and a failure to allocate loses one
 * event rather than stalling the data path: listeners resync with a dump.
 */
static struct sk_buff *redund_event_new(const struct redund_dev *rd, u8 cmd,
					bool full, void **hdr)
{
	struct net *net = dev_net(rd->dev);
	struct sk_buff *skb;
	int err;

	/*
	 * Every device, port and gateway that comes or goes is announced
	 * here, listeners or not (a dying device's ports and gateways go
	 * silently, in the RTNL section that announces DEV_DEL_NTF): dumps
	 * in progress learn of it through the generation.
	 */
	switch (cmd) {
	case REDUND_CMD_DEV_NEW_NTF:
	case REDUND_CMD_DEV_DEL_NTF:
	case REDUND_CMD_PORT_NEW_NTF:
	case REDUND_CMD_PORT_DEL_NTF:
	case REDUND_CMD_GW_NEW_NTF:
	case REDUND_CMD_GW_DEL_NTF:
		redund_nl_changed();
	}

	if (!genl_has_listeners(&redund_genl_family, net,
				REDUND_NLGRP_EVENTS))
		return NULL;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return NULL;
	*hdr = genlmsg_put(skb, 0, 0, &redund_genl_family, 0, cmd);
	if (!*hdr)
		goto err_free;
	if (full)
		err = redund_nl_fill_dev(skb, rd);
	else
		err = nla_put_u32(skb, REDUND_A_DEV_IFINDEX, rd->dev->ifindex) ?:
		      nla_put_string(skb, REDUND_A_DEV_IFNAME, rd->dev->name);
	if (err)
		goto err_free;
	return skb;

err_free:
	nlmsg_free(skb);
	return NULL;
}

static void redund_event_send(const struct redund_dev *rd, struct sk_buff *skb,
			      void *hdr)
{
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&redund_genl_family, dev_net(rd->dev), skb, 0,
				REDUND_NLGRP_EVENTS, GFP_KERNEL);
}

void redund_event_dev(const struct redund_dev *rd, u8 cmd)
{
	struct sk_buff *skb;
	void *hdr;

	skb = redund_event_new(rd, cmd, false, &hdr);
	if (skb)
		redund_event_send(rd, skb, hdr);
}

/* A device event carrying the whole device state, as DEV_GET does. */
void redund_event_dev_full(const struct redund_dev *rd, u8 cmd)
{
	struct sk_buff *skb;
	void *hdr;

	skb = redund_event_new(rd, cmd, true, &hdr);
	if (skb)
		redund_event_send(rd, skb, hdr);
}

void redund_event_port(const struct redund_port *port, u8 cmd)
{
	struct sk_buff *skb;
	void *hdr;

	skb = redund_event_new(port->rd, cmd, false, &hdr);
	if (!skb)
		return;
	if (redund_nl_fill_port(skb, port)) {
		nlmsg_free(skb);
		return;
	}
	redund_event_send(port->rd, skb, hdr);
}

void redund_event_active(const struct redund_dev *rd,
			 enum redund_reason reason)
{
	struct redund_port *active = rtnl_dereference(rd->active);
	struct sk_buff *skb;
	void *hdr;

	skb = redund_event_new(rd, REDUND_CMD_ACTIVE_NTF, false, &hdr);
	if (!skb)
		return;
	if ((active && nla_put_u32(skb, REDUND_A_DEV_ACTIVE_PORT,
				   active->dev->ifindex)) ||
	    nla_put_u8(skb, REDUND_A_REASON, reason)) {
		nlmsg_free(skb);
		return;
	}
	redund_event_send(rd, skb, hdr);
}

void redund_event_gw(const struct redund_gw *gw, u8 cmd,
		     enum redund_reason reason)
{
	struct sk_buff *skb;
	void *hdr;

	skb = redund_event_new(gw->rd, cmd, false, &hdr);
	if (!skb)
		return;
	if (redund_nl_fill_gw(skb, gw, cmd != REDUND_CMD_GW_DEL_NTF) ||
	    (reason && nla_put_u8(skb, REDUND_A_REASON, reason))) {
		nlmsg_free(skb);
		return;
	}
	redund_event_send(gw->rd, skb, hdr);
}
