#include "common/grpc/server_runner.h"

#include <signal.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include "absl/strings/str_cat.h"
#include "common/logging/log.h"

namespace portal::grpc_server {
namespace {

sigset_t TerminationSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return signals;
}

// Polls the readiness check and mirrors it into the health service until stopped.
class ReadinessReporter {
 public:
  ReadinessReporter(grpc::HealthCheckServiceInterface* health, const ServerOptions& options)
      : health_(health), options_(options), thread_([this] { Run(); }) {}

  ~ReadinessReporter() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void Run() {
    bool last_serving = false;
    bool first = true;
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      absl::Status status =
          options_.readiness_check ? options_.readiness_check() : absl::OkStatus();
      lock.lock();
      if (stopping_) break;

      const bool serving = status.ok();
      health_->SetServingStatus(serving);
      if (first || serving != last_serving) {
        if (serving) {
          log::Info("readiness check passed; serving");
        } else {
          log::Warning("readiness check failed; not serving",
                       {{"error", std::string(status.message())}});
        }
      }
      first = false;
      last_serving = serving;
      wake_.wait_for(lock, absl::ToChronoMilliseconds(options_.readiness_interval),
                     [this] { return stopping_; });
    }
  }

  grpc::HealthCheckServiceInterface* health_;
  const ServerOptions& options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace

void BlockTerminationSignals() {
  sigset_t signals = TerminationSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

absl::Status RunServer(const ServerOptions& options, const std::vector<grpc::Service*>& services) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  int selected_port = 0;
  // TODO: serve TLS (or rely on a service mesh that does) between services; inside the
  // VPC the security groups are the only barrier today.
  builder.AddListeningPort(options.listen_address, grpc::InsecureServerCredentials(),
                           &selected_port);
  builder.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  for (grpc::Service* service : services) builder.RegisterService(service);

  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || selected_port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen_address, "; is the port in use?"));
  }
  grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService();
  health->SetServingStatus(false);
  log::Info("server started", {{"address", options.listen_address}, {"port", selected_port}});

  {
    ReadinessReporter readiness(health, options);

    sigset_t signals = TerminationSignals();
    int signal_number = 0;
    sigwait(&signals, &signal_number);
    log::Info("shutdown requested; draining",
              {{"signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT"},
               {"grace_ms", absl::ToInt64Milliseconds(options.shutdown_grace)}});
    health->SetServingStatus(false);
  }

  const absl::Time deadline = absl::Now() + options.shutdown_grace;
  server->Shutdown(absl::ToChronoTime(deadline));
  server->Wait();
  log::Info("server stopped");
  return absl::OkStatus();
}

}  // namespace portal::grpc_server
