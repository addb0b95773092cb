#include "services/admin/page_token.h"

#include "absl/strings/str_cat.h"
#include "common/crypto/crypto.h"

namespace portal::admin {
namespace {

constexpr char kFormatVersion = '\x01';
constexpr size_t kPositionBytes = 1 + 8 + 8;  // Format version, submitted_at_us, id.
constexpr size_t kMacBytes = 32;

void AppendBigEndian(std::string& out, int64_t value) {
  const uint64_t bits = static_cast<uint64_t>(value);
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((bits >> shift) & 0xff);
}

int64_t ReadBigEndian(absl::string_view bytes) {
  uint64_t bits = 0;
  for (char c : bytes) bits = (bits << 8) | static_cast<unsigned char>(c);
  return static_cast<int64_t>(bits);
}

std::string Mac(const std::string& key, absl::string_view position,
                absl::string_view fingerprint) {
  return crypto::HmacSha256(key, absl::StrCat(position, fingerprint));
}

}  // namespace

std::string FilterFingerprint(const ListQuery& query) {
  // Length-prefixed fields, so that no two different filter sets encode alike.
  auto field = [](absl::string_view value) { return absl::StrCat(value.size(), ":", value, ";"); };
  return absl::StrCat(
      field(query.status),
      field(query.submitted_from_us ? absl::StrCat(*query.submitted_from_us) : "-"),
      field(query.submitted_before_us ? absl::StrCat(*query.submitted_before_us) : "-"),
      field(query.normalized_name_part));
}

PageTokenCodec::PageTokenCodec(absl::string_view key)
    // A key derived for this one purpose, so the service key can serve others later.
    : key_(crypto::HmacSha256(key, "portal admin page token v1")) {}

std::string PageTokenCodec::Encode(const ListCursor& cursor,
                                   absl::string_view filter_fingerprint) const {
  std::string position(1, kFormatVersion);
  AppendBigEndian(position, cursor.submitted_at_us);
  AppendBigEndian(position, cursor.id);
  return crypto::Base64UrlEncode(absl::StrCat(position, Mac(key_, position, filter_fingerprint)));
}

absl::StatusOr<ListCursor> PageTokenCodec::Decode(absl::string_view token,
                                                  absl::string_view filter_fingerprint) const {
  const absl::Status invalid = absl::InvalidArgumentError(
      "invalid page_token: it was altered or belongs to a listing with other filters; list "
      "again without a page_token");
  absl::StatusOr<std::string> bytes = crypto::Base64UrlDecode(token);
  if (!bytes.ok() || bytes->size() != kPositionBytes + kMacBytes) return invalid;

  const absl::string_view position = absl::string_view(*bytes).substr(0, kPositionBytes);
  const absl::string_view mac = absl::string_view(*bytes).substr(kPositionBytes);
  if (!crypto::ConstantTimeEquals(mac, Mac(key_, position, filter_fingerprint))) return invalid;
  if (position[0] != kFormatVersion) return invalid;
  return ListCursor{ReadBigEndian(position.substr(1, 8)), ReadBigEndian(position.substr(9, 8))};
}

}  // namespace portal::admin
