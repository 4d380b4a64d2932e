// SPDX-License-Identifier: GPL-2.0
/*
 * LACP: the controller runs the protocol and enables collecting and
 * distributing per port once it has negotiated; the module spreads flows
 * over the distributing ports and takes a port that loses carrier out of
 * both at once, without waiting for the controller.
 */
#include "redund.h"

static const u8 redund_slow_proto_addr[ETH_ALEN] = {
	0x01, 0x80, 0xc2, 0x00, 0x00, 0x02
};

static void redund_lacp_port_roles(struct redund_dev *rd,
				   struct redund_port *port)
{
	/* Only the controller enables; carrier loss revokes. */
	WRITE_ONCE(port->distributing, port->up && port->distributing);
	if (!port->up)
		WRITE_ONCE(port->collecting, false);
}

/* Real NICs filter the Slow Protocols group unless asked for it. */
static int redund_lacp_port_enter(struct redund_dev *rd,
				  struct redund_port *port)
{
	return dev_mc_add(port->dev, redund_slow_proto_addr);
}

static void redund_lacp_port_leave(struct redund_dev *rd,
				   struct redund_port *port, bool notify)
{
	dev_mc_del(port->dev, redund_slow_proto_addr);
}

static int redund_lacp_set_roles(struct redund_port *port, int collecting,
				 int distributing,
				 struct netlink_ext_ack *extack)
{
	if (distributing == 1 && !port->up) {
		NL_SET_ERR_MSG(extack, "Port has no carrier");
		return -ENETDOWN;
	}
	if ((collecting < 0 || collecting == port->collecting) &&
	    (distributing < 0 || distributing == port->distributing))
		return 0;
	if (collecting >= 0)
		WRITE_ONCE(port->collecting, collecting);
	if (distributing >= 0)
		WRITE_ONCE(port->distributing, distributing);
	redund_refresh(port->rd);
	redund_event_port(port, REDUND_CMD_PORT_CHANGE_NTF);
	return 0;
}

const struct redund_mode_ops redund_mode_lacp = {
	.tx_port	= redund_tx_hashed,
	.port_roles	= redund_lacp_port_roles,
	.carrier_ports	= redund_tx_num_ports,
	.port_enter	= redund_lacp_port_enter,
	.port_leave	= redund_lacp_port_leave,
	.set_roles	= redund_lacp_set_roles,
};
