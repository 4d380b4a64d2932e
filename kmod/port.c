// SPDX-License-Identifier: GPL-2.0
#include <linux/if_arp.h>
#include <linux/ethtool.h>
#include <linux/if_ether.h>
#include <linux/rtnetlink.h>

#include "redund.h"

bool redund_port_can_tx(const struct redund_port *port)
{
	return netif_running(port->dev) && netif_carrier_ok(port->dev);
}

static void redund_port_count(struct redund_port *port, bool rx, bool ok,
			      unsigned int len)
{
	struct redund_port_stats *stats = this_cpu_ptr(port->stats);

	u64_stats_update_begin(&stats->syncp);
	if (rx && ok) {
		u64_stats_inc(&stats->rx_packets);
		u64_stats_add(&stats->rx_bytes, len);
	} else if (rx) {
		u64_stats_inc(&stats->rx_drops);
	} else if (ok) {
		u64_stats_inc(&stats->tx_packets);
		u64_stats_add(&stats->tx_bytes, len);
	} else {
		u64_stats_inc(&stats->tx_drops);
	}
	u64_stats_update_end(&stats->syncp);
}

void redund_port_count_tx(struct redund_port *port, bool ok, unsigned int len)
{
	redund_port_count(port, false, ok, len);
}

void redund_port_get_stats(const struct redund_port *port,
			   struct redund_port_stats *sum)
{
	unsigned int cpu, start;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct redund_port_stats *s = per_cpu_ptr(port->stats, cpu);
		u64 v[6];

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			v[0] = u64_stats_read(&s->rx_packets);
			v[1] = u64_stats_read(&s->rx_bytes);
			v[2] = u64_stats_read(&s->rx_drops);
			v[3] = u64_stats_read(&s->tx_packets);
			v[4] = u64_stats_read(&s->tx_bytes);
			v[5] = u64_stats_read(&s->tx_drops);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		u64_stats_add(&sum->rx_packets, v[0]);
		u64_stats_add(&sum->rx_bytes, v[1]);
		u64_stats_add(&sum->rx_drops, v[2]);
		u64_stats_add(&sum->tx_packets, v[3]);
		u64_stats_add(&sum->tx_bytes, v[4]);
		u64_stats_add(&sum->tx_drops, v[5]);
	}
}

static bool redund_port_collects(struct redund_dev *rd,
				 const struct redund_port *port)
{
	const struct redund_mode_ops *ops = READ_ONCE(rd->ops);

	if (ops->rx_collects)
		return ops->rx_collects(rd, port);
	return READ_ONCE(port->collecting);
}

static rx_handler_result_t redund_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct redund_port *port = rcu_dereference(skb->dev->rx_handler_data);
	struct redund_dev *rd = port->rd;

	/* LACPDUs and markers belong to the packet socket bound to the port. */
	if (unlikely(skb->protocol == htons(ETH_P_SLOW)))
		return RX_HANDLER_PASS;

	/*
	 * A backup or not yet collecting port still sees the segment's
	 * broadcasts; delivering them would duplicate or leak frames.
	 */
	if (!redund_port_collects(rd, port)) {
		redund_port_count(port, true, false, 0);
		return RX_HANDLER_EXACT;
	}

	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;
	*pskb = skb;
	skb->dev = rd->dev;
	redund_port_count(port, true, true, skb->len);
	dev_sw_netstats_rx_add(rd->dev, skb->len);
	if (!list_empty(&rd->gws) && redund_gw_rx(rd, port, skb))
		return RX_HANDLER_CONSUMED;
	return RX_HANDLER_ANOTHER;
}

struct redund_port *redund_port_get_rtnl(const struct net_device *port_dev)
{
	if (rcu_access_pointer(port_dev->rx_handler) != redund_handle_frame)
		return NULL;
	return rtnl_dereference(port_dev->rx_handler_data);
}

static void redund_port_read_link(struct redund_port *port)
{
	struct ethtool_link_ksettings ks;

	port->speed = REDUND_SPEED_UNKNOWN;
	port->duplex = REDUND_DUPLEX_UNKNOWN;
	if (__ethtool_get_link_ksettings(port->dev, &ks))
		return;
	if (ks.base.speed != (u32)SPEED_UNKNOWN)
		port->speed = ks.base.speed;
	if (ks.base.duplex == DUPLEX_HALF)
		port->duplex = REDUND_DUPLEX_HALF;
	else if (ks.base.duplex == DUPLEX_FULL)
		port->duplex = REDUND_DUPLEX_FULL;
}

/*
 * After any change to ports or roles: who collects and distributes (the
 * mode says), then the transmit map, then the device's carrier follow
 * from port state. Needs RTNL.
 */
void redund_refresh(struct redund_dev *rd)
{
	struct redund_port *port;

	ASSERT_RTNL();
	list_for_each_entry(port, &rd->ports, list)
		rd->ops->port_roles(rd, port);
	redund_txmap_update(rd);
	redund_dev_update_carrier(rd);
}

