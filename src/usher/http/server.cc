#include "usher/http/server.h"

#include <atomic>
#include <mutex>
#include <set>
#include <utility>  // before Asio: g++ 12 in C++20 mode needs std::exchange declared

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "usher/http/problem.h"
#include "usher/security/random.h"

namespace usher::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

Response Simple(ErrorKind kind, const std::string& code, const std::string& detail) {
  return Problem(Error{kind, code, detail, {}, {}});
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, Dispatch dispatch)
      : options_(std::move(options)),
        dispatch_(std::move(dispatch)),
        acceptor_(io_),
        workers_(static_cast<size_t>(std::max(1, options_.worker_threads))) {}

  class Session;

  Result<unsigned short> Listen() {
    beast::error_code ec;
    const auto address = asio::ip::make_address(options_.host, ec);
    if (ec) return Fail(ErrorKind::kUnavailable, "listen_failed", "Bad listen address.");
    const tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return Fail(ErrorKind::kUnavailable, "listen_failed",
                  "Cannot listen on " + options_.host + ":" + std::to_string(options_.port) + ": " +
                      ec.message());
    }
    return acceptor_.local_endpoint().port();
  }

  void Run() {
    Accept();
    io_.run();
    // Stopped: requests still in the workers post their replies; write those, then end.
    workers_.join();
    io_.restart();
    io_.run();
  }

  void Stop();
  void Accept();

  void Forget(const std::weak_ptr<Session>& s) {
    std::lock_guard<std::mutex> lock(mu_);
    sessions_.erase(s);
  }

  ServerOptions options_;
  Dispatch dispatch_;
  asio::io_context io_{1};
  tcp::acceptor acceptor_;
  asio::thread_pool workers_;
  std::atomic<bool> stopping_{false};
  std::atomic<size_t> active_{0};
  std::mutex mu_;
  std::set<std::weak_ptr<Session>, std::owner_less<std::weak_ptr<Session>>> sessions_;
};

class Server::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Impl* server, tcp::socket socket) : server_(server), stream_(std::move(socket)) {
    ++server_->active_;
  }
  ~Session() { --server_->active_; }

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  // Called on the I/O thread when stopping: an idle connection is closed now, a busy one
  // after its response.
  void CloseIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->Close();
    });
  }

 private:
  void Read() {
    if (server_->stopping_) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_->options_.max_header_bytes));
    // The header is read with the largest limit any path has; OnHeader then sets the
    // limit of the request's path (Beast checks Content-Length against it up front).
    parser_->body_limit(server_->options_.max_body_bytes_any_path);
    stream_.expires_after(server_->options_.read_timeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    size_t limit = server_->options_.max_body_bytes;
    if (server_->options_.body_limit_for) {
      const size_t special = server_->options_.body_limit_for(std::string(parser_->get().target()));
      if (special > 0) limit = special;
    }
    const auto length = parser_->content_length();
    if (length && *length > limit) {
      return Reply(Simple(ErrorKind::kBadRequest, "payload_too_large", "The body is too large."),
                   false);
    }
    parser_->body_limit(limit);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      return Reply(Simple(ErrorKind::kBadRequest, "payload_too_large", "The body is too large."),
                   false);
    }
    if (ec == bhttp::error::header_limit) {
      return Reply(
          Simple(ErrorKind::kBadRequest, "headers_too_large", "The request headers are too large."),
          false);
    }
    if (ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category() &&
        ec != bhttp::error::end_of_stream) {
      return Reply(Simple(ErrorKind::kBadRequest, "bad_request", "The request is not valid HTTP."),
                   false);
    }
    Close();  // end of stream, timeout, reset: nobody to answer
  }

  void OnRead(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    auto& msg = parser_->get();
    auto req = std::make_shared<Request>();
    req->method = std::string(msg.method_string());
    std::string target(msg.target());
    // The absolute form ("GET http://host/path") names the same resource (RFC 9112 3.2.2).
    if (target.starts_with("http://") || target.starts_with("https://")) {
      const size_t path = target.find('/', target.find("//") + 2);
      target = path == std::string::npos ? "/" : target.substr(path);
    }
    const size_t q = target.find('?');
    req->path = PercentDecode(std::string_view(target).substr(0, q), false);
    if (q != std::string::npos) req->query = ParseQuery(std::string_view(target).substr(q + 1));
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req->headers[name] = std::string(field.value());
    }
    req->body = std::move(msg.body());
    beast::error_code ignored;
    req->client_ip = ClientAddress(stream_.socket().remote_endpoint(ignored).address().to_string(),
                                   req->Header("x-forwarded-for"),
                                   server_->options_.trusted_proxies);
    const std::string& given = req->Header("x-request-id");
    req->request_id =
        !given.empty() && given.size() <= 64 &&
                given.find_first_not_of("0123456789abcdefABCDEF-_") == std::string::npos
            ? given
            : security::NewId().substr(0, 16);
    const bool keep_alive = msg.keep_alive();
    const bool head = msg.method() == bhttp::verb::head;
    busy_ = true;
    stream_.expires_never();
    asio::post(server_->workers_, [self = shared_from_this(), req, keep_alive, head] {
      Response res;
      try {
        res = self->server_->dispatch_(*req);
      } catch (...) {
        res = Simple(ErrorKind::kInternal, "internal", "Internal error.");
      }
      res.headers.emplace_back("X-Request-Id", req->request_id);
      asio::post(self->stream_.get_executor(), [self, res = std::move(res), keep_alive, head] {
        self->Reply(res, keep_alive, head);
      });
    });
  }

  void Reply(const Response& r, bool keep_alive, bool head = false) {
    busy_ = true;
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(r.status), 11);
    res->set(bhttp::field::server, "usher");
    if (!r.content_type.empty()) res->set(bhttp::field::content_type, r.content_type);
    for (const auto& [k, v] : r.headers) res->insert(k, v);
    const bool stay = keep_alive && !server_->stopping_;
    res->keep_alive(stay);
    res->body() = r.body;
    res->prepare_payload();
    if (head) res->body().clear();
    stream_.expires_after(server_->options_.read_timeout);
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res, stay](beast::error_code ec, size_t) {
                         self->busy_ = false;
                         if (ec || !stay) return self->Close();
                         self->Read();
                       });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
    server_->Forget(weak_from_this());
  }

  Impl* server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bool busy_ = false;
};

void Server::Impl::Stop() {
  asio::post(io_, [this] {
    stopping_ = true;
    beast::error_code ec;
    acceptor_.close(ec);
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& weak : sessions_) {
      if (auto s = weak.lock()) s->CloseIfIdle();
    }
  });
}

void Server::Impl::Accept() {
  acceptor_.async_accept(asio::make_strand(io_), [this](beast::error_code ec, tcp::socket s) {
    if (ec || stopping_) return;
    if (active_.load() >= options_.max_connections) {
      beast::error_code ignored;
      s.shutdown(tcp::socket::shutdown_both, ignored);
      s.close(ignored);
    } else {
      auto session = std::make_shared<Session>(this, std::move(s));
      {
        std::lock_guard<std::mutex> lock(mu_);
        sessions_.insert(session);
      }
      session->Start();
    }
    Accept();
  });
}

Server::Server(ServerOptions options, Dispatch dispatch)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(dispatch))) {}
Server::~Server() = default;
Result<unsigned short> Server::Listen() { return impl_->Listen(); }
void Server::Run() { impl_->Run(); }
void Server::Stop() { impl_->Stop(); }

}  // namespace usher::http
