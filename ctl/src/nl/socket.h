// The one owner of a libmnl generic netlink socket.
#pragma once

#include <libmnl/libmnl.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "nl/message.h"
#include "nl/transaction.h"

namespace redund::nl {

class Socket {
 public:
  // A netlink socket of `protocol` (generic netlink unless said
  // otherwise) bound to an automatic port id, with extended ACKs
  // (NETLINK_EXT_ACK) and capped ACKs (NETLINK_CAP_ACK) where the kernel
  // supports them. Throws std::system_error.
  explicit Socket(int protocol = NETLINK_GENERIC);

  int fd() const { return mnl_socket_get_fd(sock_.get()); }
  uint32_t portId() const { return portId_; }

  // Sends `request` with a fresh sequence number, adding NLM_F_ACK unless it
  // is a dump, and returns the replies (see Transaction). A dump the kernel
  // marks interrupted is sent again (dumpConsistently). Throws KernelError,
  // ProtocolError, DumpInterrupted or std::system_error.
  std::vector<Message> request(Message request);

  void joinGroup(uint32_t group);
  // Blocks for one datagram and returns the messages in it. Throws
  // std::system_error; ENOBUFS means multicast messages were lost.
  std::vector<Message> receive();

 private:
  struct Closer {
    void operator()(mnl_socket* sock) const { mnl_socket_close(sock); }
  };

  // One round: sends `request` with the next sequence number and collects
  // the answer.
  Transaction exchange(Message& request);
  std::span<const std::byte> receiveDatagram();

  std::unique_ptr<mnl_socket, Closer> sock_;
  uint32_t portId_ = 0;
  uint32_t seq_ = 0;
  std::vector<std::byte> rxBuf_;
};

}  // namespace redund::nl
