#include "services/admin/admin_service.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "absl/strings/str_cat.h"
#include "common/auth/call_credentials.h"
#include "common/crypto/crypto.h"
#include "common/grpc/status.h"
#include "common/logging/log.h"
#include "services/admin/review_rules.h"
#include "services/registration/name_rules.h"
#include "services/registration/reference.h"

namespace portal::admin {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 100;
constexpr size_t kMaxNameFilterBytes = 640;
constexpr int kMaxVersion = std::numeric_limits<int>::max();

struct Permission {
  const char* activity;  // As the PERMISSION_DENIED message names it.
  bool reviewer;
  bool approver;
  bool auditor;
  const char* needed;  // The roles that would allow it, for the message.
};

// Returns the roles allowed to do `activity`. Approvers may do everything reviewers
// may, and auditors may only read.
Permission PermissionFor(Activity activity) {
  switch (activity) {
    case Activity::kList:
      return {"listing registrations", true, true, true, "the reviewer, approver or auditor role"};
    case Activity::kGet:
      return {"reading a registration", true, true, true, "the reviewer, approver or auditor role"};
    case Activity::kClaim:
      return {"claiming a registration", true, true, false, "the reviewer role"};
    case Activity::kRelease:
      return {"releasing a registration", true, true, false, "the reviewer role"};
    case Activity::kPropose:
      return {"proposing a decision", true, true, false, "the reviewer role"};
    case Activity::kNote:
      return {"adding a note", true, true, false, "the reviewer role"};
    case Activity::kConfirm:
      return {"confirming a decision", false, true, false, "the approver role"};
  }
  return {"this call", false, false, false, "a role"};
}

google::protobuf::Timestamp ToTimestamp(absl::Time time) {
  return TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(time));
}

absl::Status NotFoundReference(absl::string_view text) {
  return absl::NotFoundError(absl::StrCat("no registration has the reference \"", text, "\""));
}

// The canonical reference, or NOT_FOUND for text that cannot be one.
absl::StatusOr<std::string> ParseReference(absl::string_view text) {
  std::optional<std::string> reference = registration::CanonicalReference(text);
  if (!reference.has_value()) return NotFoundReference(text);
  return *reference;
}

void FillState(const ReviewSnapshot& snapshot, portal::v1::RegistrationState* state) {
  state->set_reference(snapshot.reference);
  portal::v1::RegistrationStatus status = portal::v1::REGISTRATION_STATUS_UNSPECIFIED;
  portal::v1::RegistrationStatus_Parse(snapshot.status, &status);
  state->set_status(status);
  state->set_version(snapshot.version);
  *state->mutable_updated_at() = ToTimestamp(snapshot.updated_at);
  state->set_assignee(snapshot.review.assignee);
  if (snapshot.review.proposal.has_value()) {
    const StoredProposal& stored = *snapshot.review.proposal;
    portal::v1::Proposal* proposal = state->mutable_proposal();
    portal::v1::Decision decision = portal::v1::DECISION_UNSPECIFIED;
    portal::v1::Decision_Parse(stored.decision, &decision);
    proposal->set_decision(decision);
    proposal->set_reason(stored.reason);
    proposal->set_proposed_by(stored.proposed_by);
    *proposal->mutable_proposed_at() = ToTimestamp(stored.proposed_at);
  }
  if (snapshot.company_number.has_value()) state->set_company_number(*snapshot.company_number);
  if (snapshot.decision_reason.has_value()) state->set_decision_reason(*snapshot.decision_reason);
  state->set_decided_by(snapshot.review.decided_by);
}

// Maps a repository or rule error once, at the edge. A unique-key violation here can only
// be a race the transaction lost, so the caller should read again.
grpc::Status ToCallStatus(const absl::Status& status) {
  if (absl::IsAlreadyExists(status)) {
    return grpc::Status(grpc::StatusCode::ABORTED,
                        "the change conflicted with another one; read the registration again");
  }
  return grpc_server::ToGrpcStatus(status);
}

