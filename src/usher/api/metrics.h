// Request counters and latency histograms for /metrics (Prometheus text format 0.0.4).
// Labels are route patterns, never paths, so no id or personal data reaches them.
// Thread-safe.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace usher::api {

class Metrics {
 public:
  void Observe(const std::string& method, const std::string& route, int status, double seconds);
  // The whole exposition: the request metrics plus the given gauges
  // (usher_invitations{status}, usher_outbox_messages{status}).
  std::string Render(const std::map<std::string, long long>& invitations,
                     const std::map<std::string, long long>& outbox) const;

 private:
  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5};
  struct Histogram {
    std::array<long long, kBuckets.size()> counts{};
    long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, long long> requests_;
  std::map<std::string, Histogram> latency_;  // by route
};

}  // namespace usher::api
