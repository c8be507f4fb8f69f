// Registration through an invitation link (SPEC R10) and the app's first login (R13).
// Thread-safe when the repositories are.
#pragma once

#include <string>

#include "usher/base/clock.h"
#include "usher/base/languages.h"
#include "usher/company/repository.h"
#include "usher/directory/repository.h"
#include "usher/invitation/repository.h"
#include "usher/invitation/rules.h"

namespace usher::onboarding {

// What the registration page shows (R10): the invitee and the company.
struct RegistrationView {
  std::string invitation_id;
  directory::User user;
  std::string company_name;
  std::string company_timezone;
  Time expires_at;
};

class OnboardingService {
 public:
  struct Deps {
    const Clock& clock;
    company::CompanyRepository& companies;
    directory::DirectoryRepository& directory;
    invitation::InvitationRepository& invitations;
    const Languages& languages;
  };
  explicit OnboardingService(Deps deps) : d_(deps) {}

  // R10: looks a link up without using it. kNotFound "invalid_link" for an unknown, used,
  // revoked, erased or expired token.
  Result<RegistrationView> Lookup(const std::string& token);
  // R10: sets the password and app language; the user becomes active, the invitation
  // accepted, every link of it dead. kInvalid "validation" (password rules, language);
  // kNotFound "invalid_link" as Lookup.
  Result<std::string> Register(const std::string& token, const std::string& password,
                               const std::string& language);

  // R13: the user's onboarding state after login.
  invitation::Onboarding StateOf(const directory::User& user) const;
  // R13: the language chosen in the app; the user as it is now. kInvalid
  // "validation" (unsupported_language).
  Result<directory::User> ChooseLanguage(const directory::User& user, const std::string& language);

 private:
  Deps d_;
};

}  // namespace usher::onboarding
