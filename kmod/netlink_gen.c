// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/redund.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink_gen.h"

#include <uapi/linux/redund.h>
#include <redund.h>

/* Integer value ranges */
static const struct netlink_range_validation redund_gw_a_announce_interval_range = {
	.min	= REDUND_GW_MIN_ANNOUNCE_INTERVAL,
	.max	= REDUND_GW_MAX_ANNOUNCE_INTERVAL,
};

static const struct netlink_range_validation redund_gw_a_refresh_interval_range = {
	.max	= REDUND_GW_MAX_REFRESH_INTERVAL,
};

/* Common nested types */
const struct nla_policy redund_gw_nl_policy[REDUND_GW_A_RELEASE_SOURCE + 1] = {
	[REDUND_GW_A_VRID] = { .type = NLA_U8, },
	[REDUND_GW_A_FAMILY] = { .type = NLA_U8, },
	[REDUND_GW_A_MAC] = NLA_POLICY_EXACT_LEN(6),
	[REDUND_GW_A_ADDRS] = NLA_POLICY_NESTED(redund_gw_addr_nl_policy),
	[REDUND_GW_A_STATE] = NLA_POLICY_MAX(NLA_U8, 2),
	[REDUND_GW_A_ANNOUNCE_COUNT] = NLA_POLICY_MAX(NLA_U32, REDUND_GW_MAX_ANNOUNCE_COUNT),
	[REDUND_GW_A_ANNOUNCE_INTERVAL] = NLA_POLICY_FULL_RANGE(NLA_U32, &redund_gw_a_announce_interval_range),
	[REDUND_GW_A_PERSIST] = NLA_POLICY_MAX(NLA_U8, 1),
	[REDUND_GW_A_ADOPT] = NLA_POLICY_RANGE(NLA_U8, 1, 1),
	[REDUND_GW_A_OWNER] = { .type = NLA_U32, },
	[REDUND_GW_A_STATS] = NLA_POLICY_NESTED(redund_gw_stats_nl_policy),
	[REDUND_GW_A_REFRESH_INTERVAL] = NLA_POLICY_FULL_RANGE(NLA_U32, &redund_gw_a_refresh_interval_range),
	[REDUND_GW_A_RELEASE_ADVERT] = { .type = NLA_BINARY, },
	[REDUND_GW_A_RELEASE_SOURCE] = { .type = NLA_BINARY, },
};

const struct nla_policy redund_gw_addr_nl_policy[REDUND_GW_ADDR_A_IPV6 + 1] = {
	[REDUND_GW_ADDR_A_IPV4] = { .type = NLA_U32, },
	[REDUND_GW_ADDR_A_IPV6] = NLA_POLICY_EXACT_LEN(16),
};

const struct nla_policy redund_gw_stats_nl_policy[REDUND_GW_STATS_A_RELEASES + 1] = {
	[REDUND_GW_STATS_A_ARP_REPLIES] = { .type = NLA_U64, },
	[REDUND_GW_STATS_A_NA_SENT] = { .type = NLA_U64, },
	[REDUND_GW_STATS_A_ANNOUNCES] = { .type = NLA_U64, },
	[REDUND_GW_STATS_A_RX_VMAC] = { .type = NLA_U64, },
	[REDUND_GW_STATS_A_RX_DROPS] = { .type = NLA_U64, },
	[REDUND_GW_STATS_A_TX_DROPS] = { .type = NLA_U64, },
	[REDUND_GW_STATS_A_ARP_BAD_SENDER_MAC] = { .type = NLA_U64, },
	[REDUND_GW_STATS_A_ARP_BAD_SENDER_IP] = { .type = NLA_U64, },
	[REDUND_GW_STATS_A_NS_BAD_SOURCE] = { .type = NLA_U64, },
	[REDUND_GW_STATS_A_NS_BAD_OPTION] = { .type = NLA_U64, },
	[REDUND_GW_STATS_A_NS_DAD_BAD_DEST] = { .type = NLA_U64, },
	[REDUND_GW_STATS_A_NS_DAD_SLLAO] = { .type = NLA_U64, },
	[REDUND_GW_STATS_A_RELEASES] = { .type = NLA_U64, },
};

