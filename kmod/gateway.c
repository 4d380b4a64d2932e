// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual gateways: ARP and neighbour solicitations for a virtual IP are
 * answered with the virtual MAC from the receive path, frames to that MAC
 * are taken as the host's own, and gratuitous ARPs / unsolicited NAs
 * announce a gateway that starts answering. The controller elects; the
 * module only does what each gateway's state says.
 */
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/ipv6.h>
#include <linux/netlink.h>
#include <linux/pkt_sched.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/arp.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "redund.h"

/*
 * Every gateway, so that the close of a netlink socket finds the ones it
 * owns without RTNL: the notifier runs in the closing task and must not
 * wait for RTNL, so it only marks them and leaves the rest to a work item.
 */
static LIST_HEAD(redund_gw_all);
static DEFINE_SPINLOCK(redund_gw_owner_lock);
static void redund_gw_owner_work(struct work_struct *work);
static DECLARE_WORK(redund_gw_owner_wq, redund_gw_owner_work);

static const u8 redund_all_nodes_mac[ETH_ALEN] = {
	0x33, 0x33, 0x00, 0x00, 0x00, 0x01
};

static bool redund_gw_answers(const struct redund_gw *gw)
{
	return READ_ONCE(gw->state) != REDUND_GW_STATE_BACKUP;
}

/* Callers have bottom halves off (receive and transmit paths). */
static void __redund_gw_count(struct redund_gw *gw, enum redund_gw_stat stat)
{
	struct redund_gw_stats *s = this_cpu_ptr(gw->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->v[stat]);
	u64_stats_update_end(&s->syncp);
}

static void redund_gw_count(struct redund_gw *gw, enum redund_gw_stat stat)
{
	local_bh_disable();
	__redund_gw_count(gw, stat);
	local_bh_enable();
}

