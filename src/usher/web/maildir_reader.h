// Reading back the messages usher wrote to its Maildir (the embedded transport), for the
// CMS Messages page: a minimal RFC 5322/MIME reader (unfolded headers, RFC 2047 words,
// the text/plain part in quoted-printable or base64). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "usher/base/time.h"

namespace usher::web {

struct MailText {
  std::string to;             // To, or X-Usher-Sms-To of an SMS; decoded
  std::string subject;        // decoded
  std::string kind;           // X-Usher-Message: invitation | reminder | resend
  std::string invitation_id;  // X-Usher-Invitation
  std::string text;           // the text/plain body, decoded
};

// Reads a message; what cannot be read stays empty.
MailText ParseMail(std::string_view raw);
// Decodes RFC 2047 encoded words ("=?utf-8?Q?Zo=C3=AB?=") in a header value.
std::string DecodeHeaderWords(std::string_view value);

struct MaildirEntry {
  std::string id;  // the file name
  Time written;    // the file's modification time
};
// The message files of DIR/new and DIR/cur, newest first, at most `limit`.
std::vector<MaildirEntry> ListMaildir(const std::string& dir, size_t limit);
// The content of message `id` (a bare file name of new/ or cur/); nullopt when absent or
// when `id` is not a bare file name.
std::optional<std::string> ReadMaildirFile(const std::string& dir, const std::string& id);

// A line of text cut into plain pieces and http(s) links, for showing links clickable.
struct TextPiece {
  std::string text;
  bool link = false;
};
std::vector<TextPiece> SplitLinks(std::string_view line);

}  // namespace usher::web
