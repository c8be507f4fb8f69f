#include <utility>  // before Asio: g++ 12 in C++20 mode needs std::exchange declared

#include "usher/sms/kannel_channel.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "usher/outbox/sms.h"

namespace usher::sms {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

constexpr auto kTimeout = std::chrono::seconds(10);

}  // namespace

std::string UrlEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Result<std::unique_ptr<KannelChannel>> KannelChannel::Create(const std::string& url) {
  constexpr std::string_view kScheme = "http://";
  const auto invalid = [] { return Fail(ValidationError({{"sms_url", "invalid"}})); };
  if (!url.starts_with(kScheme)) return invalid();
  const std::string rest = url.substr(kScheme.size());
  const size_t slash = rest.find('/');
  if (slash == std::string::npos || slash == 0) return invalid();
  const std::string authority = rest.substr(0, slash);
  const size_t colon = authority.rfind(':');
  const std::string host = colon == std::string::npos ? authority : authority.substr(0, colon);
  const std::string port = colon == std::string::npos ? "80" : authority.substr(colon + 1);
  if (host.empty() || port.empty() || port.find_first_not_of("0123456789") != std::string::npos) {
    return invalid();
  }
  std::string target = rest.substr(slash);
  target += target.find('?') == std::string::npos ? "?" : "&";
  return std::unique_ptr<KannelChannel>(new KannelChannel(host, port, target));
}

outbox::DeliveryResult KannelChannel::Send(const outbox::Envelope& e) {
  const bool gsm = outbox::IsGsm7(e.text);
  const std::string target = target_ + "to=" + UrlEncode(e.to) + "&text=" + UrlEncode(e.text) +
                             "&charset=UTF-8&coding=" + (gsm ? "0" : "2");
  try {
    asio::io_context io;
    asio::ip::tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    stream.expires_after(kTimeout);
    stream.connect(resolver.resolve(host_, port_));
    bhttp::request<bhttp::empty_body> req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::host, host_);
    req.set(bhttp::field::user_agent, "usher");
    bhttp::write(stream, req);
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(stream, buffer, res);
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    const int status = static_cast<int>(res.result_int());
    const std::string answer = std::to_string(status) + " " + res.body().substr(0, 200);
    if (status >= 200 && status < 300) return {outbox::Outcome::kSent, ""};
    if (status >= 400 && status < 500) return {outbox::Outcome::kFailed, answer};
    return {outbox::Outcome::kRetry, answer};
  } catch (const std::exception& ex) {
    return {outbox::Outcome::kRetry, ex.what()};
  }
}

}  // namespace usher::sms
