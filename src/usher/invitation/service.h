// Invitation use cases (SPEC R1-R8, R14, R16): invite, read, list, resend, edit, revoke,
// and the scheduled work of reminders and erasure. Takes the time from a Clock; all
// persistence goes through the repositories. Thread-safe when they are.
#pragma once

#include <string>

#include "usher/base/clock.h"
#include "usher/base/languages.h"
#include "usher/company/repository.h"
#include "usher/directory/repository.h"
#include "usher/invitation/repository.h"
#include "usher/invitation/rules.h"

namespace usher::invitation {

// Who acts: an admin of a company.
struct Actor {
  std::string company_id;
  std::string admin_id;
};

// The list filters of the API (R5) before they become a ListQuery.
struct ListRequest {
  std::optional<Marker> marker;
  std::optional<directory::Role> role;
  std::string store_id;
  std::string user_group_id;
  std::string q;
  SortOrder sort = SortOrder::kExpiresAt;
  int limit = 50;
  std::string cursor;
};

class InvitationService {
 public:
  struct Deps {
    const Clock& clock;
    company::CompanyRepository& companies;
    directory::DirectoryRepository& directory;
    InvitationRepository& invitations;
    const Languages& languages;
  };
  explicit InvitationService(Deps deps) : d_(deps) {}

  // R1-R4: validates the form and stores user, invitation, message and audit entry at once.
  // kInvalid "validation"; kConflict "already_invited" / "already_registered" (R3).
  Result<Invitation> Invite(const Actor& actor, const InviteForm& form);
  // R1: only the validation of Invite, storing nothing (to report every broken rule
  // together with errors found before the form could be built). kInvalid "validation".
  // The person as Invite would store it (normalised).
  Result<directory::User> Validate(const Actor& actor, const InviteForm& form);

  // Bulk (R17): each form checked as Validate does, with a few reads for all of them (an
  // external id already in use is found by InviteMany / ConflictsOf instead). Per form the
  // person or its kInvalid "validation" error.
  Result<std::vector<Result<directory::User>>> ValidateMany(const Actor& actor,
                                                            const std::vector<InviteForm>& forms);
  // Bulk (R17): invites people that ValidateMany accepted, in one transaction. Per person the
  // invitation or what Invite would refuse (R3 conflicts; external_id "taken").
  Result<std::vector<Result<Invitation>>> InviteMany(const Actor& actor,
                                                     const std::vector<directory::User>& people);
  // Bulk (R17): what InviteMany would refuse of each person now, storing nothing.
  Result<std::vector<Status>> ConflictsOf(const Actor& actor,
                                          const std::vector<directory::User>& people);
  // kNotFound when unknown, erased, revoked or another company's.
  Result<Invitation> Get(const Actor& actor, const std::string& id);
  // R5: pending invitations only. kInvalid "invalid_cursor" / "validation" (limit).
  Result<directory::Page<Invitation>> List(const Actor& actor, const ListRequest& request);
  // R6: queues a resend message. kRateLimited "resend_cooldown" with details
  // resend_available_at (RFC 3339) and retry_after (seconds); kNotFound when not pending.
  Result<Invitation> Resend(const Actor& actor, const std::string& id);
  // R14: corrects a pending invitation; a new e-mail or phone stops the old links and
  // queues a new invitation message. Errors as Invite; kNotFound when not pending.
  Result<Invitation> Edit(const Actor& actor, const std::string& id, const InvitationPatch& patch);
  // R14: revokes and erases a pending invitation. kNotFound when not pending.
  Status Revoke(const Actor& actor, const std::string& id);

  // R7: handles every reminder due now, in batches of `batch`; returns how many reminder
  // messages were queued. Safe to run in several processes at once.
  Result<int> SendDueReminders(int batch = 500);
  // R8: erases every invitation expired by now, in batches; returns how many.
  Result<int> EraseExpired(int batch = 500);

 private:
  // The company and the validated person of an invite form.
  struct Checked {
    company::Company company;
    directory::User user;
  };
  Result<Checked> Check(const Actor& actor, const InviteForm& form);
  Result<FormContext> ContextFor(const company::Company& company, const InviteForm& form,
                                 const std::string& except_user_id);
  NewMessage MessageFor(const Invitation& inv, MessageKind kind, Time now) const;
  // The invitation of a validated person, with its message and audit entry, made `now`.
  NewInvitation Prepare(const Actor& actor, const company::Company& company, directory::User person,
                        Time now) const;
  AuditEntry Audit(const Actor& actor, const std::string& action, const std::string& id,
                   Time now) const;

  Deps d_;
};

}  // namespace usher::invitation