void redund_gw_get_stats(const struct redund_gw *gw,
			 u64 sum[REDUND_GW_NUM_STATS])
{
	u64 v[REDUND_GW_NUM_STATS];
	unsigned int cpu, start, i;

	memset(sum, 0, sizeof(u64) * REDUND_GW_NUM_STATS);
	for_each_possible_cpu(cpu) {
		const struct redund_gw_stats *s = per_cpu_ptr(gw->stats, cpu);

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (i = 0; i < REDUND_GW_NUM_STATS; i++)
				v[i] = u64_stats_read(&s->v[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		for (i = 0; i < REDUND_GW_NUM_STATS; i++)
			sum[i] += v[i];
	}
}

u32 redund_gw_owner(const struct redund_gw *gw)
{
	u32 owner;

	spin_lock(&redund_gw_owner_lock);
	owner = gw->owner;
	spin_unlock(&redund_gw_owner_lock);
	return owner;
}

/* ------------------------------------------------------------ lookups */

static struct redund_gw *redund_gw_by_ip4(struct redund_dev *rd, __be32 ip)
{
	const struct redund_gw_addrs *a;
	struct redund_gw *gw;
	unsigned int i;

	list_for_each_entry_rcu(gw, &rd->gws, list) {
		if (gw->family != AF_INET)
			continue;
		a = rcu_dereference(gw->addrs);
		for (i = 0; i < a->num; i++)
			if (a->v4[i] == ip)
				return gw;
	}
	return NULL;
}

static struct redund_gw *redund_gw_by_ip6(struct redund_dev *rd,
					  const struct in6_addr *ip)
{
	const struct redund_gw_addrs *a;
	struct redund_gw *gw;
	unsigned int i;

	list_for_each_entry_rcu(gw, &rd->gws, list) {
		if (gw->family != AF_INET6)
			continue;
		a = rcu_dereference(gw->addrs);
		for (i = 0; i < a->num; i++)
			if (ipv6_addr_equal(&a->v6[i], ip))
				return gw;
	}
	return NULL;
}

struct redund_gw *redund_gw_find(struct redund_dev *rd, u8 vrid, u8 family)
{
	struct redund_gw *gw;

	ASSERT_RTNL();
	list_for_each_entry(gw, &rd->gws, list)
		if (gw->vrid == vrid && gw->family == family)
			return gw;
	return NULL;
}

/* ------------------------------------------------------ frame builders */

static struct sk_buff *redund_gw_na(struct net_device *dev,
				    const struct redund_gw *gw,
				    const struct in6_addr *target,
				    const struct in6_addr *daddr,
				    const u8 *eth_dst, bool solicited)
{
	/* The target link-layer option of Ethernet is 8 bytes. */
	unsigned int len = sizeof(struct nd_msg) + 8;
	struct ipv6hdr *ip6h;
	struct sk_buff *skb;
	struct nd_msg *na;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + sizeof(*ip6h) + len +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	ip6h = skb_put(skb, sizeof(*ip6h));
	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->payload_len = htons(len);
	ip6h->nexthdr = IPPROTO_ICMPV6;
	ip6h->hop_limit = 255;
	ip6h->saddr = *target;
	ip6h->daddr = *daddr;

	skb_set_transport_header(skb, skb->len);
	na = skb_put_zero(skb, len);
	na->icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	na->icmph.icmp6_router = 1;
	na->icmph.icmp6_solicited = solicited;
	na->icmph.icmp6_override = 1;
	na->target = *target;
	na->opt[0] = ND_OPT_TARGET_LL_ADDR;
	na->opt[1] = 1;
	ether_addr_copy(&na->opt[2], gw->mac);
	na->icmph.icmp6_cksum = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr,
						len, IPPROTO_ICMPV6,
						csum_partial(na, len, 0));

	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = dev;
	if (dev_hard_header(skb, dev, ETH_P_IPV6, eth_dst, gw->mac,
			    skb->len) < 0) {
		kfree_skb(skb);
		return NULL;
	}
	return skb;
}

/* IANA's protocol number for VRRP; no kernel header names it. */
#define REDUND_IPPROTO_VRRP	112

/*
 * The release advert in an IP packet from the virtual MAC: IPv4 to
 * 224.0.0.18 or IPv6 to ff02::12, TTL or hop limit 255 (RFC 5798 5.1).
 */
static struct sk_buff *redund_gw_release_skb(struct net_device *dev,
					     const struct redund_gw *gw,
					     const struct redund_gw_release *rel)
{
	unsigned int hlen = gw->family == AF_INET ? sizeof(struct iphdr) :
						    sizeof(struct ipv6hdr);
	struct ipv6hdr *ip6h;
	struct sk_buff *skb;
	struct iphdr *iph;
	u8 dst[ETH_ALEN];
	u16 proto;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + hlen + rel->len +
			dev->needed_tailroom, GFP_KERNEL);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	if (gw->family == AF_INET) {
		iph = skb_put_zero(skb, sizeof(*iph));
		iph->version = 4;
		iph->ihl = 5;
		iph->tos = IPTOS_PREC_INTERNETCONTROL;
		iph->tot_len = htons(hlen + rel->len);
		iph->ttl = 255;
		iph->protocol = REDUND_IPPROTO_VRRP;
		iph->saddr = rel->source.v4;
		iph->daddr = htonl(0xe0000012);
		ip_send_check(iph);
		ip_eth_mc_map(iph->daddr, dst);
		proto = ETH_P_IP;
	} else {
		ip6h = skb_put(skb, sizeof(*ip6h));
		ip6_flow_hdr(ip6h, IPTOS_PREC_INTERNETCONTROL, 0);
		ip6h->payload_len = htons(rel->len);
		ip6h->nexthdr = REDUND_IPPROTO_VRRP;
		ip6h->hop_limit = 255;
		ip6h->saddr = rel->source.v6;
		ipv6_addr_set(&ip6h->daddr, htonl(0xff020000), 0, 0,
			      htonl(0x12));
		ipv6_eth_mc_map(&ip6h->daddr, dst);
		proto = ETH_P_IPV6;
	}
	skb_set_transport_header(skb, skb->len);
	skb_put_data(skb, rel->advert, rel->len);
	skb->protocol = htons(proto);
	skb->priority = TC_PRIO_CONTROL;
	skb->dev = dev;
	if (dev_hard_header(skb, dev, proto, dst, gw->mac, skb->len) < 0) {
		kfree_skb(skb);
		return NULL;
	}
	return skb;
}

/* Called with RTNL after the gateway stopped answering. */
static void redund_gw_send_release(struct redund_gw *gw)
{
	struct net_device *dev = gw->rd->dev;
	struct sk_buff *skb;

	if (!gw->release || !netif_running(dev))
		return;
	skb = redund_gw_release_skb(dev, gw, gw->release);
	if (skb && dev_queue_xmit(skb) == NET_XMIT_SUCCESS)
		redund_gw_count(gw, REDUND_GW_STAT_RELEASES);
}

