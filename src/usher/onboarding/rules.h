// The rules of registering (SPEC R10): what makes a password acceptable. Pure.
#pragma once

#include <string>
#include <vector>

#include "usher/base/result.h"
#include "usher/directory/directory.h"

namespace usher::onboarding {

inline constexpr size_t kMinPassword = 10;
inline constexpr size_t kMaxPassword = 128;

// R10: 10..128 characters ("too_short", "too_long"), not a common password
// ("password_too_common"), not containing the user's first or last name or the local part
// of their e-mail (case-insensitive, parts of 3+ characters: "password_contains_name").
// Returns the field errors (field "password"); empty when acceptable.
std::vector<FieldError> CheckPassword(const std::string& password, const directory::User& user);

// True when `password` is a well-known or trivially guessable one: on the list of common
// passwords, one repeated character, or a run of consecutive keys or digits.
bool IsCommonPassword(const std::string& password);

}  // namespace usher::onboarding
