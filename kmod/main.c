// SPDX-License-Identifier: GPL-2.0
/*
 * redund: first-hop redundancy device. The module forwards, selects ports
 * and reacts to carrier loss; every protocol runs in the controller.
 */
#include <linux/module.h>
#include <net/rtnetlink.h>

#include "redund.h"

static int __init redund_init(void)
{
	int err;

	err = register_netdevice_notifier(&redund_notifier_block);
	if (err)
		return err;
	err = redund_gw_init();
	if (err)
		goto err_unregister_notifier;
	/* Registered before the link ops: devices send events from birth. */
	err = redund_genl_register();
	if (err)
		goto err_gw_exit;
	err = rtnl_link_register(&redund_link_ops);
	if (err)
		goto err_unregister_genl;

	pr_info("redund: version %s loaded\n", REDUND_DRV_VERSION);
	return 0;

err_unregister_genl:
	redund_genl_unregister();
err_gw_exit:
	redund_gw_exit();
err_unregister_notifier:
	unregister_netdevice_notifier(&redund_notifier_block);
	return err;
}

static void __exit redund_exit(void)
{
	/* Deletes every redund device, which still reports over genl. */
	rtnl_link_unregister(&redund_link_ops);
	redund_genl_unregister();
	redund_gw_exit();
	unregister_netdevice_notifier(&redund_notifier_block);
	/* Ports and gateways are freed by RCU callbacks in this module. */
	rcu_barrier();
}

module_init(redund_init);
module_exit(redund_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("First-hop redundancy device: link aggregation and virtual gateways");
MODULE_VERSION(REDUND_DRV_VERSION);
MODULE_ALIAS_RTNL_LINK("redund");
MODULE_ALIAS_GENL_FAMILY(REDUND_GENL_NAME);