// Builds the filters of a listing, or INVALID_ARGUMENT naming the field at fault.
absl::StatusOr<ListQuery> BuildListQuery(const portal::v1::ListRegistrationsRequest& request) {
  ListQuery query;
  if (request.page_size() < 0 || request.page_size() > kMaxPageSize) {
    return absl::InvalidArgumentError(absl::StrCat("invalid page_size ", request.page_size(),
                                                   ": use 1 to 100, or 0 for 20"));
  }
  query.limit = request.page_size() == 0 ? kDefaultPageSize : request.page_size();
  if (request.status() != portal::v1::REGISTRATION_STATUS_UNSPECIFIED) {
    if (!portal::v1::RegistrationStatus_IsValid(request.status())) {
      return absl::InvalidArgumentError(absl::StrCat("invalid status ", request.status()));
    }
    query.status = portal::v1::RegistrationStatus_Name(request.status());
  }
  if (request.has_submitted_from()) {
    query.submitted_from_us = TimeUtil::TimestampToMicroseconds(request.submitted_from());
  }
  if (request.has_submitted_before()) {
    query.submitted_before_us = TimeUtil::TimestampToMicroseconds(request.submitted_before());
  }
  if (!request.name_contains().empty()) {
    if (request.name_contains().size() > kMaxNameFilterBytes) {
      return absl::InvalidArgumentError("invalid name_contains: at most 160 characters");
    }
    query.normalized_name_part = registration::NormalizeName(request.name_contains());
    if (query.normalized_name_part.empty()) {
      return absl::InvalidArgumentError(
          "invalid name_contains: it has no letters or digits once normalized (a legal suffix "
          "such as \"Ltd\" alone is dropped)");
    }
  }
  return query;
}

}  // namespace

AdminServiceImpl::AdminServiceImpl(AdminRepository& repository,
                                   const auth::TokenVerifier& verifier,
                                   AdminServiceOptions options)
    : repository_(repository), verifier_(verifier), options_(std::move(options)),
      page_tokens_(options_.page_token_key) {}

absl::StatusOr<auth::Principal> AdminServiceImpl::Authorize(const grpc::ServerContext& context,
                                                            Activity activity) const {
  absl::StatusOr<auth::Principal> principal =
      auth::AuthenticateCall(context, verifier_, options_.clock());
  if (!principal.ok()) {
    log::Write(log::Severity::kInfo, "call rejected: not authenticated",
               grpc_server::RequestId(&context),
               {{"reason", std::string(principal.status().message())}});
    return principal.status();
  }
  const Permission permission = PermissionFor(activity);
  if ((permission.reviewer && principal->HasRole(auth::kReviewerRole)) ||
      (permission.approver && principal->HasRole(auth::kApproverRole)) ||
      (permission.auditor && principal->HasRole(auth::kAuditorRole))) {
    return principal;
  }
  log::Write(log::Severity::kInfo, "call rejected: role missing", grpc_server::RequestId(&context),
             {{"activity", permission.activity}});
  return absl::PermissionDeniedError(
      absl::StrCat(permission.activity, " needs ", permission.needed));
}

AuditEvent AdminServiceImpl::NewEvent(const auth::Principal& principal, absl::string_view action,
                                      absl::Time now) const {
  AuditEvent event;
  event.event_id = crypto::RandomUuid();
  event.actor = principal.subject;
  event.action = std::string(action);
  event.occurred_at = now;
  return event;
}

