#include "usher/outbox/sms.h"

#include <unicode/unistr.h>

namespace usher::outbox {
namespace {

// GSM 03.38 basic character set (code points), and the extension set (escape + char).
const std::u16string kBasic =
    u"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    u"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const std::u16string kExtension = u"^{}\\[~]|€\f";

// Septets of `text` in GSM-7, or -1 when a character is outside both tables.
int Septets(const icu::UnicodeString& u) {
  int septets = 0;
  for (int32_t i = 0; i < u.length(); ++i) {
    const char16_t c = u.charAt(i);
    if (kBasic.find(c) != std::u16string::npos) {
      septets += 1;
    } else if (kExtension.find(c) != std::u16string::npos) {
      septets += 2;
    } else {
      return -1;
    }
  }
  return septets;
}

int Segments(int units, int single, int multi) {
  if (units <= single) return 1;
  return (units + multi - 1) / multi;
}

}  // namespace

bool IsGsm7(const std::string& text) { return Septets(icu::UnicodeString::fromUTF8(text)) >= 0; }

int SmsSegments(const std::string& text) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  const int septets = Septets(u);
  if (septets >= 0) return Segments(septets, 160, 153);
  return Segments(u.length(), 70, 67);
}

}  // namespace usher::outbox
