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

// A clock that moves only when told; for tests and `usher serve --test-clock`.
class TestClock final : public Clock {
 public:
  explicit TestClock(Time start) : now_(ToUnix(start)) {}
  Time Now() const override { return FromUnix(now_.load()); }
  // Moves the clock to `t`; returns false (and does nothing) when `t` is in the past.
  bool Set(Time t);
  void Advance(Seconds s) { now_ += s.count(); }

 private:
  std::atomic<long long> now_;
};

}  // namespace usher
