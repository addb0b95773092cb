#include "services/audit/event_validation.h"

#include <google/protobuf/util/time_util.h>

#include <boost/json/parse.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/crypto/crypto.h"

namespace portal::audit {
namespace {

using google::protobuf::util::TimeUtil;

constexpr absl::string_view kPageTokenVersion = "v1";
constexpr size_t kFingerprintHexDigits = 16;

bool IsNameCharacter(char c, bool allow_dot) {
  return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '_' || c == '-' ||
         (allow_dot && c == '.');
}

bool IsName(absl::string_view text, size_t max_bytes, bool allow_dot) {
  if (text.empty() || text.size() > max_bytes) return false;
  for (char c : text) {
    if (!IsNameCharacter(c, allow_dot)) return false;
  }
  return true;
}

bool IsReference(absl::string_view text) {
  if (text.size() > kMaxReferenceBytes) return false;
  for (char c : text) {
    if (!absl::ascii_isupper(c) && !absl::ascii_isdigit(c) && c != '-') return false;
  }
  return true;
}

absl::Status Invalid(int index, absl::string_view field, absl::string_view rule) {
  return absl::InvalidArgumentError(absl::StrCat("events[", index, "].", field, " ", rule));
}

absl::StatusOr<int64_t> ToMicros(const google::protobuf::Timestamp& timestamp,
                                 absl::string_view field) {
  if (timestamp.seconds() < TimeUtil::kTimestampMinSeconds ||
      timestamp.seconds() > TimeUtil::kTimestampMaxSeconds || timestamp.nanos() < 0 ||
      timestamp.nanos() > 999999999) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " is not a valid timestamp: use years 0001 to 9999"));
  }
  return TimeUtil::TimestampToMicroseconds(timestamp);
}

std::string FilterFingerprint(const EventFilter& filter) {
  StoredEvent carrier;  // Reuses the length-prefixed encoding of the chain.
  carrier.actor = filter.actor;
  carrier.action = filter.action;
  carrier.registration_reference = filter.registration_reference;
  carrier.details = absl::StrCat(filter.occurred_since_us.has_value() ? "s" : "-",
                                 filter.occurred_since_us.value_or(0), "/",
                                 filter.occurred_until_us.has_value() ? "u" : "-",
                                 filter.occurred_until_us.value_or(0), "/", filter.from_sequence);
  return crypto::HexEncode(crypto::Sha256(CanonicalSerialization(carrier)))
      .substr(0, kFingerprintHexDigits);
}

}  // namespace

bool IsCanonicalUuid(absl::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!absl::ascii_isdigit(c) && !(c >= 'a' && c <= 'f')) {
      return false;
    }
  }
  return true;
}

absl::StatusOr<NewEvent> ToNewEvent(const portal::v1::AuditEvent& event, int index) {
  if (!IsCanonicalUuid(event.event_id())) {
    return Invalid(index, "event_id", "must be a canonical lowercase UUID");
  }
  if (!event.has_occurred_at()) return Invalid(index, "occurred_at", "is missing");
  absl::StatusOr<int64_t> occurred_at =
      ToMicros(event.occurred_at(), absl::StrCat("events[", index, "].occurred_at"));
  if (!occurred_at.ok()) return occurred_at.status();
  if (event.actor().empty() || event.actor().size() > kMaxActorBytes) {
    return Invalid(index, "actor", "must be 1 to 200 bytes");
  }
  if (!IsName(event.action(), kMaxActionBytes, /*allow_dot=*/true)) {
    return Invalid(index, "action", "must be 1 to 64 characters from a-z, 0-9, \".\", \"_\", \"-\"");
  }
  if (!IsName(event.producer(), kMaxProducerBytes, /*allow_dot=*/false)) {
    return Invalid(index, "producer", "must be 1 to 64 characters from a-z, 0-9, \"_\", \"-\"");
  }
  if (!IsReference(event.registration_reference())) {
    return Invalid(index, "registration_reference",
                   "must be at most 32 characters from A-Z, 0-9 and \"-\"");
  }
  if (event.details().size() > kMaxDetailsBytes) {
    return Invalid(index, "details", "must be at most 16384 bytes");
  }
  boost::system::error_code error;
  boost::json::value details = boost::json::parse(event.details(), error);
  if (error || !details.is_object()) {
    return Invalid(index, "details", "must be the text of one JSON object");
  }

  NewEvent converted;
  converted.event_id = event.event_id();
  converted.occurred_at_us = *occurred_at;
  converted.producer = event.producer();
  converted.actor = event.actor();
  converted.action = event.action();
  converted.registration_reference = event.registration_reference();
  converted.details = event.details();
  return converted;
}

absl::StatusOr<EventFilter> ToEventFilter(const portal::v1::QueryRequest& request) {
  EventFilter filter;
  if (!IsReference(request.registration_reference())) {
    return absl::InvalidArgumentError(
        "registration_reference must be at most 32 characters from A-Z, 0-9 and \"-\"");
  }
  filter.registration_reference = request.registration_reference();
  if (request.actor().size() > kMaxActorBytes) {
    return absl::InvalidArgumentError("actor must be at most 200 bytes");
  }
  filter.actor = request.actor();
  if (request.action().size() > kMaxActionBytes) {
    return absl::InvalidArgumentError("action must be at most 64 bytes");
  }
  filter.action = request.action();
  if (request.has_occurred_since()) {
    absl::StatusOr<int64_t> since = ToMicros(request.occurred_since(), "occurred_since");
    if (!since.ok()) return since.status();
    filter.occurred_since_us = *since;
  }
  if (request.has_occurred_until()) {
    absl::StatusOr<int64_t> until = ToMicros(request.occurred_until(), "occurred_until");
    if (!until.ok()) return until.status();
    filter.occurred_until_us = *until;
  }
  if (filter.occurred_since_us.has_value() && filter.occurred_until_us.has_value() &&
      *filter.occurred_until_us <= *filter.occurred_since_us) {
    return absl::InvalidArgumentError("occurred_until must be later than occurred_since");
  }
  if (request.from_sequence() < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid from_sequence ", request.from_sequence(), ": use 0 or more"));
  }
  filter.from_sequence = request.from_sequence();
  return filter;
}

std::string EncodePageToken(const EventFilter& filter, const PagePosition& position) {
  return crypto::Base64UrlEncode(absl::StrCat(kPageTokenVersion, ":", position.after_sequence,
                                              ":", position.head_sequence, ":",
                                              FilterFingerprint(filter)));
}

absl::StatusOr<PagePosition> DecodePageToken(absl::string_view token, const EventFilter& filter) {
  const absl::Status invalid = absl::InvalidArgumentError(
      "invalid page_token: pass the next_page_token of the previous page unchanged, with the "
      "same filters");
  absl::StatusOr<std::string> decoded = crypto::Base64UrlDecode(token);
  if (!decoded.ok()) return invalid;
  std::vector<std::string> parts = absl::StrSplit(*decoded, ':');
  PagePosition position;
  if (parts.size() != 4 || parts[0] != kPageTokenVersion ||
      !absl::SimpleAtoi(parts[1], &position.after_sequence) ||
      !absl::SimpleAtoi(parts[2], &position.head_sequence) || position.after_sequence < 0 ||
      position.head_sequence < position.after_sequence ||
      parts[3] != FilterFingerprint(filter)) {
    return invalid;
  }
  return position;
}

}  // namespace portal::audit
