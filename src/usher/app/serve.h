// `usher serve` and `usher worker`: the composition root of the running service.
#pragma once

#include <string>

#include "usher/base/result.h"

namespace usher::app {

struct ServeArgs {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string public_url;          // default http://LISTEN
  bool test_clock = false;         // API.md "Test clock"
  bool no_worker = false;          // HTTP only; background work runs elsewhere
  int job_interval_seconds = 5;    // how often the background work looks for due work
};

// Serves HTTP (and, unless no_worker, runs the background work) until SIGINT or SIGTERM;
// then stops accepting, finishes requests in flight and returns Ok.
Status RunServe(const ServeArgs& args);
// Runs only the background work until SIGINT or SIGTERM.
Status RunWorker(const std::string& db, int job_interval_seconds);

}  // namespace usher::app