const struct nla_policy redund_port_nl_policy[REDUND_PORT_A_PAD + 1] = {
	[REDUND_PORT_A_IFINDEX] = { .type = NLA_U32, },
	[REDUND_PORT_A_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[REDUND_PORT_A_CARRIER] = { .type = NLA_U8, },
	[REDUND_PORT_A_ACTIVE] = NLA_POLICY_MAX(NLA_U8, 1),
	[REDUND_PORT_A_LINK_FAILURES] = { .type = NLA_U32, },
	[REDUND_PORT_A_COLLECTING] = NLA_POLICY_MAX(NLA_U8, 1),
	[REDUND_PORT_A_DISTRIBUTING] = NLA_POLICY_MAX(NLA_U8, 1),
	[REDUND_PORT_A_TX_BUCKETS] = { .type = NLA_U32, },
	[REDUND_PORT_A_SPEED] = { .type = NLA_U32, },
	[REDUND_PORT_A_DUPLEX] = { .type = NLA_U8, },
	[REDUND_PORT_A_STATS] = NLA_POLICY_NESTED(redund_stats_nl_policy),
};

const struct nla_policy redund_stats_nl_policy[REDUND_STATS_A_PAD + 1] = {
	[REDUND_STATS_A_RX_PACKETS] = { .type = NLA_U64, },
	[REDUND_STATS_A_RX_BYTES] = { .type = NLA_U64, },
	[REDUND_STATS_A_RX_DROPS] = { .type = NLA_U64, },
	[REDUND_STATS_A_TX_PACKETS] = { .type = NLA_U64, },
	[REDUND_STATS_A_TX_BYTES] = { .type = NLA_U64, },
	[REDUND_STATS_A_TX_DROPS] = { .type = NLA_U64, },
};

/* REDUND_CMD_DEV_GET - do */
static const struct nla_policy redund_dev_get_do_nl_policy[REDUND_A_DEV_IFINDEX + 1] = {
	[REDUND_A_DEV_IFINDEX] = { .type = NLA_U32, },
};

/* REDUND_CMD_DEV_GET - dump */
static const struct nla_policy redund_dev_get_dump_nl_policy[REDUND_A_DEV_IFINDEX + 1] = {
	[REDUND_A_DEV_IFINDEX] = { .type = NLA_U32, },
};

/* REDUND_CMD_PORT_GET - dump */
static const struct nla_policy redund_port_get_nl_policy[REDUND_A_DEV_IFINDEX + 1] = {
	[REDUND_A_DEV_IFINDEX] = { .type = NLA_U32, },
};

/* REDUND_CMD_PORT_SET - do */
static const struct nla_policy redund_port_set_nl_policy[REDUND_A_PORT + 1] = {
	[REDUND_A_DEV_IFINDEX] = { .type = NLA_U32, },
	[REDUND_A_PORT] = NLA_POLICY_NESTED(redund_port_nl_policy),
};

/* REDUND_CMD_DEV_SET - do */
static const struct nla_policy redund_dev_set_nl_policy[REDUND_A_DEV_MIN_LINKS + 1] = {
	[REDUND_A_DEV_IFINDEX] = { .type = NLA_U32, },
	[REDUND_A_DEV_MODE] = NLA_POLICY_MAX(NLA_U8, 2),
	[REDUND_A_DEV_HASH] = NLA_POLICY_MAX(NLA_U8, 4),
	[REDUND_A_DEV_MIN_LINKS] = NLA_POLICY_MAX(NLA_U32, REDUND_MAX_PORTS),
};

/* REDUND_CMD_GW_ADD - do */
static const struct nla_policy redund_gw_add_nl_policy[REDUND_A_GW + 1] = {
	[REDUND_A_DEV_IFINDEX] = { .type = NLA_U32, },
	[REDUND_A_GW] = NLA_POLICY_NESTED(redund_gw_nl_policy),
};

/* REDUND_CMD_GW_SET - do */
static const struct nla_policy redund_gw_set_nl_policy[REDUND_A_GW + 1] = {
	[REDUND_A_DEV_IFINDEX] = { .type = NLA_U32, },
	[REDUND_A_GW] = NLA_POLICY_NESTED(redund_gw_nl_policy),
};

/* REDUND_CMD_GW_DEL - do */
static const struct nla_policy redund_gw_del_nl_policy[REDUND_A_GW + 1] = {
	[REDUND_A_DEV_IFINDEX] = { .type = NLA_U32, },
	[REDUND_A_GW] = NLA_POLICY_NESTED(redund_gw_nl_policy),
};

/* REDUND_CMD_GW_GET - do */
static const struct nla_policy redund_gw_get_do_nl_policy[REDUND_A_GW + 1] = {
	[REDUND_A_DEV_IFINDEX] = { .type = NLA_U32, },
	[REDUND_A_GW] = NLA_POLICY_NESTED(redund_gw_nl_policy),
};

/* REDUND_CMD_GW_GET - dump */
static const struct nla_policy redund_gw_get_dump_nl_policy[REDUND_A_DEV_IFINDEX + 1] = {
	[REDUND_A_DEV_IFINDEX] = { .type = NLA_U32, },
};

/* REDUND_CMD_GW_ANNOUNCE - do */
static const struct nla_policy redund_gw_announce_nl_policy[REDUND_A_GW + 1] = {
	[REDUND_A_DEV_IFINDEX] = { .type = NLA_U32, },
	[REDUND_A_GW] = NLA_POLICY_NESTED(redund_gw_nl_policy),
};

/* Ops table for redund */
const struct genl_split_ops redund_nl_ops[11] = {
	{
		.cmd		= REDUND_CMD_DEV_GET,
		.doit		= redund_nl_dev_get_doit,
		.policy		= redund_dev_get_do_nl_policy,
		.maxattr	= REDUND_A_DEV_IFINDEX,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= REDUND_CMD_DEV_GET,
		.dumpit		= redund_nl_dev_get_dumpit,
		.policy		= redund_dev_get_dump_nl_policy,
		.maxattr	= REDUND_A_DEV_IFINDEX,
		.flags		= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= REDUND_CMD_PORT_GET,
		.dumpit		= redund_nl_port_get_dumpit,
		.policy		= redund_port_get_nl_policy,
		.maxattr	= REDUND_A_DEV_IFINDEX,
		.flags		= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= REDUND_CMD_PORT_SET,
		.doit		= redund_nl_port_set_doit,
		.policy		= redund_port_set_nl_policy,
		.maxattr	= REDUND_A_PORT,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= REDUND_CMD_DEV_SET,
		.doit		= redund_nl_dev_set_doit,
		.policy		= redund_dev_set_nl_policy,
		.maxattr	= REDUND_A_DEV_MIN_LINKS,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= REDUND_CMD_GW_ADD,
		.doit		= redund_nl_gw_add_doit,
		.policy		= redund_gw_add_nl_policy,
		.maxattr	= REDUND_A_GW,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= REDUND_CMD_GW_SET,
		.doit		= redund_nl_gw_set_doit,
		.policy		= redund_gw_set_nl_policy,
		.maxattr	= REDUND_A_GW,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= REDUND_CMD_GW_DEL,
		.doit		= redund_nl_gw_del_doit,
		.policy		= redund_gw_del_nl_policy,
		.maxattr	= REDUND_A_GW,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= REDUND_CMD_GW_GET,
		.doit		= redund_nl_gw_get_doit,
		.policy		= redund_gw_get_do_nl_policy,
		.maxattr	= REDUND_A_GW,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= REDUND_CMD_GW_GET,
		.dumpit		= redund_nl_gw_get_dumpit,
		.policy		= redund_gw_get_dump_nl_policy,
		.maxattr	= REDUND_A_DEV_IFINDEX,
		.flags		= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= REDUND_CMD_GW_ANNOUNCE,
		.doit		= redund_nl_gw_announce_doit,
		.policy		= redund_gw_announce_nl_policy,
		.maxattr	= REDUND_A_GW,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
};

static const struct genl_multicast_group redund_nl_mcgrps[] = {
	[REDUND_NLGRP_EVENTS] = { "events", },
};
