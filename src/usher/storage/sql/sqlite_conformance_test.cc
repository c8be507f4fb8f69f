// Runs the storage conformance suite against SQLite: each test gets a fresh database FILE
// in a fresh temporary folder.
#include "testing/repository_conformance.h"
#include "testing/sql_repositories.h"
#include "testing/temp_dir.h"

#include "usher/storage/sql/sql_storage.h"

namespace usher::testing {
namespace {

Repositories OpenFreshSqlite() {
  struct Owner {
    TempDir dir{"sqlite-conformance"};
    std::unique_ptr<storage::sql::SqlStorage> storage;  // closed before dir goes
  };
  auto owner = std::make_shared<Owner>();
  auto opened = storage::sql::SqlStorage::Open(owner->dir.File("data/usher.db"));
  if (!opened) {
    ADD_FAILURE() << "cannot open SQLite: " << opened.error().code << " " << opened.error().message;
    return {};
  }
  owner->storage = std::move(*opened);
  return RepositoriesOf(*owner->storage, owner);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, RepositoryConformance,
                         ::testing::Values(ConformanceBackend{"Sqlite", OpenFreshSqlite}),
                         ConformanceBackendName);

}  // namespace
}  // namespace usher::testing
