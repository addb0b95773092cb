#include "services/registration/name_rules.h"

#include <gtest/gtest.h>

namespace portal::registration {
namespace {

using portal::v1::CompanyType;

TEST(NormalizeName, TreatsSpellingsOfOneNameAsEqual) {
  EXPECT_EQ(NormalizeName("Smith-Jones Ltd"), "smith jones");
  EXPECT_EQ(NormalizeName("SMITH JONES LIMITED"), "smith jones");
  EXPECT_EQ(NormalizeName("Smith  Jones PLC"), "smith jones");
  EXPECT_EQ(NormalizeName("Smith Jones Ltd."), "smith jones");
  EXPECT_EQ(NormalizeName("Smith Jones Limited Liability Partnership"), "smith jones");
  EXPECT_EQ(NormalizeName("Smith Jones Public Limited Company"), "smith jones");
}

TEST(NormalizeName, WritesAmpersandAndPlusAsAnd) {
  EXPECT_EQ(NormalizeName("Smith & Jones Ltd"), "smith and jones");
  EXPECT_EQ(NormalizeName("Smith+Jones Ltd"), "smith and jones");
  EXPECT_EQ(NormalizeName("Smith and Jones Ltd"), "smith and jones");
}

TEST(NormalizeName, FoldsUnicodeCompatibilityAndCase) {
  // NFKC folds the fullwidth letters and the "ﬁ" ligature; case folding maps ß to ss.
  EXPECT_EQ(NormalizeName("ＡＢＣ Ltd"), "abc");
  EXPECT_EQ(NormalizeName("ﬁsh Ltd"), "fish");
  EXPECT_EQ(NormalizeName("STRASSE Ltd"), NormalizeName("Straße Ltd"));
  EXPECT_EQ(NormalizeName("Ölmühle GmbH Ltd"), "ölmühle gmbh");
}

TEST(NormalizeName, DropsOnlyOneTrailingSuffix) {
  EXPECT_EQ(NormalizeName("Limited Ltd"), "limited");
  EXPECT_EQ(NormalizeName("Ltd Holdings Ltd"), "ltd holdings");
}

TEST(NormalizeName, KeepsScriptsOtherThanLatin) {
  EXPECT_EQ(NormalizeName("Ромашка Ltd"), "ромашка");
  EXPECT_EQ(NormalizeName("株式会社𠮷野 Ltd"), "株式会社𠮷野");
}

TEST(CheckNameCharacters, AcceptsAnyScriptAndListedPunctuation) {
  for (const char* name : {"O'Brien & Sons Ltd", "Café Ltd", "Ромашка Ltd", "𠮷野家 Ltd",
                           "A.B.C. (UK) Ltd", "Smith, Jones @ Co + Partners! Ltd",
                           "O\u2019Neill Ltd", "e\u0301cole Ltd"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(CheckNameCharacters(name), std::nullopt);
  }
}

TEST(CheckNameCharacters, RejectsOtherCharacters) {
  for (const char* name : {"Bad;Name Ltd", "Tag<b> Ltd", "Emoji \xF0\x9F\x98\x80 Ltd",
                           "Bell\x07 Ltd", "Tab\tName Ltd", "Under_score Ltd"}) {
    SCOPED_TRACE(name);
    EXPECT_NE(CheckNameCharacters(name), std::nullopt);
  }
}

TEST(CheckNameCharacters, CountsLengthInCharactersAfterTrimming) {
  EXPECT_NE(CheckNameCharacters("  ab  "), std::nullopt);
  EXPECT_EQ(CheckNameCharacters("  abc  "), std::nullopt);
  EXPECT_EQ(CheckNameCharacters(std::string(160, 'a')), std::nullopt);
  EXPECT_NE(CheckNameCharacters(std::string(161, 'a')), std::nullopt);
  // 160 characters of three bytes each are still 160 characters.
  std::string cyrillic;
  for (int i = 0; i < 160; ++i) cyrillic += "ж";
  EXPECT_EQ(CheckNameCharacters(cyrillic), std::nullopt);
}

TEST(CheckLegalSuffix, MatchesEachTypeCaseInsensitively) {
  struct Case {
    const char* name;
    CompanyType type;
    bool valid;
  };
  const Case cases[] = {
      {"Acme Limited", portal::v1::PRIVATE_LIMITED_BY_SHARES, true},
      {"Acme LTD", portal::v1::PRIVATE_LIMITED_BY_SHARES, true},
      {"Acme ltd.", portal::v1::PRIVATE_LIMITED_BY_GUARANTEE, true},
      {"Acme PLC", portal::v1::PRIVATE_LIMITED_BY_SHARES, false},
      {"Acme plc", portal::v1::PUBLIC_LIMITED, true},
      {"Acme Public Limited Company", portal::v1::PUBLIC_LIMITED, true},
      {"Acme Ltd", portal::v1::PUBLIC_LIMITED, false},
      {"Acme LLP", portal::v1::LIMITED_LIABILITY_PARTNERSHIP, true},
      {"Acme Limited Liability Partnership", portal::v1::LIMITED_LIABILITY_PARTNERSHIP, true},
      {"Acme Limited", portal::v1::LIMITED_LIABILITY_PARTNERSHIP, false},
      {"AcmeLtd", portal::v1::PRIVATE_LIMITED_BY_SHARES, false},
      {"Ltd", portal::v1::PRIVATE_LIMITED_BY_SHARES, false},
      {"- Ltd", portal::v1::PRIVATE_LIMITED_BY_SHARES, false},
      {"Acme Holdings", portal::v1::PRIVATE_LIMITED_BY_SHARES, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(CheckLegalSuffix(c.name, c.type) == std::nullopt, c.valid);
  }
}

}  // namespace
}  // namespace portal::registration
