// The AdminService gRPC API: authenticates the caller's token, checks the role each call
// needs, applies the review rules through AdminRepository, and records every read and
// change for the audit chain.
#ifndef PORTAL_SERVICES_ADMIN_ADMIN_SERVICE_H_
#define PORTAL_SERVICES_ADMIN_ADMIN_SERVICE_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/token_verifier.h"
#include "portal/v1/admin.grpc.pb.h"
#include "services/admin/admin_repository.h"
#include "services/admin/page_token.h"

namespace portal::admin {

struct AdminServiceOptions {
  std::string page_token_key;  // 32 bytes; signs ListRegistrations page tokens.
  std::function<absl::Time()> clock = [] { return absl::Now(); };
};

// What a call does, for the role check and its PERMISSION_DENIED message.
enum class Activity { kList, kGet, kClaim, kRelease, kPropose, kConfirm, kNote };

class AdminServiceImpl final : public portal::v1::AdminService::Service {
 public:
  AdminServiceImpl(AdminRepository& repository, const auth::TokenVerifier& verifier,
                   AdminServiceOptions options);

  grpc::Status ListRegistrations(grpc::ServerContext* context,
                                 const portal::v1::ListRegistrationsRequest* request,
                                 portal::v1::ListRegistrationsResponse* response) override;
  grpc::Status GetRegistration(grpc::ServerContext* context,
                               const portal::v1::GetRegistrationRequest* request,
                               portal::v1::RegistrationDetail* response) override;
  grpc::Status ClaimRegistration(grpc::ServerContext* context,
                                 const portal::v1::ClaimRegistrationRequest* request,
                                 portal::v1::RegistrationState* response) override;
  grpc::Status ReleaseRegistration(grpc::ServerContext* context,
                                   const portal::v1::ReleaseRegistrationRequest* request,
                                   portal::v1::RegistrationState* response) override;
  grpc::Status ProposeDecision(grpc::ServerContext* context,
                               const portal::v1::ProposeDecisionRequest* request,
                               portal::v1::RegistrationState* response) override;
  grpc::Status ConfirmDecision(grpc::ServerContext* context,
                               const portal::v1::ConfirmDecisionRequest* request,
                               portal::v1::RegistrationState* response) override;
  grpc::Status AddNote(grpc::ServerContext* context, const portal::v1::AddNoteRequest* request,
                       portal::v1::RegistrationState* response) override;

 private:
  using Step = std::function<absl::StatusOr<ReviewChange>(const ReviewSnapshot&)>;
  // Checks the request's own fields once the caller is known, and returns its step.
  using StepFactory = std::function<absl::StatusOr<Step>(const auth::Principal&, absl::Time)>;

  // Authenticates the call and checks that the caller has a role allowed for `activity`.
  absl::StatusOr<auth::Principal> Authorize(const grpc::ServerContext& context,
                                            Activity activity) const;

  // Authorizes the call, then runs one review step on the registration `reference_text`
  // at `version`, recording its audit event under the caller, and fills `response` with
  // the new state.
  grpc::Status ApplyStep(grpc::ServerContext* context, Activity activity,
                         const std::string& reference_text, int64_t version,
                         const StepFactory& make_step,
                         portal::v1::RegistrationState* response);

  AuditEvent NewEvent(const auth::Principal& principal, absl::string_view action,
                      absl::Time now) const;

  AdminRepository& repository_;
  const auth::TokenVerifier& verifier_;
  AdminServiceOptions options_;
  PageTokenCodec page_tokens_;
};

}  // namespace portal::admin

#endif  // PORTAL_SERVICES_ADMIN_ADMIN_SERVICE_H_
