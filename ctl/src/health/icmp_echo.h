// ICMP echo messages as both ICMP probes write and match them: the one
// through the routing table (icmp_probe.h) and the one through a LAG port
// (port_icmp_probe.h). Pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace redund::health {

// An echo request message (no IP header). ICMPv4's checksum is filled in;
// ICMPv6's covers a pseudo-header and is left to the kernel's raw socket.
std::vector<uint8_t> echoRequest(bool v4, uint16_t identifier, uint16_t sequence);

// Whether `packet`, as a raw ICMP socket hands it over (IPv4: after the IP
// header; IPv6: the message alone), is the echo reply to the request with
// `identifier` and `sequence`. The caller checks where it came from.
bool isEchoReply(std::span<const uint8_t> packet, bool v4, uint16_t identifier, uint16_t sequence);

}  // namespace redund::health
