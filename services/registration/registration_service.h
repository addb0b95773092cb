// The RegistrationService gRPC API: validates every rule again (callers are not
// trusted), then stores through RegistrationRepository.
#ifndef PORTAL_SERVICES_REGISTRATION_REGISTRATION_SERVICE_H_
#define PORTAL_SERVICES_REGISTRATION_REGISTRATION_SERVICE_H_

#include <functional>
#include <string>

#include "absl/time/time.h"
#include "portal/v1/registration.grpc.pb.h"
#include "services/registration/registration_repository.h"

namespace portal::registration {

struct RegistrationServiceOptions {
  std::string jurisdiction = "GB";
  // 32 bytes. Seals receipt tokens kept for idempotent replays, and keys the hash of
  // client addresses in audit events.
  std::string token_key;
  absl::Duration idempotency_ttl = absl::Hours(24);
  std::function<absl::Time()> clock = [] { return absl::Now(); };
};

class RegistrationServiceImpl final : public portal::v1::RegistrationService::Service {
 public:
  RegistrationServiceImpl(RegistrationRepository& repository, RegistrationServiceOptions options);

  grpc::Status Submit(grpc::ServerContext* context, const portal::v1::SubmitRequest* request,
                      portal::v1::SubmitResponse* response) override;
  grpc::Status GetStatus(grpc::ServerContext* context, const portal::v1::GetStatusRequest* request,
                         portal::v1::StatusView* response) override;
  grpc::Status CheckNameAvailability(grpc::ServerContext* context,
                                     const portal::v1::CheckNameAvailabilityRequest* request,
                                     portal::v1::NameAvailability* response) override;

 private:
  RegistrationRepository& repository_;
  RegistrationServiceOptions options_;
  std::string address_hash_key_;
};

}  // namespace portal::registration

#endif  // PORTAL_SERVICES_REGISTRATION_REGISTRATION_SERVICE_H_
