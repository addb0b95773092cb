#include "services/admin/review_rules.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace portal::admin {
namespace {

using portal::v1::RegistrationStatus_Name;

constexpr size_t kMaxReasonCharacters = 1000;
constexpr size_t kMaxNoteCharacters = 4000;

std::string StatusName(portal::v1::RegistrationStatus status) {
  return RegistrationStatus_Name(status);
}

// Counts code points; protobuf has already checked that string fields are UTF-8.
size_t CharacterCount(absl::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

absl::Status RequireStatus(const ReviewSnapshot& current, portal::v1::RegistrationStatus expected,
                           absl::string_view step) {
  if (current.status == StatusName(expected)) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat("registration ", current.reference, " is ",
                                                    current.status, "; ", step, " needs ",
                                                    StatusName(expected)));
}

ReviewChange Unchanged(const ReviewSnapshot& current, absl::string_view action) {
  ReviewChange change;
  change.status = current.status;
  change.review = current.review;
  change.event.action = std::string(action);
  change.event.details = absl::StrCat("{\"from_status\":\"", current.status, "\"}");
  return change;
}

}  // namespace

absl::StatusOr<ReviewChange> ClaimStep(const ReviewSnapshot& current, const Actor& actor,
                                       absl::Time now) {
  if (current.status == StatusName(portal::v1::IN_REVIEW)) {
    return absl::FailedPreconditionError(absl::StrCat("registration ", current.reference,
                                                      " is already in review by ",
                                                      current.review.assignee));
  }
  if (absl::Status status = RequireStatus(current, portal::v1::SUBMITTED, "claiming");
      !status.ok()) {
    return status;
  }
  ReviewChange change = Unchanged(current, "admin.registration.claimed");
  change.status = StatusName(portal::v1::IN_REVIEW);
  change.review = ReviewFields{actor.subject, now, std::nullopt, "", std::nullopt};
  return change;
}

absl::StatusOr<ReviewChange> ReleaseStep(const ReviewSnapshot& current, const Actor& actor) {
  if (absl::Status status = RequireStatus(current, portal::v1::IN_REVIEW, "releasing");
      !status.ok()) {
    return status;
  }
  if (current.review.assignee != actor.subject && !actor.is_approver) {
    return absl::PermissionDeniedError(absl::StrCat(
        "registration ", current.reference, " is assigned to ", current.review.assignee,
        "; only the assignee or an approver can release it"));
  }
  ReviewChange change = Unchanged(current, "admin.registration.released");
  change.status = StatusName(portal::v1::SUBMITTED);
  change.review = ReviewFields{};
  return change;
}

absl::StatusOr<ReviewChange> ProposeStep(const ReviewSnapshot& current, const Actor& actor,
                                         portal::v1::Decision decision, const std::string& reason,
                                         absl::Time now) {
  if (absl::Status status = RequireStatus(current, portal::v1::IN_REVIEW, "proposing a decision");
      !status.ok()) {
    return status;
  }
  if (current.review.assignee != actor.subject) {
    return absl::PermissionDeniedError(absl::StrCat(
        "registration ", current.reference, " is assigned to ", current.review.assignee,
        "; only the assignee can propose a decision"));
  }
  ReviewChange change = Unchanged(current, "admin.registration.decision_proposed");
  change.review.proposal =
      StoredProposal{portal::v1::Decision_Name(decision), reason, actor.subject, now};
  change.event.details = absl::StrCat("{\"from_status\":\"", current.status,
                                      "\",\"decision\":\"", portal::v1::Decision_Name(decision),
                                      "\"}");
  return change;
}

absl::StatusOr<ReviewChange> ConfirmStep(const ReviewSnapshot& current, const Actor& actor,
                                         portal::v1::ConfirmAction action, absl::Time now) {
  if (absl::Status status = RequireStatus(current, portal::v1::IN_REVIEW, "confirming");
      !status.ok()) {
    return status;
  }
  if (!current.review.proposal.has_value()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "registration ", current.reference, " has no proposed decision to confirm"));
  }
  const StoredProposal& proposal = *current.review.proposal;
  if (proposal.proposed_by == actor.subject) {
    return absl::PermissionDeniedError(absl::StrCat(
        "you proposed the decision on registration ", current.reference,
        "; a different approver must confirm it or send it back"));
  }

  if (action == portal::v1::SEND_BACK) {
    ReviewChange change = Unchanged(current, "admin.registration.sent_back");
    change.review.proposal.reset();
    return change;
  }

  const bool approve = proposal.decision == portal::v1::Decision_Name(portal::v1::APPROVE);
  ReviewChange change = Unchanged(
      current, approve ? "admin.registration.approved" : "admin.registration.rejected");
  change.review.decided_by = actor.subject;
  change.review.decided_at = now;
  if (approve) {
    change.status = StatusName(portal::v1::APPROVED);
    change.allocate_company_number = true;
  } else {
    change.status = StatusName(portal::v1::REJECTED);
    change.decision_reason = proposal.reason;
    change.release_name = true;
  }
  return change;
}

absl::StatusOr<ReviewChange> NoteStep(const ReviewSnapshot& current, const std::string& text) {
  ReviewChange change = Unchanged(current, "admin.registration.note_added");
  change.note_text = text;
  return change;
}

absl::StatusOr<std::string> CheckDecisionReason(absl::string_view reason) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(reason);
  const size_t characters = CharacterCount(trimmed);
  if (characters == 0 || characters > kMaxReasonCharacters) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid reason: a rejection needs a reason of 1 to 1000 characters, got ", characters));
  }
  for (unsigned char c : trimmed) {
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) {
      return absl::InvalidArgumentError(
          "invalid reason: it contains a control character; use plain text and line breaks");
    }
  }
  return std::string(trimmed);
}

absl::StatusOr<std::string> CheckNoteText(absl::string_view text) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  const size_t characters = CharacterCount(trimmed);
  if (characters == 0 || characters > kMaxNoteCharacters) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid note: it must have 1 to 4000 characters, got ", characters));
  }
  return std::string(trimmed);
}

}  // namespace portal::admin
