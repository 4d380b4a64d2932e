// The *_NTF messages of the "events" multicast group.
#pragma once

#include <chrono>
#include <optional>

#include "model.h"
#include "nl/message.h"

namespace redund::nl {

// std::nullopt for a command this controller does not know (newer kernel);
// ProtocolError for a known one that breaks the contract. `time` is when
// the message was received.
std::optional<Event> parseEvent(const Message& msg, std::chrono::system_clock::time_point time);

}  // namespace redund::nl
