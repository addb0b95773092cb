#include "services/registration/registration_service.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include <boost/json/serialize.hpp>

#include "absl/time/civil_time.h"
#include "common/crypto/crypto.h"
#include "common/grpc/status.h"
#include "common/util/idempotency_key.h"
#include "common/logging/log.h"
#include "services/registration/name_rules.h"
#include "services/registration/reference.h"
#include "services/registration/validation.h"

namespace portal::registration {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int kSubmitAttempts = 4;
constexpr size_t kAddressHashHexDigits = 16;
constexpr char kIdempotencyKeyField[] = "Idempotency-Key";

google::protobuf::Timestamp ToTimestamp(absl::Time time) {
  return TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(time));
}

// Serializes deterministically, so that equal documents hash equally whatever their
// JSON key order and white space were.
std::string CanonicalBytes(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return bytes;
}

grpc::Status SingleViolation(grpc::ServerContext* context, const std::string& field,
                             const std::string& message) {
  portal::v1::FieldViolations violations;
  portal::v1::FieldViolation* violation = violations.add_violations();
  violation->set_field(field);
  violation->set_message(message);
  return grpc_server::InvalidArgumentWithViolations(context, violations);
}

}  // namespace

RegistrationServiceImpl::RegistrationServiceImpl(RegistrationRepository& repository,
                                                 RegistrationServiceOptions options)
    : repository_(repository), options_(std::move(options)),
      address_hash_key_(crypto::HmacSha256(options_.token_key, "client-address-hash")) {}

grpc::Status RegistrationServiceImpl::Submit(grpc::ServerContext* context,
                                             const portal::v1::SubmitRequest* request,
                                             portal::v1::SubmitResponse* response) {
  const std::string request_id = grpc_server::RequestId(context);
  const absl::Time now = options_.clock();
  const portal::v1::Registration& registration = request->registration();

  ValidationOptions validation_options{options_.jurisdiction,
                                       absl::ToCivilDay(now, absl::UTCTimeZone())};
  portal::v1::FieldViolations violations = Validate(registration, validation_options);
  if (!request->idempotency_key().empty() && !IsValidIdempotencyKey(request->idempotency_key())) {
    portal::v1::FieldViolation* violation = violations.add_violations();
    violation->set_field(kIdempotencyKeyField);
    violation->set_message("must be 1 to 64 characters from \"!\" to \"~\", without spaces");
  }
  if (violations.violations_size() > 0) {
    log::Write(log::Severity::kInfo, "submission rejected: validation failed", request_id,
               {{"violations", violations.violations_size()}});
    return grpc_server::InvalidArgumentWithViolations(context, violations);
  }

  const std::string token = NewReceiptToken();
  const std::string trimmed_name = TrimName(registration.company().proposed_name());
  portal::v1::Registration stored_registration = registration;
  stored_registration.mutable_company()->set_proposed_name(trimmed_name);

  NewRegistration record;
  record.status = portal::v1::RegistrationStatus_Name(portal::v1::SUBMITTED);
  record.company_type = portal::v1::CompanyType_Name(registration.company().type());
  record.proposed_name = trimmed_name;
  record.normalized_name = NormalizeName(trimmed_name);
  record.name_key = crypto::HexEncode(crypto::Sha256(record.normalized_name));
  record.receipt_token_hash = HashReceiptToken(token);
  record.submitted_at = now;
  google::protobuf::util::JsonPrintOptions json_options;
  json_options.preserve_proto_field_names = true;
  if (!google::protobuf::util::MessageToJsonString(stored_registration, &record.submission_json,
                                                   json_options)
           .ok()) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "the submission could not be serialized");
  }

  if (!request->idempotency_key().empty()) {
    IdempotencyRecord key;
    key.key_hash = crypto::HexEncode(crypto::Sha256(request->idempotency_key()));
    key.request_hash = crypto::HexEncode(crypto::Sha256(CanonicalBytes(registration)));
    absl::StatusOr<std::string> sealed = crypto::Seal(options_.token_key, token, key.key_hash);
    if (!sealed.ok()) return grpc_server::ToGrpcStatus(sealed.status());
    key.sealed_receipt_token = crypto::Base64UrlEncode(*sealed);
    key.expires_at = now + options_.idempotency_ttl;
    record.idempotency = std::move(key);
  }

  boost::json::object details;
  details["company_type"] = record.company_type;
  if (!request->client_address().empty()) {
    // A keyed, truncated hash: enough to link abuse from one address, not to recover it.
    details["client_address_hash"] =
        crypto::HexEncode(crypto::HmacSha256(address_hash_key_, request->client_address()))
            .substr(0, kAddressHashHexDigits);
  }
  record.event = OutboxEvent{crypto::RandomUuid(), "public", "registration.submitted",
                             boost::json::serialize(details)};

  absl::StatusOr<SubmitResult> result;
  for (int attempt = 1; attempt <= kSubmitAttempts; ++attempt) {
    record.reference = NewReference();
    result = repository_.Submit(record);
    if (result.ok() || !absl::IsAlreadyExists(result.status())) break;
    log::Write(log::Severity::kInfo, "submission raced on a unique key; checking again",
               request_id, {{"attempt", attempt}});
  }
  if (!result.ok()) {
    log::Write(log::Severity::kError, "submission failed", request_id,
               {{"code", absl::StatusCodeToString(result.status().code())}});
    if (absl::IsAlreadyExists(result.status())) {
      return grpc::Status(grpc::StatusCode::ABORTED, "the submission kept conflicting; retry");
    }
    return grpc_server::ToGrpcStatus(result.status());
  }

  switch (result->outcome) {
    case SubmitOutcome::kNameTaken:
      log::Write(log::Severity::kInfo, "submission rejected: name not available", request_id);
      return grpc::Status(grpc::StatusCode::ALREADY_EXISTS,
                          "the proposed name is not available: a registration with the same "
                          "name is already submitted or approved");
    case SubmitOutcome::kKeyReused:
      log::Write(log::Severity::kInfo, "submission rejected: idempotency key reused", request_id);
      return SingleViolation(context, kIdempotencyKeyField,
                             "was already used for a different submission; use a new key for a "
                             "new submission");
    case SubmitOutcome::kReplayed: {
      absl::StatusOr<std::string> sealed = crypto::Base64UrlDecode(result->sealed_receipt_token);
      absl::StatusOr<std::string> replayed_token =
          sealed.ok() ? crypto::Open(options_.token_key, *sealed, record.idempotency->key_hash)
                      : sealed.status();
      if (!replayed_token.ok()) {
        log::Write(log::Severity::kError, "stored receipt token cannot be opened", request_id,
                   {{"reference", result->reference}});
        return grpc::Status(grpc::StatusCode::INTERNAL, "the stored receipt cannot be replayed");
      }
      response->mutable_receipt()->set_receipt_token(*replayed_token);
      response->set_replayed(true);
      log::Write(log::Severity::kInfo, "submission replayed", request_id,
                 {{"reference", result->reference}});
      break;
    }
    case SubmitOutcome::kCreated:
      response->mutable_receipt()->set_receipt_token(token);
      log::Write(log::Severity::kInfo, "registration submitted", request_id,
                 {{"reference", result->reference}});
      break;
  }

  portal::v1::Receipt* receipt = response->mutable_receipt();
  receipt->set_reference(result->reference);
  receipt->set_status(portal::v1::SUBMITTED);
  *receipt->mutable_submitted_at() = ToTimestamp(result->submitted_at);
  return grpc::Status::OK;
}

