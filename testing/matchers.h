// Test matchers for usher's Result/Error values (tests only).
#pragma once

#include <gmock/gmock.h>

#include <ostream>
#include <vector>

#include "usher/base/result.h"

namespace usher {
inline void PrintTo(const FieldError& e, std::ostream* os) { *os << e.field << ":" << e.code; }
}  // namespace usher

namespace usher::testing {

// Matches a std::vector<FieldError> holding exactly these errors, in any order.
inline auto HasFieldErrors(std::vector<FieldError> expected) {
  return ::testing::UnorderedElementsAreArray(expected);
}

// Matches a Result/Status that failed with this error code.
MATCHER_P(FailsWith, code, "fails with code " + ::testing::PrintToString(code)) {
  if (arg) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << "failed with " << arg.error().code;
  return arg.error().code == code;
}

}  // namespace usher::testing
