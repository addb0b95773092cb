// The review subcommands, one per AdminService call, and dev-token.
#include <fstream>
#include <iomanip>
#include <sstream>

#include <google/protobuf/util/time_util.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/auth/token_signer.h"
#include "portal/v1/admin.grpc.pb.h"
#include "services/admin/cli/command.h"

namespace portal::admin::cli {
namespace {

using google::protobuf::util::TimeUtil;

constexpr char kDevIssuer[] = "portal-dev";
// One audience for the internal services (admin and audit) of a local run.
constexpr char kDevAudience[] = "portal";
constexpr absl::Duration kMaxDevTokenLifetime = absl::Hours(24);

std::string FormatTime(const google::protobuf::Timestamp& timestamp) {
  if (timestamp.seconds() == 0 && timestamp.nanos() == 0) return "-";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(timestamp.seconds()),
                          absl::UTCTimeZone());
}

std::string OrDash(const std::string& text) { return text.empty() ? "-" : text; }

// Returns the single positional REFERENCE, or prints the usage error.
bool OneReference(const Invocation& invocation, const std::string& command, std::string& reference) {
  if (invocation.arguments.positional.size() != 1) {
    invocation.err << "portal-admin " << command << ": expected one REFERENCE, for example "
                   << "K7M3-9Q2P-XW4D; see `portal-admin " << command << " --help`\n";
    return false;
  }
  reference = invocation.arguments.positional[0];
  return true;
}

bool RequiredVersion(const Invocation& invocation, const std::string& command, int64_t& version) {
  if (!absl::SimpleAtoi(invocation.arguments.Get("version"), &version) || version < 1) {
    invocation.err << "portal-admin " << command << ": --version is required: the version "
                   << "shown by `portal-admin get`, a whole number from 1\n";
    return false;
  }
  return true;
}

void PrintState(const portal::v1::RegistrationState& state, std::ostream& out) {
  out << "reference:       " << state.reference() << "\n"
      << "status:          " << portal::v1::RegistrationStatus_Name(state.status()) << "\n"
      << "version:         " << state.version() << "\n"
      << "updated at:      " << FormatTime(state.updated_at()) << "\n"
      << "assignee:        " << OrDash(state.assignee()) << "\n";
  if (state.has_proposal()) {
    out << "proposal:        " << portal::v1::Decision_Name(state.proposal().decision()) << " by "
        << state.proposal().proposed_by() << " at " << FormatTime(state.proposal().proposed_at())
        << "\n";
    if (!state.proposal().reason().empty()) {
      out << "proposed reason: " << state.proposal().reason() << "\n";
    }
  }
  if (state.has_company_number()) out << "company number:  " << state.company_number() << "\n";
  if (state.has_decision_reason()) out << "decision reason: " << state.decision_reason() << "\n";
  if (!state.decided_by().empty()) out << "decided by:      " << state.decided_by() << "\n";
}

void PrintDetail(const portal::v1::RegistrationDetail& detail, std::ostream& out) {
  PrintState(detail.state(), out);
  const portal::v1::Registration& registration = detail.registration();
  const portal::v1::Company& company = registration.company();
  const portal::v1::Address& office = company.registered_office();
  out << "submitted at:    " << FormatTime(detail.submitted_at()) << "\n";

  out << "\ncompany\n"
      << "  name:          " << company.proposed_name() << "\n"
      << "  type:          " << portal::v1::CompanyType_Name(company.type()) << "\n"
      << "  activities:    ";
  for (int i = 0; i < company.activity_codes_size(); ++i) {
    out << (i > 0 ? ", " : "") << company.activity_codes(i);
  }
  out << "\n  office:        " << office.line1() << (office.line2().empty() ? "" : ", ")
      << office.line2() << ", " << office.locality() << ", " << office.postal_code() << ", "
      << office.country() << "\n";
  if (company.has_share_capital()) {
    out << "  share capital: " << company.share_capital().shares() << " shares of "
        << company.share_capital().nominal_value_minor() << " (minor units of "
        << company.share_capital().currency() << ")\n";
  }

  out << "\nofficers\n";
  for (const portal::v1::Officer& officer : registration.officers()) {
    out << "  " << portal::v1::OfficerRole_Name(officer.role()) << ": " << officer.given_name()
        << " " << officer.family_name() << ", born " << officer.date_of_birth() << ", "
        << officer.nationality() << ", resident in " << officer.country_of_residence() << "\n";
  }
  out << "\napplicant:       " << registration.applicant().full_name() << " <"
      << registration.applicant().email() << ">\n";

  out << "\nnotes" << (detail.notes_size() == 0 ? ": none" : "") << "\n";
  for (const portal::v1::Note& note : detail.notes()) {
    out << "  " << FormatTime(note.created_at()) << " " << note.author() << ": " << note.text()
        << "\n";
  }
}

void PrintList(const portal::v1::ListRegistrationsResponse& response, std::ostream& out) {
  out << std::left << std::setw(16) << "REFERENCE" << std::setw(11) << "STATUS" << std::setw(22)
      << "SUBMITTED" << std::setw(9) << "VERSION" << std::setw(16) << "ASSIGNEE"
      << "NAME\n";
  for (const portal::v1::RegistrationSummary& row : response.registrations()) {
    out << std::left << std::setw(16) << row.reference() << std::setw(11)
        << portal::v1::RegistrationStatus_Name(row.status()) << std::setw(22)
        << FormatTime(row.submitted_at()) << std::setw(9) << row.version() << std::setw(16)
        << OrDash(row.assignee()) << row.proposed_name() << "\n";
  }
  if (response.registrations_size() == 0) out << "(no registrations match)\n";
  if (!response.next_page_token().empty()) {
    out << "\nmore: repeat with --page-token " << response.next_page_token() << "\n";
  }
}

// Sends one change and prints the new state.
template <typename Request>
int RunChange(Invocation& invocation,
              grpc::Status (portal::v1::AdminService::Stub::*method)(
                  grpc::ClientContext*, const Request&, portal::v1::RegistrationState*),
              const Request& request) {
  auto stub = portal::v1::AdminService::NewStub(OpenChannel(invocation.arguments));
  grpc::ClientContext context;
  if (!PrepareCall(invocation.arguments, context, invocation.err)) return kExitUsage;
  portal::v1::RegistrationState state;
  grpc::Status status = ((*stub).*method)(&context, request, &state);
  if (!status.ok()) return ReportFailure(status, invocation.arguments, invocation.err);
  if (invocation.json) {
    PrintJson(state, invocation.out);
    invocation.out << "\n";
  } else {
    PrintState(state, invocation.out);
  }
  return kExitOk;
}

int RunList(Invocation& invocation) {
  const Arguments& arguments = invocation.arguments;
  portal::v1::ListRegistrationsRequest request;
  if (arguments.Has("status")) {
    portal::v1::RegistrationStatus status;
    if (!portal::v1::RegistrationStatus_Parse(arguments.Get("status"), &status) ||
        status == portal::v1::REGISTRATION_STATUS_UNSPECIFIED) {
      invocation.err << "portal-admin list: invalid --status \"" << arguments.Get("status")
                     << "\": use SUBMITTED, IN_REVIEW, APPROVED or REJECTED\n";
      return kExitUsage;
    }
    request.set_status(status);
  }
  for (const char* name : {"from", "before"}) {
    if (!arguments.Has(name)) continue;
    google::protobuf::Timestamp timestamp;
    if (!TimeUtil::FromString(arguments.Get(name), &timestamp)) {
      invocation.err << "portal-admin list: invalid --" << name << " \"" << arguments.Get(name)
                     << "\": use RFC 3339, for example 2026-12-01T00:00:00Z\n";
      return kExitUsage;
    }
    *(std::string(name) == "from" ? request.mutable_submitted_from()
                                  : request.mutable_submitted_before()) = timestamp;
  }
  request.set_name_contains(arguments.Get("name"));
  if (arguments.Has("page-size")) {
    int page_size = 0;
    if (!absl::SimpleAtoi(arguments.Get("page-size"), &page_size) || page_size < 1 ||
        page_size > 100) {
      invocation.err << "portal-admin list: invalid --page-size \"" << arguments.Get("page-size")
                     << "\": use 1 to 100\n";
      return kExitUsage;
    }
    request.set_page_size(page_size);
  }
  request.set_page_token(arguments.Get("page-token"));

  auto stub = portal::v1::AdminService::NewStub(OpenChannel(arguments));
  grpc::ClientContext context;
  if (!PrepareCall(arguments, context, invocation.err)) return kExitUsage;
  portal::v1::ListRegistrationsResponse response;
  grpc::Status status = stub->ListRegistrations(&context, request, &response);
  if (!status.ok()) return ReportFailure(status, arguments, invocation.err);
  if (invocation.json) {
    PrintJson(response, invocation.out);
    invocation.out << "\n";
  } else {
    PrintList(response, invocation.out);
  }
  return kExitOk;
}

int RunGet(Invocation& invocation) {
  portal::v1::GetRegistrationRequest request;
  std::string reference;
  if (!OneReference(invocation, "get", reference)) return kExitUsage;
  request.set_reference(reference);

  auto stub = portal::v1::AdminService::NewStub(OpenChannel(invocation.arguments));
  grpc::ClientContext context;
  if (!PrepareCall(invocation.arguments, context, invocation.err)) return kExitUsage;
  portal::v1::RegistrationDetail detail;
  grpc::Status status = stub->GetRegistration(&context, request, &detail);
  if (!status.ok()) return ReportFailure(status, invocation.arguments, invocation.err);
  if (invocation.json) {
    PrintJson(detail, invocation.out);
    invocation.out << "\n";
  } else {
    PrintDetail(detail, invocation.out);
  }
  return kExitOk;
}

int RunClaim(Invocation& invocation) {
  portal::v1::ClaimRegistrationRequest request;
  std::string reference;
  int64_t version = 0;
  if (!OneReference(invocation, "claim", reference) ||
      !RequiredVersion(invocation, "claim", version)) {
    return kExitUsage;
  }
  request.set_reference(reference);
  request.set_version(version);
  return RunChange(invocation, &portal::v1::AdminService::Stub::ClaimRegistration, request);
}

int RunRelease(Invocation& invocation) {
  portal::v1::ReleaseRegistrationRequest request;
  std::string reference;
  int64_t version = 0;
  if (!OneReference(invocation, "release", reference) ||
      !RequiredVersion(invocation, "release", version)) {
    return kExitUsage;
  }
  request.set_reference(reference);
  request.set_version(version);
  return RunChange(invocation, &portal::v1::AdminService::Stub::ReleaseRegistration, request);
}

int RunPropose(Invocation& invocation) {
  portal::v1::ProposeDecisionRequest request;
  std::string reference;
  int64_t version = 0;
  if (!OneReference(invocation, "propose", reference) ||
      !RequiredVersion(invocation, "propose", version)) {
    return kExitUsage;
  }
  const bool approve = invocation.arguments.Has("approve");
  const bool reject = invocation.arguments.Has("reject");
  if (approve == reject) {
    invocation.err << "portal-admin propose: give exactly one of --approve and --reject\n";
    return kExitUsage;
  }
  if (reject && invocation.arguments.Get("reason").empty()) {
    invocation.err << "portal-admin propose: --reject needs --reason, the text the applicant "
                      "will see (1 to 1000 characters)\n";
    return kExitUsage;
  }
  request.set_reference(reference);
  request.set_version(version);
  request.set_decision(approve ? portal::v1::APPROVE : portal::v1::REJECT);
  request.set_reason(invocation.arguments.Get("reason"));
  return RunChange(invocation, &portal::v1::AdminService::Stub::ProposeDecision, request);
}

int RunConfirm(Invocation& invocation) {
  portal::v1::ConfirmDecisionRequest request;
  std::string reference;
  int64_t version = 0;
  if (!OneReference(invocation, "confirm", reference) ||
      !RequiredVersion(invocation, "confirm", version)) {
    return kExitUsage;
  }
  request.set_reference(reference);
  request.set_version(version);
  request.set_action(invocation.arguments.Has("send-back") ? portal::v1::SEND_BACK
                                                           : portal::v1::CONFIRM);
  return RunChange(invocation, &portal::v1::AdminService::Stub::ConfirmDecision, request);
}

int RunNote(Invocation& invocation) {
  portal::v1::AddNoteRequest request;
  std::string reference;
  int64_t version = 0;
  if (!OneReference(invocation, "note", reference) ||
      !RequiredVersion(invocation, "note", version)) {
    return kExitUsage;
  }
  if (invocation.arguments.Get("text").empty()) {
    invocation.err << "portal-admin note: --text is required (1 to 4000 characters)\n";
    return kExitUsage;
  }
  request.set_reference(reference);
  request.set_version(version);
  request.set_text(invocation.arguments.Get("text"));
  return RunChange(invocation, &portal::v1::AdminService::Stub::AddNote, request);
}

int RunDevToken(Invocation& invocation) {
  const Arguments& arguments = invocation.arguments;
  const std::string key_path = arguments.Get("signing-key");
  const std::string user = arguments.Get("user");
  const auto roles = arguments.options.find("role");
  if (key_path.empty() || user.empty() || roles == arguments.options.end()) {
    invocation.err << "portal-admin dev-token: --signing-key, --user and --role are required; "
                      "see `portal-admin dev-token --help`\n";
    return kExitUsage;
  }
  for (const std::string& role : roles->second) {
    if (role != "reviewer" && role != "approver" && role != "auditor" &&
        role != "audit-producer") {
      invocation.err << "portal-admin dev-token: invalid --role \"" << role
                     << "\": use reviewer, approver, auditor or audit-producer\n";
      return kExitUsage;
    }
  }
  absl::Duration lifetime = absl::Hours(8);
  if (arguments.Has("ttl") && (!absl::ParseDuration(arguments.Get("ttl"), &lifetime) ||
                               lifetime <= absl::ZeroDuration() ||
                               lifetime > kMaxDevTokenLifetime)) {
    invocation.err << "portal-admin dev-token: invalid --ttl \"" << arguments.Get("ttl")
                   << "\": use a duration up to 24h, for example 30m or 8h\n";
    return kExitUsage;
  }

  std::ifstream file(key_path, std::ios::binary);
  if (!file) {
    invocation.err << "portal-admin dev-token: cannot read the signing key " << key_path
                   << "; create it with deploy/local/dev-identity DIR\n";
    return kExitOther;
  }
  std::ostringstream pem;
  pem << file.rdbuf();

  auth::TokenClaims claims;
  claims.issuer = arguments.Get("issuer", kDevIssuer);
  claims.audience = arguments.Get("audience", kDevAudience);
  claims.subject = user;
  claims.roles = roles->second;
  claims.issued_at = absl::Now();
  claims.lifetime = lifetime;
  absl::StatusOr<std::string> token = auth::SignDevelopmentToken(pem.str(), claims);
  if (!token.ok()) {
    invocation.err << "portal-admin dev-token: " << token.status().message() << "\n";
    return kExitOther;
  }
  invocation.out << *token << "\n";
  return kExitOk;
}

}  // namespace

