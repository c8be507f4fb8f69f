// Turns a message kind, a language and a typed model into text: implemented by the
// templates adapter (files rendered with mustache).
#pragma once

#include <string>

#include "usher/base/result.h"
#include "usher/invitation/invitation.h"

namespace usher::outbox {

// What every invitation message may say (templates/README.md lists the variables).
struct MessageModel {
  std::string first_name;
  std::string company;
  std::string link;
  Time expires_at;
  std::string timezone;  // the company's, for the date
  int days_left = 0;
};

struct Rendered {
  std::string subject;
  std::string text;
  std::string html;
  std::string sms;
};

class Renderer {
 public:
  virtual ~Renderer() = default;
  // The message in `language`, or in English when that language lacks it.
  // kInternal "template_missing" when neither exists.
  virtual Result<Rendered> Render(invitation::MessageKind kind, const std::string& language,
                                  const MessageModel& model) const = 0;
};

}  // namespace usher::outbox
