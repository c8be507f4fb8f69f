#include "usher/api/metrics.h"

#include <fmt/format.h>

#include "usher/security/password.h"

namespace usher::api {

void Metrics::Observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{method, route, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.counts[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render(const std::map<std::string, long long>& invitations,
                            const std::map<std::string, long long>& outbox) const {
  std::string out;
  out += "# HELP usher_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE usher_http_requests_total counter\n";
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out += fmt::format("usher_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       method, route, status, n);
  }
  out += "# HELP usher_http_request_duration_seconds Time to answer a request, by route.\n";
  out += "# TYPE usher_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out +=
          fmt::format("usher_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                      route, kBuckets[i], h.counts[i]);
    }
    out +=
        fmt::format("usher_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                    route, h.count);
    out +=
        fmt::format("usher_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route, h.sum);
    out += fmt::format("usher_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route,
                       h.count);
  }
  out +=
      "# HELP usher_password_checks_total Argon2id password verifications (failed logins too).\n";
  out += "# TYPE usher_password_checks_total counter\n";
  out += fmt::format("usher_password_checks_total {}\n", security::PasswordChecks());
  out += "# HELP usher_invitations Invitations stored, by status.\n";
  out += "# TYPE usher_invitations gauge\n";
  for (const auto& [status, n] : invitations) {
    out += fmt::format("usher_invitations{{status=\"{}\"}} {}\n", status, n);
  }
  out += "# HELP usher_outbox_messages Outbox messages, by status (queued + sending = depth).\n";
  out += "# TYPE usher_outbox_messages gauge\n";
  for (const auto& [status, n] : outbox) {
    out += fmt::format("usher_outbox_messages{{status=\"{}\"}} {}\n", status, n);
  }
  return out;
}

}  // namespace usher::api
