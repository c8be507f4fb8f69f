#include "usher/base/result.h"

namespace usher {

std::string Error::Detail(const std::string& key) const {
  for (const auto& [k, v] : details) {
    if (k == key) return v;
  }
  return {};
}

Error ValidationError(std::vector<FieldError> fields) {
  return Error{
      ErrorKind::kInvalid, "validation", "The request has invalid fields.", std::move(fields), {}};
}

}  // namespace usher
