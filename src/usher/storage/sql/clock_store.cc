#include "usher/storage/sql/clock_store.h"

namespace usher::storage::sql {

Time SqlClockStore::Load(Time initial) {
  auto now = db_.Write([&](soci::session& sql) -> Result<long long> {
    const long long start = ToUnix(initial);
    sql << "INSERT INTO test_clock (id, now) VALUES (1, :start) ON CONFLICT (id) DO NOTHING",
        soci::use(start, "start");
    long long now = start;
    sql << "SELECT now FROM test_clock WHERE id = 1", soci::into(now);
    return now;
  });
  return now ? FromUnix(*now) : initial;
}

Time SqlClockStore::MoveTo(Time t) {
  auto now = db_.Write([&](soci::session& sql) -> Result<long long> {
    const long long target = ToUnix(t);
    sql << "UPDATE test_clock SET now = :t WHERE id = 1 AND now <= :t", soci::use(target, "t");
    long long now = target;
    sql << "SELECT now FROM test_clock WHERE id = 1", soci::into(now);
    return now;
  });
  return now ? FromUnix(*now) : t;
}

}  // namespace usher::storage::sql
