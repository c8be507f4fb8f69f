#include "usher/app/runtime.h"

#include "usher/app/resources.h"

#include <algorithm>

namespace usher::app {

Result<std::unique_ptr<Runtime>> Runtime::Build(const ServeArgs& args) {
  std::unique_ptr<Runtime> r(new Runtime());
  const std::string share = ShareDir(args.share_dir);
  for (int i = 0; i < std::max(1, args.delivery.connections); ++i) {
    auto delivery = MakeDelivery(args.delivery, share);
    if (!delivery) return Fail(delivery.error());
    r->lanes.push_back(std::make_unique<Lane>());
    r->lanes.back()->delivery = std::move(*delivery);
  }
  auto languages = LoadLanguages(share, r->lanes[0]->delivery.renderer->Languages());
  if (!languages) return Fail(languages.error());
  r->languages = std::move(*languages);
  auto pages = web::Pages::Load(share);
  if (!pages) return Fail(pages.error());
  r->pages = std::move(*pages);
  auto storage = OpenStorage(args.db);
  if (!storage) return Fail(storage.error());
  r->storage = std::move(*storage);
  if (args.test_clock) {
    r->test_clock =
        std::make_unique<SharedTestClock>(r->storage->clock_store(), r->system_clock.Now());
  }
  r->clock = r->test_clock ? static_cast<const Clock*>(r->test_clock.get()) : &r->system_clock;

  Storage& st = *r->storage;
  const Clock& clock = *r->clock;
  r->companies = std::make_unique<company::CompanyService>(clock, st.companies(), r->languages);
  r->directory = std::make_unique<directory::DirectoryService>(st.directory());
  r->invitations =
      std::make_unique<invitation::InvitationService>(invitation::InvitationService::Deps{
          clock, st.companies(), st.directory(), st.invitations(), r->languages});
  r->auth = std::make_unique<auth::AuthService>(
      auth::AuthService::Deps{clock, st.sessions(), st.companies(), st.directory()});
  r->onboarding =
      std::make_unique<onboarding::OnboardingService>(onboarding::OnboardingService::Deps{
          clock, st.companies(), st.directory(), st.invitations(), r->languages});
  r->importer = std::make_unique<importer::ImportService>(st.directory(), *r->invitations);
  std::string public_url = args.public_url.empty() ? "http://" + args.listen : args.public_url;
  while (public_url.ends_with('/')) public_url.pop_back();
  std::vector<outbox::Dispatcher*> dispatchers;
  for (auto& lane : r->lanes) {
    Lane* l = lane.get();
    l->dispatcher = std::make_unique<outbox::Dispatcher>(outbox::Dispatcher::Deps{
        clock, st.outbox(), st.invitations(), st.companies(), *l->delivery.renderer,
        *l->delivery.email, *l->delivery.sms, public_url,
        [l] { return std::uniform_real_distribution<double>(0.0, 1.0)(l->rng); }});
    dispatchers.push_back(l->dispatcher.get());
  }
  r->jobs = std::make_unique<Jobs>(clock, *r->invitations, st.sessions(), dispatchers);
  return r;
}

}  // namespace usher::app