/* ------------------------------------------------------------ receive */

/*
 * A request whose answer would teach the segment nonsense (a broadcast or
 * multicast neighbour, a reply sent to a group) is dropped unanswered,
 * whatever the gateway's state. Returns the reason, or -1 when valid.
 */
static int redund_gw_arp_invalid(const struct sk_buff *skb, const u8 *sha,
				 __be32 sip)
{
	if (!is_valid_ether_addr(sha) ||
	    !is_valid_ether_addr(eth_hdr(skb)->h_source))
		return REDUND_GW_STAT_ARP_BAD_SENDER_MAC;
	if (ipv4_is_multicast(sip) || ipv4_is_lbcast(sip))
		return REDUND_GW_STAT_ARP_BAD_SENDER_IP;
	return -1;
}

static bool redund_gw_rx_arp(struct redund_dev *rd, struct redund_port *port,
			     struct sk_buff *skb)
{
	const struct arphdr *arp;
	struct sk_buff *reply;
	struct redund_gw *gw;
	u8 sha[ETH_ALEN];
	__be32 sip, tip;
	const u8 *p;
	int bad;

	if (!pskb_may_pull(skb, sizeof(*arp) + 2 * (ETH_ALEN + 4)))
		return false;
	arp = (const struct arphdr *)skb->data;
	if (arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP) || arp->ar_hln != ETH_ALEN ||
	    arp->ar_pln != 4 || arp->ar_op != htons(ARPOP_REQUEST))
		return false;
	p = (const u8 *)(arp + 1);
	ether_addr_copy(sha, p);
	memcpy(&sip, p + ETH_ALEN, 4);
	memcpy(&tip, p + 2 * ETH_ALEN + 4, 4);

	gw = redund_gw_by_ip4(rd, tip);
	if (!gw)
		return false;
	bad = redund_gw_arp_invalid(skb, sha, sip);
	if (bad >= 0) {
		__redund_gw_count(gw, bad);
		kfree_skb(skb);
		return true;
	}
	/*
	 * Consumed whatever the state: a backup must stay silent, and the
	 * stack, which may hold the virtual IP too, must never answer with
	 * the device's own MAC. Another node's announcement (sender ==
	 * target) is not a question.
	 */
	if (!redund_gw_answers(gw) || sip == tip) {
		__redund_gw_count(gw, REDUND_GW_STAT_RX_DROPS);
		consume_skb(skb);
		return true;
	}
	reply = arp_create(ARPOP_REPLY, ETH_P_ARP, sip, port->dev, tip,
			   eth_hdr(skb)->h_source, gw->mac, sha);
	consume_skb(skb);
	if (!reply)
		return true;
	if (dev_queue_xmit(reply) == NET_XMIT_SUCCESS) {
		__redund_gw_count(gw, REDUND_GW_STAT_ARP_REPLIES);
		redund_port_count_tx(port, true, 0);
	}
	return true;
}

/*
 * RFC 4861 7.1.1, for what the hop limit, code, length and checksum
 * checks before it leave: options of length 0 or past the end, and a
 * probe from :: that is not sent to a solicited-node group or carries a
 * source link-layer address. A multicast source is no sender to answer.
 * @ns is the whole message, @len long. Returns the reason, or -1.
 */
static int redund_gw_ns_invalid(const struct sk_buff *skb,
				const struct ipv6hdr *ip6h,
				const struct nd_msg *ns, unsigned int len)
{
	const u8 *opt = ns->opt;
	bool sllao = false;
	unsigned int olen;

	if (ipv6_addr_is_multicast(&ip6h->saddr) ||
	    !is_valid_ether_addr(eth_hdr(skb)->h_source))
		return REDUND_GW_STAT_NS_BAD_SOURCE;
	for (len -= sizeof(*ns); len; len -= olen, opt += olen) {
		if (len < 2)
			return REDUND_GW_STAT_NS_BAD_OPTION;
		olen = opt[1] * 8;
		if (!olen || olen > len)
			return REDUND_GW_STAT_NS_BAD_OPTION;
		if (opt[0] == ND_OPT_SOURCE_LL_ADDR)
			sllao = true;
	}
	if (!ipv6_addr_any(&ip6h->saddr))
		return -1;
	if (!ipv6_addr_is_solict_mult(&ip6h->daddr))
		return REDUND_GW_STAT_NS_DAD_BAD_DEST;
	if (sllao)
		return REDUND_GW_STAT_NS_DAD_SLLAO;
	return -1;
}

