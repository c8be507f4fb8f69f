// Opens the database named by a --db URL and hands out the repositories.
#pragma once

#include <memory>
#include <string>

#include "usher/auth/repository.h"
#include "usher/base/clock.h"
#include "usher/base/result.h"
#include "usher/company/repository.h"
#include "usher/directory/repository.h"
#include "usher/invitation/repository.h"
#include "usher/outbox/repository.h"

namespace usher::app {

// The repositories of one database. Thread-safe; owns its connections.
class Storage {
 public:
  virtual ~Storage() = default;
  virtual company::CompanyRepository& companies() = 0;
  virtual directory::DirectoryRepository& directory() = 0;
  virtual invitation::InvitationRepository& invitations() = 0;
  virtual auth::SessionRepository& sessions() = 0;
  virtual outbox::OutboxRepository& outbox() = 0;
  // Where --test-clock keeps the time all processes of a test share.
  virtual ClockStore& clock_store() = 0;
  // kUnavailable when the database does not answer.
  virtual Status Ping() = 0;
};

// Opens and migrates the database of `url`: "sqlite:PATH" (the folder is created).
// kInvalid "invalid_db_url" for any other form; kUnavailable when it cannot be opened.
Result<std::unique_ptr<Storage>> OpenStorage(const std::string& url);

}  // namespace usher::app
