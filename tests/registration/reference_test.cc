#include "services/registration/reference.h"

#include <gtest/gtest.h>

#include <set>

#include "common/crypto/crypto.h"

namespace portal::registration {
namespace {

TEST(NewReference, HasThreeGroupsFromTheAlphabet) {
  const std::string reference = NewReference();
  ASSERT_EQ(reference.size(), 14u);
  EXPECT_EQ(reference[4], '-');
  EXPECT_EQ(reference[9], '-');
  for (size_t i = 0; i < reference.size(); ++i) {
    if (i == 4 || i == 9) continue;
    EXPECT_NE(kReferenceAlphabet.find(reference[i]), absl::string_view::npos) << reference;
  }
}

TEST(NewReference, DoesNotRepeatOverManyDraws) {
  std::set<std::string> seen;
  for (int i = 0; i < 20000; ++i) seen.insert(NewReference());
  EXPECT_EQ(seen.size(), 20000u);
}

TEST(NewReference, UsesEveryLetterOfTheAlphabet) {
  std::set<char> used;
  for (int i = 0; i < 2000; ++i) {
    for (char c : NewReference()) used.insert(c);
  }
  used.erase('-');
  EXPECT_EQ(used.size(), kReferenceAlphabet.size());
}

TEST(CanonicalReference, AcceptsAnyCaseWithOrWithoutDashes) {
  EXPECT_EQ(CanonicalReference("k7m3-9q2p-xw4d"), "K7M3-9Q2P-XW4D");
  EXPECT_EQ(CanonicalReference("K7M39Q2PXW4D"), "K7M3-9Q2P-XW4D");
}

TEST(CanonicalReference, RejectsMalformedReferences) {
  for (const char* text : {"", "K7M3-9Q2P", "K7M3-9Q2P-XW4D-A", "O0I1-9Q2P-XW4D", "K7M3 9Q2P XW4D",
                           "K7M3-9Q2P-XW4%"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(CanonicalReference(text), std::nullopt);
  }
}

TEST(NewReceiptToken, CarriesAtLeast128RandomBits) {
  const std::string token = NewReceiptToken();
  absl::StatusOr<std::string> bytes = crypto::Base64UrlDecode(token);
  ASSERT_TRUE(bytes.ok());
  EXPECT_GE(bytes->size() * 8, 128u);
  EXPECT_EQ(token.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_NE(NewReceiptToken(), token);
}

TEST(HashReceiptToken, IsStableAndDoesNotContainTheToken) {
  const std::string token = NewReceiptToken();
  EXPECT_EQ(HashReceiptToken(token), HashReceiptToken(token));
  EXPECT_EQ(HashReceiptToken(token).size(), 64u);
  EXPECT_EQ(HashReceiptToken(token).find(token), std::string::npos);
  EXPECT_NE(HashReceiptToken(token), HashReceiptToken(token + "x"));
}

}  // namespace
}  // namespace portal::registration