grpc::Status AdminServiceImpl::ListRegistrations(
    grpc::ServerContext* context, const portal::v1::ListRegistrationsRequest* request,
    portal::v1::ListRegistrationsResponse* response) {
  const std::string request_id = grpc_server::RequestId(context);
  absl::StatusOr<auth::Principal> principal = Authorize(*context, Activity::kList);
  if (!principal.ok()) return ToCallStatus(principal.status());

  absl::StatusOr<ListQuery> query = BuildListQuery(*request);
  if (!query.ok()) return ToCallStatus(query.status());
  const std::string fingerprint = FilterFingerprint(*query);
  if (!request->page_token().empty()) {
    absl::StatusOr<ListCursor> cursor = page_tokens_.Decode(request->page_token(), fingerprint);
    if (!cursor.ok()) return ToCallStatus(cursor.status());
    query->after = *cursor;
  }

  // Fetching one row beyond the page shows whether another page follows.
  const int page_size = query->limit;
  query->limit = page_size + 1;
  absl::StatusOr<std::vector<ListedRegistration>> rows = repository_.List(*query);
  if (!rows.ok()) {
    log::Write(log::Severity::kError, "listing registrations failed", request_id,
               {{"error", std::string(rows.status().message())}});
    return ToCallStatus(rows.status());
  }
  const bool more = rows->size() > static_cast<size_t>(page_size);
  if (more) rows->resize(page_size);

  // The listing shows company names, so it is recorded before it is returned.
  const absl::Time now = options_.clock();
  AuditEvent event = NewEvent(*principal, "admin.registrations.listed", now);
  boost::json::array references;
  for (const ListedRegistration& row : *rows) references.emplace_back(row.reference);
  event.details = boost::json::serialize(boost::json::object{
      {"request_id", request_id},
      {"status_filter", query->status},
      {"name_filter", !query->normalized_name_part.empty()},
      {"references", references}});
  if (absl::Status status = repository_.RecordEvent(event); !status.ok()) {
    log::Write(log::Severity::kError, "audit event not recorded; listing withheld", request_id,
               {{"error", std::string(status.message())}});
    return ToCallStatus(status);
  }

  for (const ListedRegistration& row : *rows) {
    portal::v1::RegistrationSummary* summary = response->add_registrations();
    summary->set_reference(row.reference);
    portal::v1::RegistrationStatus status = portal::v1::REGISTRATION_STATUS_UNSPECIFIED;
    portal::v1::RegistrationStatus_Parse(row.status, &status);
    summary->set_status(status);
    portal::v1::CompanyType type = portal::v1::COMPANY_TYPE_UNSPECIFIED;
    portal::v1::CompanyType_Parse(row.company_type, &type);
    summary->set_company_type(type);
    summary->set_proposed_name(row.proposed_name);
    *summary->mutable_submitted_at() = ToTimestamp(db::FromStorageTime(row.submitted_at_us));
    *summary->mutable_updated_at() = ToTimestamp(db::FromStorageTime(row.updated_at_us));
    summary->set_version(row.version);
    summary->set_assignee(row.assignee);
  }
  if (more) {
    const ListedRegistration& last = rows->back();
    response->set_next_page_token(
        page_tokens_.Encode(ListCursor{last.submitted_at_us, last.id}, fingerprint));
  }
  return grpc::Status::OK;
}

