#include "services/admin/admin_repository.h"

#include <limits>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace portal::admin {
namespace {

using db::FromStorageTime;
using db::ToStorageTime;

constexpr long long kNoBound = std::numeric_limits<long long>::max();

// Escapes LIKE wildcards with "!", the ESCAPE character used below, so that a name
// filter matches its text literally in both dialects.
std::string LikeContaining(const std::string& text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '!' || c == '%' || c == '_') pattern += '!';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

std::optional<absl::Time> OptionalTime(long long value, soci::indicator indicator) {
  if (indicator != soci::i_ok) return std::nullopt;
  return FromStorageTime(value);
}

// Reads the registration row and its review row. Locks both on MySQL when `lock` is set;
// on SQLite the write transaction already holds the database's only write lock.
absl::StatusOr<ReviewSnapshot> ReadSnapshot(soci::session& session, const char* lock_clause,
                                            const std::string& reference) {
  ReviewSnapshot snapshot;
  long long id = 0;
  long long updated_at = 0;
  std::string decision_reason;
  std::string company_number;
  soci::indicator reason_indicator = soci::i_null;
  soci::indicator number_indicator = soci::i_null;
  session << absl::StrCat("SELECT id, reference, status, version, updated_at_us, decision_reason,"
                          " company_number FROM registrations WHERE reference = :reference",
                          lock_clause),
      soci::into(id), soci::into(snapshot.reference), soci::into(snapshot.status),
      soci::into(snapshot.version), soci::into(updated_at),
      soci::into(decision_reason, reason_indicator), soci::into(company_number, number_indicator),
      soci::use(reference);
  if (!session.got_data()) {
    return absl::NotFoundError(absl::StrCat("no registration has the reference ", reference));
  }
  snapshot.registration_id = id;
  snapshot.updated_at = FromStorageTime(updated_at);
  if (reason_indicator == soci::i_ok) snapshot.decision_reason = decision_reason;
  if (number_indicator == soci::i_ok) snapshot.company_number = company_number;

  std::string assignee, decision, reason, proposed_by, decided_by;
  long long claimed_at = 0, proposed_at = 0, decided_at = 0;
  soci::indicator assignee_indicator = soci::i_null, decision_indicator = soci::i_null,
                  reason_text_indicator = soci::i_null, proposed_by_indicator = soci::i_null,
                  decided_by_indicator = soci::i_null, claimed_at_indicator = soci::i_null,
                  proposed_at_indicator = soci::i_null, decided_at_indicator = soci::i_null;
  session << absl::StrCat("SELECT assignee, claimed_at_us, proposed_decision, proposal_reason,"
                          " proposed_by, proposed_at_us, decided_by, decided_at_us"
                          " FROM admin_reviews WHERE registration_id = :id",
                          lock_clause),
      soci::into(assignee, assignee_indicator), soci::into(claimed_at, claimed_at_indicator),
      soci::into(decision, decision_indicator), soci::into(reason, reason_text_indicator),
      soci::into(proposed_by, proposed_by_indicator),
      soci::into(proposed_at, proposed_at_indicator), soci::into(decided_by, decided_by_indicator),
      soci::into(decided_at, decided_at_indicator), soci::use(id);
  if (session.got_data()) {
    snapshot.has_review_row = true;
    ReviewFields& review = snapshot.review;
    if (assignee_indicator == soci::i_ok) review.assignee = assignee;
    review.claimed_at = OptionalTime(claimed_at, claimed_at_indicator);
    if (decision_indicator == soci::i_ok) {
      review.proposal = StoredProposal{
          decision, reason_text_indicator == soci::i_ok ? reason : "",
          proposed_by_indicator == soci::i_ok ? proposed_by : "",
          OptionalTime(proposed_at, proposed_at_indicator).value_or(absl::UnixEpoch())};
    }
    if (decided_by_indicator == soci::i_ok) review.decided_by = decided_by;
    review.decided_at = OptionalTime(decided_at, decided_at_indicator);
  }
  return snapshot;
}

// Takes the next company number from the single counter row. The row lock (MySQL) or the
// write lock (SQLite) is held until the approval commits, so two approvals can never
// read the same value.
absl::StatusOr<std::string> AllocateCompanyNumber(soci::session& session, const char* lock_clause) {
  long long last = 0;
  session << absl::StrCat("SELECT last_number FROM admin_company_numbers WHERE id = 1",
                          lock_clause),
      soci::into(last);
  if (!session.got_data()) {
    return absl::InternalError("the company number counter row is missing");
  }
  const long long next = last + 1;
  if (next > kMaxCompanyNumber) {
    return absl::ResourceExhaustedError("no eight-digit company number is left to allocate");
  }
  session << "UPDATE admin_company_numbers SET last_number = :next WHERE id = 1",
      soci::use(next);
  return absl::StrFormat("%08d", next);
}

void WriteReviewFields(soci::session& session, long long registration_id, bool exists,
                       const ReviewFields& review) {
  std::string assignee = review.assignee;
  std::string decided_by = review.decided_by;
  soci::indicator assignee_indicator = assignee.empty() ? soci::i_null : soci::i_ok;
  soci::indicator decided_by_indicator = decided_by.empty() ? soci::i_null : soci::i_ok;
  long long claimed_at = review.claimed_at ? ToStorageTime(*review.claimed_at) : 0;
  soci::indicator claimed_at_indicator = review.claimed_at ? soci::i_ok : soci::i_null;
  long long decided_at = review.decided_at ? ToStorageTime(*review.decided_at) : 0;
  soci::indicator decided_at_indicator = review.decided_at ? soci::i_ok : soci::i_null;

  const bool proposed = review.proposal.has_value();
  std::string decision = proposed ? review.proposal->decision : "";
  std::string reason = proposed ? review.proposal->reason : "";
  std::string proposed_by = proposed ? review.proposal->proposed_by : "";
  long long proposed_at = proposed ? ToStorageTime(review.proposal->proposed_at) : 0;
  soci::indicator proposal_indicator = proposed ? soci::i_ok : soci::i_null;
  soci::indicator reason_indicator = proposed && !reason.empty() ? soci::i_ok : soci::i_null;

  const char* statement =
      exists ? "UPDATE admin_reviews SET assignee = :assignee, claimed_at_us = :claimed_at,"
               " proposed_decision = :decision, proposal_reason = :reason,"
               " proposed_by = :proposed_by, proposed_at_us = :proposed_at,"
               " decided_by = :decided_by, decided_at_us = :decided_at"
               " WHERE registration_id = :id"
             : "INSERT INTO admin_reviews (assignee, claimed_at_us, proposed_decision,"
               " proposal_reason, proposed_by, proposed_at_us, decided_by, decided_at_us,"
               " registration_id) VALUES (:assignee, :claimed_at, :decision, :reason,"
               " :proposed_by, :proposed_at, :decided_by, :decided_at, :id)";
  session << statement, soci::use(assignee, assignee_indicator),
      soci::use(claimed_at, claimed_at_indicator), soci::use(decision, proposal_indicator),
      soci::use(reason, reason_indicator), soci::use(proposed_by, proposal_indicator),
      soci::use(proposed_at, proposal_indicator), soci::use(decided_by, decided_by_indicator),
      soci::use(decided_at, decided_at_indicator), soci::use(registration_id);
}

// Adds the new version and any allocated company number to an event's details.
absl::StatusOr<std::string> ExtendDetails(const std::string& details, const ReviewSnapshot& next) {
  boost::system::error_code error;
  boost::json::value parsed = boost::json::parse(details.empty() ? "{}" : details, error);
  if (error || !parsed.is_object()) {
    return absl::InternalError("audit event details are not a JSON object");
  }
  boost::json::object& object = parsed.get_object();
  object["version"] = next.version;
  object["status"] = next.status;
  if (next.company_number.has_value()) object["company_number"] = *next.company_number;
  return boost::json::serialize(object);
}

void InsertEvent(soci::session& session, const AuditEvent& event) {
  long long occurred_at = ToStorageTime(event.occurred_at);
  std::string reference = event.registration_reference.value_or("");
  soci::indicator reference_indicator =
      event.registration_reference.has_value() ? soci::i_ok : soci::i_null;
  session << "INSERT INTO admin_audit_outbox (event_id, occurred_at_us, actor, action,"
             " registration_reference, details)"
             " VALUES (:event_id, :occurred_at, :actor, :action, :reference, :details)",
      soci::use(event.event_id), soci::use(occurred_at), soci::use(event.actor),
      soci::use(event.action), soci::use(reference, reference_indicator),
      soci::use(event.details);
}

}  // namespace

