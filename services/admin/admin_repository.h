// Storage of the review state: reads of the registration service's tables, the admin
// tables, and the admin audit outbox. The review rules themselves live in the service,
// which passes them to Change() as a function.
#ifndef PORTAL_SERVICES_ADMIN_ADMIN_REPOSITORY_H_
#define PORTAL_SERVICES_ADMIN_ADMIN_REPOSITORY_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/database.h"

namespace portal::admin {

// One event for the audit chain. `details` is a JSON object without personal data of
// applicants or officers.
struct AuditEvent {
  std::string event_id;
  std::string actor;   // The token subject of the case worker.
  std::string action;  // For example "admin.registration.approved".
  std::optional<std::string> registration_reference;
  std::string details;
  absl::Time occurred_at;
};

struct StoredProposal {
  std::string decision;  // The Decision enum name: "APPROVE" or "REJECT".
  std::string reason;    // Empty for APPROVE.
  std::string proposed_by;
  absl::Time proposed_at;
};

// The review fields of a registration, as kept in admin_reviews.
struct ReviewFields {
  std::string assignee;  // Empty when unassigned.
  std::optional<absl::Time> claimed_at;
  std::optional<StoredProposal> proposal;
  std::string decided_by;  // Empty until a decision is confirmed.
  std::optional<absl::Time> decided_at;
};

// The state of one registration as read inside a transaction, without personal data.
struct ReviewSnapshot {
  int64_t registration_id = 0;
  std::string reference;
  std::string status;  // The RegistrationStatus enum name.
  int version = 0;
  absl::Time updated_at;
  std::optional<std::string> decision_reason;
  std::optional<std::string> company_number;
  ReviewFields review;
  bool has_review_row = false;  // Whether admin_reviews holds a row for it yet.
};

// What a review step changes. Built by the service from a snapshot.
struct ReviewChange {
  std::string status;  // The new status; the old one when unchanged.
  ReviewFields review;
  bool allocate_company_number = false;  // Approval: take the next number from the counter.
  std::optional<std::string> decision_reason;
  bool release_name = false;  // Rejection: delete the name claim so the name is free again.
  std::optional<std::string> note_text;
  // Written in the same transaction. Change() adds "version" and, on approval,
  // "company_number" to its details object.
  AuditEvent event;
};

// Everything about one registration, for GetRegistration.
struct RegistrationRecord {
  ReviewSnapshot snapshot;
  std::string submission_json;
  absl::Time submitted_at;
  struct Note {
    std::string author;
    std::string text;
    absl::Time created_at;
  };
  std::vector<Note> notes;  // Oldest first.
};

// Position of a row in the newest-first order, (submitted_at, id) descending.
struct ListCursor {
  int64_t submitted_at_us = 0;
  int64_t id = 0;
};

struct ListQuery {
  std::string status;  // Empty: every status.
  std::optional<int64_t> submitted_from_us;
  std::optional<int64_t> submitted_before_us;
  std::string normalized_name_part;  // Empty: every name.
  std::optional<ListCursor> after;   // Rows strictly after this position.
  int limit = 20;
};

struct ListedRegistration {
  int64_t id = 0;
  std::string reference;
  std::string status;
  std::string company_type;
  std::string proposed_name;
  int64_t submitted_at_us = 0;
  int64_t updated_at_us = 0;
  int version = 0;
  std::string assignee;
};

// Highest company number the eight-digit format can hold.
inline constexpr int64_t kMaxCompanyNumber = 99999999;

class AdminRepository {
 public:
  explicit AdminRepository(db::Database& database) : database_(database) {}

  // Returns up to `query.limit` registrations, newest submission first.
  absl::StatusOr<std::vector<ListedRegistration>> List(const ListQuery& query);

  // NOT_FOUND when no registration has the canonical `reference`.
  absl::StatusOr<RegistrationRecord> Find(const std::string& reference);

  // Writes one audit event in its own transaction.
  absl::Status RecordEvent(const AuditEvent& event);

  using Decide = std::function<absl::StatusOr<ReviewChange>(const ReviewSnapshot&)>;

  // Applies one review step in one transaction: locks the registration, checks that its
  // version is still `expected_version`, asks `decide` for the change, and writes the
  // registration, the review fields, the company number, the name claim, the note and the
  // audit event together. The status and updated_at change only when `decide` changes
  // the status; the version increases by one in every case.
  // Returns the new state; NOT_FOUND; ABORTED for a stale version; decide's own error;
  // RESOURCE_EXHAUSTED when no eight-digit company number is left.
  absl::StatusOr<ReviewSnapshot> Change(const std::string& reference, int expected_version,
                                        absl::Time now, const Decide& decide);

 private:
  db::Database& database_;
};

}  // namespace portal::admin

#endif  // PORTAL_SERVICES_ADMIN_ADMIN_REPOSITORY_H_
