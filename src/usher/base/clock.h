// The source of "now". Services take a Clock&; pure rules take `now` as an argument.
// Only the composition root (app/) creates a SystemClock.
#pragma once

#include <atomic>

#include "usher/base/time.h"

namespace usher {

// Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Time Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Time Now() const override;
};

// A clock that moves only when told, and only forward.
class SettableClock : public Clock {
 public:
  // Moves the clock to `t`; returns false (and does nothing) when `t` is in the past.
  virtual bool Set(Time t) = 0;
  virtual void Advance(Seconds s) = 0;
};

// A settable clock in memory; for unit tests.
class TestClock final : public SettableClock {
 public:
  explicit TestClock(Time start) : now_(ToUnix(start)) {}
  Time Now() const override { return FromUnix(now_.load()); }
  bool Set(Time t) override;
  void Advance(Seconds s) override { now_ += s.count(); }

 private:
  std::atomic<long long> now_;
};

// Where a test clock keeps its time when several processes must share it (the database).
// Thread-safe.
class ClockStore {
 public:
  virtual ~ClockStore() = default;
  // The stored time; stores `initial` first when there is none yet.
  virtual Time Load(Time initial) = 0;
  // Moves the stored time to `t` unless that is in the past; returns the time now stored.
  virtual Time MoveTo(Time t) = 0;
};

// A test clock whose time lives in a ClockStore, so that every process of a test sees the
// same "now" (leases, reminders and expiry agree across processes). Test use only: every
// Now() asks the store.
class SharedTestClock final : public SettableClock {
 public:
  SharedTestClock(ClockStore& store, Time start) : store_(store), start_(start) {}
  Time Now() const override { return store_.Load(start_); }
  bool Set(Time t) override { return store_.MoveTo(t) == t; }
  void Advance(Seconds s) override { store_.MoveTo(Now() + s); }

 private:
  ClockStore& store_;
  Time start_;
};

}  // namespace usher
