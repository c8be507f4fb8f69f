// The HTTP/1.1 server (Boost.Beast): keep-alive, header and body limits, read timeouts,
// a cap on connections, graceful stop. Requests are handed to `dispatch` on a worker
// pool, never run on the I/O thread. The only translation unit that includes Beast.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "usher/base/result.h"
#include "usher/http/message.h"

namespace usher::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 = any free port
  size_t max_header_bytes = 16 * 1024;
  size_t max_body_bytes = 1 << 20;  // 1 MiB
  // A larger limit for some paths (e.g. CSV import); returns 0 to keep max_body_bytes.
  std::function<size_t(const std::string& target)> body_limit_for;
  size_t max_body_bytes_any_path = 1 << 20;  // the largest body_limit_for ever returns
  std::chrono::seconds read_timeout{30};
  size_t max_connections = 1024;
  // Reverse proxies whose X-Forwarded-For is believed (rate limits key on the client).
  std::vector<std::string> trusted_proxies;
  int worker_threads = 8;
};

class Server {
 public:
  // Called on a worker thread for every request that could be read; must not throw.
  using Dispatch = std::function<Response(Request&)>;
  Server(ServerOptions options, Dispatch dispatch);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; returns the port bound (useful with port 0).
  // kUnavailable "listen_failed" when the address cannot be bound.
  Result<unsigned short> Listen();
  // Serves until Stop(); returns when every connection has finished.
  void Run();
  // Thread-safe, also from a signal-handling thread: stops accepting, lets requests in
  // flight finish and be answered, closes idle connections.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace usher::http
