// The AuditService gRPC API: authenticates every call with a bearer token, checks the
// caller's role, validates the request, and stores through AuditRepository.
#ifndef PORTAL_SERVICES_AUDIT_AUDIT_SERVICE_H_
#define PORTAL_SERVICES_AUDIT_AUDIT_SERVICE_H_

#include <functional>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/auth/token_verifier.h"
#include "portal/v1/audit.grpc.pb.h"
#include "services/audit/audit_repository.h"

namespace portal::audit {

// Role that relays need to call Append.
inline constexpr char kProducerRole[] = "audit-producer";
// The producer name of the events that the audit service records itself.
inline constexpr char kOwnProducer[] = "audit";
inline constexpr char kQueriedAction[] = "audit.queried";
inline constexpr char kVerifiedAction[] = "audit.verified";

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 100;

struct AuditServiceOptions {
  std::function<absl::Time()> clock = [] { return absl::Now(); };
};

class AuditServiceImpl final : public portal::v1::AuditService::Service {
 public:
  AuditServiceImpl(AuditRepository& repository, const auth::TokenVerifier& verifier,
                   AuditServiceOptions options = {});

  grpc::Status Append(grpc::ServerContext* context, const portal::v1::AppendRequest* request,
                      portal::v1::AppendResponse* response) override;
  grpc::Status Query(grpc::ServerContext* context, const portal::v1::QueryRequest* request,
                     portal::v1::QueryResponse* response) override;
  grpc::Status Verify(grpc::ServerContext* context, const portal::v1::VerifyRequest* request,
                      portal::v1::VerifyResponse* response) override;

 private:
  // Returns the caller when its token is valid and carries `role`: UNAUTHENTICATED or
  // PERMISSION_DENIED otherwise, logged with the request id.
  absl::StatusOr<auth::Principal> Authorize(const grpc::ServerContext& context,
                                            absl::string_view role, absl::string_view method);

  // Appends an event that records an auditor's read of the chain.
  absl::Status RecordRead(const auth::Principal& auditor, absl::string_view action,
                          absl::string_view registration_reference, std::string details);

  AuditRepository& repository_;
  const auth::TokenVerifier& verifier_;
  AuditServiceOptions options_;
};

}  // namespace portal::audit

#endif  // PORTAL_SERVICES_AUDIT_AUDIT_SERVICE_H_