static bool redund_gw_rx_ns(struct redund_dev *rd, struct redund_port *port,
			    struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h;
	const struct nd_msg *ns;
	struct sk_buff *reply;
	struct redund_gw *gw;
	unsigned int plen;
	int bad;

	if (!pskb_may_pull(skb, sizeof(*ip6h) + sizeof(*ns)))
		return false;
	ip6h = (const struct ipv6hdr *)skb->data;
	ns = (const struct nd_msg *)(ip6h + 1);
	if (ip6h->version != 6 || ip6h->nexthdr != IPPROTO_ICMPV6 ||
	    ip6h->hop_limit != 255 ||
	    ns->icmph.icmp6_type != NDISC_NEIGHBOUR_SOLICITATION ||
	    ns->icmph.icmp6_code)
		return false;
	plen = ntohs(ip6h->payload_len);
	if (plen < sizeof(*ns) || plen > skb->len - sizeof(*ip6h))
		return false;
	gw = redund_gw_by_ip6(rd, &ns->target);
	if (!gw)
		return false;
	/* A corrupt solicitation is left to the stack, which drops it. */
	if (csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, plen, IPPROTO_ICMPV6,
			    skb_checksum(skb, sizeof(*ip6h), plen, 0)))
		return false;
	/* The options are read in place; the pull may move the headers. */
	if (!pskb_may_pull(skb, sizeof(*ip6h) + plen))
		return false;
	ip6h = (const struct ipv6hdr *)skb->data;
	ns = (const struct nd_msg *)(ip6h + 1);
	bad = redund_gw_ns_invalid(skb, ip6h, ns, plen);
	if (bad >= 0) {
		__redund_gw_count(gw, bad);
		kfree_skb(skb);
		return true;
	}
	/*
	 * As for ARP; and duplicate address detection probes stay
	 * unanswered: the virtual IP lives on several nodes by design.
	 */
	if (!redund_gw_answers(gw) || ipv6_addr_any(&ip6h->saddr)) {
		__redund_gw_count(gw, REDUND_GW_STAT_RX_DROPS);
		consume_skb(skb);
		return true;
	}
	reply = redund_gw_na(port->dev, gw, &ns->target, &ip6h->saddr,
			     eth_hdr(skb)->h_source, true);
	consume_skb(skb);
	if (!reply)
		return true;
	if (dev_queue_xmit(reply) == NET_XMIT_SUCCESS) {
		__redund_gw_count(gw, REDUND_GW_STAT_NA_SENT);
		redund_port_count_tx(port, true, 0);
	}
	return true;
}

/*
 * Called for every frame a collecting port passes up, once the device has
 * gateways, under RCU. Returns true when the frame was consumed.
 */
bool redund_gw_rx(struct redund_dev *rd, struct redund_port *port,
		  struct sk_buff *skb)
{
	struct redund_gw *gw;

	if (skb->pkt_type == PACKET_OTHERHOST) {
		const u8 *dst = eth_hdr(skb)->h_dest;

		list_for_each_entry_rcu(gw, &rd->gws, list) {
			if (!ether_addr_equal(dst, gw->mac) ||
			    !redund_gw_answers(gw))
				continue;
			skb->pkt_type = PACKET_HOST;
			__redund_gw_count(gw, REDUND_GW_STAT_RX_VMAC);
			break;
		}
		/* Requests meant for another host are not ours to answer. */
		if (skb->pkt_type == PACKET_OTHERHOST)
			return false;
	}
	if (skb->protocol == htons(ETH_P_ARP))
		return redund_gw_rx_arp(rd, port, skb);
	if (skb->protocol == htons(ETH_P_IPV6))
		return redund_gw_rx_ns(rd, port, skb);
	return false;
}

/* ----------------------------------------------------------- transmit */

