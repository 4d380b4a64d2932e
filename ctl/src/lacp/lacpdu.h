// The Slow Protocols frames LACP uses, encoded and decoded as whole Ethernet
// frames: LACPDUs (802.1AX-2014 6.4.2.3) and Marker PDUs (6.5.3).
//
// Both PDUs are 110 bytes after the 14-byte Ethernet header. LACPDU layout,
// offsets from the start of the PDU (add 14 for the frame):
//    0 subtype 1             1 version 1
//    2 TLV 1 (Actor)         3 length 20
//    4 system priority       6 system MAC       12 key
//   14 port priority        16 port             18 state      19 reserved[3]
//   22 TLV 2 (Partner)      23 length 20        24..41 as 4..21
//   42 TLV 3 (Collector)    43 length 16        44 max delay  46 reserved[12]
//   58 TLV 0 (Terminator)   59 length 0         60 reserved[50]
// Marker PDU: 0 subtype 2, 1 version 1, 2 TLV 1 (Information) or 2
// (Response), 3 length 16, 4 requester port, 6 requester system,
// 12 transaction ID (4 bytes), 16 pad[2], 18 Terminator, 19 length 0,
// 20 reserved[90]. Multi-byte fields are big-endian.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "lacp/types.h"

namespace redund::lacp {

inline constexpr Mac kSlowProtocolsMulticast = {0x01, 0x80, 0xc2, 0x00, 0x00, 0x02};
inline constexpr uint16_t kSlowProtocolsEthertype = 0x8809;
inline constexpr std::size_t kEthernetHeaderLen = 14;
inline constexpr std::size_t kPduLen = 110;
inline constexpr std::size_t kFrameLen = kEthernetHeaderLen + kPduLen;

struct Lacpdu {
  uint8_t version = 1;  // encoded as 1 whatever it holds
  Participant actor{};
  Participant partner{};
  uint16_t collectorMaxDelay = 0;  // tens of microseconds

  bool operator==(const Lacpdu&) const = default;
};

struct MarkerPdu {
  bool response = false;  // TLV 2, Marker Response; else TLV 1, Marker Information
  uint16_t requesterPort = 0;
  Mac requesterSystem{};
  uint32_t transactionId = 0;

  bool operator==(const MarkerPdu&) const = default;
};

enum class DecodeError : uint8_t {
  kTooShort,          // less than a 14-byte header and a 110-byte PDU
  kNotSlowProtocols,  // ethertype other than 0x8809
  kUnknownSubtype,    // a Slow Protocol other than LACP (1) and Marker (2)
  kBadVersion,        // version 0
  kBadTlv,            // a TLV type or length not where 802.1AX puts it
};

// "too_short", "not_slow_protocols", "unknown_subtype", "bad_version",
// "bad_tlv".
std::string_view decodeErrorName(DecodeError error);

using Frame = std::vector<std::byte>;
using Decoded = std::variant<Lacpdu, MarkerPdu, DecodeError>;

// A kFrameLen-byte frame from `source` to the Slow Protocols multicast
// address.
Frame encodeLacpdu(const Mac& source, const Lacpdu& pdu);
Frame encodeMarker(const Mac& source, const MarkerPdu& pdu);

// Any destination address is accepted (802.1AX-2020 lets LACP use other
// group addresses); bytes past the PDU (padding) are ignored. Versions above
// 1 are read as version 1 (6.4.2.3 forward compatibility): only the Actor,
// Partner and Collector TLVs are checked, not the Terminator.
Decoded decode(std::span<const std::byte> frame);

// The Marker Response a Marker Responder returns for a Marker Information
// PDU: the same fields, TLV type 2.
MarkerPdu markerResponse(const MarkerPdu& information);

}  // namespace redund::lacp
