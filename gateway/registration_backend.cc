#include "gateway/registration_backend.h"

#include "common/grpc/status.h"

namespace portal::gateway {
namespace {

portal::v1::FieldViolations ReadViolations(const grpc::ClientContext& context) {
  portal::v1::FieldViolations violations;
  const auto& trailers = context.GetServerTrailingMetadata();
  auto it = trailers.find(grpc_server::kFieldViolationsKey);
  if (it != trailers.end()) {
    violations.ParseFromArray(it->second.data(), static_cast<int>(it->second.size()));
  }
  return violations;
}

}  // namespace

RegistrationBackend::RegistrationBackend(const std::string& target,
                                         std::chrono::milliseconds deadline)
    : deadline_(deadline) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  arguments.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
  arguments.SetInt(GRPC_ARG_ENABLE_RETRIES, 1);
  // TODO: use TLS credentials once the services serve TLS; today the VPC's security
  // groups are the only protection of this hop.
  channel_ = grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), arguments);
  stub_ = portal::v1::RegistrationService::NewStub(channel_);
  health_stub_ = grpc::health::v1::Health::NewStub(channel_);
}

template <typename Request, typename Response, typename Start>
void RegistrationBackend::Call(Request request, const std::string& request_id,
                               BackendCallback<Response> done, Start start) {
  struct State {
    grpc::ClientContext context;
    Request request;
    Response response;
  };
  auto state = std::make_shared<State>();
  state->request = std::move(request);
  state->context.set_deadline(std::chrono::system_clock::now() + deadline_);
  state->context.AddMetadata(grpc_server::kRequestIdKey, request_id);
  start(&state->context, &state->request, &state->response,
        [state, done = std::move(done)](grpc::Status status) {
          portal::v1::FieldViolations violations;
          if (!status.ok()) violations = ReadViolations(state->context);
          done(status, state->response, violations);
        });
}

void RegistrationBackend::Submit(portal::v1::SubmitRequest request, const std::string& request_id,
                                 BackendCallback<portal::v1::SubmitResponse> done) {
  Call(std::move(request), request_id, std::move(done),
       [this](auto* context, auto* request, auto* response, auto callback) {
         stub_->async()->Submit(context, request, response, std::move(callback));
       });
}

void RegistrationBackend::GetStatus(portal::v1::GetStatusRequest request,
                                    const std::string& request_id,
                                    BackendCallback<portal::v1::StatusView> done) {
  Call(std::move(request), request_id, std::move(done),
       [this](auto* context, auto* request, auto* response, auto callback) {
         stub_->async()->GetStatus(context, request, response, std::move(callback));
       });
}

void RegistrationBackend::CheckNameAvailability(
    portal::v1::CheckNameAvailabilityRequest request, const std::string& request_id,
    BackendCallback<portal::v1::NameAvailability> done) {
  Call(std::move(request), request_id, std::move(done),
       [this](auto* context, auto* request, auto* response, auto callback) {
         stub_->async()->CheckNameAvailability(context, request, response, std::move(callback));
       });
}

void RegistrationBackend::CheckHealth(std::chrono::milliseconds deadline,
                                      std::function<void(bool serving)> done) {
  struct State {
    grpc::ClientContext context;
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
  };
  auto state = std::make_shared<State>();
  state->context.set_deadline(std::chrono::system_clock::now() + deadline);
  health_stub_->async()->Check(
      &state->context, &state->request, &state->response,
      [state, done = std::move(done)](grpc::Status status) {
        done(status.ok() &&
             state->response.status() == grpc::health::v1::HealthCheckResponse::SERVING);
      });
}

}  // namespace portal::gateway
