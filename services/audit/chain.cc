#include "services/audit/chain.h"

#include "absl/strings/str_cat.h"
#include "common/crypto/crypto.h"

namespace portal::audit {
namespace {

void AppendField(std::string& out, absl::string_view value) {
  const uint32_t size = static_cast<uint32_t>(value.size());
  out.push_back(static_cast<char>((size >> 24) & 0xff));
  out.push_back(static_cast<char>((size >> 16) & 0xff));
  out.push_back(static_cast<char>((size >> 8) & 0xff));
  out.push_back(static_cast<char>(size & 0xff));
  out.append(value.data(), value.size());
}

}  // namespace

std::string CanonicalSerialization(const StoredEvent& event) {
  std::string out;
  out.reserve(128 + event.details.size());
  AppendField(out, kSerializationTag);
  AppendField(out, absl::StrCat(event.sequence));
  AppendField(out, event.event_id);
  AppendField(out, absl::StrCat(event.occurred_at_us));
  AppendField(out, absl::StrCat(event.recorded_at_us));
  AppendField(out, event.producer);
  AppendField(out, event.actor);
  AppendField(out, event.action);
  AppendField(out, event.registration_reference);
  AppendField(out, event.details);
  return out;
}

std::string ComputeHash(absl::string_view previous_hash, const StoredEvent& event) {
  return crypto::HexEncode(crypto::Sha256(absl::StrCat(previous_hash, CanonicalSerialization(event))));
}

bool ChainVerifier::Check(const StoredEvent& event) {
  if (!result_.intact) return false;

  // A missing sequence number is reported at the number that is missing.
  if (event.sequence != expected_sequence_) {
    Fail(expected_sequence_, ChainFailure::kSequenceGap,
         absl::StrCat("no event has sequence ", expected_sequence_, "; the next stored event has ",
                      event.sequence));
    return false;
  }
  ++result_.events_checked;

  // The hash first: it covers the sequence number, so rows moved to other sequence
  // numbers fail here, at the first moved row.
  const std::string recomputed = ComputeHash(event.previous_hash, event);
  if (recomputed != event.hash) {
    Fail(event.sequence, ChainFailure::kHashMismatch,
         absl::StrCat("event ", event.sequence, " has stored hash ", event.hash,
                      " but its fields hash to ", recomputed));
    return false;
  }
  if (event.previous_hash != previous_hash_) {
    Fail(event.sequence, ChainFailure::kPreviousHashMismatch,
         absl::StrCat("event ", event.sequence, " links to previous hash ", event.previous_hash,
                      " but the event before it has hash ", previous_hash_));
    return false;
  }

  previous_hash_ = event.hash;
  ++expected_sequence_;
  result_.head_sequence = event.sequence;
  result_.head_hash = event.hash;
  return true;
}

void ChainVerifier::Fail(int64_t sequence, ChainFailure failure, std::string detail) {
  result_.intact = false;
  result_.first_failed_sequence = sequence;
  result_.failure = failure;
  result_.failure_detail = std::move(detail);
}

absl::string_view ChainFailureName(ChainFailure failure) {
  switch (failure) {
    case ChainFailure::kNone:
      return "none";
    case ChainFailure::kHashMismatch:
      return "hash mismatch";
    case ChainFailure::kSequenceGap:
      return "sequence gap";
    case ChainFailure::kPreviousHashMismatch:
      return "previous hash mismatch";
  }
  return "unknown";
}

}  // namespace portal::audit
