// The hash chain of the audit log: the canonical serialization of an event, its hash,
// and the incremental check that Verify runs over the stored events.
//
// Canonical serialization of one event, version 1. Ten fields in this order, each
// written as a 4-byte big-endian unsigned byte count followed by that many bytes:
//
//    1. the tag "portal.audit.v1"
//    2. sequence, in decimal ASCII without sign or leading zeros
//    3. event_id, the canonical lowercase UUID text
//    4. occurred_at, microseconds since the Unix epoch (UTC), in decimal ASCII with a
//       leading "-" only when negative
//    5. recorded_at, microseconds since the Unix epoch, encoded like occurred_at
//    6. producer, UTF-8
//    7. actor, UTF-8
//    8. action, UTF-8
//    9. registration_reference, UTF-8, and zero bytes when the event has none
//   10. details, the JSON text exactly as stored, UTF-8
//
// hash(n) = lowercase hex of SHA-256(previous_hash(n) || canonical(n)), where
// previous_hash(n) is the 64 ASCII characters of hash(n - 1) in lowercase hex, and for
// sequence 1 it is 64 ASCII "0" characters (kGenesisHash).
#ifndef PORTAL_SERVICES_AUDIT_CHAIN_H_
#define PORTAL_SERVICES_AUDIT_CHAIN_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace portal::audit {

// The previous hash of the first event in the chain.
inline constexpr absl::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The tag that starts every canonical serialization; a new version of the format gets a
// new tag.
inline constexpr absl::string_view kSerializationTag = "portal.audit.v1";

// One event as the audit_events table stores it.
struct StoredEvent {
  int64_t sequence = 0;
  std::string event_id;
  int64_t occurred_at_us = 0;
  int64_t recorded_at_us = 0;
  std::string producer;
  std::string actor;
  std::string action;
  std::string registration_reference;  // Empty when the event concerns no registration.
  std::string details;
  std::string previous_hash;  // Lowercase hex.
  std::string hash;           // Lowercase hex.
};

// Returns the canonical serialization defined at the top of this file.
std::string CanonicalSerialization(const StoredEvent& event);

// Returns the lowercase hex hash of `event` chained to `previous_hash`. The event's own
// previous_hash and hash fields are not read.
std::string ComputeHash(absl::string_view previous_hash, const StoredEvent& event);

enum class ChainFailure {
  kNone,
  kHashMismatch,          // The stored hash differs from the recomputed one.
  kSequenceGap,           // A sequence number is missing before a later event.
  kPreviousHashMismatch,  // previous_hash differs from the preceding event's hash.
};

struct VerifyResult {
  bool intact = true;
  int64_t events_checked = 0;
  int64_t first_failed_sequence = 0;  // 0 when intact.
  ChainFailure failure = ChainFailure::kNone;
  std::string failure_detail;  // Empty when intact.
  int64_t head_sequence = 0;   // The last sequence checked and its stored hash.
  std::string head_hash;
};

// Checks stored events one at a time, in ascending sequence order, and stops at the
// first failure. A caller pages through the table and feeds every row to Check().
class ChainVerifier {
 public:
  // Checks the next event. Returns false once the chain has failed, so the caller can
  // stop reading.
  bool Check(const StoredEvent& event);

  const VerifyResult& result() const { return result_; }

 private:
  void Fail(int64_t sequence, ChainFailure failure, std::string detail);

  VerifyResult result_;
  int64_t expected_sequence_ = 1;
  std::string previous_hash_{kGenesisHash};
};

// Returns the lowercase name of a failure for messages and logs, such as "hash mismatch".
absl::string_view ChainFailureName(ChainFailure failure);

}  // namespace portal::audit

#endif  // PORTAL_SERVICES_AUDIT_CHAIN_H_
