#include "usher/onboarding/service.h"

#include "usher/onboarding/rules.h"
#include "usher/security/password.h"
#include "usher/security/token.h"

namespace usher::onboarding {
namespace {

tl::unexpected<Error> InvalidLink() {
  return Fail(ErrorKind::kNotFound, "invalid_link",
              "This link does not work (any more). Ask your administrator for a new invitation.");
}

}  // namespace

Result<RegistrationView> OnboardingService::Lookup(const std::string& token) {
  if (!security::IsWellFormedToken(token)) return InvalidLink();
  auto inv = d_.invitations.FindByTokenHash(security::HashToken(token));
  if (!inv) return inv.error().kind == ErrorKind::kNotFound ? InvalidLink() : Fail(inv.error());
  if (invitation::IsExpired(*inv, d_.clock.Now())) return InvalidLink();  // not yet erased
  auto company = d_.companies.Get(inv->company_id);
  if (!company) return Fail(company.error());
  return RegistrationView{inv->id, inv->user, company->name, company->settings.timezone,
                          inv->expires_at};
}

Result<std::string> OnboardingService::Register(const std::string& token,
                                                const std::string& password,
                                                const std::string& language) {
  auto view = Lookup(token);
  if (!view) return Fail(view.error());
  std::vector<FieldError> errors = CheckPassword(password, view->user);
  if (!d_.languages.Supports(language)) errors.push_back({"language", "unsupported_language"});
  if (!errors.empty()) return Fail(ValidationError(std::move(errors)));
  auto hash = security::HashPassword(password);
  if (!hash) return Fail(ErrorKind::kInternal, "password_hash_failed", "Could not hash password.");
  const Time now = d_.clock.Now();
  const invitation::AuditEntry audit{now,           view->user.company_id, "user",
                                     view->user.id, "invitation.accepted", view->invitation_id};
  auto accepted = d_.invitations.Accept(view->invitation_id, *hash, language, now, audit);
  if (!accepted) {
    return accepted.error().kind == ErrorKind::kNotFound ? InvalidLink() : Fail(accepted.error());
  }
  return view->user.id;
}

invitation::Onboarding OnboardingService::StateOf(const directory::User& user) const {
  return invitation::OnboardingOf(user);
}

Result<directory::User> OnboardingService::ChooseLanguage(const directory::User& user,
                                                          const std::string& language) {
  if (!d_.languages.Supports(language)) {
    return Fail(ValidationError({{"language", "unsupported_language"}}));
  }
  auto current = d_.directory.GetUser(user.company_id, user.id);
  if (!current) return Fail(current.error());
  current->language = language;
  current->language_confirmed = true;
  USHER_RETURN_IF_ERROR(d_.directory.UpdateUserProfile(*current));
  return d_.directory.GetUser(user.company_id, user.id);
}

}  // namespace usher::onboarding