static void redund_port_update(struct redund_port *port)
{
	bool up = redund_port_can_tx(port);

	if (up)
		redund_port_read_link(port);
	if (up == port->up)
		return;
	port->up = up;
	if (!up)
		port->link_failures++;
	/* Listeners see the port already out of the tx set, then the cause. */
	redund_refresh(port->rd);
	redund_event_port(port, REDUND_CMD_PORT_CARRIER_NTF);
	if (port->rd->ops->port_changed)
		port->rd->ops->port_changed(port);
}

int redund_port_set_active(struct redund_dev *rd, struct redund_port *port,
			   struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (!rd->ops->set_active) {
		NL_SET_ERR_MSG(extack, "Only an active-backup device has an active port");
		return -EOPNOTSUPP;
	}
	return rd->ops->set_active(port, extack);
}

/* @collecting/@distributing: 0 or 1 to set, -1 to leave. Needs RTNL. */
int redund_port_set_lacp(struct redund_port *port, int collecting,
			 int distributing, struct netlink_ext_ack *extack)
{
	const struct redund_mode_ops *ops = port->rd->ops;

	ASSERT_RTNL();
	if (!ops->set_roles) {
		NL_SET_ERR_MSG(extack, "Collecting and distributing are for lacp mode");
		return -EOPNOTSUPP;
	}
	return ops->set_roles(port, collecting, distributing, extack);
}

static int redund_port_check(struct redund_dev *rd, struct net_device *port_dev,
			     struct netlink_ext_ack *extack)
{
	if (port_dev == rd->dev) {
		NL_SET_ERR_MSG(extack, "A redund device cannot be its own port");
		return -EINVAL;
	}
	if (redund_is_redund_dev(port_dev)) {
		NL_SET_ERR_MSG(extack, "A redund device cannot be a port of another");
		return -EINVAL;
	}
	if (port_dev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG(extack, "Loopback devices cannot be ports");
		return -EINVAL;
	}
	if (port_dev->type != ARPHRD_ETHER || port_dev->addr_len != ETH_ALEN) {
		NL_SET_ERR_MSG(extack, "Only Ethernet devices can be ports");
		return -EINVAL;
	}
	if (redund_port_get_rtnl(port_dev)) {
		NL_SET_ERR_MSG(extack, "Device is already a port of a redund device");
		return -EBUSY;
	}
	if (netdev_master_upper_dev_get(port_dev)) {
		NL_SET_ERR_MSG(extack, "Device already has a master");
		return -EBUSY;
	}
	if (rd->num_ports >= REDUND_MAX_PORTS) {
		NL_SET_ERR_MSG(extack, "Device already has the maximum number of ports");
		return -ENOSPC;
	}
	return 0;
}

static int redund_port_set_addr(struct net_device *dev, const u8 *addr,
				struct netlink_ext_ack *extack)
{
	struct sockaddr_storage ss = { .ss_family = dev->type };

	memcpy(ss.__data, addr, ETH_ALEN);
	return dev_set_mac_address(dev, (struct sockaddr *)&ss, extack);
}

int redund_port_add(struct redund_dev *rd, struct net_device *port_dev,
		    struct netlink_ext_ack *extack)
{
	struct net_device *dev = rd->dev;
	struct redund_port *port;
	int err;

	ASSERT_RTNL();
	err = redund_port_check(rd, port_dev, extack);
	if (err)
		return err;

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	port->stats = netdev_alloc_pcpu_stats(struct redund_port_stats);
	if (!port->stats) {
		err = -ENOMEM;
		goto err_free;
	}
	port->dev = port_dev;
	port->rd = rd;
	port->orig_mtu = port_dev->mtu;
	ether_addr_copy(port->orig_addr, port_dev->dev_addr);

	/* Like bonding: a device with a made-up MAC takes its first port's. */
	if (!rd->num_ports && dev->addr_assign_type == NET_ADDR_RANDOM) {
		eth_hw_addr_set(dev, port_dev->dev_addr);
		dev->addr_assign_type = NET_ADDR_STOLEN;
		call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
	}

	err = dev_set_mtu(port_dev, dev->mtu);
	if (err) {
		NL_SET_ERR_MSG(extack, "Port does not accept the device's MTU");
		goto err_free;
	}
	err = redund_port_set_addr(port_dev, dev->dev_addr, extack);
	if (err) {
		if (!extack || !extack->_msg)
			NL_SET_ERR_MSG(extack, "Port refuses the device's MAC address");
		goto err_restore_mtu;
	}
	err = dev_open(port_dev, extack);
	if (err)
		goto err_restore_addr;
	err = netdev_rx_handler_register(port_dev, redund_handle_frame, port);
	if (err) {
		NL_SET_ERR_MSG(extack, "Device is in use by another upper device");
		goto err_close;
	}
	err = netdev_master_upper_dev_link(port_dev, dev, NULL, NULL, extack);
	if (err)
		goto err_unregister_handler;
	port_dev->flags |= IFF_SLAVE;

