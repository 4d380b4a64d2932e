// SPDX-License-Identifier: GPL-2.0
#include <linux/ethtool.h>
#include <linux/if_arp.h>
#include <net/rtnetlink.h>

#include "redund.h"

static const struct net_device_ops redund_netdev_ops;

/* What each mode decides; a new mode is a file and a line here. */
static const struct redund_mode_ops *const redund_modes[] = {
	[REDUND_MODE_ACTIVE_BACKUP]	= &redund_mode_ab,
	[REDUND_MODE_BALANCE]		= &redund_mode_balance,
	[REDUND_MODE_LACP]		= &redund_mode_lacp,
};

static_assert(ARRAY_SIZE(redund_modes) == __REDUND_MODE_MAX);

/* @mode is in range: the netlink policies stop anything above the max. */
static void redund_dev_apply_mode(struct redund_dev *rd, u8 mode)
{
	rd->mode = mode;
	WRITE_ONCE(rd->ops, redund_modes[mode]);
}

bool redund_is_redund_dev(const struct net_device *dev)
{
	return dev->netdev_ops == &redund_netdev_ops;
}

/* Carrier while at least max(1, min_links) ports can carry traffic. */
void redund_dev_update_carrier(struct redund_dev *rd)
{
	unsigned int usable = rd->ops->carrier_ports(rd);
	bool up;

	up = usable && usable >= rd->min_links;
	if (up == !!netif_carrier_ok(rd->dev))
		return;
	if (up)
		netif_carrier_on(rd->dev);
	else
		netif_carrier_off(rd->dev);
	redund_event_dev_full(rd, REDUND_CMD_DEV_CHANGE_NTF);
}

int redund_dev_set_mode(struct redund_dev *rd, u8 mode,
			struct netlink_ext_ack *extack)
{
	if (mode == rd->mode)
		return 0;
	if (rd->num_ports) {
		NL_SET_ERR_MSG(extack, "Mode can only change while the device has no ports");
		return -EBUSY;
	}
	redund_dev_apply_mode(rd, mode);
	return 0;
}

void redund_dev_set_min_links(struct redund_dev *rd, u32 min_links)
{
	rd->min_links = min_links;
	redund_dev_update_carrier(rd);
}

static int redund_dev_init(struct net_device *dev)
{
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	return dev->tstats ? 0 : -ENOMEM;
}

static void redund_dev_uninit(struct net_device *dev)
{
	struct redund_dev *rd = netdev_priv(dev);
	struct redund_port *port, *tmp;

	/* Listeners learn of the device's end once, not port by port. */
	redund_gw_flush(rd);
	list_for_each_entry_safe(port, tmp, &rd->ports, list)
		redund_port_del(rd, port, false);
	redund_txmap_free(rd);
	redund_event_dev(rd, REDUND_CMD_DEV_DEL_NTF);
}

static void redund_dev_free(struct net_device *dev)
{
	free_percpu(dev->tstats);
}

static netdev_tx_t redund_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct redund_dev *rd = netdev_priv(dev);
	struct redund_port *port;
	unsigned int len = skb->len;
	int ret;

	/*
	 * Like bonding and vlan, the port's verdict goes back to the sender:
	 * a drop is reported, not turned into a silent success.
	 */
	if (unlikely(!list_empty(&rd->gws)) && !redund_gw_tx(rd, skb)) {
		dev_core_stats_tx_dropped_inc(dev);
		kfree_skb(skb);
		return NET_XMIT_DROP;
	}
	port = READ_ONCE(rd->ops)->tx_port(rd, skb);
	if (unlikely(!port)) {
		dev_core_stats_tx_dropped_inc(dev);
		kfree_skb(skb);
		return NET_XMIT_DROP;
	}

	skb->dev = port->dev;
	ret = dev_queue_xmit(skb);
	if (likely(ret == NET_XMIT_SUCCESS || ret == NET_XMIT_CN)) {
		dev_sw_netstats_tx_add(dev, 1, len);
		redund_port_count_tx(port, true, len);
	} else {
		dev_core_stats_tx_dropped_inc(dev);
		redund_port_count_tx(port, false, len);
	}
	return ret;
}

static int redund_add_slave(struct net_device *dev, struct net_device *port_dev,
			    struct netlink_ext_ack *extack)
{
	return redund_port_add(netdev_priv(dev), port_dev, extack);
}

static int redund_del_slave(struct net_device *dev, struct net_device *port_dev)
{
	struct redund_dev *rd = netdev_priv(dev);
	struct redund_port *port = redund_port_get_rtnl(port_dev);

	if (!port || port->rd != rd)
		return -EINVAL;
	redund_port_del(rd, port, true);
	return 0;
}

