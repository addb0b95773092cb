// Storage of the audit chain: appends that extend the hash chain one event at a time,
// filtered reads, and the walk that Verify runs.
#ifndef PORTAL_SERVICES_AUDIT_AUDIT_REPOSITORY_H_
#define PORTAL_SERVICES_AUDIT_AUDIT_REPOSITORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/database.h"
#include "services/audit/chain.h"

namespace portal::audit {

// An event to append, already validated. The chain fields come from the repository.
struct NewEvent {
  std::string event_id;
  int64_t occurred_at_us = 0;
  std::string producer;
  std::string actor;
  std::string action;
  std::string registration_reference;  // Empty when the event concerns no registration.
  std::string details;
};

enum class AppendOutcome {
  kAppended,  // Every new event was appended; repeats were acknowledged.
  kConflict,  // An event id is recorded with other content; nothing was stored.
};

struct AppendResult {
  AppendOutcome outcome = AppendOutcome::kAppended;
  int appended_count = 0;
  int duplicate_count = 0;
  int64_t head_sequence = 0;
  std::string conflicting_event_id;  // kConflict only.
};

// Filters combine with AND; an unset filter matches every event.
struct EventFilter {
  std::string registration_reference;
  std::string actor;
  std::string action;
  std::optional<int64_t> occurred_since_us;  // Inclusive.
  std::optional<int64_t> occurred_until_us;  // Exclusive.
  int64_t from_sequence = 0;                 // Inclusive; 0 means from the start.
};

class AuditRepository {
 public:
  explicit AuditRepository(db::Database& database) : database_(database) {}

  // Appends `events` in order in one transaction, each with the next sequence number and
  // its chained hash. The chain lock row serializes concurrent appends: SELECT ... FOR
  // UPDATE on MySQL, and BEGIN IMMEDIATE on SQLite. An event whose id is recorded with the
  // same content counts as a duplicate and stores nothing.
  absl::StatusOr<AppendResult> Append(const std::vector<NewEvent>& events, absl::Time recorded_at);

  // Returns up to `limit` events that match `filter` with a sequence above
  // `after_sequence` and at most `max_sequence`, in ascending sequence order.
  absl::StatusOr<std::vector<StoredEvent>> Find(const EventFilter& filter, int64_t after_sequence,
                                                int64_t max_sequence, int limit);

  // Returns the sequence number of the last event, or 0 on an empty chain.
  absl::StatusOr<int64_t> HeadSequence();

  // Walks the chain from sequence 1 to the head that exists when the walk starts, and
  // stops at the first failure.
  absl::StatusOr<VerifyResult> Verify();

 private:
  db::Database& database_;
};

}  // namespace portal::audit

#endif  // PORTAL_SERVICES_AUDIT_AUDIT_REPOSITORY_H_
