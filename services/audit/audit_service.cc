#include "services/audit/audit_service.h"

#include <google/protobuf/util/time_util.h>

#include <boost/json/serialize.hpp>

#include "absl/strings/str_cat.h"
#include "common/auth/call_credentials.h"
#include "common/crypto/crypto.h"
#include "common/grpc/status.h"
#include "common/logging/log.h"
#include "services/audit/event_validation.h"

namespace portal::audit {
namespace {

using google::protobuf::util::TimeUtil;

std::string CodeName(const absl::Status& status) {
  return absl::StatusCodeToString(status.code());
}

void ToRecordedEvent(const StoredEvent& stored, portal::v1::RecordedEvent* recorded) {
  portal::v1::AuditEvent* event = recorded->mutable_event();
  event->set_event_id(stored.event_id);
  *event->mutable_occurred_at() = TimeUtil::MicrosecondsToTimestamp(stored.occurred_at_us);
  event->set_actor(stored.actor);
  event->set_action(stored.action);
  event->set_registration_reference(stored.registration_reference);
  event->set_details(stored.details);
  event->set_producer(stored.producer);
  recorded->set_sequence(stored.sequence);
  *recorded->mutable_recorded_at() = TimeUtil::MicrosecondsToTimestamp(stored.recorded_at_us);
  recorded->set_previous_hash(stored.previous_hash);
  recorded->set_hash(stored.hash);
}

portal::v1::ChainFailure ToProto(ChainFailure failure) {
  switch (failure) {
    case ChainFailure::kNone:
      return portal::v1::CHAIN_FAILURE_UNSPECIFIED;
    case ChainFailure::kHashMismatch:
      return portal::v1::HASH_MISMATCH;
    case ChainFailure::kSequenceGap:
      return portal::v1::SEQUENCE_GAP;
    case ChainFailure::kPreviousHashMismatch:
      return portal::v1::PREVIOUS_HASH_MISMATCH;
  }
  return portal::v1::CHAIN_FAILURE_UNSPECIFIED;
}

// The filters of a query as recorded in its audit.queried event: identifiers and times,
// the same values the auditor sent.
boost::json::object DescribeFilter(const EventFilter& filter) {
  boost::json::object described;
  if (!filter.registration_reference.empty()) {
    described["registration_reference"] = filter.registration_reference;
  }
  if (!filter.actor.empty()) described["actor"] = filter.actor;
  if (!filter.action.empty()) described["action"] = filter.action;
  if (filter.occurred_since_us.has_value()) {
    described["occurred_since"] = absl::FormatTime(
        absl::RFC3339_full, absl::FromUnixMicros(*filter.occurred_since_us), absl::UTCTimeZone());
  }
  if (filter.occurred_until_us.has_value()) {
    described["occurred_until"] = absl::FormatTime(
        absl::RFC3339_full, absl::FromUnixMicros(*filter.occurred_until_us), absl::UTCTimeZone());
  }
  if (filter.from_sequence > 0) described["from_sequence"] = filter.from_sequence;
  return described;
}

}  // namespace

AuditServiceImpl::AuditServiceImpl(AuditRepository& repository,
                                   const auth::TokenVerifier& verifier,
                                   AuditServiceOptions options)
    : repository_(repository), verifier_(verifier), options_(std::move(options)) {}

absl::StatusOr<auth::Principal> AuditServiceImpl::Authorize(const grpc::ServerContext& context,
                                                            absl::string_view role,
                                                            absl::string_view method) {
  const std::string request_id = grpc_server::RequestId(&context);
  absl::StatusOr<auth::Principal> caller =
      auth::AuthenticateCall(context, verifier_, options_.clock());
  if (!caller.ok()) {
    log::Write(log::Severity::kWarning, "call rejected: not authenticated", request_id,
               {{"method", std::string(method)}, {"reason", std::string(caller.status().message())}});
    return caller.status();
  }
  if (!caller->HasRole(role)) {
    log::Write(log::Severity::kWarning, "call rejected: role missing", request_id,
               {{"method", std::string(method)},
                {"subject", caller->subject},
                {"required_role", std::string(role)}});
    return absl::PermissionDeniedError(
        absl::StrCat(method, " requires the role \"", role, "\", which the token lacks"));
  }
  return caller;
}

absl::Status AuditServiceImpl::RecordRead(const auth::Principal& auditor, absl::string_view action,
                                          absl::string_view registration_reference,
                                          std::string details) {
  NewEvent event;
  event.event_id = crypto::RandomUuid();
  event.occurred_at_us = absl::ToUnixMicros(options_.clock());
  event.producer = kOwnProducer;
  event.actor = auditor.subject;
  event.action = std::string(action);
  event.registration_reference = std::string(registration_reference);
  event.details = std::move(details);
  absl::StatusOr<AppendResult> result = repository_.Append({event}, options_.clock());
  if (!result.ok()) return result.status();
  return absl::OkStatus();
}

grpc::Status AuditServiceImpl::Append(grpc::ServerContext* context,
                                      const portal::v1::AppendRequest* request,
                                      portal::v1::AppendResponse* response) {
  const std::string request_id = grpc_server::RequestId(context);
  absl::StatusOr<auth::Principal> caller = Authorize(*context, kProducerRole, "Append");
  if (!caller.ok()) return grpc_server::ToGrpcStatus(caller.status());

  if (request->events_size() == 0 || request->events_size() > kMaxAppendBatch) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        absl::StrCat("a batch must hold 1 to ", kMaxAppendBatch, " events; got ",
                                     request->events_size()));
  }
  std::vector<NewEvent> events;
  events.reserve(request->events_size());
  for (int i = 0; i < request->events_size(); ++i) {
    absl::StatusOr<NewEvent> event = ToNewEvent(request->events(i), i);
    if (!event.ok()) {
      log::Write(log::Severity::kWarning, "append rejected: invalid event", request_id,
                 {{"subject", caller->subject}, {"error", std::string(event.status().message())}});
      return grpc_server::ToGrpcStatus(event.status());
    }
    events.push_back(*std::move(event));
  }

  absl::StatusOr<AppendResult> result = repository_.Append(events, options_.clock());
  if (!result.ok()) {
    log::Write(log::Severity::kError, "append failed", request_id,
               {{"subject", caller->subject}, {"code", CodeName(result.status())}});
    return grpc_server::ToGrpcStatus(result.status());
  }
  if (result->outcome == AppendOutcome::kConflict) {
    log::Write(log::Severity::kError, "append rejected: event id recorded with other content",
               request_id, {{"subject", caller->subject}, {"event_id", result->conflicting_event_id}});
    return grpc::Status(grpc::StatusCode::ALREADY_EXISTS,
                        absl::StrCat("event ", result->conflicting_event_id,
                                     " is already recorded with different content; nothing in "
                                     "the batch was stored"));
  }

  response->set_appended_count(result->appended_count);
  response->set_duplicate_count(result->duplicate_count);
  response->set_head_sequence(result->head_sequence);
  log::Write(log::Severity::kInfo, "events appended", request_id,
             {{"subject", caller->subject},
              {"appended", result->appended_count},
              {"duplicates", result->duplicate_count},
              {"head_sequence", result->head_sequence}});
  return grpc::Status::OK;
}

