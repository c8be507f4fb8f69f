// usher::ClockStore in the database: the shared time of test clocks. Internal.
#pragma once

#include "usher/base/clock.h"
#include "usher/storage/sql/database.h"

namespace usher::storage::sql {

class SqlClockStore final : public ClockStore {
 public:
  explicit SqlClockStore(Database& db) : db_(db) {}
  // A database failure leaves the time where it was (`initial` when never stored).
  Time Load(Time initial) override;
  Time MoveTo(Time t) override;

 private:
  Database& db_;
};

}  // namespace usher::storage::sql