static bool redund_gw_tx_arp(struct redund_dev *rd, struct sk_buff *skb)
{
	unsigned int len = ETH_HLEN + sizeof(struct arphdr) + 2 * (ETH_ALEN + 4);
	const struct arphdr *arp;
	struct redund_gw *gw;
	__be32 sip;
	u8 *p;

	if (!pskb_may_pull(skb, len))
		return true;
	arp = (const struct arphdr *)(skb->data + ETH_HLEN);
	if (arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP) || arp->ar_hln != ETH_ALEN ||
	    arp->ar_pln != 4)
		return true;
	memcpy(&sip, (const u8 *)(arp + 1) + ETH_ALEN, 4);
	gw = redund_gw_by_ip4(rd, sip);
	if (!gw || ether_addr_equal((const u8 *)(arp + 1), gw->mac))
		return true;
	if (!redund_gw_answers(gw)) {
		__redund_gw_count(gw, REDUND_GW_STAT_TX_DROPS);
		return false;
	}
	if (skb_ensure_writable(skb, len))
		return false;
	p = skb->data + ETH_HLEN + sizeof(*arp);
	ether_addr_copy(p, gw->mac);
	ether_addr_copy(eth_hdr(skb)->h_source, gw->mac);
	return true;
}

static bool redund_gw_tx_nd(struct redund_dev *rd, struct sk_buff *skb)
{
	unsigned int off = ETH_HLEN + sizeof(struct ipv6hdr), plen;
	const struct in6_addr *key;
	struct ipv6hdr *ip6h;
	struct redund_gw *gw;
	struct nd_msg *nd;
	u8 *opt, *end;
	u8 want;

	if (!pskb_may_pull(skb, off + sizeof(*nd)))
		return true;
	ip6h = (struct ipv6hdr *)(skb->data + ETH_HLEN);
	nd = (struct nd_msg *)(ip6h + 1);
	if (ip6h->nexthdr != IPPROTO_ICMPV6)
		return true;
	if (nd->icmph.icmp6_type == NDISC_NEIGHBOUR_SOLICITATION) {
		key = &ip6h->saddr;
		want = ND_OPT_SOURCE_LL_ADDR;
	} else if (nd->icmph.icmp6_type == NDISC_NEIGHBOUR_ADVERTISEMENT) {
		key = &nd->target;
		want = ND_OPT_TARGET_LL_ADDR;
	} else {
		return true;
	}
	gw = redund_gw_by_ip6(rd, key);
	if (!gw || ether_addr_equal(eth_hdr(skb)->h_source, gw->mac))
		return true;
	if (!redund_gw_answers(gw)) {
		__redund_gw_count(gw, REDUND_GW_STAT_TX_DROPS);
		return false;
	}
	plen = ntohs(ip6h->payload_len);
	if (skb->ip_summed == CHECKSUM_PARTIAL || plen < sizeof(*nd) ||
	    off + plen > skb->len)
		return true;
	if (skb_ensure_writable(skb, off + plen))
		return false;
	ip6h = (struct ipv6hdr *)(skb->data + ETH_HLEN);
	nd = (struct nd_msg *)(ip6h + 1);
	ether_addr_copy(eth_hdr(skb)->h_source, gw->mac);
	end = (u8 *)nd + plen;
	for (opt = nd->opt; opt + 8 <= end && opt[1]; opt += opt[1] * 8) {
		if (opt + opt[1] * 8 > end)
			break;
		if (opt[0] != want)
			continue;
		ether_addr_copy(opt + 2, gw->mac);
		nd->icmph.icmp6_cksum = 0;
		nd->icmph.icmp6_cksum =
			csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, plen,
					IPPROTO_ICMPV6, csum_partial(nd, plen, 0));
		break;
	}
	return true;
}

/*
 * ARP and ND the host itself sends from a virtual IP would teach the
 * segment the device's own MAC for it: they leave with the virtual MAC
 * while the gateway answers, and not at all while it is a backup.
 * Returns false when the frame must be dropped.
 */
bool redund_gw_tx(struct redund_dev *rd, struct sk_buff *skb)
{
	bool ok = true;

	rcu_read_lock();
	if (skb->protocol == htons(ETH_P_ARP))
		ok = redund_gw_tx_arp(rd, skb);
	else if (skb->protocol == htons(ETH_P_IPV6))
		ok = redund_gw_tx_nd(rd, skb);
	rcu_read_unlock();
	return ok;
}

/* ----------------------------------------------------------- announce */

/* One round: a gratuitous ARP or an unsolicited NA per virtual IP. */
static void redund_gw_send_round(struct redund_gw *gw)
{
	struct net_device *dev = gw->rd->dev;
	const struct redund_gw_addrs *a;
	struct sk_buff *skb;
	unsigned int i;

	rcu_read_lock();
	a = rcu_dereference(gw->addrs);
	for (i = 0; i < a->num; i++) {
		if (gw->family == AF_INET)
			skb = arp_create(ARPOP_REQUEST, ETH_P_ARP, a->v4[i], dev,
					 a->v4[i], NULL, gw->mac, NULL);
		else
			skb = redund_gw_na(dev, gw, &a->v6[i],
					   &in6addr_linklocal_allnodes,
					   redund_all_nodes_mac, false);
		if (skb && dev_queue_xmit(skb) == NET_XMIT_SUCCESS)
			redund_gw_count(gw, REDUND_GW_STAT_ANNOUNCES);
	}
	rcu_read_unlock();
}