grpc::Status AuditServiceImpl::Query(grpc::ServerContext* context,
                                     const portal::v1::QueryRequest* request,
                                     portal::v1::QueryResponse* response) {
  const std::string request_id = grpc_server::RequestId(context);
  absl::StatusOr<auth::Principal> caller = Authorize(*context, auth::kAuditorRole, "Query");
  if (!caller.ok()) return grpc_server::ToGrpcStatus(caller.status());

  absl::StatusOr<EventFilter> filter = ToEventFilter(*request);
  if (!filter.ok()) return grpc_server::ToGrpcStatus(filter.status());
  if (request->page_size() < 0) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        absl::StrCat("invalid page_size ", request->page_size(),
                                     ": use 1 to 100, or 0 for 50"));
  }
  const int page_size = request->page_size() == 0
                            ? kDefaultPageSize
                            : std::min(request->page_size(), kMaxPageSize);
  PagePosition position;
  if (!request->page_token().empty()) {
    absl::StatusOr<PagePosition> decoded = DecodePageToken(request->page_token(), *filter);
    if (!decoded.ok()) return grpc_server::ToGrpcStatus(decoded.status());
    position = *decoded;
  } else {
    absl::StatusOr<int64_t> head = repository_.HeadSequence();
    if (!head.ok()) return grpc_server::ToGrpcStatus(head.status());
    position.head_sequence = *head;
  }

  // One row more than the page shows whether another page follows.
  absl::StatusOr<std::vector<StoredEvent>> events = repository_.Find(
      *filter, position.after_sequence, position.head_sequence, page_size + 1);
  if (!events.ok()) {
    log::Write(log::Severity::kError, "query failed", request_id,
               {{"subject", caller->subject}, {"code", CodeName(events.status())}});
    return grpc_server::ToGrpcStatus(events.status());
  }
  const bool more = static_cast<int>(events->size()) > page_size;
  if (more) events->resize(page_size);

  // The read is recorded before any event leaves the service.
  boost::json::object details;
  details["filters"] = DescribeFilter(*filter);
  details["page_size"] = page_size;
  details["returned"] = events->size();
  details["after_sequence"] = position.after_sequence;
  if (absl::Status recorded = RecordRead(*caller, kQueriedAction, filter->registration_reference,
                                         boost::json::serialize(details));
      !recorded.ok()) {
    log::Write(log::Severity::kError, "query failed: the read could not be recorded", request_id,
               {{"subject", caller->subject}, {"code", CodeName(recorded)}});
    return grpc_server::ToGrpcStatus(recorded);
  }

  for (const StoredEvent& event : *events) ToRecordedEvent(event, response->add_events());
  if (more) {
    position.after_sequence = events->back().sequence;
    response->set_next_page_token(EncodePageToken(*filter, position));
  }
  log::Write(log::Severity::kInfo, "audit log queried", request_id,
             {{"subject", caller->subject}, {"returned", events->size()}, {"more", more}});
  return grpc::Status::OK;
}

