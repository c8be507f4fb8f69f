// `usher serve` and `usher worker`: the composition root of the running service.
#pragma once

#include <string>
#include <vector>

#include "usher/app/delivery.h"
#include "usher/base/result.h"

namespace usher::app {

struct ServeArgs {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string public_url;  // default http://LISTEN
  std::string share_dir;   // templates/ and locales/ (see resources.h)
  DeliveryArgs delivery;
  bool test_clock = false;                   // API.md "Test clock"
  bool no_worker = false;                    // HTTP only; background work runs elsewhere
  std::vector<std::string> trusted_proxies;  // whose X-Forwarded-For is believed
  int job_interval_seconds = 5;              // how often reminders and erasure look for due work
};

// Serves HTTP (and, unless no_worker, runs the background work) until SIGINT or SIGTERM;
// then stops accepting, finishes requests in flight and returns Ok.
Status RunServe(const ServeArgs& args);
// Runs only the background work until SIGINT or SIGTERM (listen and test_clock unused).
Status RunWorker(const ServeArgs& args);

}  // namespace usher::app
