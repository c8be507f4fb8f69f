// Runs the storage conformance suite against PostgreSQL: each test gets a fresh database
// in the cluster named by $USHER_PG_ADMIN (see tests/support/with_postgres.sh).
#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "testing/repository_conformance.h"
#include "testing/sql_repositories.h"
#include "usher/storage/sql/sql_storage.h"

namespace usher::testing {
namespace {

std::string Admin() {
  const char* conn = std::getenv("USHER_PG_ADMIN");
  return conn ? conn : "";
}

Repositories OpenFreshPostgres() {
  static std::atomic<int> counter{0};
  const std::string name =
      "usher_c" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  try {
    soci::session admin(soci::postgresql, Admin());
    admin << "CREATE DATABASE " + name;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "cannot create a database (is USHER_PG_ADMIN set?): " << e.what();
    return {};
  }
  struct Owner {
    std::string name;
    std::unique_ptr<storage::sql::SqlStorage> storage;
    ~Owner() {
      storage.reset();  // disconnect before the drop
      try {
        soci::session admin(soci::postgresql, Admin());
        admin << "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)";
      } catch (...) {
      }
    }
  };
  auto owner = std::make_shared<Owner>();
  owner->name = name;
  std::string conn = Admin();
  conn.replace(conn.find("dbname=postgres"), 15, "dbname=" + name);
  auto opened = storage::sql::SqlStorage::Open(conn);
  if (!opened) {
    ADD_FAILURE() << "cannot open PostgreSQL: " << opened.error().code << " "
                  << opened.error().message;
    return {};
  }
  owner->storage = std::move(*opened);
  return RepositoriesOf(*owner->storage, owner);
}

INSTANTIATE_TEST_SUITE_P(Postgres, RepositoryConformance,
                         ::testing::Values(ConformanceBackend{"Postgres", OpenFreshPostgres}),
                         ConformanceBackendName);

}  // namespace
}  // namespace usher::testing