void AddReviewCommands(CommandTable& table) {
  const OptionSpec version{"version", true, false,
                           "The registration's version as last read (shown by `get`)."};
  table.push_back({"list", "List registrations, newest submission first.", "",
                   {{"status", true, false, "Only SUBMITTED, IN_REVIEW, APPROVED or REJECTED."},
                    {"from", true, false, "Only submitted at or after this RFC 3339 time."},
                    {"before", true, false, "Only submitted before this RFC 3339 time."},
                    {"name", true, false, "Only names containing this text, case-insensitive."},
                    {"page-size", true, false, "Rows per page, 1 to 100 (default 20)."},
                    {"page-token", true, false, "Continue a listing from its previous page."}},
                   true, RunList});
  table.push_back({"get", "Show a registration in full, officers and notes included.",
                   "REFERENCE", {}, true, RunGet});
  table.push_back({"claim", "Take a SUBMITTED registration into review, assigned to you.",
                   "REFERENCE", {version}, true, RunClaim});
  table.push_back({"release", "Return a registration in review to the queue, unassigned.",
                   "REFERENCE", {version}, true, RunRelease});
  table.push_back({"propose", "Propose approval or rejection of a registration assigned to you.",
                   "REFERENCE",
                   {version,
                    {"approve", false, false, "Propose approval."},
                    {"reject", false, false, "Propose rejection; needs --reason."},
                    {"reason", true, false,
                     "Why it is rejected, 1 to 1000 characters; the applicant sees it."}},
                   true, RunPropose});
  table.push_back({"confirm", "Confirm another reviewer's proposal, or send it back (approvers).",
                   "REFERENCE",
                   {version,
                    {"send-back", false, false,
                     "Return it to review with the proposal cleared instead of confirming."}},
                   true, RunConfirm});
  table.push_back({"note", "Add an internal note; applicants never see notes.", "REFERENCE",
                   {version, {"text", true, false, "The note, 1 to 4000 characters."}}, true,
                   RunNote});
  table.push_back(
      {"dev-token",
       "DEVELOPMENT ONLY: sign a token for a user with the key from deploy/local/dev-identity.",
       "",
       {{"signing-key", true, false, "PEM EC P-256 private key, DIR/dev-signing-key.pem."},
        {"user", true, false, "The token subject: who the case worker is."},
        {"role", true, true,
         "reviewer, approver, auditor or audit-producer (the outbox relays); repeat for "
         "several roles."},
        {"ttl", true, false, "Lifetime, for example 30m or 8h (default 8h, at most 24h)."},
        {"issuer", true, false, "The iss claim (default portal-dev)."},
        {"audience", true, false, "The aud claim (default portal)."}},
       false, RunDevToken});
}

}  // namespace portal::admin::cli