static void redund_change_rx_flags(struct net_device *dev, int change)
{
	struct redund_dev *rd = netdev_priv(dev);
	struct redund_port *port;

	list_for_each_entry(port, &rd->ports, list) {
		if (change & IFF_PROMISC)
			dev_set_promiscuity(port->dev,
					    dev->flags & IFF_PROMISC ? 1 : -1);
		if (change & IFF_ALLMULTI)
			dev_set_allmulti(port->dev,
					 dev->flags & IFF_ALLMULTI ? 1 : -1);
	}
}

static void redund_set_rx_mode(struct net_device *dev)
{
	struct redund_dev *rd = netdev_priv(dev);
	struct redund_port *port;

	/* Called under the address list spinlock, so RTNL cannot be assumed. */
	rcu_read_lock();
	list_for_each_entry_rcu(port, &rd->ports, list) {
		dev_uc_sync_multiple(port->dev, dev);
		dev_mc_sync_multiple(port->dev, dev);
	}
	rcu_read_unlock();
}

static int redund_change_mtu(struct net_device *dev, int new_mtu)
{
	struct redund_dev *rd = netdev_priv(dev);
	struct redund_port *port;
	int err;

	list_for_each_entry(port, &rd->ports, list) {
		err = dev_set_mtu(port->dev, new_mtu);
		if (err) {
			netdev_err(dev, "port %s refused MTU %d: %d\n",
				   port->dev->name, new_mtu, err);
			goto err_unwind;
		}
	}
	dev->mtu = new_mtu;
	return 0;

err_unwind:
	list_for_each_entry_continue_reverse(port, &rd->ports, list)
		dev_set_mtu(port->dev, dev->mtu);
	return err;
}

static int redund_set_mac_address(struct net_device *dev, void *addr)
{
	struct redund_dev *rd = netdev_priv(dev);
	struct sockaddr *sa = addr;
	struct sockaddr_storage old = { .ss_family = dev->type };
	struct redund_port *port;
	int err;

	if (!is_valid_ether_addr(sa->sa_data))
		return -EADDRNOTAVAIL;

	list_for_each_entry(port, &rd->ports, list) {
		err = dev_set_mac_address(port->dev, sa, NULL);
		if (err) {
			netdev_err(dev, "port %s refused MAC %pM: %d\n",
				   port->dev->name, sa->sa_data, err);
			goto err_unwind;
		}
	}
	eth_hw_addr_set(dev, sa->sa_data);
	return 0;

err_unwind:
	memcpy(old.__data, dev->dev_addr, ETH_ALEN);
	list_for_each_entry_continue_reverse(port, &rd->ports, list)
		dev_set_mac_address(port->dev, (struct sockaddr *)&old, NULL);
	return err;
}

static const struct net_device_ops redund_netdev_ops = {
	.ndo_init		= redund_dev_init,
	.ndo_uninit		= redund_dev_uninit,
	.ndo_start_xmit		= redund_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
	.ndo_add_slave		= redund_add_slave,
	.ndo_del_slave		= redund_del_slave,
	.ndo_change_rx_flags	= redund_change_rx_flags,
	.ndo_set_rx_mode	= redund_set_rx_mode,
	.ndo_change_mtu		= redund_change_mtu,
	.ndo_set_mac_address	= redund_set_mac_address,
	.ndo_validate_addr	= eth_validate_addr,
};

static void redund_get_drvinfo(struct net_device *dev,
			       struct ethtool_drvinfo *info)
{
	strscpy(info->driver, "redund", sizeof(info->driver));
	strscpy(info->version, REDUND_DRV_VERSION, sizeof(info->version));
}

static const struct ethtool_ops redund_ethtool_ops = {
	.get_drvinfo	= redund_get_drvinfo,
	.get_link	= ethtool_op_get_link,
};

static void redund_setup(struct net_device *dev)
{
	struct redund_dev *rd = netdev_priv(dev);

	ether_setup(dev);
	rd->dev = dev;
	INIT_LIST_HEAD(&rd->ports);
	INIT_LIST_HEAD(&rd->gws);
	redund_dev_apply_mode(rd, REDUND_MODE_ACTIVE_BACKUP);

	dev->netdev_ops = &redund_netdev_ops;
	dev->ethtool_ops = &redund_ethtool_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = redund_dev_free;
	dev->flags |= IFF_MASTER;
	/*
	 * Unicast addresses (virtual gateway MACs, macvlans) are mirrored
	 * onto the ports rather than making the device promiscuous.
	 */
	dev->priv_flags |= IFF_NO_QUEUE | IFF_UNICAST_FLT;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;

	/*
	 * Each port's own transmit path segments and checksums whatever its
	 * hardware cannot, so the upper device may offer the full set.
	 */
	dev->hw_features = NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_HIGHDMA |
			   NETIF_F_FRAGLIST | NETIF_F_GSO_SOFTWARE;
	dev->features |= dev->hw_features;
	redund_set_virtual_dev_flags(dev);

	eth_hw_addr_random(dev);
}

