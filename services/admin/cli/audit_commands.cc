#include "services/admin/cli/audit_commands.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include <cstdlib>
#include <iomanip>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace portal::admin::cli {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int kPageSize = 100;
constexpr char kDefaultAuditTarget[] = "127.0.0.1:50053";

// Parses an RFC 3339 option such as --since 2026-12-01T00:00:00Z. Prints the error and
// returns false when it is invalid.
bool ParseTimeOption(const Arguments& arguments, const std::string& name,
                     google::protobuf::Timestamp* timestamp, std::ostream& err) {
  if (!arguments.Has(name)) return true;
  const std::string text = arguments.Get(name);
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &time, &error)) {
    err << "invalid --" << name << " \"" << text
        << "\": use RFC 3339, for example 2026-12-01T00:00:00Z\n";
    return false;
  }
  *timestamp = TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(time));
  return true;
}

// Prints one message as single-line protobuf JSON with the proto field names.
void PrintJsonLine(const google::protobuf::Message& message, std::ostream& out) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options).ok()) {
    json = "{}";
  }
  out << json << "\n";
}

void PrintRow(const portal::v1::RecordedEvent& recorded, std::ostream& out) {
  const portal::v1::AuditEvent& event = recorded.event();
  out << std::left << std::setw(9) << recorded.sequence() << " " << std::setw(30)
      << TimeUtil::ToString(event.occurred_at()) << " " << std::setw(24) << event.action() << " "
      << std::setw(16) << (event.registration_reference().empty() ? "-" : event.registration_reference())
      << " " << std::setw(14) << event.producer() << " " << event.actor() << "\n";
}

// Calls Query for every page of `request`, handing each event to `print`. Returns the
// exit code.
int QueryAllPages(portal::v1::AuditService::StubInterface& stub, Invocation& invocation,
                  portal::v1::QueryRequest request,
                  const std::function<void(const portal::v1::RecordedEvent&)>& print) {
  request.set_page_size(kPageSize);
  do {
    grpc::ClientContext context;
    if (!PrepareCall(invocation.arguments, context, invocation.err)) return kExitUsage;
    portal::v1::QueryResponse response;
    const grpc::Status status = stub.Query(&context, request, &response);
    if (!status.ok()) return ReportFailure(status, invocation.arguments, invocation.err);
    for (const portal::v1::RecordedEvent& event : response.events()) print(event);
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return kExitOk;
}

std::vector<OptionSpec> QueryOptions() {
  return {{"reference", true, false, "Only events about this registration reference."},
          {"actor", true, false, "Only events by this actor (a token subject, or \"public\")."},
          {"action", true, false, "Only events with this action, such as registration.submitted."},
          {"since", true, false,
           "query: only events that occurred at or after this RFC 3339 time. export: the first "
           "sequence number to export."},
          {"until", true, false, "Only events that occurred before this RFC 3339 time."}};
}

}  // namespace

int RunAuditQuery(portal::v1::AuditService::StubInterface& stub, Invocation& invocation) {
  const Arguments& arguments = invocation.arguments;
  portal::v1::QueryRequest request;
  request.set_registration_reference(arguments.Get("reference"));
  request.set_actor(arguments.Get("actor"));
  request.set_action(arguments.Get("action"));
  if (!ParseTimeOption(arguments, "since", request.mutable_occurred_since(), invocation.err) ||
      !ParseTimeOption(arguments, "until", request.mutable_occurred_until(), invocation.err)) {
    return kExitUsage;
  }
  if (!arguments.Has("since")) request.clear_occurred_since();
  if (!arguments.Has("until")) request.clear_occurred_until();

  if (!invocation.json) {
    invocation.out << std::left << std::setw(9) << "SEQUENCE" << " " << std::setw(30)
                   << "OCCURRED_AT" << " " << std::setw(24) << "ACTION" << " " << std::setw(16)
                   << "REFERENCE" << " " << std::setw(14) << "PRODUCER" << " ACTOR\n";
  }
  return QueryAllPages(stub, invocation, request, [&](const portal::v1::RecordedEvent& event) {
    if (invocation.json) {
      PrintJsonLine(event, invocation.out);
    } else {
      PrintRow(event, invocation.out);
    }
  });
}

int RunAuditVerify(portal::v1::AuditService::StubInterface& stub, Invocation& invocation) {
  grpc::ClientContext context;
  if (!PrepareCall(invocation.arguments, context, invocation.err)) return kExitUsage;
  portal::v1::VerifyResponse response;
  const grpc::Status status = stub.Verify(&context, portal::v1::VerifyRequest(), &response);
  if (!status.ok()) return ReportFailure(status, invocation.arguments, invocation.err);

  if (invocation.json) {
    PrintJsonLine(response, invocation.out);
  } else if (response.intact()) {
    invocation.out << "intact: " << response.events_checked() << " events checked; head "
                   << response.head_sequence() << " " << response.head_hash() << "\n";
  } else {
    invocation.out << "broken at sequence " << response.first_failed_sequence() << ": "
                   << portal::v1::ChainFailure_Name(response.failure()) << " ("
                   << response.failure_detail() << ")\n";
  }
  return response.intact() ? kExitOk : kExitChainBroken;
}

int RunAuditExport(portal::v1::AuditService::StubInterface& stub, Invocation& invocation) {
  const std::string since = invocation.arguments.Get("since", "1");
  int64_t from_sequence = 0;
  if (!absl::SimpleAtoi(since, &from_sequence) || from_sequence < 1) {
    invocation.err << "invalid --since \"" << since << "\": use a sequence number, 1 or more\n";
    return kExitUsage;
  }
  portal::v1::QueryRequest request;
  request.set_from_sequence(from_sequence);
  return QueryAllPages(stub, invocation, request, [&](const portal::v1::RecordedEvent& event) {
    PrintJsonLine(event, invocation.out);
  });
}

void AddAuditCommands(CommandTable& table) {
  std::vector<OptionSpec> options = QueryOptions();
  Command command;
  command.name = "audit";
  command.summary =
      "Query, verify or export the audit chain (role auditor; --target defaults to "
      "PORTAL_AUDIT_TARGET or 127.0.0.1:50053; verify exits 6 when the chain is broken).";
  command.usage = "query|verify|export";
  command.options = options;
  command.run = [](Invocation& invocation) {
    const std::vector<std::string>& positional = invocation.arguments.positional;
    const std::string action = positional.empty() ? "" : positional.front();
    if (action != "query" && action != "verify" && action != "export") {
      invocation.err << "missing or unknown audit command \"" << action
                     << "\": use audit query, audit verify or audit export\n";
      return kExitUsage;
    }
    // The audit service is a server of its own, so without --target the audit commands
    // use PORTAL_AUDIT_TARGET or the local audit port instead of the admin service.
    Arguments server_arguments = invocation.arguments;
    if (!server_arguments.Has("target")) {
      const char* audit_target = std::getenv("PORTAL_AUDIT_TARGET");
      server_arguments.options["target"] = {audit_target != nullptr && *audit_target != '\0'
                                                ? audit_target
                                                : kDefaultAuditTarget};
    }
    auto stub = portal::v1::AuditService::NewStub(OpenChannel(server_arguments));
    if (action == "query") return RunAuditQuery(*stub, invocation);
    if (action == "verify") return RunAuditVerify(*stub, invocation);
    return RunAuditExport(*stub, invocation);
  };
  table.push_back(std::move(command));
}

}  // namespace portal::admin::cli
