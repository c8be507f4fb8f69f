// JSON shapes of API.md: how entities look on the wire. `now` decides the computed fields
// (days_left, marker, resend_available_at).
#pragma once

#include <nlohmann/json.hpp>

#include "usher/company/company.h"
#include "usher/directory/directory.h"
#include "usher/invitation/invitation.h"

namespace usher::api {

nlohmann::json InvitationJson(const invitation::Invitation& inv, Time now);
nlohmann::json StoreJson(const directory::Store& s);
nlohmann::json GroupJson(const directory::UserGroup& g);
nlohmann::json UserJson(const directory::User& u);
nlohmann::json CompanyJson(const company::Company& c);
nlohmann::json AdminJson(const company::Admin& a);
// null for nullopt, else the value.
nlohmann::json OrNull(const std::optional<std::string>& s);
nlohmann::json TimeOrNull(const std::optional<Time>& t);

}  // namespace usher::api
