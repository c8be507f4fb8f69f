#include "usher/contact/email.h"

#include <string>

#include <gtest/gtest.h>

namespace usher::contact {
namespace {

using namespace std::string_literals;

std::string Repeat(char c, size_t n) { return std::string(n, c); }

TEST(Email, R1_AcceptsPlainAddress) {
  EXPECT_EQ(NormalizeEmail("ana@example.com"), "ana@example.com");
  EXPECT_EQ(NormalizeEmail("ana.maria+invites@mail.example.co.uk"),
            "ana.maria+invites@mail.example.co.uk");
}

TEST(Email, R1_KeepsLocalPartAsEnteredAndLowerCasesDomain) {
  EXPECT_EQ(NormalizeEmail("ANA@Example.COM"), "ANA@example.com");
  EXPECT_EQ(NormalizeEmail("Ana.Maria@EXAMPLE.com"), "Ana.Maria@example.com");
}

TEST(Email, R1_AcceptsEveryHtmlLocalPartCharacter) {
  const std::string local = "a.b!#$%&'*+/=?^_`{|}~-Z09";
  EXPECT_EQ(NormalizeEmail(local + "@example.com"), local + "@example.com");
  // HTML puts no rule on dots in the local part.
  EXPECT_EQ(NormalizeEmail(".ana..maria.@example.com"), ".ana..maria.@example.com");
}

TEST(Email, R1_AcceptsDomainShapesHtmlAccepts) {
  EXPECT_EQ(NormalizeEmail("ana@localhost"), "ana@localhost");
  EXPECT_EQ(NormalizeEmail("ana@ex-am--ple.com"), "ana@ex-am--ple.com");
  EXPECT_EQ(NormalizeEmail("ana@123.example"), "ana@123.example");
}

TEST(Email, R1_RefusesMissingAt) {
  EXPECT_EQ(NormalizeEmail("ana.example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail(""), std::nullopt);
  EXPECT_EQ(NormalizeEmail("@"), std::nullopt);
}

TEST(Email, R1_RefusesTwoAts) {
  EXPECT_EQ(NormalizeEmail("ana@maria@example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@@example.com"), std::nullopt);
}

TEST(Email, R1_RefusesEmptyLocalPartOrDomain) {
  EXPECT_EQ(NormalizeEmail("@example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@"), std::nullopt);
}

TEST(Email, R1_RefusesSpaces) {
  EXPECT_EQ(NormalizeEmail("ana maria@example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@exam ple.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail(" ana@example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@example.com "), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana\t@example.com"), std::nullopt);
}

TEST(Email, R1_RefusesEmptyDomainLabels) {
  EXPECT_EQ(NormalizeEmail("ana@example.com."), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@.example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@example..com"), std::nullopt);
}

TEST(Email, R1_RefusesLabelStartingOrEndingWithHyphen) {
  EXPECT_EQ(NormalizeEmail("ana@-example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@example-.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@example.-com"), std::nullopt);
}

TEST(Email, R1_RefusesOtherDomainCharacters) {
  EXPECT_EQ(NormalizeEmail("ana@exa_mple.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@example.com:25"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@example.com/path"), std::nullopt);
}

TEST(Email, R1_AcceptsLabelOf63OctetsAndRefuses64) {
  EXPECT_EQ(NormalizeEmail("ana@" + Repeat('a', 63) + ".com"), "ana@" + Repeat('a', 63) + ".com");
  EXPECT_EQ(NormalizeEmail("ana@" + Repeat('a', 64) + ".com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@example." + Repeat('a', 64)), std::nullopt);
}

TEST(Email, R1_AcceptsAtMost254Octets) {
  // 3 labels of 63 + 1 of 58 + 3 dots = 250 octets of domain.
  const std::string domain =
      Repeat('a', 63) + "." + Repeat('b', 63) + "." + Repeat('c', 63) + "." + Repeat('d', 58);
  const std::string at_limit = "ana@" + domain;
  ASSERT_EQ(at_limit.size(), 254u);
  EXPECT_EQ(NormalizeEmail(at_limit), at_limit);
  EXPECT_EQ(EmailToAscii(at_limit), at_limit);
  const std::string over_limit = "anna@" + domain;
  ASSERT_EQ(over_limit.size(), 255u);
  EXPECT_EQ(NormalizeEmail(over_limit), std::nullopt);
  EXPECT_EQ(EmailToAscii(over_limit), std::nullopt);
}

TEST(Email, R1_CountsTheLimitInOctetsOfTheStoredForm) {
  // "ü" is two octets: 254 octets (253 characters) pass, 255 octets (254 characters) do not.
  const std::string at_limit = Repeat('a', 238) + "@b\u00fccher.example";
  ASSERT_EQ(at_limit.size(), 254u);
  EXPECT_EQ(NormalizeEmail(at_limit), at_limit);
  EXPECT_EQ(NormalizeEmail(Repeat('a', 238) + "@B\u00dcCHER.example"), at_limit);
  // The ASCII form is longer (260 octets); the limit is on the stored form.
  EXPECT_EQ(EmailToAscii(at_limit), Repeat('a', 238) + "@xn--bcher-kva.example");
  const std::string over_limit = Repeat('a', 239) + "@b\u00fccher.example";
  ASSERT_EQ(over_limit.size(), 255u);
  EXPECT_EQ(NormalizeEmail(over_limit), std::nullopt);
  EXPECT_EQ(EmailToAscii(over_limit), std::nullopt);
}

TEST(Email, R1_RefusesInternationalisedDomainTooLongForDnsInAscii) {
  // 251 octets in UTF-8, but 257 in ASCII: more than DNS allows, so libidn2 refuses it.
  const std::string domain = "\u00fc" + Repeat('a', 10) + "." + Repeat('b', 63) + "." +
                             Repeat('c', 63) + "." + Repeat('d', 63) + "." + Repeat('e', 46);
  ASSERT_EQ(domain.size(), 251u);
  EXPECT_EQ(NormalizeEmail("a@" + domain), std::nullopt);
}

TEST(Email, R1_RefusesQuotedLocalPartAsHtmlDoes) {
  EXPECT_EQ(NormalizeEmail("\"ana\"@example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("\"ana maria\"@example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("\"ana@maria\"@example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana\\@maria@example.com"), std::nullopt);
}

TEST(Email, R1_RefusesComments) {
  EXPECT_EQ(NormalizeEmail("ana(work)@example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("(work)ana@example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@(work)example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@example.com(work)"), std::nullopt);
}

TEST(Email, R1_RefusesDisplayNamesAndAddressLiterals) {
  EXPECT_EQ(NormalizeEmail("Ana <ana@example.com>"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("<ana@example.com>"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@[192.0.2.1]"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@example.com, bob@example.com"), std::nullopt);
}

TEST(Email, R1_RefusesNonAsciiLocalPart) {
  EXPECT_EQ(NormalizeEmail("zoë@bücher.example"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("zoë@example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("李@example.com"), std::nullopt);
}

TEST(Email, R1_AcceptsInternationalisedDomain) {
  EXPECT_EQ(NormalizeEmail("ana@bücher.example"), "ana@bücher.example");
  EXPECT_EQ(NormalizeEmail("ana@例え.テスト"), "ana@例え.テスト");
  EXPECT_EQ(NormalizeEmail("ana@mail.bücher.example"), "ana@mail.bücher.example");
}

TEST(Email, R1_LowerCasesInternationalisedDomain) {
  EXPECT_EQ(NormalizeEmail("ana@BÜCHER.example"), "ana@bücher.example");
  EXPECT_EQ(NormalizeEmail("ANA@BÜCHER.EXAMPLE"), "ANA@bücher.example");
  EXPECT_EQ(NormalizeEmail("ana@STRAẞE.de"), "ana@straße.de");
}

TEST(Email, R1_StoresInternationalisedDomainInNfc) {
  // "u" + combining diaeresis becomes the precomposed "ü".
  EXPECT_EQ(NormalizeEmail("ana@bu\u0308cher.example"), "ana@b\u00fccher.example");
  EXPECT_EQ(NormalizeEmail("ana@BU\u0308CHER.example"), "ana@b\u00fccher.example");
}

TEST(Email, R1_KeepsSharpSNonTransitionally) {
  EXPECT_EQ(NormalizeEmail("ana@straße.de"), "ana@straße.de");
  EXPECT_EQ(EmailToAscii("ana@straße.de"), "ana@xn--strae-oqa.de");
}

TEST(Email, R1_StoresTheCanonicalFormOfMappedCharacters) {
  // IDNA maps full-width letters and the ideographic full stop; the stored domain is the one
  // the ASCII form names, so the same domain is always stored the same way.
  EXPECT_EQ(NormalizeEmail("ana@ＢÜCHER。example"), "ana@bücher.example");
  EXPECT_EQ(EmailToAscii("ana@ＢÜCHER。example"), "ana@xn--bcher-kva.example");
  // IDNA drops the zero width space and the soft hyphen.
  EXPECT_EQ(NormalizeEmail("ana@b\u00fc\u200bcher.example"), "ana@bücher.example");
  EXPECT_EQ(NormalizeEmail("ana@b\u00fc\u00adcher.example"), "ana@bücher.example");
}

TEST(Email, R1_RefusesDomainsIdnaRefuses) {
  EXPECT_EQ(NormalizeEmail("ana@\U0001F600.example"), std::nullopt);         // emoji
  EXPECT_EQ(NormalizeEmail("ana@bü--cher.example"), std::nullopt);           // "--" at 3..4
  EXPECT_EQ(NormalizeEmail("ana@bücher.xn--zz"), std::nullopt);              // bad A-label
  EXPECT_EQ(NormalizeEmail("ana@b\u00fc\u200dcher.example"), std::nullopt);  // zero width joiner
}

TEST(Email, R1_RefusesBadInternationalisedDomainShapes) {
  EXPECT_EQ(NormalizeEmail("ana@bücher.example."), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@bücher..example"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@-bücher.example"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@bücher-.example"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@bü cher.example"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@bü_cher.example"), std::nullopt);
}

TEST(Email, R1_RefusesInternationalisedLabelOverLimitInAscii) {
  // 60 octets in UTF-8, but "xn--" + 58 letters + "-" + the encoded "ü" is over 63.
  EXPECT_EQ(NormalizeEmail("ana@" + Repeat('a', 58) + "\u00fc.example"), std::nullopt);
  const std::optional<std::string> shorter =
      EmailToAscii("ana@" + Repeat('a', 50) + "\u00fc.example");
  ASSERT_TRUE(shorter.has_value());
  EXPECT_LE(shorter->find(".example") - 4, 63u);
}

TEST(Email, R1_RefusesHeaderInjection) {
  EXPECT_EQ(NormalizeEmail("a@b.com\r\nBcc: x@y.z"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("a@b.com\nBcc: x@y.z"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("a@b.com\r\n"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("a\r\nBcc: x@y.z"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@bücher.example\r\nBcc: x@y.z"), std::nullopt);
  EXPECT_EQ(EmailToAscii("a@b.com\r\nBcc: x@y.z"), std::nullopt);
}

TEST(Email, R1_RefusesNulAnywhere) {
  EXPECT_EQ(NormalizeEmail("ana@example.com\0.evil"s), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@bücher.example\0.evil"s), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana\0@example.com"s), std::nullopt);
}

TEST(Email, R1_RefusesInvalidUtf8) {
  EXPECT_EQ(NormalizeEmail("ana@\xffxample.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("ana@b\xc3"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("an\xc3\xa4@example.com"), std::nullopt);
}

TEST(Email, R1_ToAsciiGivesPunycodeDomain) {
  EXPECT_EQ(EmailToAscii("ana@bücher.example"), "ana@xn--bcher-kva.example");
  EXPECT_EQ(EmailToAscii("ana@BÜCHER.example"), "ana@xn--bcher-kva.example");
  EXPECT_EQ(EmailToAscii("ANA@mail.Bücher.example"), "ANA@mail.xn--bcher-kva.example");
}

TEST(Email, R1_ToAsciiKeepsAsciiAddresses) {
  EXPECT_EQ(EmailToAscii("ana@example.com"), "ana@example.com");
  EXPECT_EQ(EmailToAscii("ANA@Example.COM"), "ANA@example.com");
}

TEST(Email, R1_ToAsciiRefusesInvalidAddresses) {
  EXPECT_EQ(EmailToAscii(""), std::nullopt);
  EXPECT_EQ(EmailToAscii("ana"), std::nullopt);
  EXPECT_EQ(EmailToAscii("zoë@bücher.example"), std::nullopt);
  EXPECT_EQ(EmailToAscii("\"ana\"@example.com"), std::nullopt);
}

TEST(Email, R1_NormalizingTwiceChangesNothing) {
  for (const char* input : {"ANA@Example.COM", "ana@BÜCHER.example", "ana@bu\u0308cher.example",
                            "ana@ＢÜCHER。example", "ana@STRAẞE.de"}) {
    SCOPED_TRACE(input);
    const std::optional<std::string> once = NormalizeEmail(input);
    ASSERT_TRUE(once.has_value());
    EXPECT_EQ(NormalizeEmail(*once), once);
    EXPECT_EQ(EmailToAscii(*once), EmailToAscii(input));
  }
}

TEST(Email, R3_PunycodeDomainIsStoredInItsUnicodeForm) {
  EXPECT_EQ(NormalizeEmail("ana@XN--BCHER-KVA.example"), "ana@bücher.example");
  EXPECT_EQ(NormalizeEmail("ana@xn--bcher-kva.example"), NormalizeEmail("ana@bücher.example"));
  EXPECT_EQ(EmailToAscii("ana@xn--bcher-kva.example"), "ana@xn--bcher-kva.example");
  EXPECT_FALSE(NormalizeEmail("ana@xn--ab.example"));  // not punycode at all
}

}  // namespace
}  // namespace usher::contact
