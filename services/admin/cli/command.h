// The subcommands of portal-admin and what they share: options, the gRPC stub, output,
// and the mapping of gRPC errors to messages and exit codes.
#ifndef PORTAL_SERVICES_ADMIN_CLI_COMMAND_H_
#define PORTAL_SERVICES_ADMIN_CLI_COMMAND_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

namespace portal::admin::cli {

// Exit codes, as documented in `portal-admin --help`.
inline constexpr int kExitOk = 0;
inline constexpr int kExitOther = 1;
inline constexpr int kExitUsage = 2;  // Bad command line, or a request the server rejected as invalid.
inline constexpr int kExitNotFound = 3;
inline constexpr int kExitDenied = 4;    // Not authenticated, or a role or rule forbids it.
inline constexpr int kExitConflict = 5;  // Stale version, or the status does not allow it.

// An option a command accepts.
struct OptionSpec {
  std::string name;  // Without the leading "--".
  bool takes_value = true;
  bool repeatable = false;
  std::string help;
};

// A parsed command line: options by name (every value of a repeated one) and the
// positional arguments in order.
struct Arguments {
  std::map<std::string, std::vector<std::string>> options;
  std::vector<std::string> positional;

  bool Has(const std::string& name) const { return options.count(name) > 0; }
  // The last value of the option, or `fallback`.
  std::string Get(const std::string& name, const std::string& fallback = "") const;
};

// One run of a command: its parsed arguments and output streams.
struct Invocation {
  Arguments arguments;
  std::ostream& out;
  std::ostream& err;
  bool json = false;  // --json: protobuf JSON for scripts instead of tables.
};

struct Command {
  std::string name;
  std::string summary;  // One line for the command list.
  std::string usage;    // Positional arguments, for example "REFERENCE".
  std::vector<OptionSpec> options;
  bool needs_server = true;  // Adds --target, --token and --timeout.
  std::function<int(Invocation&)> run;
};

using CommandTable = std::vector<Command>;

// The review commands (list, get, claim, release, propose, confirm, note) and dev-token.
void AddReviewCommands(CommandTable& table);

// The audit commands. Defined in audit_commands.cc, which the audit service owns; an
// empty default applies while that file does not exist.
void AddAuditCommands(CommandTable& table);

// Options shared by every command that calls a server.
std::vector<OptionSpec> ServerOptions();

// Opens a channel to --target (or PORTAL_ADMIN_TARGET). Loopback targets, as used with a
// port forward, are plaintext; any other target uses TLS with the system's CA roots.
std::shared_ptr<grpc::Channel> OpenChannel(const Arguments& arguments);

// Prepares a call: the bearer token from --token (or PORTAL_ADMIN_TOKEN) and the deadline
// from --timeout. Returns false, with the reason on `err`, when no token is set.
bool PrepareCall(const Arguments& arguments, grpc::ClientContext& context, std::ostream& err);

// Prints a failed call as "<kind>: <message>" and returns its exit code.
int ReportFailure(const grpc::Status& status, const Arguments& arguments, std::ostream& err);

// Prints `message` as protobuf JSON with the proto field names.
void PrintJson(const google::protobuf::Message& message, std::ostream& out);

}  // namespace portal::admin::cli

#endif  // PORTAL_SERVICES_ADMIN_CLI_COMMAND_H_
