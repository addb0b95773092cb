// Asynchronous calls to the registration service over one long-lived channel.
//
// Calls use gRPC's callback API, so no gateway thread waits on a backend. Each call has a
// deadline and carries the request id as "x-request-id" metadata. Completion callbacks run
// on a gRPC thread; callers post back to their own executor.
#ifndef PORTAL_GATEWAY_REGISTRATION_BACKEND_H_
#define PORTAL_GATEWAY_REGISTRATION_BACKEND_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "grpc/health/v1/health.grpc.pb.h"
#include "portal/v1/registration.grpc.pb.h"

namespace portal::gateway {

template <typename Response>
using BackendCallback = std::function<void(const grpc::Status& status, Response& response,
                                           const portal::v1::FieldViolations& violations)>;

class RegistrationBackend {
 public:
  // `target` is a gRPC target such as "127.0.0.1:50051" or "dns:///registration:50051".
  RegistrationBackend(const std::string& target, std::chrono::milliseconds deadline);

  void Submit(portal::v1::SubmitRequest request, const std::string& request_id,
              BackendCallback<portal::v1::SubmitResponse> done);
  void GetStatus(portal::v1::GetStatusRequest request, const std::string& request_id,
                 BackendCallback<portal::v1::StatusView> done);
  void CheckNameAvailability(portal::v1::CheckNameAvailabilityRequest request,
                             const std::string& request_id,
                             BackendCallback<portal::v1::NameAvailability> done);

  // Asks the standard health service; `done(true)` only for SERVING within `deadline`.
  void CheckHealth(std::chrono::milliseconds deadline, std::function<void(bool serving)> done);

 private:
  template <typename Request, typename Response, typename Start>
  void Call(Request request, const std::string& request_id, BackendCallback<Response> done,
            Start start);

  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<portal::v1::RegistrationService::Stub> stub_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_stub_;
  std::chrono::milliseconds deadline_;
};

}  // namespace portal::gateway

#endif  // PORTAL_GATEWAY_REGISTRATION_BACKEND_H_