static void redund_gw_announce_work(struct work_struct *work)
{
	struct redund_gw *gw = container_of(to_delayed_work(work),
					    struct redund_gw, announce);

	if (!redund_gw_answers(gw) ||
	    atomic_dec_if_positive(&gw->announce_left) < 0)
		return;
	redund_gw_send_round(gw);
	if (atomic_read(&gw->announce_left) > 0)
		queue_delayed_work(system_wq, &gw->announce,
				   msecs_to_jiffies(READ_ONCE(gw->announce_interval)));
}

/*
 * The periodic refresh keeps the virtual MAC in the switches' forwarding
 * tables and the hosts' neighbour caches while nothing else is heard from
 * it. It rearms itself; whoever stops it cancels it synchronously.
 */
static void redund_gw_refresh_work(struct work_struct *work)
{
	struct redund_gw *gw = container_of(to_delayed_work(work),
					    struct redund_gw, refresh);
	u32 interval = READ_ONCE(gw->refresh_interval);

	if (!redund_gw_answers(gw) || !interval)
		return;
	redund_gw_send_round(gw);
	queue_delayed_work(system_wq, &gw->refresh, msecs_to_jiffies(interval));
}

/* (Re)starts the refresh one interval from now, or stops it. RTNL held. */
static void redund_gw_update_refresh(struct redund_gw *gw)
{
	ASSERT_RTNL();
	if (redund_gw_answers(gw) && gw->refresh_interval)
		mod_delayed_work(system_wq, &gw->refresh,
				 msecs_to_jiffies(gw->refresh_interval));
	else
		cancel_delayed_work_sync(&gw->refresh);
}

static void redund_gw_start_announce(struct redund_gw *gw)
{
	atomic_set(&gw->announce_left, gw->announce_count);
	if (gw->announce_count)
		mod_delayed_work(system_wq, &gw->announce, 0);
}

int redund_gw_announce(struct redund_gw *gw, struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (!redund_gw_answers(gw)) {
		NL_SET_ERR_MSG(extack,
			       "A backup gateway does not announce; make it master or active first");
		return -EINVAL;
	}
	redund_gw_start_announce(gw);
	return 0;
}

/* -------------------------------------------------------------- state */

/* The vmac must pass the ports' filters before anyone learns it. */
static int redund_gw_filter_add(struct redund_gw *gw,
				struct netlink_ext_ack *extack)
{
	int err;

	if (gw->in_filter)
		return 0;
	err = dev_uc_add(gw->rd->dev, gw->mac);
	if (err) {
		NL_SET_ERR_MSG(extack, "Cannot add the virtual MAC to the device's unicast filter");
		return err;
	}
	gw->in_filter = true;
	return 0;
}

/* Answering states need redund_gw_filter_add() first. */
static void redund_gw_set_state(struct redund_gw *gw, u8 state)
{
	bool was = gw->state != REDUND_GW_STATE_BACKUP;
	bool now = state != REDUND_GW_STATE_BACKUP;

	ASSERT_RTNL();
	WRITE_ONCE(gw->state, state);
	if (!now && gw->in_filter) {
		dev_uc_del(gw->rd->dev, gw->mac);
		gw->in_filter = false;
	}
	/* Neither work takes RTNL: waiting for them here is safe. */
	if (now && !was)
		redund_gw_start_announce(gw);
	else if (!now)
		cancel_delayed_work_sync(&gw->announce);
	if (now != was)
		redund_gw_update_refresh(gw);
}

static void redund_gw_free(struct redund_gw *gw)
{
	kfree(gw->release);
	kfree(rcu_dereference_protected(gw->addrs, true));
	free_percpu(gw->stats);
	kfree(gw);
}

static void redund_gw_free_rcu(struct rcu_head *head)
{
	redund_gw_free(container_of(head, struct redund_gw, rcu));
}

int redund_gw_add(struct redund_dev *rd, struct redund_gw_cfg *cfg, u32 owner,
		  struct netlink_ext_ack *extack)
{
	struct redund_gw *gw;
	int err;

