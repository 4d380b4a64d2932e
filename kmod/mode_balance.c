// SPDX-License-Identifier: GPL-2.0
/*
 * Balance: a static aggregate. Every port with carrier collects and
 * distributes, flows spread over them by hash.
 */
#include "redund.h"

static void redund_balance_port_roles(struct redund_dev *rd,
				      struct redund_port *port)
{
	WRITE_ONCE(port->distributing, port->up);
	WRITE_ONCE(port->collecting, port->up);
}

const struct redund_mode_ops redund_mode_balance = {
	.tx_port	= redund_tx_hashed,
	.port_roles	= redund_balance_port_roles,
	.carrier_ports	= redund_tx_num_ports,
};
