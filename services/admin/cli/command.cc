#include "services/admin/cli/command.h"

#include <google/protobuf/util/json_util.h>

#include <chrono>
#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace portal::admin::cli {
namespace {

constexpr char kDefaultTarget[] = "127.0.0.1:50052";
constexpr int kDefaultTimeoutSeconds = 30;

std::string Environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

std::string Target(const Arguments& arguments) {
  std::string target = arguments.Get("target", Environment("PORTAL_ADMIN_TARGET"));
  return target.empty() ? kDefaultTarget : target;
}

bool IsLoopback(absl::string_view target) {
  return absl::StartsWith(target, "127.") || absl::StartsWith(target, "localhost:") ||
         absl::StartsWith(target, "[::1]:");
}

}  // namespace

std::string Arguments::Get(const std::string& name, const std::string& fallback) const {
  auto entry = options.find(name);
  if (entry == options.end() || entry->second.empty()) return fallback;
  return entry->second.back();
}

std::vector<OptionSpec> ServerOptions() {
  return {
      {"target", true, false,
       "Admin service address, host:port (default PORTAL_ADMIN_TARGET, else 127.0.0.1:50052)."},
      {"token", true, false,
       "Bearer token (default PORTAL_ADMIN_TOKEN). Prefer the variable: options show in the "
       "process list."},
      {"timeout", true, false, "Seconds to wait for the server (default 30)."},
  };
}

std::shared_ptr<grpc::Channel> OpenChannel(const Arguments& arguments) {
  const std::string target = Target(arguments);
  if (IsLoopback(target)) return grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
  return grpc::CreateChannel(target, grpc::SslCredentials(grpc::SslCredentialsOptions()));
}

bool PrepareCall(const Arguments& arguments, grpc::ClientContext& context, std::ostream& err) {
  const std::string token = arguments.Get("token", Environment("PORTAL_ADMIN_TOKEN"));
  if (token.empty()) {
    err << "portal-admin: no token: set PORTAL_ADMIN_TOKEN or pass --token (for development, "
           "see `portal-admin dev-token --help`)\n";
    return false;
  }
  context.AddMetadata("authorization", absl::StrCat("Bearer ", absl::StripAsciiWhitespace(token)));
  int seconds = kDefaultTimeoutSeconds;
  if (arguments.Has("timeout") && (!absl::SimpleAtoi(arguments.Get("timeout"), &seconds) ||
                                   seconds < 1)) {
    err << "portal-admin: invalid --timeout \"" << arguments.Get("timeout")
        << "\": use a whole number of seconds, 1 or more\n";
    return false;
  }
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
  return true;
}

int ReportFailure(const grpc::Status& status, const Arguments& arguments, std::ostream& err) {
  const std::string& message = status.error_message();
  switch (status.error_code()) {
    case grpc::StatusCode::UNAUTHENTICATED:
      err << "not authenticated: " << message << "\n";
      return kExitDenied;
    case grpc::StatusCode::PERMISSION_DENIED:
      err << "permission denied: " << message << "\n";
      return kExitDenied;
    case grpc::StatusCode::NOT_FOUND:
      err << "not found: " << message << "\n";
      return kExitNotFound;
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::FAILED_PRECONDITION:
      err << "conflict: " << message << "\n";
      return kExitConflict;
    case grpc::StatusCode::INVALID_ARGUMENT:
      err << "invalid request: " << message << "\n";
      return kExitUsage;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      err << "unavailable: " << message << " (is the admin service running at "
          << Target(arguments) << "?)\n";
      return kExitOther;
    default:
      err << "failed: " << message << "\n";
      return kExitOther;
  }
}

void PrintJson(const google::protobuf::Message& message, std::ostream& out) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.add_whitespace = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options).ok()) {
    json = "{}";
  }
  out << json;
}

}  // namespace portal::admin::cli