	ASSERT_RTNL();
	if (redund_gw_find(rd, cfg->vrid, cfg->family)) {
		NL_SET_ERR_MSG(extack, "A gateway with this VRID and family exists on this device");
		return -EEXIST;
	}
	gw = kzalloc(sizeof(*gw), GFP_KERNEL);
	if (!gw)
		return -ENOMEM;
	gw->stats = netdev_alloc_pcpu_stats(struct redund_gw_stats);
	if (!gw->stats) {
		err = -ENOMEM;
		goto err_free;
	}
	if (!cfg->addrs) {
		cfg->addrs = kzalloc(sizeof(*cfg->addrs), GFP_KERNEL);
		if (!cfg->addrs) {
			err = -ENOMEM;
			goto err_free;
		}
	}
	RCU_INIT_POINTER(gw->addrs, cfg->addrs);
	cfg->addrs = NULL;
	gw->release = cfg->release;
	cfg->release = NULL;
	gw->rd = rd;
	gw->vrid = cfg->vrid;
	gw->family = cfg->family;
	gw->state = REDUND_GW_STATE_BACKUP;
	gw->owner = owner;
	gw->persist = cfg->persist > 0;
	gw->announce_count = cfg->announce_count >= 0 ? cfg->announce_count : 3;
	gw->announce_interval = cfg->announce_interval >= 0 ?
				cfg->announce_interval : 1000;
	gw->refresh_interval = cfg->refresh_interval > 0 ?
			       cfg->refresh_interval : 0;
	INIT_DELAYED_WORK(&gw->announce, redund_gw_announce_work);
	INIT_DELAYED_WORK(&gw->refresh, redund_gw_refresh_work);
	if (cfg->mac) {
		ether_addr_copy(gw->mac, cfg->mac);
	} else {
		/* RFC 5798 7.3: 00-00-5E-00-01-{VRID}, IPv6 00-00-5E-00-02-{VRID}. */
		gw->mac[2] = 0x5e;
		gw->mac[4] = cfg->family == AF_INET ? 0x01 : 0x02;
		gw->mac[5] = cfg->vrid;
	}
	if (cfg->state > 0) {
		err = redund_gw_filter_add(gw, extack);
		if (err)
			goto err_free;
		redund_gw_set_state(gw, cfg->state);
	}

	spin_lock(&redund_gw_owner_lock);
	list_add_tail(&gw->all, &redund_gw_all);
	spin_unlock(&redund_gw_owner_lock);
	list_add_tail_rcu(&gw->list, &rd->gws);
	redund_event_gw(gw, REDUND_CMD_GW_NEW_NTF, REDUND_REASON_UNSPEC);
	return 0;

err_free:
	redund_gw_free(gw);
	return err;
}

int redund_gw_change(struct redund_gw *gw, struct redund_gw_cfg *cfg,
		     u32 portid, struct netlink_ext_ack *extack)
{
	int state = cfg->state >= 0 ? cfg->state : gw->state;
	bool persist = cfg->persist >= 0 ? cfg->persist : gw->persist;
	struct redund_gw_addrs *old;
	u32 owner;
	int err;

	ASSERT_RTNL();
	if (cfg->mac && !ether_addr_equal(cfg->mac, gw->mac)) {
		NL_SET_ERR_MSG(extack,
			       "The virtual MAC cannot change; delete the gateway and add it again");
		return -EINVAL;
	}
	owner = redund_gw_owner(gw);
	/* Two controllers driving one gateway would each think it theirs. */
	if (cfg->adopt && owner && owner != portid) {
		NL_SET_ERR_MSG(extack,
			       "The gateway's owner socket is alive: only an orphan can be adopted");
		return -EBUSY;
	}
	if (state != REDUND_GW_STATE_BACKUP && !persist && !cfg->adopt &&
	    !owner) {
		NL_SET_ERR_MSG(extack,
			       "Owner socket of the gateway is gone: adopt it or make it persist");
		return -EINVAL;
	}
	if (state != REDUND_GW_STATE_BACKUP) {
		err = redund_gw_filter_add(gw, extack);
		if (err)
			return err;
	}
	/* The new addresses and timing are what a takeover announces. */
	if (cfg->announce_count >= 0)
		gw->announce_count = cfg->announce_count;
	if (cfg->announce_interval >= 0)
		WRITE_ONCE(gw->announce_interval, cfg->announce_interval);
	if (cfg->addrs) {
		old = rtnl_dereference(gw->addrs);
		rcu_assign_pointer(gw->addrs, cfg->addrs);
		cfg->addrs = NULL;
		kfree_rcu(old, rcu);
	}
	/* Only the owner work and dumps read it, all under RTNL. */
	if (cfg->release_set) {
		kfree(gw->release);
		gw->release = cfg->release;
		cfg->release = NULL;
	}
	redund_gw_set_state(gw, state);
	/* A new interval counts from now; the state change did the rest. */
	if (cfg->refresh_interval >= 0 &&
	    cfg->refresh_interval != gw->refresh_interval) {
		WRITE_ONCE(gw->refresh_interval, cfg->refresh_interval);
		redund_gw_update_refresh(gw);
	}
	gw->persist = persist;
	if (cfg->adopt) {
		spin_lock(&redund_gw_owner_lock);
		gw->owner = portid;
		gw->owner_gone = false;
		spin_unlock(&redund_gw_owner_lock);
	}
	redund_event_gw(gw, REDUND_CMD_GW_CHANGE_NTF, REDUND_REASON_ADMIN);
	return 0;
}

