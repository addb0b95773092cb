// Storage of registrations, name claims, idempotency keys and audit outbox events.
#ifndef PORTAL_SERVICES_REGISTRATION_REGISTRATION_REPOSITORY_H_
#define PORTAL_SERVICES_REGISTRATION_REGISTRATION_REPOSITORY_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/database.h"

namespace portal::registration {

// An idempotency key as stored: hashes only, and the receipt token sealed under a key
// that the service has and the database does not.
struct IdempotencyRecord {
  std::string key_hash;
  std::string request_hash;
  std::string sealed_receipt_token;
  absl::Time expires_at;
};

// One event for the audit chain. `details` is a JSON object with no personal data.
struct OutboxEvent {
  std::string event_id;
  std::string actor;
  std::string action;
  std::string details;
};

struct NewRegistration {
  std::string reference;
  std::string status;        // "SUBMITTED".
  std::string company_type;  // The CompanyType enum name.
  std::string proposed_name;
  std::string normalized_name;
  std::string name_key;  // Hex SHA-256 of normalized_name: the unique claim on the name.
  std::string submission_json;
  std::string receipt_token_hash;
  absl::Time submitted_at;
  std::optional<IdempotencyRecord> idempotency;
  OutboxEvent event;
};

enum class SubmitOutcome {
  kCreated,    // Stored, with its name claim, idempotency key and outbox event.
  kReplayed,   // The idempotency key and request match a stored submission; nothing new.
  kNameTaken,  // An active registration has the same normalized name; nothing stored.
  kKeyReused,  // The idempotency key belongs to a different request; nothing stored.
};

struct SubmitResult {
  SubmitOutcome outcome = SubmitOutcome::kCreated;
  // For kCreated and kReplayed: the stored registration's first response.
  std::string reference;
  absl::Time submitted_at;
  std::string sealed_receipt_token;  // kReplayed only.
};

// What the status lookup needs; no personal data.
struct StoredStatus {
  std::string reference;
  std::string status;
  std::string receipt_token_hash;
  absl::Time submitted_at;
  absl::Time updated_at;
  std::optional<std::string> decision_reason;
  std::optional<std::string> company_number;
};

class RegistrationRepository {
 public:
  explicit RegistrationRepository(db::Database& database) : database_(database) {}

  // Stores a registration in one transaction, or finds why it must not be stored.
  // ALREADY_EXISTS means a concurrent transaction won a race on a unique key (the name,
  // the idempotency key or, rarely, the reference): call again and the checks inside see
  // the winner.
  absl::StatusOr<SubmitResult> Submit(const NewRegistration& registration);

  // NOT_FOUND when no registration has the canonical `reference`.
  absl::StatusOr<StoredStatus> FindStatus(const std::string& reference);

  absl::StatusOr<bool> IsNameClaimed(const std::string& name_key);

  // Deletes idempotency keys, and with them the sealed receipt tokens, past their expiry.
  // Returns how many were deleted.
  absl::StatusOr<int> DeleteExpiredIdempotencyKeys(absl::Time now);

 private:
  db::Database& database_;
};

}  // namespace portal::registration

#endif  // PORTAL_SERVICES_REGISTRATION_REGISTRATION_REPOSITORY_H_
