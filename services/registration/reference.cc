#include "services/registration/reference.h"

#include "absl/strings/ascii.h"
#include "common/crypto/crypto.h"

namespace portal::registration {
namespace {

constexpr int kReferenceCharacters = 12;
constexpr int kGroupSize = 4;
constexpr size_t kReceiptTokenBytes = 32;

}  // namespace

std::string NewReference() {
  std::string reference;
  for (int i = 0; i < kReferenceCharacters; ++i) {
    if (i > 0 && i % kGroupSize == 0) reference.push_back('-');
    reference.push_back(kReferenceAlphabet[crypto::RandomBelow(kReferenceAlphabet.size())]);
  }
  return reference;
}

std::optional<std::string> CanonicalReference(absl::string_view text) {
  std::string characters;
  for (char c : text) {
    if (c == '-') continue;
    const char upper = absl::ascii_toupper(static_cast<unsigned char>(c));
    if (kReferenceAlphabet.find(upper) == absl::string_view::npos) return std::nullopt;
    characters.push_back(upper);
  }
  if (characters.size() != kReferenceCharacters) return std::nullopt;

  std::string canonical;
  for (int i = 0; i < kReferenceCharacters; ++i) {
    if (i > 0 && i % kGroupSize == 0) canonical.push_back('-');
    canonical.push_back(characters[static_cast<size_t>(i)]);
  }
  return canonical;
}

std::string NewReceiptToken() {
  return crypto::Base64UrlEncode(crypto::RandomBytes(kReceiptTokenBytes));
}

std::string HashReceiptToken(absl::string_view token) {
  return crypto::HexEncode(crypto::Sha256(token));
}

}  // namespace portal::registration
