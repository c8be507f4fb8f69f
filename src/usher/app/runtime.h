// Everything a running usher process is made of, wired once: storage, clock, languages,
// services, delivery and the background jobs. Used by `serve` and `worker`.
#pragma once

#include <memory>
#include <random>
#include <vector>

#include "usher/app/jobs.h"
#include "usher/app/serve.h"
#include "usher/app/storage.h"
#include "usher/auth/service.h"
#include "usher/company/service.h"
#include "usher/directory/service.h"
#include "usher/importer/import.h"
#include "usher/onboarding/service.h"
#include "usher/web/pages.h"

namespace usher::app {

class Runtime {
 public:
  static Result<std::unique_ptr<Runtime>> Build(const ServeArgs& args);

  std::unique_ptr<Storage> storage;
  SystemClock system_clock;
  std::unique_ptr<SettableClock> test_clock;  // with --test-clock: shared via the database
  const Clock* clock = nullptr;
  Languages languages{{}};
  // One lane per outbox connection (DeliveryArgs::connections): its own channels and
  // dispatcher, delivering alongside the others.
  struct Lane {
    Delivery delivery;
    std::unique_ptr<outbox::Dispatcher> dispatcher;
    std::mt19937_64 rng{std::random_device{}()};
  };
  std::vector<std::unique_ptr<Lane>> lanes;
  std::unique_ptr<web::Pages> pages;
  std::unique_ptr<company::CompanyService> companies;
  std::unique_ptr<directory::DirectoryService> directory;
  std::unique_ptr<invitation::InvitationService> invitations;
  std::unique_ptr<auth::AuthService> auth;
  std::unique_ptr<onboarding::OnboardingService> onboarding;
  std::unique_ptr<importer::ImportService> importer;
  std::unique_ptr<Jobs> jobs;

 private:
  Runtime() = default;
};

}  // namespace usher::app