grpc::Status RegistrationServiceImpl::GetStatus(grpc::ServerContext* context,
                                                const portal::v1::GetStatusRequest* request,
                                                portal::v1::StatusView* response) {
  // One response for an unknown reference and a wrong token, so that the lookup reveals
  // nothing about which references exist.
  const grpc::Status not_found(grpc::StatusCode::NOT_FOUND,
                               "no registration matches this reference and receipt token");
  const std::string presented_hash = HashReceiptToken(request->receipt_token());

  std::optional<std::string> reference = CanonicalReference(request->reference());
  if (!reference.has_value() || request->receipt_token().empty()) return not_found;

  absl::StatusOr<StoredStatus> stored = repository_.FindStatus(*reference);
  if (absl::IsNotFound(stored.status())) return not_found;
  if (!stored.ok()) {
    log::Write(log::Severity::kError, "status lookup failed", grpc_server::RequestId(context),
               {{"code", absl::StatusCodeToString(stored.status().code())}});
    return grpc_server::ToGrpcStatus(stored.status());
  }
  if (!crypto::ConstantTimeEquals(presented_hash, stored->receipt_token_hash)) return not_found;

  portal::v1::RegistrationStatus status = portal::v1::REGISTRATION_STATUS_UNSPECIFIED;
  portal::v1::RegistrationStatus_Parse(stored->status, &status);
  response->set_reference(stored->reference);
  response->set_status(status);
  *response->mutable_submitted_at() = ToTimestamp(stored->submitted_at);
  *response->mutable_updated_at() = ToTimestamp(stored->updated_at);
  if (status == portal::v1::REJECTED && stored->decision_reason.has_value()) {
    response->set_decision_reason(*stored->decision_reason);
  }
  if (status == portal::v1::APPROVED && stored->company_number.has_value()) {
    response->set_company_number(*stored->company_number);
  }
  return grpc::Status::OK;
}

grpc::Status RegistrationServiceImpl::CheckNameAvailability(
    grpc::ServerContext* context, const portal::v1::CheckNameAvailabilityRequest* request,
    portal::v1::NameAvailability* response) {
  if (request->name().empty()) {
    return SingleViolation(context, "name", "is required");
  }
  response->set_name(request->name());

  if (std::optional<std::string> problem = CheckNameCharacters(request->name())) {
    response->set_available(false);
    response->set_reason("the name " + *problem);
    return grpc::Status::OK;
  }

  const std::string normalized = NormalizeName(TrimName(request->name()));
  if (normalized.empty()) {
    response->set_available(false);
    response->set_reason("the name has no distinctive part before its legal suffix");
    return grpc::Status::OK;
  }
  absl::StatusOr<bool> claimed =
      repository_.IsNameClaimed(crypto::HexEncode(crypto::Sha256(normalized)));
  if (!claimed.ok()) {
    log::Write(log::Severity::kError, "name lookup failed", grpc_server::RequestId(context),
               {{"code", absl::StatusCodeToString(claimed.status().code())}});
    return grpc_server::ToGrpcStatus(claimed.status());
  }
  response->set_available(!*claimed);
  if (*claimed) {
    response->set_reason(
        "a registration with the same name (ignoring case, punctuation and the legal suffix) "
        "is already submitted or approved");
  }
  return grpc::Status::OK;
}

}  // namespace portal::registration
