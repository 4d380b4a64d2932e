/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/redund.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_REDUND_GEN_H
#define _LINUX_REDUND_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/redund.h>
#include <redund.h>

/* Common nested types */
extern const struct nla_policy redund_gw_nl_policy[REDUND_GW_A_RELEASE_SOURCE + 1];
extern const struct nla_policy redund_gw_addr_nl_policy[REDUND_GW_ADDR_A_IPV6 + 1];
extern const struct nla_policy redund_gw_stats_nl_policy[REDUND_GW_STATS_A_RELEASES + 1];
extern const struct nla_policy redund_port_nl_policy[REDUND_PORT_A_PAD + 1];
extern const struct nla_policy redund_stats_nl_policy[REDUND_STATS_A_PAD + 1];

/* Ops table for redund */
extern const struct genl_split_ops redund_nl_ops[11];

int redund_nl_dev_get_doit(struct sk_buff *skb, struct genl_info *info);
int redund_nl_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int redund_nl_port_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int redund_nl_port_set_doit(struct sk_buff *skb, struct genl_info *info);
int redund_nl_dev_set_doit(struct sk_buff *skb, struct genl_info *info);
int redund_nl_gw_add_doit(struct sk_buff *skb, struct genl_info *info);
int redund_nl_gw_set_doit(struct sk_buff *skb, struct genl_info *info);
int redund_nl_gw_del_doit(struct sk_buff *skb, struct genl_info *info);
int redund_nl_gw_get_doit(struct sk_buff *skb, struct genl_info *info);
int redund_nl_gw_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int redund_nl_gw_announce_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	REDUND_NLGRP_EVENTS,
};

#endif /* _LINUX_REDUND_GEN_H */
