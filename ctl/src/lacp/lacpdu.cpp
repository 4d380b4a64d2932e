#include "lacp/lacpdu.h"

namespace redund::lacp {
namespace {

constexpr uint8_t kSubtypeLacp = 1;
constexpr uint8_t kSubtypeMarker = 2;
constexpr uint8_t kTlvActor = 1;
constexpr uint8_t kTlvPartner = 2;
constexpr uint8_t kTlvCollector = 3;
constexpr uint8_t kTlvMarkerInfo = 1;
constexpr uint8_t kTlvMarkerResponse = 2;
constexpr uint8_t kParticipantLen = 20;
constexpr uint8_t kCollectorLen = 16;
constexpr uint8_t kMarkerInfoLen = 16;
// PDU offsets (after the Ethernet header).
constexpr std::size_t kActorTlv = 2;
constexpr std::size_t kPartnerTlv = 22;
constexpr std::size_t kCollectorTlv = 42;
constexpr std::size_t kTerminatorTlv = 58;
constexpr std::size_t kMarkerTerminatorTlv = 18;

class Writer {
 public:
  explicit Writer(Frame& frame) : frame_(frame) {}
  void u8(std::size_t at, uint8_t v) { frame_[at] = std::byte{v}; }
  void u16(std::size_t at, uint16_t v) {
    u8(at, static_cast<uint8_t>(v >> 8));
    u8(at + 1, static_cast<uint8_t>(v));
  }
  void u32(std::size_t at, uint32_t v) {
    u16(at, static_cast<uint16_t>(v >> 16));
    u16(at + 2, static_cast<uint16_t>(v));
  }
  void mac(std::size_t at, const Mac& m) {
    for (std::size_t i = 0; i < m.size(); ++i) {
      u8(at + i, m[i]);
    }
  }

 private:
  Frame& frame_;
};

class Reader {
 public:
  explicit Reader(std::span<const std::byte> bytes) : bytes_(bytes) {}
  uint8_t u8(std::size_t at) const { return std::to_integer<uint8_t>(bytes_[at]); }
  uint16_t u16(std::size_t at) const { return static_cast<uint16_t>((u8(at) << 8) | u8(at + 1)); }
  uint32_t u32(std::size_t at) const {
    return (static_cast<uint32_t>(u16(at)) << 16) | u16(at + 2);
  }
  Mac mac(std::size_t at) const {
    Mac m{};
    for (std::size_t i = 0; i < m.size(); ++i) {
      m[i] = u8(at + i);
    }
    return m;
  }
  bool tlv(std::size_t at, uint8_t type, uint8_t len) const {
    return u8(at) == type && u8(at + 1) == len;
  }