grpc::Status AdminServiceImpl::GetRegistration(grpc::ServerContext* context,
                                               const portal::v1::GetRegistrationRequest* request,
                                               portal::v1::RegistrationDetail* response) {
  const std::string request_id = grpc_server::RequestId(context);
  absl::StatusOr<auth::Principal> principal = Authorize(*context, Activity::kGet);
  if (!principal.ok()) return ToCallStatus(principal.status());
  absl::StatusOr<std::string> reference = ParseReference(request->reference());
  if (!reference.ok()) return ToCallStatus(reference.status());

  absl::StatusOr<RegistrationRecord> record = repository_.Find(*reference);
  if (!record.ok()) {
    if (!absl::IsNotFound(record.status())) {
      log::Write(log::Severity::kError, "reading a registration failed", request_id,
                 {{"reference", *reference}, {"error", std::string(record.status().message())}});
    }
    return ToCallStatus(record.status());
  }

  google::protobuf::util::JsonParseOptions parse_options;
  parse_options.ignore_unknown_fields = false;
  if (!google::protobuf::util::JsonStringToMessage(record->submission_json,
                                                   response->mutable_registration(), parse_options)
           .ok()) {
    log::Write(log::Severity::kError, "stored submission does not parse", request_id,
               {{"reference", *reference}});
    return grpc::Status(grpc::StatusCode::INTERNAL, "the stored submission cannot be read");
  }

  // Personal data is about to be shown: record who read it first.
  AuditEvent event = NewEvent(*principal, "admin.registration.read", options_.clock());
  event.registration_reference = *reference;
  event.details = boost::json::serialize(boost::json::object{{"request_id", request_id}});
  if (absl::Status status = repository_.RecordEvent(event); !status.ok()) {
    log::Write(log::Severity::kError, "audit event not recorded; registration withheld",
               request_id, {{"reference", *reference}, {"error", std::string(status.message())}});
    response->Clear();
    return ToCallStatus(status);
  }

  FillState(record->snapshot, response->mutable_state());
  *response->mutable_submitted_at() = ToTimestamp(record->submitted_at);
  for (const RegistrationRecord::Note& stored : record->notes) {
    portal::v1::Note* note = response->add_notes();
    note->set_author(stored.author);
    note->set_text(stored.text);
    *note->mutable_created_at() = ToTimestamp(stored.created_at);
  }
  return grpc::Status::OK;
}

grpc::Status AdminServiceImpl::ApplyStep(
    grpc::ServerContext* context, Activity activity, const std::string& reference_text,
    int64_t version, const StepFactory& make_step,
    portal::v1::RegistrationState* response) {
  const std::string request_id = grpc_server::RequestId(context);
  absl::StatusOr<auth::Principal> principal = Authorize(*context, activity);
  if (!principal.ok()) return ToCallStatus(principal.status());
  absl::StatusOr<std::string> reference = ParseReference(reference_text);
  if (!reference.ok()) return ToCallStatus(reference.status());
  if (version < 1 || version > kMaxVersion) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        absl::StrCat("invalid version ", version,
                                     ": send the version of the registration you last read"));
  }

  const absl::Time now = options_.clock();
  absl::StatusOr<Step> step = make_step(*principal, now);
  if (!step.ok()) return ToCallStatus(step.status());
  absl::StatusOr<ReviewSnapshot> result = repository_.Change(
      *reference, static_cast<int>(version), now,
      [&](const ReviewSnapshot& current) -> absl::StatusOr<ReviewChange> {
        absl::StatusOr<ReviewChange> change = (*step)(current);
        if (!change.ok()) return change;
        const std::string action = change->event.action;
        const std::string details = change->event.details;
        change->event = NewEvent(*principal, action, now);
        change->event.registration_reference = *reference;
        change->event.details = details;
        return change;
      });
  if (!result.ok()) {
    const absl::StatusCode code = result.status().code();
    const bool expected = code == absl::StatusCode::kNotFound ||
                          code == absl::StatusCode::kAborted ||
                          code == absl::StatusCode::kFailedPrecondition ||
                          code == absl::StatusCode::kPermissionDenied;
    log::Write(expected ? log::Severity::kInfo : log::Severity::kError, "review step rejected",
               request_id,
               {{"reference", *reference},
                {"activity", PermissionFor(activity).activity},
                {"code", absl::StatusCodeToString(code)},
                {"error", std::string(result.status().message())}});
    return ToCallStatus(result.status());
  }
  log::Write(log::Severity::kInfo, "review step applied", request_id,
             {{"reference", *reference},
              {"activity", PermissionFor(activity).activity},
              {"status", result->status},
              {"version", result->version}});
  FillState(*result, response);
  return grpc::Status::OK;
}

