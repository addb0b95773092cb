// The review rules: which step each status allows, who may take it, and what changes.
// Pure functions of the locked state, so AdminRepository::Change can run them inside
// its transaction.
#ifndef PORTAL_SERVICES_ADMIN_REVIEW_RULES_H_
#define PORTAL_SERVICES_ADMIN_REVIEW_RULES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "portal/v1/admin.pb.h"
#include "services/admin/admin_repository.h"

namespace portal::admin {

// The case worker taking a step.
struct Actor {
  std::string subject;
  bool is_approver = false;
};

// SUBMITTED -> IN_REVIEW, assigned to the actor.
absl::StatusOr<ReviewChange> ClaimStep(const ReviewSnapshot& current, const Actor& actor,
                                       absl::Time now);

// IN_REVIEW -> SUBMITTED, unassigned, proposal dropped. The assignee or an approver.
absl::StatusOr<ReviewChange> ReleaseStep(const ReviewSnapshot& current, const Actor& actor);

// The assignee proposes a decision on an IN_REVIEW registration. REQUIRES: `reason` was
// checked by CheckDecisionReason.
absl::StatusOr<ReviewChange> ProposeStep(const ReviewSnapshot& current, const Actor& actor,
                                         portal::v1::Decision decision, const std::string& reason,
                                         absl::Time now);

// An approver other than the proposer confirms (APPROVED with a new company number, or
// REJECTED with the reason and the name freed) or sends the proposal back to IN_REVIEW.
// REQUIRES: the actor has the approver role.
absl::StatusOr<ReviewChange> ConfirmStep(const ReviewSnapshot& current, const Actor& actor,
                                         portal::v1::ConfirmAction action, absl::Time now);

// An internal note, in any status.
absl::StatusOr<ReviewChange> NoteStep(const ReviewSnapshot& current, const std::string& text);

// Checks a reason the applicant will see: 1 to 1000 characters after trimming, no
// control characters other than line breaks. Returns the trimmed reason.
absl::StatusOr<std::string> CheckDecisionReason(absl::string_view reason);

// Checks a note: 1 to 4000 characters after trimming. Returns the trimmed note.
absl::StatusOr<std::string> CheckNoteText(absl::string_view text);

}  // namespace portal::admin

#endif  // PORTAL_SERVICES_ADMIN_REVIEW_RULES_H_
