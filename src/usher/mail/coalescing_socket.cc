#include "usher/mail/coalescing_socket.h"

#include <vmime/vmime.hpp>

namespace usher::mail {
namespace {

using vmime::byte_t;
using vmime::string;

class CoalescingSocket final : public vmime::net::socket {
 public:
  explicit CoalescingSocket(vmime::shared_ptr<vmime::net::socket> inner)
      : inner_(std::move(inner)) {}

  void connect(const string& address, const vmime::port_t port) override {
    pending_.clear();
    inner_->connect(address, port);
  }
  void disconnect() override {
    try {
      Flush();
    } catch (...) {
    }
    inner_->disconnect();
  }
  bool isConnected() const override { return inner_->isConnected(); }
  bool waitForRead(const int msecs) override {
    Flush();
    return inner_->waitForRead(msecs);
  }
  bool waitForWrite(const int msecs) override { return inner_->waitForWrite(msecs); }
  void receive(string& buffer) override {
    Flush();
    inner_->receive(buffer);
  }
  size_t receiveRaw(byte_t* buffer, const size_t count) override {
    Flush();
    return inner_->receiveRaw(buffer, count);
  }
  void send(const string& buffer) override { pending_ += buffer; }
  void send(const char* str) override { pending_ += str; }
  void sendRaw(const byte_t* buffer, const size_t count) override {
    pending_.append(reinterpret_cast<const char*>(buffer), count);
  }
  size_t sendRawNonBlocking(const byte_t* buffer, const size_t count) override {
    Flush();
    return inner_->sendRawNonBlocking(buffer, count);
  }
  size_t getBlockSize() const override { return inner_->getBlockSize(); }
  unsigned int getStatus() const override { return inner_->getStatus(); }
  const string getPeerName() const override { return inner_->getPeerName(); }
  const string getPeerAddress() const override { return inner_->getPeerAddress(); }
  vmime::shared_ptr<vmime::net::timeoutHandler> getTimeoutHandler() override {
    return inner_->getTimeoutHandler();
  }
  void setTracer(vmime::shared_ptr<vmime::net::tracer> tracer) override {
    inner_->setTracer(tracer);
  }
  vmime::shared_ptr<vmime::net::tracer> getTracer() override { return inner_->getTracer(); }

 private:
  void Flush() {
    if (pending_.empty()) return;
    string out;
    out.swap(pending_);
    inner_->sendRaw(reinterpret_cast<const byte_t*>(out.data()), out.size());
  }

  vmime::shared_ptr<vmime::net::socket> inner_;
  string pending_;
};

}  // namespace

vmime::shared_ptr<vmime::net::socket> CoalescingSocketFactory::create() {
  return vmime::make_shared<CoalescingSocket>(inner_->create());
}

vmime::shared_ptr<vmime::net::socket> CoalescingSocketFactory::create(
    vmime::shared_ptr<vmime::net::timeoutHandler> th) {
  return vmime::make_shared<CoalescingSocket>(inner_->create(th));
}

}  // namespace usher::mail
