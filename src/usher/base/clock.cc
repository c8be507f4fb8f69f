#include "usher/base/clock.h"

namespace usher {

Time SystemClock::Now() const {
  return std::chrono::floor<Seconds>(std::chrono::system_clock::now());
}

bool TestClock::Set(Time t) {
  long long current = now_.load();
  const long long target = ToUnix(t);
  while (target >= current) {
    if (now_.compare_exchange_weak(current, target)) return true;
  }
  return false;
}

}  // namespace usher
