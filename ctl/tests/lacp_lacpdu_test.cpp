#include <array>
#include <cstddef>
#include <cstdint>
#include <variant>

#include <gtest/gtest.h>

#include "lacp/lacpdu.h"

namespace redund::lacp {
namespace {

constexpr Mac kSource = {0x02, 0x00, 0x00, 0x00, 0x01, 0x07};

Lacpdu samplePdu() {
  return {.actor = {.system = {.priority = 0x8000, .mac = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55}},
                    .key = 0x0003,
                    .portPriority = 0x00ff,
                    .port = 0x0005,
                    .state = State::fromByte(0x3d)},
          .partner = {.system = {.priority = 0x0001, .mac = {0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb}},
                      .key = 0x1234,
                      .portPriority = 0x0080,
                      .port = 0x0102,
                      .state = State::fromByte(0x47)},
          .collectorMaxDelay = 0x0010};
}

// The frame for samplePdu() from kSource, written out from the field
// layout of 802.1AX-2014 6.4.2.3 (Figure 6-7), not from the encoder.
std::array<uint8_t, kFrameLen> goldenFrame() {
  std::array<uint8_t, kFrameLen> f{};
  const std::array<uint8_t, 60> head = {
      0x01, 0x80, 0xc2, 0x00, 0x00, 0x02,  // 0: Slow_Protocols_Multicast
      0x02, 0x00, 0x00, 0x00, 0x01, 0x07,  // 6: source
      0x88, 0x09,                          // 12: Slow Protocols ethertype
      0x01, 0x01,                          // 14: subtype LACP, version 1
      0x01, 0x14,                          // 16: Actor Information, 20
      0x80, 0x00,                          // 18: actor system priority
      0x00, 0x11, 0x22, 0x33, 0x44, 0x55,  // 20: actor system
      0x00, 0x03,                          // 26: actor key
      0x00, 0xff,                          // 28: actor port priority
      0x00, 0x05,                          // 30: actor port
      0x3d,                                // 32: actor state
      0x00, 0x00, 0x00,                    // 33: reserved
      0x02, 0x14,                          // 36: Partner Information, 20
      0x00, 0x01,                          // 38: partner system priority
      0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb,  // 40: partner system
      0x12, 0x34,                          // 46: partner key
      0x00, 0x80,                          // 48: partner port priority
      0x01, 0x02,                          // 50: partner port
      0x47,                                // 52: partner state
      0x00, 0x00, 0x00,                    // 53: reserved
      0x03, 0x10,                          // 56: Collector Information, 16
      0x00, 0x10,                          // 58: CollectorMaxDelay
  };
  std::copy(head.begin(), head.end(), f.begin());
  // 60: 12 reserved bytes; 72: Terminator (0, 0); 74: 50 reserved bytes.
  return f;
}

Frame bytesOf(const std::array<uint8_t, kFrameLen>& raw) {
  Frame frame;
  for (const uint8_t b : raw) {
    frame.push_back(std::byte{b});
  }
  return frame;
}

uint8_t at(const Frame& frame, std::size_t offset) {
  return std::to_integer<uint8_t>(frame[offset]);
}

TEST(Lacpdu, EncodesTheGoldenFrame) {
  const Frame frame = encodeLacpdu(kSource, samplePdu());
  ASSERT_EQ(frame.size(), 124U);
  EXPECT_EQ(frame, bytesOf(goldenFrame()));
  EXPECT_EQ(at(frame, 32), 0x3d) << "actor state at frame offset 32";
  EXPECT_EQ(at(frame, 52), 0x47) << "partner state at frame offset 52";
  EXPECT_EQ(at(frame, 72), 0x00) << "Terminator TLV type";
  EXPECT_EQ(at(frame, 73), 0x00) << "Terminator length";
}

TEST(Lacpdu, DecodesTheGoldenFrame) {
  const Decoded decoded = decode(bytesOf(goldenFrame()));
  ASSERT_TRUE(std::holds_alternative<Lacpdu>(decoded));
  const auto& pdu = std::get<Lacpdu>(decoded);
  EXPECT_EQ(pdu, samplePdu());
  EXPECT_TRUE(pdu.actor.state.lacpActivity);
  EXPECT_FALSE(pdu.actor.state.lacpTimeout);
  EXPECT_TRUE(pdu.actor.state.distributing);
  EXPECT_TRUE(pdu.partner.state.defaulted);
}

TEST(Lacpdu, RoundTripsEveryStateByte) {
  for (unsigned bits = 0; bits < 256; ++bits) {
    Lacpdu pdu = samplePdu();
    pdu.actor.state = State::fromByte(static_cast<uint8_t>(bits));
    pdu.partner.state = State::fromByte(static_cast<uint8_t>(255 - bits));
    const Decoded decoded = decode(encodeLacpdu(kSource, pdu));
    ASSERT_TRUE(std::holds_alternative<Lacpdu>(decoded)) << bits;
    EXPECT_EQ(std::get<Lacpdu>(decoded), pdu) << bits;
  }
}

TEST(Lacpdu, PaddingAfterThePduIsIgnored) {
  Frame frame = encodeLacpdu(kSource, samplePdu());
  frame.resize(128, std::byte{0xee});
  EXPECT_TRUE(std::holds_alternative<Lacpdu>(decode(frame)));
}

TEST(Lacpdu, RejectsShortFrames) {
  const Frame frame = encodeLacpdu(kSource, samplePdu());
  EXPECT_EQ(std::get<DecodeError>(decode(std::span(frame).first(kFrameLen - 1))),
            DecodeError::kTooShort);
  EXPECT_EQ(std::get<DecodeError>(decode(std::span(frame).first(10))), DecodeError::kTooShort);
  EXPECT_EQ(std::get<DecodeError>(decode({})), DecodeError::kTooShort);
}

TEST(Lacpdu, RejectsBadTlvs) {
  const auto broken = [](std::size_t offset, uint8_t value) {
    Frame frame = encodeLacpdu(kSource, samplePdu());
    frame[offset] = std::byte{value};
    return decode(frame);
  };
  EXPECT_EQ(std::get<DecodeError>(broken(17, 19)), DecodeError::kBadTlv) << "actor length";
  EXPECT_EQ(std::get<DecodeError>(broken(16, 2)), DecodeError::kBadTlv) << "actor type";
  EXPECT_EQ(std::get<DecodeError>(broken(37, 21)), DecodeError::kBadTlv) << "partner length";
  EXPECT_EQ(std::get<DecodeError>(broken(36, 1)), DecodeError::kBadTlv) << "partner type";
  EXPECT_EQ(std::get<DecodeError>(broken(57, 0)), DecodeError::kBadTlv) << "collector length";
  EXPECT_EQ(std::get<DecodeError>(broken(72, 4)), DecodeError::kBadTlv) << "terminator type";
  EXPECT_EQ(std::get<DecodeError>(broken(73, 2)), DecodeError::kBadTlv) << "terminator length";
}

TEST(Lacpdu, RejectsVersionZeroAndReadsNewerVersionsAsVersionOne) {
  Frame frame = encodeLacpdu(kSource, samplePdu());
  frame[15] = std::byte{0};
  EXPECT_EQ(std::get<DecodeError>(decode(frame)), DecodeError::kBadVersion);

  // A version 2 LACPDU carries more TLVs where version 1 has the Terminator.
  frame[15] = std::byte{2};
  frame[72] = std::byte{4};
  frame[73] = std::byte{6};
  const Decoded decoded = decode(frame);
  ASSERT_TRUE(std::holds_alternative<Lacpdu>(decoded));
  EXPECT_EQ(std::get<Lacpdu>(decoded).version, 2);
  EXPECT_EQ(std::get<Lacpdu>(decoded).actor, samplePdu().actor);
}

TEST(Lacpdu, OtherProtocolsAreNotMalformed) {
  Frame frame = encodeLacpdu(kSource, samplePdu());
  frame[14] = std::byte{3};  // OAM
  EXPECT_EQ(std::get<DecodeError>(decode(frame)), DecodeError::kUnknownSubtype);
  EXPECT_EQ(std::get<DecodeError>(decode(std::span(frame).first(60))), DecodeError::kUnknownSubtype)
      << "short OAM frames are someone else's";
  frame[12] = std::byte{0x08};
  frame[13] = std::byte{0x00};
  EXPECT_EQ(std::get<DecodeError>(decode(frame)), DecodeError::kNotSlowProtocols);
}

TEST(Lacpdu, ErrorNames) {
  EXPECT_EQ(decodeErrorName(DecodeError::kTooShort), "too_short");
  EXPECT_EQ(decodeErrorName(DecodeError::kBadTlv), "bad_tlv");
  EXPECT_EQ(decodeErrorName(DecodeError::kBadVersion), "bad_version");
}

TEST(LacpMarkerPdu, EncodesTheStandardLayout) {
  const MarkerPdu info{.requesterPort = 0x0203,
                       .requesterSystem = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55},
                       .transactionId = 0xdeadbeef};
  const Frame frame = encodeMarker(kSource, info);
  ASSERT_EQ(frame.size(), kFrameLen);
  EXPECT_EQ(at(frame, 12), 0x88);
  EXPECT_EQ(at(frame, 13), 0x09);
  EXPECT_EQ(at(frame, 14), 2) << "subtype Marker";
  EXPECT_EQ(at(frame, 15), 1) << "version";
  EXPECT_EQ(at(frame, 16), 1) << "Marker Information";
  EXPECT_EQ(at(frame, 17), 16);
  EXPECT_EQ(at(frame, 18), 0x02);
  EXPECT_EQ(at(frame, 19), 0x03);
  EXPECT_EQ(at(frame, 20), 0x00);
  EXPECT_EQ(at(frame, 25), 0x55);
  EXPECT_EQ(at(frame, 26), 0xde);
  EXPECT_EQ(at(frame, 29), 0xef);
  EXPECT_EQ(at(frame, 30), 0) << "pad";
  EXPECT_EQ(at(frame, 32), 0) << "Terminator";

  EXPECT_EQ(std::get<MarkerPdu>(decode(frame)), info);
  const MarkerPdu response = markerResponse(info);
  const Frame responseFrame = encodeMarker(kSource, response);
  EXPECT_EQ(at(responseFrame, 16), 2) << "Marker Response";
  EXPECT_EQ(std::get<MarkerPdu>(decode(responseFrame)), response);
  EXPECT_TRUE(response.response);
  EXPECT_EQ(response.transactionId, info.transactionId);
  EXPECT_EQ(response.requesterSystem, info.requesterSystem);
}

TEST(LacpMarkerPdu, RejectsBadTlvs) {
  Frame frame = encodeMarker(kSource, {});
  frame[17] = std::byte{20};
  EXPECT_EQ(std::get<DecodeError>(decode(frame)), DecodeError::kBadTlv);
  frame[17] = std::byte{16};
  frame[16] = std::byte{3};
  EXPECT_EQ(std::get<DecodeError>(decode(frame)), DecodeError::kBadTlv);
}

}  // namespace
}  // namespace redund::lacp