absl::StatusOr<std::vector<ListedRegistration>> AdminRepository::List(const ListQuery& query) {
  std::vector<ListedRegistration> result;
  absl::Status status = database_.Read([&](soci::session& session) {
    // Every filter is always bound, with a value that matches everything when it is
    // unused, so that the statement text and its bindings stay fixed.
    int any_status = query.status.empty() ? 1 : 0;
    std::string status_filter = query.status;
    long long from = query.submitted_from_us.value_or(std::numeric_limits<long long>::min());
    long long before = query.submitted_before_us.value_or(kNoBound);
    std::string name_pattern = LikeContaining(query.normalized_name_part);
    long long after_time = query.after ? query.after->submitted_at_us : kNoBound;
    long long after_time_again = after_time;
    long long after_id = query.after ? query.after->id : kNoBound;
    int limit = query.limit;

    // Rows are fetched one at a time into scalars: soci 4.0's SQLite backend truncates
    // 64-bit integers fetched into vectors to 32 bits.
    ListedRegistration row;
    long long id = 0, submitted_at = 0, updated_at = 0;
    soci::indicator assignee_indicator = soci::i_null;
    soci::statement statement =
        (session.prepare
             << "SELECT r.id, r.reference, r.status, r.company_type, r.proposed_name,"
                " r.submitted_at_us, r.updated_at_us, r.version, v.assignee"
                " FROM registrations r LEFT JOIN admin_reviews v ON v.registration_id = r.id"
                " WHERE (:any_status = 1 OR r.status = :status)"
                " AND r.submitted_at_us >= :from AND r.submitted_at_us < :before"
                " AND r.normalized_name LIKE :name_pattern ESCAPE '!'"
                " AND (r.submitted_at_us < :after_time"
                " OR (r.submitted_at_us = :after_time_again AND r.id < :after_id))"
                " ORDER BY r.submitted_at_us DESC, r.id DESC"
                " LIMIT :limit",
         soci::into(id), soci::into(row.reference), soci::into(row.status),
         soci::into(row.company_type), soci::into(row.proposed_name), soci::into(submitted_at),
         soci::into(updated_at), soci::into(row.version),
         soci::into(row.assignee, assignee_indicator), soci::use(any_status),
         soci::use(status_filter), soci::use(from), soci::use(before), soci::use(name_pattern),
         soci::use(after_time), soci::use(after_time_again), soci::use(after_id),
         soci::use(limit));
    statement.execute();
    while (statement.fetch()) {
      row.id = id;
      row.submitted_at_us = submitted_at;
      row.updated_at_us = updated_at;
      if (assignee_indicator != soci::i_ok) row.assignee.clear();
      result.push_back(row);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<RegistrationRecord> AdminRepository::Find(const std::string& reference) {
  RegistrationRecord record;
  absl::Status status = database_.Read([&](soci::session& session) -> absl::Status {
    absl::StatusOr<ReviewSnapshot> snapshot = ReadSnapshot(session, "", reference);
    if (!snapshot.ok()) return snapshot.status();
    record.snapshot = *std::move(snapshot);

    long long id = record.snapshot.registration_id;
    long long submitted_at = 0;
    session << "SELECT submission, submitted_at_us FROM registrations WHERE id = :id",
        soci::into(record.submission_json), soci::into(submitted_at), soci::use(id);
    record.submitted_at = FromStorageTime(submitted_at);

    std::string author, text;
    long long created_at = 0;
    soci::statement notes =
        (session.prepare << "SELECT author, text, created_at_us FROM admin_notes"
                            " WHERE registration_id = :id ORDER BY id",
         soci::into(author), soci::into(text), soci::into(created_at), soci::use(id));
    notes.execute();
    while (notes.fetch()) {
      record.notes.push_back({author, text, FromStorageTime(created_at)});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return record;
}

absl::Status AdminRepository::RecordEvent(const AuditEvent& event) {
  return database_.Transaction([&](soci::session& session) {
    InsertEvent(session, event);
    return absl::OkStatus();
  });
}

absl::StatusOr<ReviewSnapshot> AdminRepository::Change(const std::string& reference,
                                                       int expected_version, absl::Time now,
                                                       const Decide& decide) {
  ReviewSnapshot result;
  absl::Status status = database_.Transaction([&](soci::session& session) -> absl::Status {
    // 1. Lock the registration and check that nobody changed it since the caller read it.
    absl::StatusOr<ReviewSnapshot> current =
        ReadSnapshot(session, database_.ForUpdate(), reference);
    if (!current.ok()) return current.status();
    if (current->version != expected_version) {
      return absl::AbortedError(absl::StrCat("registration ", reference,
                                             " changed since you read it (version ",
                                             expected_version, ", now ", current->version,
                                             "); read it again"));
    }

    // 2. Apply the review rules to the locked state.
    absl::StatusOr<ReviewChange> change = decide(*current);
    if (!change.ok()) return change.status();

    // 3. Write every consequence in this one transaction.
    ReviewSnapshot next = *current;
    next.status = change->status;
    next.version = current->version + 1;
    next.review = change->review;
    if (change->status != current->status) next.updated_at = now;
    if (change->decision_reason.has_value()) next.decision_reason = change->decision_reason;
    if (change->allocate_company_number) {
      absl::StatusOr<std::string> number = AllocateCompanyNumber(session, database_.ForUpdate());
      if (!number.ok()) return number.status();
      next.company_number = *number;
    }

    long long id = next.registration_id;
    long long updated_at = ToStorageTime(next.updated_at);
    std::string reason = next.decision_reason.value_or("");
    std::string number = next.company_number.value_or("");
    soci::indicator reason_indicator = next.decision_reason ? soci::i_ok : soci::i_null;
    soci::indicator number_indicator = next.company_number ? soci::i_ok : soci::i_null;
    soci::statement update =
        (session.prepare << "UPDATE registrations SET status = :status, version = :version,"
                            " updated_at_us = :updated_at, decision_reason = :reason,"
                            " company_number = :number WHERE id = :id AND version = :expected",
         soci::use(next.status), soci::use(next.version), soci::use(updated_at),
         soci::use(reason, reason_indicator), soci::use(number, number_indicator),
         soci::use(id), soci::use(current->version));
    update.execute(true);
    if (update.get_affected_rows() != 1) {
      return absl::AbortedError(absl::StrCat("registration ", reference,
                                             " changed while it was being updated; read it again"));
    }

    WriteReviewFields(session, id, current->has_review_row, next.review);
    next.has_review_row = true;
    if (change->release_name) {
      session << "DELETE FROM name_claims WHERE registration_id = :id", soci::use(id);
    }
    if (change->note_text.has_value()) {
      long long created_at = ToStorageTime(now);
      session << "INSERT INTO admin_notes (registration_id, author, text, created_at_us)"
                 " VALUES (:id, :author, :text, :created_at)",
          soci::use(id), soci::use(change->event.actor), soci::use(*change->note_text),
          soci::use(created_at);
    }
    absl::StatusOr<std::string> details = ExtendDetails(change->event.details, next);
    if (!details.ok()) return details.status();
    AuditEvent event = change->event;
    event.details = *details;
    InsertEvent(session, event);
    result = std::move(next);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace portal::admin
