// A vmime socket that gathers what vmime writes and sends it in one go just before it
// reads the server's reply. vmime writes an SMTP message in several small pieces; sent
// one by one they meet Nagle's algorithm and the server's delayed ACK, which costs about
// 40 ms per message on loopback. Wraps the platform's socket; not thread-safe (as vmime's).
#pragma once

#include <vmime/net/socket.hpp>

namespace usher::mail {

class CoalescingSocketFactory final : public vmime::net::socketFactory {
 public:
  explicit CoalescingSocketFactory(vmime::shared_ptr<vmime::net::socketFactory> inner)
      : inner_(std::move(inner)) {}
  vmime::shared_ptr<vmime::net::socket> create() override;
  vmime::shared_ptr<vmime::net::socket> create(
      vmime::shared_ptr<vmime::net::timeoutHandler> th) override;

 private:
  vmime::shared_ptr<vmime::net::socketFactory> inner_;
};

}  // namespace usher::mail