	if (dev->flags & IFF_PROMISC) {
		err = dev_set_promiscuity(port_dev, 1);
		if (err)
			goto err_unlink;
	}
	if (dev->flags & IFF_ALLMULTI) {
		err = dev_set_allmulti(port_dev, 1);
		if (err)
			goto err_unpromisc;
	}
	if (rd->ops->port_enter) {
		err = rd->ops->port_enter(rd, port);
		if (err)
			goto err_unallmulti;
	}
	netif_addr_lock_bh(dev);
	dev_uc_sync_multiple(port_dev, dev);
	dev_mc_sync_multiple(port_dev, dev);
	netif_addr_unlock_bh(dev);

	redund_port_read_link(port);
	port->up = redund_port_can_tx(port);
	list_add_tail_rcu(&port->list, &rd->ports);
	rd->num_ports++;
	redund_refresh(rd);
	redund_event_port(port, REDUND_CMD_PORT_NEW_NTF);
	if (rd->ops->port_changed)
		rd->ops->port_changed(port);
	return 0;

err_unallmulti:
	if (dev->flags & IFF_ALLMULTI)
		dev_set_allmulti(port_dev, -1);
err_unpromisc:
	if (dev->flags & IFF_PROMISC)
		dev_set_promiscuity(port_dev, -1);
err_unlink:
	port_dev->flags &= ~IFF_SLAVE;
	netdev_upper_dev_unlink(port_dev, dev);
err_unregister_handler:
	netdev_rx_handler_unregister(port_dev);
err_close:
	dev_close(port_dev);
err_restore_addr:
	redund_port_set_addr(port_dev, port->orig_addr, NULL);
err_restore_mtu:
	dev_set_mtu(port_dev, port->orig_mtu);
err_free:
	free_percpu(port->stats);
	kfree(port);
	return err;
}

/*
 * As bonding does: a device that took its MAC from a port (NET_ADDR_STOLEN)
 * takes a new random one when its last port leaves, since the port gets
 * its own address back and the two would share it on one segment. A port
 * whose address the device still carries for its other ports is worth a
 * warning, unless it is going away for good.
 */
static void redund_port_release_addr(struct redund_dev *rd,
				     struct redund_port *port)
{
	struct net_device *dev = rd->dev;

	if (!rd->num_ports) {
		if (dev->addr_assign_type != NET_ADDR_STOLEN)
			return;
		eth_hw_addr_random(dev);
		call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
		return;
	}
	if (ether_addr_equal(dev->dev_addr, port->orig_addr) &&
	    port->dev->reg_state == NETREG_REGISTERED)
		netdev_warn(dev, "released port %s takes back its MAC %pM, which %s still uses; set another address on one of them to avoid conflicts\n",
			    port->dev->name, port->orig_addr, dev->name);
}

static void redund_port_free_rcu(struct rcu_head *head)
{
	struct redund_port *port = container_of(head, struct redund_port, rcu);

	free_percpu(port->stats);
	kfree(port);
}

void redund_port_del(struct redund_dev *rd, struct redund_port *port,
		     bool notify)
{
	struct net_device *port_dev = port->dev;
	struct net_device *dev = rd->dev;

	ASSERT_RTNL();
	list_del_rcu(&port->list);
	rd->num_ports--;
	if (rd->ops->port_leave)
		rd->ops->port_leave(rd, port, notify);
	redund_refresh(rd);

	/* Unlike the sync helpers, these take both address locks themselves. */
	dev_uc_unsync(port_dev, dev);
	dev_mc_unsync(port_dev, dev);
	if (dev->flags & IFF_ALLMULTI)
		dev_set_allmulti(port_dev, -1);
	if (dev->flags & IFF_PROMISC)
		dev_set_promiscuity(port_dev, -1);

	port_dev->flags &= ~IFF_SLAVE;
	netdev_upper_dev_unlink(port_dev, dev);
	/* Waits for readers in the rx path, so the port can go after this. */
	netdev_rx_handler_unregister(port_dev);
	dev_close(port_dev);
	redund_port_set_addr(port_dev, port->orig_addr, NULL);
	dev_set_mtu(port_dev, port->orig_mtu);

	/* A device being removed needs no address of its own any more. */
	if (notify) {
		redund_port_release_addr(rd, port);
		redund_event_port(port, REDUND_CMD_PORT_DEL_NTF);
	}
	call_rcu(&port->rcu, redund_port_free_rcu);
}

static int redund_netdev_event(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	struct net_device *port_dev = netdev_notifier_info_to_dev(ptr);
	struct redund_port *port = redund_port_get_rtnl(port_dev);

	if (!port)
		return NOTIFY_DONE;

	switch (event) {
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		redund_port_update(port);
		break;
	case NETDEV_UNREGISTER:
		redund_port_del(port->rd, port, true);
		break;
	case NETDEV_PRE_TYPE_CHANGE:
		/* A port that stops being Ethernet cannot stay a port. */
		return notifier_from_errno(-EBUSY);
	}
	return NOTIFY_DONE;
}

struct notifier_block redund_notifier_block = {
	.notifier_call = redund_netdev_event,
};
