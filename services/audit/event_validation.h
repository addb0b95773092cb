// Checks on what callers send to the audit service, and the opaque Query page token.
#ifndef PORTAL_SERVICES_AUDIT_EVENT_VALIDATION_H_
#define PORTAL_SERVICES_AUDIT_EVENT_VALIDATION_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "portal/v1/audit.pb.h"
#include "services/audit/audit_repository.h"

namespace portal::audit {

inline constexpr int kMaxAppendBatch = 500;
inline constexpr size_t kMaxActorBytes = 200;
inline constexpr size_t kMaxActionBytes = 64;
inline constexpr size_t kMaxProducerBytes = 64;
inline constexpr size_t kMaxReferenceBytes = 32;
inline constexpr size_t kMaxDetailsBytes = 16384;

// Converts one event of an Append batch. INVALID_ARGUMENT names the field as
// "events[INDEX].FIELD" and the rule it breaks; it never repeats the details text.
absl::StatusOr<NewEvent> ToNewEvent(const portal::v1::AuditEvent& event, int index);

// True for a canonical lowercase UUID such as "0f8fad5b-d9cb-469f-a165-70867728950e".
bool IsCanonicalUuid(absl::string_view text);

// The Query filters, checked. INVALID_ARGUMENT names the field at fault.
absl::StatusOr<EventFilter> ToEventFilter(const portal::v1::QueryRequest& request);

// Where the next page of a query starts. The head is the chain's last sequence when the
// first page was read: later pages stop there, so that events appended meanwhile
// (including the audit.queried events of the earlier pages) do not shift the listing.
struct PagePosition {
  int64_t after_sequence = 0;
  int64_t head_sequence = 0;
};

// Page tokens carry the position and a fingerprint of the filters, so that a token used
// with other filters is rejected instead of skipping events silently.
std::string EncodePageToken(const EventFilter& filter, const PagePosition& position);
absl::StatusOr<PagePosition> DecodePageToken(absl::string_view token, const EventFilter& filter);

}  // namespace portal::audit

#endif  // PORTAL_SERVICES_AUDIT_EVENT_VALIDATION_H_
