// outbox::Renderer over template files (templates/README.md): mustache via kainjow, dates
// via ICU in the message's language and the company's time zone. Loaded once; Render is
// thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "usher/outbox/renderer.h"

namespace usher::templates {

class FileRenderer final : public outbox::Renderer {
 public:
  // Reads every <kind>/<lang>/{subject.txt,body.txt,body.html,sms.txt} and layout.html
  // under `dir`. kUnavailable "templates_missing" when the English invitation is absent.
  static Result<std::unique_ptr<FileRenderer>> Load(const std::string& dir);

  Result<outbox::Rendered> Render(invitation::MessageKind kind, const std::string& language,
                                  const outbox::MessageModel& model) const override;
  // Languages that have every message kind.
  std::vector<std::string> Languages() const;

 private:
  struct Set {
    std::string subject, text, html, sms;
  };
  std::map<std::string, Set> sets_;  // by "<kind>/<lang>"
  std::string layout_;
};

// "25 January 2027": the day of `t` in `timezone`, as a long date in `language`.
std::string LongDate(Time t, const std::string& timezone, const std::string& language);

}  // namespace usher::templates
