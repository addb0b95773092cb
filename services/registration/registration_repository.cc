#include "services/registration/registration_repository.h"

#include "absl/time/clock.h"

namespace portal::registration {
namespace {

using db::FromStorageTime;
using db::ToStorageTime;

// Looks up a live idempotency key. Deletes it when expired, so that it may be used again.
std::optional<IdempotencyRecord> FindIdempotencyKey(soci::session& session,
                                                    const std::string& key_hash,
                                                    long long* registration_id, absl::Time now) {
  std::string request_hash;
  std::string sealed;
  long long expires_at = 0;
  session << "SELECT request_hash, registration_id, sealed_receipt_token, expires_at_us"
             " FROM idempotency_keys WHERE key_hash = :key_hash",
      soci::into(request_hash), soci::into(*registration_id), soci::into(sealed),
      soci::into(expires_at), soci::use(key_hash);
  if (!session.got_data()) return std::nullopt;

  if (FromStorageTime(expires_at) <= now) {
    session << "DELETE FROM idempotency_keys WHERE key_hash = :key_hash", soci::use(key_hash);
    return std::nullopt;
  }
  return IdempotencyRecord{key_hash, request_hash, sealed, FromStorageTime(expires_at)};
}

}  // namespace

absl::StatusOr<SubmitResult> RegistrationRepository::Submit(const NewRegistration& registration) {
  SubmitResult result;
  absl::Status status = database_.Transaction([&](soci::session& session) {
    const absl::Time now = registration.submitted_at;

    // 1. A repeat of an earlier request gets the response that request stored.
    if (registration.idempotency.has_value()) {
      long long registration_id = 0;
      std::optional<IdempotencyRecord> stored = FindIdempotencyKey(
          session, registration.idempotency->key_hash, &registration_id, now);
      if (stored.has_value()) {
        if (stored->request_hash != registration.idempotency->request_hash) {
          result.outcome = SubmitOutcome::kKeyReused;
          return absl::OkStatus();
        }
        long long submitted_at = 0;
        session << "SELECT reference, submitted_at_us FROM registrations WHERE id = :id",
            soci::into(result.reference), soci::into(submitted_at), soci::use(registration_id);
        result.outcome = SubmitOutcome::kReplayed;
        result.submitted_at = FromStorageTime(submitted_at);
        result.sealed_receipt_token = stored->sealed_receipt_token;
        return absl::OkStatus();
      }
    }

    // 2. The name must be free. The primary key on name_claims enforces this against
    // concurrent transactions too; this read only turns the common case into a result.
    long long claimed_by = 0;
    session << "SELECT registration_id FROM name_claims WHERE name_key = :name_key",
        soci::into(claimed_by), soci::use(registration.name_key);
    if (session.got_data()) {
      result.outcome = SubmitOutcome::kNameTaken;
      return absl::OkStatus();
    }

    // 3. The registration, its name claim, its idempotency key and its audit event
    // commit together or not at all.
    const long long submitted_at = ToStorageTime(now);
    session << "INSERT INTO registrations (reference, status, company_type, proposed_name,"
               " normalized_name, submission, receipt_token_hash, submitted_at_us,"
               " updated_at_us, version)"
               " VALUES (:reference, :status, :company_type, :proposed_name, :normalized_name,"
               " :submission, :receipt_token_hash, :submitted_at, :updated_at, 1)",
        soci::use(registration.reference), soci::use(registration.status),
        soci::use(registration.company_type), soci::use(registration.proposed_name),
        soci::use(registration.normalized_name), soci::use(registration.submission_json),
        soci::use(registration.receipt_token_hash), soci::use(submitted_at),
        soci::use(submitted_at);

    long long registration_id = 0;
    session << "SELECT id FROM registrations WHERE reference = :reference",
        soci::into(registration_id), soci::use(registration.reference);

    session << "INSERT INTO name_claims (name_key, registration_id, claimed_at_us)"
               " VALUES (:name_key, :registration_id, :claimed_at)",
        soci::use(registration.name_key), soci::use(registration_id), soci::use(submitted_at);

    if (registration.idempotency.has_value()) {
      const IdempotencyRecord& key = *registration.idempotency;
      const long long expires_at = ToStorageTime(key.expires_at);
      session << "INSERT INTO idempotency_keys (key_hash, request_hash, registration_id,"
                 " sealed_receipt_token, created_at_us, expires_at_us)"
                 " VALUES (:key_hash, :request_hash, :registration_id, :sealed, :created_at,"
                 " :expires_at)",
          soci::use(key.key_hash), soci::use(key.request_hash), soci::use(registration_id),
          soci::use(key.sealed_receipt_token), soci::use(submitted_at), soci::use(expires_at);
    }

    const OutboxEvent& event = registration.event;
    session << "INSERT INTO registration_audit_outbox (event_id, occurred_at_us, actor, action,"
               " registration_reference, details)"
               " VALUES (:event_id, :occurred_at, :actor, :action, :reference, :details)",
        soci::use(event.event_id), soci::use(submitted_at), soci::use(event.actor),
        soci::use(event.action), soci::use(registration.reference), soci::use(event.details);

    result.outcome = SubmitOutcome::kCreated;
    result.reference = registration.reference;
    result.submitted_at = now;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<StoredStatus> RegistrationRepository::FindStatus(const std::string& reference) {
  StoredStatus stored;
  absl::Status status = database_.Read([&](soci::session& session) {
    long long submitted_at = 0;
    long long updated_at = 0;
    std::string decision_reason;
    std::string company_number;
    soci::indicator reason_indicator = soci::i_null;
    soci::indicator number_indicator = soci::i_null;
    session << "SELECT reference, status, receipt_token_hash, submitted_at_us, updated_at_us,"
               " decision_reason, company_number FROM registrations WHERE reference = :reference",
        soci::into(stored.reference), soci::into(stored.status),
        soci::into(stored.receipt_token_hash), soci::into(submitted_at), soci::into(updated_at),
        soci::into(decision_reason, reason_indicator),
        soci::into(company_number, number_indicator), soci::use(reference);
    if (!session.got_data()) return absl::NotFoundError("no such registration");

    stored.submitted_at = FromStorageTime(submitted_at);
    stored.updated_at = FromStorageTime(updated_at);
    if (reason_indicator == soci::i_ok) stored.decision_reason = decision_reason;
    if (number_indicator == soci::i_ok) stored.company_number = company_number;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return stored;
}

absl::StatusOr<bool> RegistrationRepository::IsNameClaimed(const std::string& name_key) {
  bool claimed = false;
  absl::Status status = database_.Read([&](soci::session& session) {
    long long registration_id = 0;
    session << "SELECT registration_id FROM name_claims WHERE name_key = :name_key",
        soci::into(registration_id), soci::use(name_key);
    claimed = session.got_data();
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return claimed;
}

absl::StatusOr<int> RegistrationRepository::DeleteExpiredIdempotencyKeys(absl::Time now) {
  int deleted = 0;
  absl::Status status = database_.Transaction([&](soci::session& session) {
    const long long cutoff = ToStorageTime(now);
    soci::statement statement =
        (session.prepare << "DELETE FROM idempotency_keys WHERE expires_at_us <= :cutoff",
         soci::use(cutoff));
    statement.execute(true);
    deleted = static_cast<int>(statement.get_affected_rows());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return deleted;
}

}  // namespace portal::registration