grpc::Status AuditServiceImpl::Verify(grpc::ServerContext* context,
                                      const portal::v1::VerifyRequest* /*request*/,
                                      portal::v1::VerifyResponse* response) {
  const std::string request_id = grpc_server::RequestId(context);
  absl::StatusOr<auth::Principal> caller = Authorize(*context, auth::kAuditorRole, "Verify");
  if (!caller.ok()) return grpc_server::ToGrpcStatus(caller.status());

  absl::StatusOr<VerifyResult> result = repository_.Verify();
  if (!result.ok()) {
    log::Write(log::Severity::kError, "chain verification failed to run", request_id,
               {{"subject", caller->subject}, {"code", CodeName(result.status())}});
    return grpc_server::ToGrpcStatus(result.status());
  }

  boost::json::object details;
  details["intact"] = result->intact;
  details["events_checked"] = result->events_checked;
  details["head_sequence"] = result->head_sequence;
  if (!result->intact) {
    details["first_failed_sequence"] = result->first_failed_sequence;
    details["failure"] = std::string(ChainFailureName(result->failure));
  }
  if (absl::Status recorded =
          RecordRead(*caller, kVerifiedAction, "", boost::json::serialize(details));
      !recorded.ok()) {
    log::Write(log::Severity::kError, "verification failed: the check could not be recorded",
               request_id, {{"subject", caller->subject}, {"code", CodeName(recorded)}});
    return grpc_server::ToGrpcStatus(recorded);
  }

  response->set_intact(result->intact);
  response->set_events_checked(result->events_checked);
  response->set_first_failed_sequence(result->first_failed_sequence);
  response->set_failure(ToProto(result->failure));
  response->set_failure_detail(result->failure_detail);
  response->set_head_sequence(result->head_sequence);
  response->set_head_hash(result->head_hash);
  if (result->intact) {
    log::Write(log::Severity::kInfo, "audit chain verified intact", request_id,
               {{"subject", caller->subject}, {"events_checked", result->events_checked}});
  } else {
    log::Write(log::Severity::kError, "audit chain broken", request_id,
               {{"subject", caller->subject},
                {"first_failed_sequence", result->first_failed_sequence},
                {"failure", std::string(ChainFailureName(result->failure))}});
  }
  return grpc::Status::OK;
}

}  // namespace portal::audit
