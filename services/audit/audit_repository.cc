#include "services/audit/audit_repository.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/db/database.h"
#include "common/logging/log.h"

namespace portal::audit {
namespace {

// Events read per round trip while Verify walks the chain.
constexpr int kVerifyPageSize = 1000;

constexpr char kSelectColumns[] =
    "SELECT sequence, event_id, occurred_at_us, recorded_at_us, producer, actor, action,"
    " registration_reference, details, previous_hash, hash FROM audit_events";

// Named parameters of a query whose WHERE clause is built at run time. The vectors are
// filled before any value is bound, because soci keeps references to the values.
struct Parameters {
  std::vector<std::pair<std::string, std::string>> strings;
  std::vector<std::pair<std::string, long long>> integers;
};

// Runs kSelectColumns with `conditions` (joined by AND) and returns up to `limit` rows
// in ascending sequence order.
std::vector<StoredEvent> SelectEvents(soci::session& session,
                                      const std::vector<std::string>& conditions,
                                      Parameters& parameters, int limit) {
  std::string sql = kSelectColumns;
  if (!conditions.empty()) absl::StrAppend(&sql, " WHERE ", absl::StrJoin(conditions, " AND "));
  absl::StrAppend(&sql, " ORDER BY sequence LIMIT ", limit);

  long long sequence = 0;
  long long occurred_at = 0;
  long long recorded_at = 0;
  StoredEvent row;
  soci::indicator reference_indicator = soci::i_ok;

  soci::statement statement(session);
  statement.exchange(soci::into(sequence));
  statement.exchange(soci::into(row.event_id));
  statement.exchange(soci::into(occurred_at));
  statement.exchange(soci::into(recorded_at));
  statement.exchange(soci::into(row.producer));
  statement.exchange(soci::into(row.actor));
  statement.exchange(soci::into(row.action));
  statement.exchange(soci::into(row.registration_reference, reference_indicator));
  statement.exchange(soci::into(row.details));
  statement.exchange(soci::into(row.previous_hash));
  statement.exchange(soci::into(row.hash));
  for (auto& [name, value] : parameters.strings) statement.exchange(soci::use(value, name));
  for (auto& [name, value] : parameters.integers) statement.exchange(soci::use(value, name));
  statement.alloc();
  statement.prepare(sql);
  statement.define_and_bind();

  std::vector<StoredEvent> events;
  if (!statement.execute(true)) return events;
  do {
    StoredEvent event = row;
    event.sequence = sequence;
    event.occurred_at_us = occurred_at;
    event.recorded_at_us = recorded_at;
    if (reference_indicator == soci::i_null) event.registration_reference.clear();
    events.push_back(std::move(event));
  } while (statement.fetch());
  return events;
}

// The content of an event as it is already recorded, to tell a repeat from a conflict.
bool SameContent(soci::session& session, const NewEvent& event, bool* recorded) {
  long long occurred_at = 0;
  std::string producer;
  std::string actor;
  std::string action;
  std::string reference;
  soci::indicator reference_indicator = soci::i_ok;
  std::string details;
  session << "SELECT occurred_at_us, producer, actor, action, registration_reference, details"
             " FROM audit_events WHERE event_id = :event_id",
      soci::into(occurred_at), soci::into(producer), soci::into(actor), soci::into(action),
      soci::into(reference, reference_indicator), soci::into(details), soci::use(event.event_id);
  *recorded = session.got_data();
  if (!*recorded) return false;
  if (reference_indicator == soci::i_null) reference.clear();
  return occurred_at == event.occurred_at_us && producer == event.producer &&
         actor == event.actor && action == event.action &&
         reference == event.registration_reference && details == event.details;
}

// Rolls back a batch that contains a conflicting event. Append() turns it into
// AppendOutcome::kConflict.
const absl::Status& ConflictStatus() {
  static const auto* status = new absl::Status(absl::AbortedError("event id conflict"));
  return *status;
}

}  // namespace

absl::StatusOr<AppendResult> AuditRepository::Append(const std::vector<NewEvent>& events,
                                                     absl::Time recorded_at) {
  const long long recorded_at_us = db::ToStorageTime(recorded_at);
  AppendResult result;
  auto work = [&](soci::session& session) -> absl::Status {
    result = AppendResult{};

    // 1. Take the chain lock, so that no other append reads the same head.
    int lock_id = 0;
    session << absl::StrCat("SELECT id FROM audit_chain_lock WHERE id = 1",
                            database_.ForUpdate()),
        soci::into(lock_id);
    if (!session.got_data()) {
      return absl::FailedPreconditionError(
          "the audit_chain_lock row is missing; the audit migrations have not run completely");
    }

    // 2. The current head, or the genesis values on an empty chain.
    long long head_sequence = 0;
    std::string head_hash;
    session << absl::StrCat("SELECT sequence, hash FROM audit_events ORDER BY sequence DESC LIMIT 1",
                            database_.ForUpdate()),
        soci::into(head_sequence), soci::into(head_hash);
    if (!session.got_data()) {
      head_sequence = 0;
      head_hash = std::string(kGenesisHash);
    }

    // 3. Each new event extends the chain, and a repeat stores nothing.
    for (const NewEvent& event : events) {
      bool recorded = false;
      const bool same = SameContent(session, event, &recorded);
      if (recorded && same) {
        ++result.duplicate_count;
        continue;
      }
      if (recorded) {
        result.outcome = AppendOutcome::kConflict;
        result.conflicting_event_id = event.event_id;
        return ConflictStatus();
      }

      StoredEvent stored;
      stored.sequence = head_sequence + 1;
      stored.event_id = event.event_id;
      stored.occurred_at_us = event.occurred_at_us;
      stored.recorded_at_us = recorded_at_us;
      stored.producer = event.producer;
      stored.actor = event.actor;
      stored.action = event.action;
      stored.registration_reference = event.registration_reference;
      stored.details = event.details;
      stored.previous_hash = head_hash;
      stored.hash = ComputeHash(head_hash, stored);

      const long long sequence = stored.sequence;
      const long long occurred_at = stored.occurred_at_us;
      soci::indicator reference_indicator =
          stored.registration_reference.empty() ? soci::i_null : soci::i_ok;
      session << "INSERT INTO audit_events (sequence, event_id, occurred_at_us, recorded_at_us,"
                 " producer, actor, action, registration_reference, details, previous_hash, hash)"
                 " VALUES (:sequence, :event_id, :occurred_at, :recorded_at, :producer, :actor,"
                 " :action, :reference, :details, :previous_hash, :hash)",
          soci::use(sequence), soci::use(stored.event_id), soci::use(occurred_at),
          soci::use(recorded_at_us), soci::use(stored.producer), soci::use(stored.actor),
          soci::use(stored.action), soci::use(stored.registration_reference, reference_indicator),
          soci::use(stored.details), soci::use(stored.previous_hash), soci::use(stored.hash);

      head_sequence = sequence;
      head_hash = stored.hash;
      ++result.appended_count;
    }
    result.head_sequence = head_sequence;
    return absl::OkStatus();
  };

  absl::Status status = database_.Transaction(work);
  if (absl::IsAlreadyExists(status)) {
    // A unique key was violated although the chain lock was held: the sequence or event
    // id was written outside this service. Once more, the checks inside see the row.
    log::Warning("audit append hit a unique key; retrying once");
    status = database_.Transaction(work);
  }
  if (result.outcome == AppendOutcome::kConflict && status == ConflictStatus()) return result;
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<std::vector<StoredEvent>> AuditRepository::Find(const EventFilter& filter,
                                                               int64_t after_sequence,
                                                               int64_t max_sequence, int limit) {
  std::vector<std::string> conditions;
  Parameters parameters;
  const long long lower_sequence = std::max<int64_t>(after_sequence, filter.from_sequence - 1);
  conditions.push_back("sequence > :after_sequence");
  parameters.integers.emplace_back("after_sequence", lower_sequence);
  conditions.push_back("sequence <= :max_sequence");
  parameters.integers.emplace_back("max_sequence", max_sequence);
  if (!filter.registration_reference.empty()) {
    conditions.push_back("registration_reference = :reference");
    parameters.strings.emplace_back("reference", filter.registration_reference);
  }
  if (!filter.actor.empty()) {
    conditions.push_back("actor = :actor");
    parameters.strings.emplace_back("actor", filter.actor);
  }
  if (!filter.action.empty()) {
    conditions.push_back("action = :action");
    parameters.strings.emplace_back("action", filter.action);
  }
  if (filter.occurred_since_us.has_value()) {
    conditions.push_back("occurred_at_us >= :occurred_since");
    parameters.integers.emplace_back("occurred_since", *filter.occurred_since_us);
  }
  if (filter.occurred_until_us.has_value()) {
    conditions.push_back("occurred_at_us < :occurred_until");
    parameters.integers.emplace_back("occurred_until", *filter.occurred_until_us);
  }

  std::vector<StoredEvent> events;
  absl::Status status = database_.Read([&](soci::session& session) {
    events = SelectEvents(session, conditions, parameters, limit);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return events;
}

absl::StatusOr<int64_t> AuditRepository::HeadSequence() {
  long long head_sequence = 0;
  absl::Status status = database_.Read([&](soci::session& session) {
    soci::indicator indicator = soci::i_ok;
    session << "SELECT MAX(sequence) FROM audit_events", soci::into(head_sequence, indicator);
    if (indicator == soci::i_null) head_sequence = 0;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return head_sequence;
}

absl::StatusOr<VerifyResult> AuditRepository::Verify() {
  // The head is fixed first, so that events appended during the walk are left for the
  // next check instead of making the walk endless.
  absl::StatusOr<int64_t> head = HeadSequence();
  if (!head.ok()) return head.status();
  const long long head_sequence = *head;
  absl::Status status;

  ChainVerifier verifier;
  long long after_sequence = 0;
  while (after_sequence < head_sequence) {
    std::vector<StoredEvent> page;
    status = database_.Read([&](soci::session& session) {
      Parameters parameters;
      parameters.integers.emplace_back("after_sequence", after_sequence);
      parameters.integers.emplace_back("head_sequence", head_sequence);
      page = SelectEvents(session, {"sequence > :after_sequence", "sequence <= :head_sequence"},
                          parameters, kVerifyPageSize);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    if (page.empty()) break;

    for (const StoredEvent& event : page) {
      if (!verifier.Check(event)) return verifier.result();
    }
    after_sequence = page.back().sequence;
  }
  return verifier.result();
}

}  // namespace portal::audit