grpc::Status AdminServiceImpl::ClaimRegistration(
    grpc::ServerContext* context, const portal::v1::ClaimRegistrationRequest* request,
    portal::v1::RegistrationState* response) {
  return ApplyStep(
      context, Activity::kClaim, request->reference(), request->version(),
      [](const auth::Principal& principal, absl::Time now) -> absl::StatusOr<Step> {
        Actor actor{principal.subject, principal.HasRole(auth::kApproverRole)};
        return Step([actor, now](const ReviewSnapshot& current) {
          return ClaimStep(current, actor, now);
        });
      },
      response);
}

grpc::Status AdminServiceImpl::ReleaseRegistration(
    grpc::ServerContext* context, const portal::v1::ReleaseRegistrationRequest* request,
    portal::v1::RegistrationState* response) {
  return ApplyStep(
      context, Activity::kRelease, request->reference(), request->version(),
      [](const auth::Principal& principal, absl::Time) -> absl::StatusOr<Step> {
        Actor actor{principal.subject, principal.HasRole(auth::kApproverRole)};
        return Step([actor](const ReviewSnapshot& current) { return ReleaseStep(current, actor); });
      },
      response);
}

grpc::Status AdminServiceImpl::ProposeDecision(grpc::ServerContext* context,
                                               const portal::v1::ProposeDecisionRequest* request,
                                               portal::v1::RegistrationState* response) {
  return ApplyStep(
      context, Activity::kPropose, request->reference(), request->version(),
      [request](const auth::Principal& principal, absl::Time now) -> absl::StatusOr<Step> {
        const portal::v1::Decision decision = request->decision();
        std::string reason;
        if (decision == portal::v1::REJECT) {
          absl::StatusOr<std::string> checked = CheckDecisionReason(request->reason());
          if (!checked.ok()) return checked.status();
          reason = *checked;
        } else if (decision == portal::v1::APPROVE) {
          if (!request->reason().empty()) {
            return absl::InvalidArgumentError(
                "invalid reason: an approval takes no reason; leave it empty");
          }
        } else {
          return absl::InvalidArgumentError("invalid decision: use APPROVE or REJECT");
        }
        Actor actor{principal.subject, principal.HasRole(auth::kApproverRole)};
        return Step([actor, decision, reason, now](const ReviewSnapshot& current) {
          return ProposeStep(current, actor, decision, reason, now);
        });
      },
      response);
}

grpc::Status AdminServiceImpl::ConfirmDecision(grpc::ServerContext* context,
                                               const portal::v1::ConfirmDecisionRequest* request,
                                               portal::v1::RegistrationState* response) {
  return ApplyStep(
      context, Activity::kConfirm, request->reference(), request->version(),
      [request](const auth::Principal& principal, absl::Time now) -> absl::StatusOr<Step> {
        const portal::v1::ConfirmAction action = request->action();
        if (action != portal::v1::CONFIRM && action != portal::v1::SEND_BACK) {
          return absl::InvalidArgumentError("invalid action: use CONFIRM or SEND_BACK");
        }
        Actor actor{principal.subject, principal.HasRole(auth::kApproverRole)};
        return Step([actor, action, now](const ReviewSnapshot& current) {
          return ConfirmStep(current, actor, action, now);
        });
      },
      response);
}

grpc::Status AdminServiceImpl::AddNote(grpc::ServerContext* context,
                                       const portal::v1::AddNoteRequest* request,
                                       portal::v1::RegistrationState* response) {
  return ApplyStep(
      context, Activity::kNote, request->reference(), request->version(),
      [request](const auth::Principal&, absl::Time) -> absl::StatusOr<Step> {
        absl::StatusOr<std::string> text = CheckNoteText(request->text());
        if (!text.ok()) return text.status();
        return Step([text = *text](const ReviewSnapshot& current) { return NoteStep(current, text); });
      },
      response);
}

}  // namespace portal::admin
