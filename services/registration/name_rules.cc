#include "services/registration/name_rules.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include <string_view>

namespace portal::registration {
namespace {

using portal::v1::CompanyType;

constexpr std::u32string_view kNamePunctuation = U"&'\u2019-.,()@+!";

bool IsLetterMarkOrDigit(UChar32 c) {
  const int32_t mask = U_GET_GC_MASK(c);
  return (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

// Decodes UTF-8; invalid sequences become U+FFFD, which no rule accepts.
std::vector<UChar32> CodePoints(absl::string_view text) {
  std::vector<UChar32> result;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    result.push_back(c < 0 ? 0xFFFD : c);
  }
  return result;
}

constexpr std::array<std::string_view, 3> kPrivateSuffixes = {"limited", "ltd", "ltd."};
constexpr std::array<std::string_view, 2> kPublicSuffixes = {"public limited company", "plc"};
constexpr std::array<std::string_view, 2> kPartnershipSuffixes = {
    "limited liability partnership", "llp"};

// The suffixes as normalized tokens, longest first, so that "public limited company" is
// dropped whole rather than as "company" after "limited".
const std::vector<std::vector<std::string>>& SuffixTokens() {
  static const auto* tokens = new std::vector<std::vector<std::string>>{
      {"limited", "liability", "partnership"},
      {"public", "limited", "company"},
      {"limited"},
      {"ltd"},
      {"plc"},
      {"llp"},
  };
  return *tokens;
}

std::string DescribeSuffixes(CompanyType type) {
  switch (type) {
    case portal::v1::PRIVATE_LIMITED_BY_SHARES:
    case portal::v1::PRIVATE_LIMITED_BY_GUARANTEE:
      return "\"Limited\", \"Ltd\" or \"Ltd.\" for a private limited company";
    case portal::v1::PUBLIC_LIMITED:
      return "\"Public Limited Company\" or \"PLC\" for a public limited company";
    case portal::v1::LIMITED_LIABILITY_PARTNERSHIP:
      return "\"Limited Liability Partnership\" or \"LLP\" for a partnership";
    default:
      return "the legal suffix of the company type";
  }
}

}  // namespace

std::string TrimName(absl::string_view name) {
  const std::vector<UChar32> points = CodePoints(name);
  size_t begin = 0;
  size_t end = points.size();
  while (begin < end && u_isUWhiteSpace(points[begin])) ++begin;
  while (end > begin && u_isUWhiteSpace(points[end - 1])) --end;

  std::string result;
  for (size_t i = begin; i < end; ++i) {
    char buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buffer), length, points[i]);
    result.append(buffer, static_cast<size_t>(length));
  }
  return result;
}

std::optional<std::string> CheckNameCharacters(absl::string_view name) {
  const std::vector<UChar32> points = CodePoints(TrimName(name));
  if (points.size() < static_cast<size_t>(kMinNameLength) ||
      points.size() > static_cast<size_t>(kMaxNameLength)) {
    return absl::StrCat("must be ", kMinNameLength, " to ", kMaxNameLength,
                        " characters long; it has ", points.size());
  }
  for (size_t i = 0; i < points.size(); ++i) {
    const UChar32 c = points[i];
    if (IsLetterMarkOrDigit(c) || c == U' ' || kNamePunctuation.find(static_cast<char32_t>(c)) != std::u32string_view::npos) {
      continue;
    }
    // Combining marks count with their letter; digits here means any decimal digit.
    std::string shown = c < 0x20 || c == 0x7F ? absl::StrCat("control character U+", absl::Hex(c, absl::kZeroPad4))
                                              : absl::StrCat("character U+", absl::Hex(c, absl::kZeroPad4));
    return absl::StrCat("contains a ", shown, " at position ", i + 1,
                        "; use only letters, digits, spaces and & ' \u2019 - . , ( ) @ + !");
  }
  return std::nullopt;
}

std::optional<std::string> CheckLegalSuffix(absl::string_view name, CompanyType type) {
  const std::string lower = absl::AsciiStrToLower(TrimName(name));
  auto ends_with_suffix = [&](auto suffixes) {
    for (std::string_view suffix : suffixes) {
      if (lower.size() <= suffix.size() + 1 ||
          !absl::EndsWith(lower, absl::string_view(suffix.data(), suffix.size()))) {
        continue;
      }
      const size_t space = lower.size() - suffix.size() - 1;
      if (lower[space] != ' ') continue;
      // Something distinctive must stand before the suffix.
      const absl::string_view distinctive(lower.data(), space);
      for (UChar32 c : CodePoints(distinctive)) {
        if (IsLetterMarkOrDigit(c)) return true;
      }
    }
    return false;
  };

  bool ok = false;
  switch (type) {
    case portal::v1::PRIVATE_LIMITED_BY_SHARES:
    case portal::v1::PRIVATE_LIMITED_BY_GUARANTEE:
      ok = ends_with_suffix(kPrivateSuffixes);
      break;
    case portal::v1::PUBLIC_LIMITED:
      ok = ends_with_suffix(kPublicSuffixes);
      break;
    case portal::v1::LIMITED_LIABILITY_PARTNERSHIP:
      ok = ends_with_suffix(kPartnershipSuffixes);
      break;
    default:
      return std::nullopt;  // The missing type is reported on company.type.
  }
  if (ok) return std::nullopt;
  return absl::StrCat("must end with ", DescribeSuffixes(type), ", after the distinctive name");
}

std::string NormalizeName(absl::string_view name) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* folding = icu::Normalizer2::getNFKCCasefoldInstance(error);
  std::string folded;
  if (U_SUCCESS(error)) {
    icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    icu::UnicodeString result = folding->normalize(source, error);
    if (U_SUCCESS(error)) result.toUTF8String(folded);
  }
  if (folded.empty()) folded = std::string(name);  // ICU failed: compare unfolded, never crash.

  // Split into tokens: "&" and "+" are the word "and"; other non-word runs separate.
  std::vector<std::string> tokens;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
  };
  const auto* bytes = reinterpret_cast<const uint8_t*>(folded.data());
  const int32_t length = static_cast<int32_t>(folded.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c == U'&' || c == U'+') {
      flush();
      tokens.push_back("and");
    } else if (c >= 0 && IsLetterMarkOrDigit(c)) {
      current.append(folded, static_cast<size_t>(start), static_cast<size_t>(i - start));
    } else {
      flush();
    }
  }
  flush();

  for (const std::vector<std::string>& suffix : SuffixTokens()) {
    if (tokens.size() < suffix.size()) continue;
    if (std::equal(suffix.begin(), suffix.end(), tokens.end() - static_cast<long>(suffix.size()))) {
      tokens.resize(tokens.size() - suffix.size());
      break;
    }
  }
  return absl::StrJoin(tokens, " ");
}

}  // namespace portal::registration
