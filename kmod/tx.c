// SPDX-License-Identifier: GPL-2.0
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jhash.h>
#include <linux/slab.h>
#include <net/flow_dissector.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "redund.h"

static u32 redund_hash_l2(const struct sk_buff *skb)
{
	const struct ethhdr *eth;

	if (unlikely(skb_headlen(skb) < ETH_HLEN))
		return 0;
	eth = (const struct ethhdr *)skb->data;
	/* The low four bytes of each MAC differ between hosts; OUIs don't. */
	return get_unaligned((const u32 *)(eth->h_dest + 2)) ^
	       get_unaligned((const u32 *)(eth->h_source + 2)) ^
	       (__force u32)eth->h_proto;
}

/*
 * The outer IP addresses (and L4 ports when @l4) read straight from the
 * headers: the generic flow dissector costs a fifth of the transmit rate.
 */
static bool redund_hash_ip(const struct sk_buff *skb, bool l4, u32 *hash)
{
	int off = skb_network_offset(skb);
	u32 _ports;
	const u32 *ports;
	u8 proto;

	if (skb->protocol == htons(ETH_P_IP)) {
		const struct iphdr *iph;
		struct iphdr _iph;

		iph = skb_header_pointer(skb, off, sizeof(_iph), &_iph);
		if (!iph || iph->ihl < 5)
			return false;
		*hash = (__force u32)(iph->saddr ^ iph->daddr);
		if (!l4 || ip_is_fragment(iph))
			return true;
		proto = iph->protocol;
		off += iph->ihl * 4;
	} else if (skb->protocol == htons(ETH_P_IPV6)) {
		const struct ipv6hdr *ip6h;
		struct ipv6hdr _ip6h;

		ip6h = skb_header_pointer(skb, off, sizeof(_ip6h), &_ip6h);
		if (!ip6h)
			return false;
		*hash = ipv6_addr_hash(&ip6h->saddr) ^ ipv6_addr_hash(&ip6h->daddr);
		if (!l4)
			return true;
		proto = ip6h->nexthdr;
		off += sizeof(*ip6h);
	} else {
		return false;
	}

	switch (proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
		ports = skb_header_pointer(skb, off, sizeof(_ports), &_ports);
		if (ports)
			*hash ^= *ports;
		break;
	}
	*hash ^= proto;
	return true;
}

static bool redund_hash_encap(const struct sk_buff *skb, bool l4, u32 *hash)
{
	struct flow_keys fk;

	if (!skb_flow_dissect_flow_keys(skb, &fk, 0))
		return false;
	*hash = (__force u32)flow_get_u32_src(&fk) ^
		(__force u32)flow_get_u32_dst(&fk);
	if (l4)
		*hash ^= (__force u32)fk.ports.ports ^ fk.basic.ip_proto;
	return true;
}

static u32 redund_hash(const struct redund_dev *rd, struct sk_buff *skb)
{
	u32 hash = 0;

	switch (READ_ONCE(rd->hash)) {
	case REDUND_HASH_L23:
		if (redund_hash_ip(skb, false, &hash))
			hash ^= redund_hash_l2(skb);
		else
			hash = redund_hash_l2(skb);
		break;
	case REDUND_HASH_L34:
		if (!redund_hash_ip(skb, true, &hash))
			hash = redund_hash_l2(skb);
		break;
	case REDUND_HASH_ENCAP23:
		if (redund_hash_encap(skb, false, &hash))
			hash ^= redund_hash_l2(skb);
		else
			hash = redund_hash_l2(skb);
		break;
	case REDUND_HASH_ENCAP34:
		if (!redund_hash_encap(skb, true, &hash))
			hash = redund_hash_l2(skb);
		break;
	default:
		hash = redund_hash_l2(skb);
	}
	/*
	 * Ports own contiguous bucket ranges, and neighbouring addresses
	 * differ in a few bits only: mix every bit into the bucket index.
	 */
	return jhash_1word(hash, 0);
}

/* The first port that can send, of those in the transmit set or of all. */
struct redund_port *redund_tx_first_up(struct redund_dev *rd,
				       bool distributing_only)
{
	struct redund_port *port;

	list_for_each_entry_rcu(port, &rd->ports, list, rcu_read_lock_bh_held())
		if (redund_port_can_tx(port) &&
		    (!distributing_only || READ_ONCE(port->distributing)))
			return port;
	return NULL;
}

/*
 * Picks the port for @skb by hash over the transmit map, for the modes
 * that spread flows. The carrier bit is read here rather than waiting for
 * the notifier to rebuild the map, because linkwatch may report a loss up
 * to a second late: flows leave a dead port the instant its driver says
 * so. NULL when no port of the set can send.
 */
