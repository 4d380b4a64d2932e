// SPDX-License-Identifier: GPL-2.0
/*
 * Active-backup: one port, the active one, transmits and receives; the
 * others stand by. The module moves the role on its own when the active
 * port loses carrier or leaves, never back when an old port returns.
 */
#include "redund.h"

/*
 * The port that carries traffic now, both ways: the active one, or while
 * it has lost carrier and the notifier has not moved the role yet, the
 * first port that can send, so that neither direction waits for linkwatch.
 */
static struct redund_port *redund_ab_current(struct redund_dev *rd)
{
	struct redund_port *port;

	port = rcu_dereference_check(rd->active, rcu_read_lock_bh_held());
	if (likely(port && redund_port_can_tx(port)))
		return port;
	return redund_tx_first_up(rd, false);
}

static struct redund_port *redund_ab_tx_port(struct redund_dev *rd,
					     struct sk_buff *skb)
{
	return redund_ab_current(rd);
}

/* Backups still see the segment's broadcasts: only one port may pass them. */
static bool redund_ab_rx_collects(struct redund_dev *rd,
				  const struct redund_port *port)
{
	return redund_ab_current(rd) == port;
}

static void redund_ab_port_roles(struct redund_dev *rd,
				 struct redund_port *port)
{
	bool on = port == rtnl_dereference(rd->active) && port->up;

	WRITE_ONCE(port->distributing, on);
	WRITE_ONCE(port->collecting, on);
}

/* Every port with carrier can take over at once, so each one counts. */
static unsigned int redund_ab_carrier_ports(const struct redund_dev *rd)
{
	struct redund_port *port;
	unsigned int n = 0;

	list_for_each_entry(port, &rd->ports, list)
		n += port->up;
	return n;
}

static void redund_ab_change_active(struct redund_dev *rd,
				    struct redund_port *port,
				    enum redund_reason reason)
{
	if (rtnl_dereference(rd->active) == port)
		return;
	rcu_assign_pointer(rd->active, port);
	redund_refresh(rd);
	redund_event_active(rd, reason);
	/* Switches must learn the MAC behind its new port now, not on aging. */
	if (port && netif_running(rd->dev))
		__netdev_notify_peers(rd->dev);
}

static struct redund_port *redund_ab_first_up(struct redund_dev *rd)
{
	struct redund_port *port;

	list_for_each_entry(port, &rd->ports, list)
		if (port->up)
			return port;
	return NULL;
}

static void redund_ab_port_leave(struct redund_dev *rd,
				 struct redund_port *port, bool notify)
{
	if (rtnl_dereference(rd->active) != port)
		return;
	if (notify)
		redund_ab_change_active(rd, redund_ab_first_up(rd),
					REDUND_REASON_PORT_REMOVED);
	else
		RCU_INIT_POINTER(rd->active, NULL);
}

/* Moves the active role after @port joined or its carrier changed. */
static void redund_ab_port_changed(struct redund_port *port)
{
	struct redund_dev *rd = port->rd;
	struct redund_port *active = rtnl_dereference(rd->active);

	if (!port->up && active == port)
		redund_ab_change_active(rd, redund_ab_first_up(rd),
					REDUND_REASON_CARRIER_LOSS);
	else if (port->up && !active)
		redund_ab_change_active(rd, port, REDUND_REASON_CARRIER_UP);
}

static int redund_ab_set_active(struct redund_port *port,
				struct netlink_ext_ack *extack)
{
	if (!port->up) {
		NL_SET_ERR_MSG(extack, "Port has no carrier");
		return -ENETDOWN;
	}
	redund_ab_change_active(port->rd, port, REDUND_REASON_ADMIN);
	return 0;
}

const struct redund_mode_ops redund_mode_ab = {
	.tx_port	= redund_ab_tx_port,
	.rx_collects	= redund_ab_rx_collects,
	.port_roles	= redund_ab_port_roles,
	.carrier_ports	= redund_ab_carrier_ports,
	.port_leave	= redund_ab_port_leave,
	.port_changed	= redund_ab_port_changed,
	.set_active	= redund_ab_set_active,
};