 private:
  std::span<const std::byte> bytes_;
};

// A zeroed frame with the Ethernet header; returns it and a writer for the
// PDU that follows.
Frame header(const Mac& source) {
  Frame frame(kFrameLen);
  Writer w(frame);
  w.mac(0, kSlowProtocolsMulticast);
  w.mac(6, source);
  w.u16(12, kSlowProtocolsEthertype);
  return frame;
}

void putParticipant(Writer& w, std::size_t at, uint8_t type, const Participant& p) {
  w.u8(at, type);
  w.u8(at + 1, kParticipantLen);
  w.u16(at + 2, p.system.priority);
  w.mac(at + 4, p.system.mac);
  w.u16(at + 10, p.key);
  w.u16(at + 12, p.portPriority);
  w.u16(at + 14, p.port);
  w.u8(at + 16, p.state.toByte());
}

Participant getParticipant(const Reader& r, std::size_t at) {
  return {.system = {.priority = r.u16(at + 2), .mac = r.mac(at + 4)},
          .key = r.u16(at + 10),
          .portPriority = r.u16(at + 12),
          .port = r.u16(at + 14),
          .state = State::fromByte(r.u8(at + 16))};
}

Decoded decodeLacpdu(const Reader& r, uint8_t version) {
  if (!r.tlv(kActorTlv, kTlvActor, kParticipantLen) ||
      !r.tlv(kPartnerTlv, kTlvPartner, kParticipantLen) ||
      !r.tlv(kCollectorTlv, kTlvCollector, kCollectorLen) ||
      (version == 1 && !r.tlv(kTerminatorTlv, 0, 0))) {
    return DecodeError::kBadTlv;
  }
  return Lacpdu{.version = version,
                .actor = getParticipant(r, kActorTlv),
                .partner = getParticipant(r, kPartnerTlv),
                .collectorMaxDelay = r.u16(kCollectorTlv + 2)};
}

Decoded decodeMarker(const Reader& r) {
  const uint8_t type = r.u8(2);
  if ((type != kTlvMarkerInfo && type != kTlvMarkerResponse) || r.u8(3) != kMarkerInfoLen ||
      !r.tlv(kMarkerTerminatorTlv, 0, 0)) {
    return DecodeError::kBadTlv;
  }
  return MarkerPdu{.response = type == kTlvMarkerResponse,
                   .requesterPort = r.u16(4),
                   .requesterSystem = r.mac(6),
                   .transactionId = r.u32(12)};
}

}  // namespace

std::string_view decodeErrorName(DecodeError error) {
  switch (error) {
    case DecodeError::kTooShort:
      return "too_short";
    case DecodeError::kNotSlowProtocols:
      return "not_slow_protocols";
    case DecodeError::kUnknownSubtype:
      return "unknown_subtype";
    case DecodeError::kBadVersion:
      return "bad_version";
    case DecodeError::kBadTlv:
      return "bad_tlv";
  }
  return "unknown";
}

Frame encodeLacpdu(const Mac& source, const Lacpdu& pdu) {
  Frame frame = header(source);
  Writer w(frame);
  const std::size_t at = kEthernetHeaderLen;
  w.u8(at, kSubtypeLacp);
  w.u8(at + 1, 1);
  putParticipant(w, at + kActorTlv, kTlvActor, pdu.actor);
  putParticipant(w, at + kPartnerTlv, kTlvPartner, pdu.partner);
  w.u8(at + kCollectorTlv, kTlvCollector);
  w.u8(at + kCollectorTlv + 1, kCollectorLen);
  w.u16(at + kCollectorTlv + 2, pdu.collectorMaxDelay);
  return frame;  // the Terminator and the reserved bytes are zero
}

Frame encodeMarker(const Mac& source, const MarkerPdu& pdu) {
  Frame frame = header(source);
  Writer w(frame);
  const std::size_t at = kEthernetHeaderLen;
  w.u8(at, kSubtypeMarker);
  w.u8(at + 1, 1);
  w.u8(at + 2, pdu.response ? kTlvMarkerResponse : kTlvMarkerInfo);
  w.u8(at + 3, kMarkerInfoLen);
  w.u16(at + 4, pdu.requesterPort);
  w.mac(at + 6, pdu.requesterSystem);
  w.u32(at + 12, pdu.transactionId);
  return frame;
}

Decoded decode(std::span<const std::byte> frame) {
  if (frame.size() < kEthernetHeaderLen + 1) {
    return DecodeError::kTooShort;
  }
  const Reader eth(frame);
  if (eth.u16(12) != kSlowProtocolsEthertype) {
    return DecodeError::kNotSlowProtocols;
  }
  // Other Slow Protocols (OAM...) may be short: not malformed, just not ours.
  const uint8_t subtype = eth.u8(kEthernetHeaderLen);
  if (subtype != kSubtypeLacp && subtype != kSubtypeMarker) {
    return DecodeError::kUnknownSubtype;
  }
  if (frame.size() < kFrameLen) {
    return DecodeError::kTooShort;
  }
  const Reader r(frame.subspan(kEthernetHeaderLen, kPduLen));
  const uint8_t version = r.u8(1);
  if (version == 0) {
    return DecodeError::kBadVersion;
  }
  return subtype == kSubtypeLacp ? decodeLacpdu(r, version) : decodeMarker(r);
}

MarkerPdu markerResponse(const MarkerPdu& information) {
  MarkerPdu response = information;
  response.response = true;
  return response;
}

}  // namespace redund::lacp
