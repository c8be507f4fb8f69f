// The repositories of an SqlStorage as the conformance suite's bundle (tests only).
#pragma once

#include <memory>

#include "testing/repository_conformance.h"
#include "usher/storage/sql/sql_storage.h"

namespace usher::testing {

// `storage` must live as long as `owner`, which also keeps what else the backend needs.
inline Repositories RepositoriesOf(storage::sql::SqlStorage& storage,
                                   std::shared_ptr<void> owner) {
  Repositories r;
  r.companies = &storage.companies();
  r.directory = &storage.directory();
  r.invitations = &storage.invitations();
  r.sessions = &storage.sessions();
  r.outbox = &storage.outbox();
  r.owner = std::move(owner);
  return r;
}

}  // namespace usher::testing
