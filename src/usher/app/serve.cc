#include "usher/app/serve.h"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include "usher/api/api.h"
#include "usher/api/metrics.h"
#include "usher/app/runtime.h"
#include "usher/http/problem.h"
#include "usher/http/server.h"
#include "usher/web/web.h"

namespace usher::app {
namespace {

// Blocks SIGINT and SIGTERM in every thread started after this call; WaitForSignal()
// then receives them synchronously.
sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

Result<std::pair<std::string, unsigned short>> ParseListen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  const std::string port = colon == std::string::npos ? "" : listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535 ||
      colon == 0) {
    return Fail(ValidationError({{"listen", "invalid"}}));
  }
  return std::make_pair(listen.substr(0, colon), static_cast<unsigned short>(std::stoi(port)));
}

// Wraps the router: 404/405 problems, one log line and the metrics of every request.
http::Server::Dispatch MakeDispatch(const http::Router& router, api::Metrics& metrics) {
  return [&router, &metrics](http::Request& req) {
    const auto start = std::chrono::steady_clock::now();
    auto match = router.Find(req);
    http::Response res;
    if (match.handler != nullptr) {
      res = (*match.handler)(req);
    } else if (!match.allowed.empty()) {
      res = http::Problem(Error{ErrorKind::kBadRequest,
                                "method_not_allowed",
                                "This method is not allowed here.",
                                {},
                                {}});
      std::string allow;
      for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      res.headers.emplace_back("Allow", allow);
    } else {
      res = http::Problem(Error{ErrorKind::kNotFound, "not_found", "No such resource.", {}, {}});
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    metrics.Observe(req.method, match.route, res.status, seconds);
    // One line per request: never the path (it may hold a registration token) or a body.
    spdlog::info("msg=request method={} route={} status={} duration_ms={:.2f} request_id={}",
                 req.method.size() <= 16 ? req.method : "other", match.route, res.status,
                 seconds * 1000, req.request_id);
    return res;
  };
}

}  // namespace

Status RunServe(const ServeArgs& args) {
  const sigset_t signals = BlockStopSignals();
  auto listen = ParseListen(args.listen);
  if (!listen) return Fail(listen.error());
  auto runtime = Runtime::Build(args);
  if (!runtime) return Fail(runtime.error());
  Runtime& rt = **runtime;
  Storage& st = *rt.storage;

  api::Metrics metrics;
  api::Ops ops;
  ops.ping = [&st] { return st.Ping(); };
  ops.invitation_counts = [&st] { return st.invitations().CountByStatus(); };
  ops.outbox_counts = [&st] { return st.invitations().CountOutboxByStatus(); };
  ops.test_clock = rt.test_clock.get();
  ops.run_due_jobs = [&rt] { return rt.jobs->RunDue(); };
  api::Services services{*rt.clock, rt.languages,   *rt.companies, *rt.directory, *rt.invitations,
                         *rt.auth,  *rt.onboarding, *rt.importer,  ops,           metrics};
  http::Router router;
  api::AddRoutes(router, services);
  web::WebOptions web_options;
  web_options.public_url = args.public_url.empty() ? "http://" + args.listen : args.public_url;
  if (args.delivery.smtp.empty()) web_options.maildir = args.delivery.maildir;
  web::AddWebPages(router, services, *rt.pages, web_options);

  http::ServerOptions options;
  options.host = listen->first;
  options.port = listen->second;
  options.body_limit_for = [](const std::string& target) -> size_t {
    const bool csv = target.starts_with("/api/v1/invitations/import") || target == "/cms/import" ||
                     target.starts_with("/cms/import?");
    return csv ? 64u << 20 : 0;  // R17 files
  };
  options.max_body_bytes_any_path = 64u << 20;
  options.trusted_proxies = args.trusted_proxies;
  http::Server server(options, MakeDispatch(router, metrics));
  auto port = server.Listen();
  if (!port) return Fail(port.error());

  std::atomic<bool> signalled{false};
  std::thread waiter([&server, &signalled, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    signalled = true;
    spdlog::info("msg=stopping signal={}", sig);
    server.Stop();
  });
  if (!args.no_worker) rt.jobs->Start(Seconds{args.job_interval_seconds});
  spdlog::info("msg=listening url=http://{}:{} test_clock={} worker={}", options.host, *port,
               args.test_clock, !args.no_worker);
  std::cout << "usher listening on http://" << options.host << ":" << *port << std::endl;
  server.Run();
  rt.jobs->Stop();
  if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);  // Run ended otherwise
  waiter.join();
  spdlog::info("msg=stopped");
  return Ok();
}

Status RunWorker(const ServeArgs& args) {
  const sigset_t signals = BlockStopSignals();
  auto runtime = Runtime::Build(args);
  if (!runtime) return Fail(runtime.error());
  (*runtime)->jobs->Start(Seconds{args.job_interval_seconds});
  spdlog::info("msg=worker_started");
  int sig = 0;
  sigwait(&signals, &sig);
  (*runtime)->jobs->Stop();
  spdlog::info("msg=worker_stopped signal={}", sig);
  return Ok();
}

}  // namespace usher::app