static const struct nla_policy redund_link_policy[IFLA_REDUND_MAX + 1] = {
	[IFLA_REDUND_MODE]		= NLA_POLICY_MAX(NLA_U8, REDUND_MODE_MAX),
	[IFLA_REDUND_ACTIVE_PORT]	= { .type = NLA_U32 },
	[IFLA_REDUND_HASH]		= NLA_POLICY_MAX(NLA_U8, REDUND_HASH_MAX),
	[IFLA_REDUND_MIN_LINKS]		= NLA_POLICY_MAX(NLA_U32, REDUND_MAX_PORTS),
};

static int redund_validate(struct nlattr *tb[], struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "MAC address must be 6 bytes");
			return -EINVAL;
		}
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "MAC address is not a valid unicast address");
			return -EADDRNOTAVAIL;
		}
	}
	if (data && data[IFLA_REDUND_ACTIVE_PORT]) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_REDUND_ACTIVE_PORT],
				    "Active port is read only here; use the redund genl family (redundctl port set)");
		return -EOPNOTSUPP;
	}
	return 0;
}

static int redund_newlink(struct net *src_net, struct net_device *dev,
			  struct nlattr *tb[], struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	struct redund_dev *rd = netdev_priv(dev);
	int err;

	if (data && data[IFLA_REDUND_MODE])
		redund_dev_apply_mode(rd, nla_get_u8(data[IFLA_REDUND_MODE]));
	if (data && data[IFLA_REDUND_HASH])
		rd->hash = nla_get_u8(data[IFLA_REDUND_HASH]);
	if (data && data[IFLA_REDUND_MIN_LINKS])
		rd->min_links = nla_get_u32(data[IFLA_REDUND_MIN_LINKS]);

	err = register_netdevice(dev);
	if (err)
		return err;
	netif_carrier_off(dev);
	redund_event_dev(rd, REDUND_CMD_DEV_NEW_NTF);
	return 0;
}

static int redund_changelink(struct net_device *dev, struct nlattr *tb[],
			     struct nlattr *data[],
			     struct netlink_ext_ack *extack)
{
	struct redund_dev *rd = netdev_priv(dev);
	int err;

	if (!data)
		return 0;
	if (data[IFLA_REDUND_MODE]) {
		err = redund_dev_set_mode(rd, nla_get_u8(data[IFLA_REDUND_MODE]),
					  extack);
		if (err)
			return err;
	}
	if (data[IFLA_REDUND_HASH])
		WRITE_ONCE(rd->hash, nla_get_u8(data[IFLA_REDUND_HASH]));
	if (data[IFLA_REDUND_MIN_LINKS])
		redund_dev_set_min_links(rd, nla_get_u32(data[IFLA_REDUND_MIN_LINKS]));
	redund_event_dev_full(rd, REDUND_CMD_DEV_CHANGE_NTF);
	return 0;
}

static size_t redund_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u8)) +	/* IFLA_REDUND_MODE */
	       nla_total_size(sizeof(u32)) +	/* IFLA_REDUND_ACTIVE_PORT */
	       nla_total_size(sizeof(u8)) +	/* IFLA_REDUND_HASH */
	       nla_total_size(sizeof(u32));	/* IFLA_REDUND_MIN_LINKS */
}

static int redund_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct redund_dev *rd = netdev_priv(dev);
	struct redund_port *active = rtnl_dereference(rd->active);

	if (nla_put_u8(skb, IFLA_REDUND_MODE, rd->mode) ||
	    nla_put_u8(skb, IFLA_REDUND_HASH, rd->hash) ||
	    nla_put_u32(skb, IFLA_REDUND_MIN_LINKS, rd->min_links))
		return -EMSGSIZE;
	if (active &&
	    nla_put_u32(skb, IFLA_REDUND_ACTIVE_PORT, active->dev->ifindex))
		return -EMSGSIZE;
	return 0;
}

struct rtnl_link_ops redund_link_ops __read_mostly = {
	.kind		= "redund",
	.priv_size	= sizeof(struct redund_dev),
	.setup		= redund_setup,
	.maxtype	= IFLA_REDUND_MAX,
	.policy		= redund_link_policy,
	.validate	= redund_validate,
	.newlink	= redund_newlink,
	.changelink	= redund_changelink,
	.get_size	= redund_get_size,
	.fill_info	= redund_fill_info,
};
