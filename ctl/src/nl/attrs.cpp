#include "nl/attrs.h"

#include <cstring>

#include "error.h"
#include "nl/message.h"

namespace redund::nl {
namespace {

std::span<const std::byte> payloadOf(const nlattr* nest) {
  return {static_cast<const std::byte*>(mnl_attr_get_payload(nest)),
          mnl_attr_get_payload_len(nest)};
}

struct ParseState {
  Policy policy;
  std::vector<const nlattr*>* table;
  const std::byte* end;  // just past the last attribute seen
  uint16_t badType;
};

int onAttr(const nlattr* attr, void* data) {
  auto* state = static_cast<ParseState*>(data);
  state->end = reinterpret_cast<const std::byte*>(attr) + MNL_ALIGN(attr->nla_len);
  const uint16_t type = mnl_attr_get_type(attr);
  if (type >= state->policy.size()) {
    return MNL_CB_OK;
  }
  const mnl_attr_data_type expected = state->policy[type];
  if (expected != MNL_TYPE_UNSPEC && mnl_attr_validate(attr, expected) < 0) {
    state->badType = type;
    return MNL_CB_ERROR;
  }
  (*state->table)[type] = attr;
  return MNL_CB_OK;
}

}  // namespace

Attrs Attrs::parse(std::span<const std::byte> payload, Policy policy) {
  Attrs attrs(policy.size());
  ParseState state{policy, &attrs.table_, payload.data(), 0};
  if (mnl_attr_parse_payload(payload.data(), payload.size(), onAttr, &state) != MNL_CB_OK) {
    throw ProtocolError("invalid netlink attribute " + std::to_string(state.badType));
  }
  // mnl_attr_parse_payload() stops silently at a truncated attribute.
  if (state.end < payload.data() + payload.size()) {
    throw ProtocolError("truncated netlink attribute");
  }
  return attrs;
}

std::vector<const nlattr*> Attrs::listNested(const nlattr* nest) {
  struct ListState {
    std::vector<const nlattr*> attrs;
    const std::byte* end;
  };
  const auto payload = payloadOf(nest);
  ListState state{{}, payload.data()};
  mnl_attr_parse_payload(
      payload.data(), payload.size(),
      [](const nlattr* attr, void* data) {
        auto* list = static_cast<ListState*>(data);
        list->end = reinterpret_cast<const std::byte*>(attr) + MNL_ALIGN(attr->nla_len);
        list->attrs.push_back(attr);
        return static_cast<int>(MNL_CB_OK);
      },
      &state);
  if (state.end < payload.data() + payload.size()) {
    throw ProtocolError("truncated netlink attribute");
  }
  return std::move(state.attrs);
}

Attrs Attrs::parseGenl(const Message& msg, Policy policy) {
  return parse(msg.genlPayload(), policy);
}

Attrs Attrs::parseNested(const nlattr* nest, Policy policy) {
  return parse(payloadOf(nest), policy);
}

// Integer accessors re-check the length: the policy may be MNL_TYPE_UNSPEC.
std::optional<uint8_t> Attrs::u8(uint16_t type) const {
  const nlattr* attr = get(type);
  if (attr == nullptr || mnl_attr_validate(attr, MNL_TYPE_U8) < 0) {
    return std::nullopt;
  }
  return mnl_attr_get_u8(attr);
}

std::optional<uint16_t> Attrs::u16(uint16_t type) const {
  const nlattr* attr = get(type);
  if (attr == nullptr || mnl_attr_validate(attr, MNL_TYPE_U16) < 0) {
    return std::nullopt;
  }
  return mnl_attr_get_u16(attr);
}

std::optional<uint32_t> Attrs::u32(uint16_t type) const {
  const nlattr* attr = get(type);
  if (attr == nullptr || mnl_attr_validate(attr, MNL_TYPE_U32) < 0) {
    return std::nullopt;
  }
  return mnl_attr_get_u32(attr);
}

// mnl_attr_get_u64() copies: the payload may be only 4-byte aligned.
std::optional<uint64_t> Attrs::u64(uint16_t type) const {
  const nlattr* attr = get(type);
  if (attr == nullptr || mnl_attr_validate(attr, MNL_TYPE_U64) < 0) {
    return std::nullopt;
  }
  return mnl_attr_get_u64(attr);
}

std::optional<std::string> Attrs::str(uint16_t type) const {
  const nlattr* attr = get(type);
  if (attr == nullptr) {
    return std::nullopt;
  }
  const auto* text = static_cast<const char*>(mnl_attr_get_payload(attr));
  return std::string(text, strnlen(text, mnl_attr_get_payload_len(attr)));
}

const nlattr* Attrs::need(uint16_t type, std::string_view what) const {
  const nlattr* attr = get(type);
  if (attr == nullptr) {
    throw ProtocolError("missing attribute " + std::string(what));
  }
  return attr;
}

uint8_t Attrs::needU8(uint16_t type, std::string_view what) const {
  need(type, what);
  if (auto value = u8(type)) {
    return *value;
  }
  throw ProtocolError("invalid attribute " + std::string(what));
}

uint32_t Attrs::needU32(uint16_t type, std::string_view what) const {
  need(type, what);
  if (auto value = u32(type)) {
    return *value;
  }
  throw ProtocolError("invalid attribute " + std::string(what));
}

uint64_t Attrs::needU64(uint16_t type, std::string_view what) const {
  need(type, what);
  if (auto value = u64(type)) {
    return *value;
  }
  throw ProtocolError("invalid attribute " + std::string(what));
}

}  // namespace redund::nl