void redund_gw_del(struct redund_gw *gw, bool notify)
{
	ASSERT_RTNL();
	if (gw->in_filter)
		dev_uc_del(gw->rd->dev, gw->mac);
	gw->in_filter = false;
	WRITE_ONCE(gw->state, REDUND_GW_STATE_BACKUP);
	list_del_rcu(&gw->list);
	spin_lock(&redund_gw_owner_lock);
	list_del(&gw->all);
	spin_unlock(&redund_gw_owner_lock);
	/* The works do not take RTNL, so waiting for them is safe. */
	cancel_delayed_work_sync(&gw->announce);
	cancel_delayed_work_sync(&gw->refresh);
	if (notify)
		redund_event_gw(gw, REDUND_CMD_GW_DEL_NTF, REDUND_REASON_UNSPEC);
	call_rcu(&gw->rcu, redund_gw_free_rcu);
}

void redund_gw_flush(struct redund_dev *rd)
{
	struct redund_gw *gw, *tmp;

	list_for_each_entry_safe(gw, tmp, &rd->gws, list)
		redund_gw_del(gw, false);
}

/* --------------------------------------------------------------- owner */

static void redund_gw_owner_work(struct work_struct *work)
{
	struct redund_gw *gw;
	bool gone, master;

	rtnl_lock();
	/* Additions and removals hold RTNL, so the walk needs no more. */
	list_for_each_entry(gw, &redund_gw_all, all) {
		spin_lock(&redund_gw_owner_lock);
		gone = gw->owner_gone && !gw->owner;
		gw->owner_gone = false;
		spin_unlock(&redund_gw_owner_lock);
		if (!gone)
			continue;
		/*
		 * Silent first, then the release: the peer that takes over
		 * on it never answers beside this gateway.
		 */
		if (!gw->persist) {
			master = gw->state == REDUND_GW_STATE_MASTER;
			redund_gw_set_state(gw, REDUND_GW_STATE_BACKUP);
			if (master)
				redund_gw_send_release(gw);
		}
		redund_event_gw(gw, REDUND_CMD_GW_CHANGE_NTF,
				REDUND_REASON_OWNER_GONE);
	}
	rtnl_unlock();
}

static int redund_gw_netlink_event(struct notifier_block *nb,
				   unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;
	struct redund_gw *gw;
	bool found = false;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !n->portid)
		return NOTIFY_DONE;
	spin_lock(&redund_gw_owner_lock);
	list_for_each_entry(gw, &redund_gw_all, all) {
		if (gw->owner != n->portid || dev_net(gw->rd->dev) != n->net)
			continue;
		gw->owner = 0;
		gw->owner_gone = true;
		found = true;
	}
	spin_unlock(&redund_gw_owner_lock);
	if (found)
		queue_work(system_wq, &redund_gw_owner_wq);
	return NOTIFY_DONE;
}

static struct notifier_block redund_gw_netlink_notifier = {
	.notifier_call = redund_gw_netlink_event,
};

int redund_gw_init(void)
{
	return netlink_register_notifier(&redund_gw_netlink_notifier);
}

void redund_gw_exit(void)
{
	netlink_unregister_notifier(&redund_gw_netlink_notifier);
	flush_work(&redund_gw_owner_wq);
}