struct redund_port *redund_tx_hashed(struct redund_dev *rd, struct sk_buff *skb)
{
	struct redund_txmap *map;
	struct redund_port *port;
	unsigned int i, n;
	u32 hash = 0;

	map = rcu_dereference_check(rd->txmap, rcu_read_lock_bh_held());
	/* The map could not be allocated: degrade, don't stop. */
	if (unlikely(!map))
		return redund_tx_first_up(rd, true);
	n = map->num_ports;
	if (likely(n == 1)) {
		port = map->ports[0];
		if (likely(redund_port_can_tx(port)))
			return port;
	} else if (n > 1) {
		hash = redund_hash(rd, skb);
		port = map->ports[map->bucket[hash % REDUND_TX_BUCKETS]];
		if (likely(redund_port_can_tx(port)))
			return port;
	}
	for (i = 1; i < n; i++) {
		port = map->ports[(hash + i) % n];
		if (redund_port_can_tx(port))
			return port;
	}
	return NULL;
}

static int redund_set_index(struct redund_port **set, unsigned int n,
			    const struct redund_port *port)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (set[i] == port)
			return i;
	return -1;
}

static unsigned int redund_least_loaded(const unsigned int *count,
					unsigned int n, bool most)
{
	unsigned int i, pick = 0;

	for (i = 1; i < n; i++)
		if (most ? count[i] > count[pick] : count[i] < count[pick])
			pick = i;
	return pick;
}

/*
 * Hands the buckets of ports that left to the least loaded ones, then
 * moves single buckets from the most to the least loaded port until no
 * two differ by more than one: a joining port takes just its share.
 */
static void redund_rebalance(struct redund_dev *rd, struct redund_port **set,
			     unsigned int n, u8 *index)
{
	unsigned int count[REDUND_MAX_PORTS] = {};
	unsigned int b, hi, lo;
	int idx;

	if (!n) {
		memset(rd->bucket_owner, 0, sizeof(rd->bucket_owner));
		return;
	}
	for (b = 0; b < REDUND_TX_BUCKETS; b++) {
		idx = redund_set_index(set, n, rd->bucket_owner[b]);
		if (idx >= 0)
			count[idx]++;
	}
	for (b = 0; b < REDUND_TX_BUCKETS; b++) {
		if (redund_set_index(set, n, rd->bucket_owner[b]) >= 0)
			continue;
		lo = redund_least_loaded(count, n, false);
		rd->bucket_owner[b] = set[lo];
		count[lo]++;
	}
	for (;;) {
		hi = redund_least_loaded(count, n, true);
		lo = redund_least_loaded(count, n, false);
		if (count[hi] - count[lo] <= 1)
			break;
		for (b = REDUND_TX_BUCKETS; b-- > 0;) {
			if (rd->bucket_owner[b] == set[hi]) {
				rd->bucket_owner[b] = set[lo];
				break;
			}
		}
		count[hi]--;
		count[lo]++;
	}
	for (b = 0; b < REDUND_TX_BUCKETS; b++)
		index[b] = redund_set_index(set, n, rd->bucket_owner[b]);
	for (b = 0; b < n; b++)
		set[b]->tx_buckets = count[b];
}

/*
 * Rebuilds the transmit map from the ports' distributing flags, which the
 * mode has just set (redund_refresh()). Needs RTNL.
 */
void redund_txmap_update(struct redund_dev *rd)
{
	struct redund_txmap *old = rtnl_dereference(rd->txmap);
	struct redund_txmap *map;
	struct redund_port *port;

	ASSERT_RTNL();
	map = kzalloc(sizeof(*map), GFP_KERNEL);
	list_for_each_entry(port, &rd->ports, list) {
		port->tx_buckets = 0;
		if (map && port->distributing)
			map->ports[map->num_ports++] = port;
	}
	if (map)
		redund_rebalance(rd, map->ports, map->num_ports, map->bucket);
	else
		memset(rd->bucket_owner, 0, sizeof(rd->bucket_owner));
	/* Without a map the tx path scans the port list: slower, still right. */
	rcu_assign_pointer(rd->txmap, map);
	if (old)
		kfree_rcu(old, rcu);
}

void redund_txmap_free(struct redund_dev *rd)
{
	struct redund_txmap *old = rtnl_dereference(rd->txmap);

	RCU_INIT_POINTER(rd->txmap, NULL);
	if (old)
		kfree_rcu(old, rcu);
}

unsigned int redund_tx_num_ports(const struct redund_dev *rd)
{
	struct redund_txmap *map = rtnl_dereference(rd->txmap);
	struct redund_port *port;
	unsigned int n = 0;

	if (map)
		return map->num_ports;
	list_for_each_entry(port, &rd->ports, list)
		n += port->distributing;
	return n;
}
