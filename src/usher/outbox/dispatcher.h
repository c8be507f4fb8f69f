// Delivers due outbox messages (SPEC R10, R11): claims them, mints a registration token
// per message (only its hash is stored), renders the text, hands it to the channel and
// records the outcome with retry and backoff. Safe to run in several processes at once.
#pragma once

#include <functional>
#include <string>

#include "usher/base/clock.h"
#include "usher/company/repository.h"
#include "usher/invitation/repository.h"
#include "usher/outbox/channel.h"
#include "usher/outbox/renderer.h"
#include "usher/outbox/repository.h"

namespace usher::outbox {

class Dispatcher {
 public:
  struct Deps {
    const Clock& clock;
    OutboxRepository& outbox;
    invitation::InvitationRepository& invitations;
    company::CompanyRepository& companies;
    const Renderer& renderer;
    Channel& email;
    Channel& sms;
    std::string public_url;          // links are public_url + "/register/" + token
    std::function<double()> jitter;  // uniform in [0, 1)
  };
  explicit Dispatcher(Deps deps) : d_(std::move(deps)) {}

  struct Pass {
    int sent = 0;
    int retried = 0;
    int failed = 0;
  };
  static constexpr int kBatch = 20;
  // Delivers messages due now until none is left (or, between batches, `stop` says so),
  // `batch` claimed at a time (small, so that a batch is handed over well within its lease).
  Result<Pass> DeliverDue(int batch = kBatch, const std::function<bool()>& stop = {});

 private:
  Outcome DeliverOne(const Claimed& m, Time now);
  Status Record(const Claimed& m, const DeliveryResult& result, const std::string& token_hash,
                Time now);

  Deps d_;
};

}  // namespace usher::outbox
