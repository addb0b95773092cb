#include "common/outbox/relay.h"

#include <google/protobuf/util/time_util.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/config/config.h"
#include "common/logging/log.h"

namespace portal::outbox {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int kMaxBatchSize = 500;  // The audit service's Append limit.
constexpr int kMaxReconnectBackoffMs = 10000;

// Outbox table names are written into SQL text, so only plain identifiers pass.
bool IsPlainIdentifier(absl::string_view name) {
  if (name.empty() || name.size() > 64 || absl::ascii_isdigit(name.front())) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '_';
  });
}

struct OutboxRow {
  long long id = 0;
  std::string event_id;
  long long occurred_at_us = 0;
  std::string actor;
  std::string action;
  std::string registration_reference;
  std::string details;
};

std::vector<OutboxRow> SelectPending(soci::session& session, const std::string& table, int limit) {
  OutboxRow row;
  soci::indicator reference_indicator = soci::i_ok;
  soci::statement statement =
      (session.prepare << absl::StrCat("SELECT id, event_id, occurred_at_us, actor, action,"
                                       " registration_reference, details FROM ",
                                       table, " WHERE delivered_at_us IS NULL ORDER BY id LIMIT ",
                                       limit),
       soci::into(row.id), soci::into(row.event_id), soci::into(row.occurred_at_us),
       soci::into(row.actor), soci::into(row.action),
       soci::into(row.registration_reference, reference_indicator), soci::into(row.details));
  std::vector<OutboxRow> rows;
  if (!statement.execute(true)) return rows;
  do {
    rows.push_back(row);
    if (reference_indicator == soci::i_null) rows.back().registration_reference.clear();
  } while (statement.fetch());
  return rows;
}

}  // namespace

TokenProvider SecretTokenProvider(std::string env_name) {
  return [env_name = std::move(env_name)]() -> absl::StatusOr<std::string> {
    absl::StatusOr<std::string> token = config::ReadSecret(env_name);
    if (absl::IsNotFound(token.status())) {
      return absl::FailedPreconditionError(absl::StrCat(
          "missing audit token: set ", env_name, "_FILE to a file that contains an audit-producer token"));
    }
    return token;
  };
}

absl::StatusOr<std::unique_ptr<OutboxRelay>> OutboxRelay::Create(
    db::Database& database, std::shared_ptr<portal::v1::AuditService::StubInterface> stub,
    TokenProvider token_provider, RelayOptions options) {
  if (!IsPlainIdentifier(options.table)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid outbox table \"", options.table, "\": use a-z, 0-9 and \"_\", at most 64"));
  }
  if (options.producer.empty()) return absl::InvalidArgumentError("the producer name is empty");
  if (options.batch_size < 1 || options.batch_size > kMaxBatchSize) {
    return absl::InvalidArgumentError(absl::StrCat("invalid relay batch size ", options.batch_size,
                                                   ": use 1 to ", kMaxBatchSize));
  }
  if (stub == nullptr || !token_provider) {
    return absl::InvalidArgumentError("the relay needs an AuditService stub and a token provider");
  }
  return std::unique_ptr<OutboxRelay>(
      new OutboxRelay(database, std::move(stub), std::move(token_provider), std::move(options)));
}

OutboxRelay::OutboxRelay(db::Database& database,
                         std::shared_ptr<portal::v1::AuditService::StubInterface> stub,
                         TokenProvider token_provider, RelayOptions options)
    : database_(database), stub_(std::move(stub)), token_provider_(std::move(token_provider)),
      options_(std::move(options)) {}

OutboxRelay::~OutboxRelay() { Stop(); }

void OutboxRelay::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
  log::Info("audit relay started", {{"table", options_.table}, {"producer", options_.producer}});
}

void OutboxRelay::Stop() {
  std::thread thread;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!thread_.joinable()) return;
    stopping_ = true;
    thread = std::move(thread_);
  }
  wake_.notify_all();
  thread.join();
  log::Info("audit relay stopped", {{"table", options_.table}});
}

absl::StatusOr<int> OutboxRelay::DeliverBatch() {
  std::lock_guard<std::mutex> delivery_lock(delivery_mutex_);

  // 1. The oldest undelivered events, in id order.
  std::vector<OutboxRow> rows;
  absl::Status status = database_.Read([&](soci::session& session) {
    rows = SelectPending(session, options_.table, options_.batch_size);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (rows.empty()) return 0;

  // 2. Append them; the audit service acknowledges repeats without storing them again.
  portal::v1::AppendRequest request;
  for (const OutboxRow& row : rows) {
    portal::v1::AuditEvent* event = request.add_events();
    event->set_event_id(row.event_id);
    *event->mutable_occurred_at() = TimeUtil::MicrosecondsToTimestamp(row.occurred_at_us);
    event->set_actor(row.actor);
    event->set_action(row.action);
    event->set_registration_reference(row.registration_reference);
    event->set_details(row.details);
    event->set_producer(options_.producer);
  }
  absl::StatusOr<std::string> token = token_provider_();
  if (!token.ok()) return token.status();

  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + options_.call_timeout));
  if (!token->empty()) context.AddMetadata("authorization", absl::StrCat("Bearer ", *token));
  portal::v1::AppendResponse response;
  const grpc::Status call = stub_->Append(&context, request, &response);
  if (!call.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(call.error_code()),
                        absl::StrCat("Append failed: ", call.error_message()));
  }

  // 3. Only now are they marked. A crash before this line resends the batch later.
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (const OutboxRow& row : rows) ids.push_back(absl::StrCat(row.id));
  const long long delivered_at = db::ToStorageTime(absl::Now());
  status = database_.Transaction([&](soci::session& session) {
    session << absl::StrCat("UPDATE ", options_.table,
                            " SET delivered_at_us = :delivered_at WHERE delivered_at_us IS NULL"
                            " AND id IN (",
                            absl::StrJoin(ids, ","), ")"),
        soci::use(delivered_at);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;

  log::Debug("audit events delivered",
             {{"table", options_.table},
              {"count", rows.size()},
              {"appended", response.appended_count()},
              {"duplicates", response.duplicate_count()},
              {"last_id", rows.back().id}});
  return static_cast<int>(rows.size());
}

absl::StatusOr<Backlog> OutboxRelay::CountBacklog() {
  Backlog backlog;
  long long pending = 0;
  long long oldest = 0;
  soci::indicator oldest_indicator = soci::i_ok;
  absl::Status status = database_.Read([&](soci::session& session) {
    session << absl::StrCat("SELECT COUNT(*), MIN(occurred_at_us) FROM ", options_.table,
                            " WHERE delivered_at_us IS NULL"),
        soci::into(pending), soci::into(oldest, oldest_indicator);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  backlog.pending = pending;
  if (pending > 0 && oldest_indicator == soci::i_ok) {
    backlog.oldest_age = std::max(absl::ZeroDuration(), absl::Now() - db::FromStorageTime(oldest));
  }
  return backlog;
}

void OutboxRelay::LogBacklog() {
  absl::StatusOr<Backlog> backlog = CountBacklog();
  if (!backlog.ok()) {
    log::Warning("audit outbox backlog not counted",
                 {{"table", options_.table}, {"error", std::string(backlog.status().message())}});
    return;
  }
  log::Info("audit outbox backlog",
            {{"table", options_.table},
             {"pending", backlog->pending},
             {"oldest_pending_age_s", absl::ToInt64Seconds(backlog->oldest_age)}});
}

void OutboxRelay::Run() {
  absl::Duration backoff = options_.initial_backoff;
  int failures = 0;
  absl::Time next_backlog_log = absl::Now();

  while (true) {
    absl::Duration wait = options_.poll_interval;
    absl::StatusOr<int> delivered = DeliverBatch();
    if (delivered.ok()) {
      if (failures > 0) {
        log::Info("audit relay delivering again",
                  {{"table", options_.table}, {"failed_attempts", failures}});
      }
      failures = 0;
      backoff = options_.initial_backoff;
      // A full batch suggests more are waiting: go on at once.
      if (*delivered == options_.batch_size) wait = absl::ZeroDuration();
    } else {
      ++failures;
      log::Warning("audit relay delivery failed, retrying",
                   {{"table", options_.table},
                    {"code", absl::StatusCodeToString(delivered.status().code())},
                    {"error", std::string(delivered.status().message())},
                    {"attempt", failures},
                    {"retry_in_ms", absl::ToInt64Milliseconds(backoff)}});
      wait = backoff;
      backoff = std::min(backoff * 2, options_.max_backoff);
    }

    if (absl::Now() >= next_backlog_log) {
      LogBacklog();
      next_backlog_log = absl::Now() + options_.backlog_log_interval;
    }

    std::unique_lock<std::mutex> lock(mutex_);
    if (wake_.wait_for(lock, absl::ToChronoMilliseconds(wait), [this] { return stopping_; })) {
      return;
    }
  }
}

std::shared_ptr<grpc::Channel> NewAuditChannel(const std::string& target) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, kMaxReconnectBackoffMs);
  // TODO: use TLS credentials once the services serve TLS; see grpc_server::RunServer.
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), arguments);
}

absl::StatusOr<std::unique_ptr<OutboxRelay>> StartAuditRelay(db::Database& database,
                                                             const RelaySettings& settings) {
  if (settings.audit_target.empty()) {
    log::Warning("audit relay disabled: no audit target set; events wait in the outbox",
                 {{"table", settings.table}});
    return std::unique_ptr<OutboxRelay>();
  }
  std::shared_ptr<grpc::Channel> channel = NewAuditChannel(settings.audit_target);
  RelayOptions options;
  options.table = settings.table;
  options.producer = settings.producer;
  absl::StatusOr<std::unique_ptr<OutboxRelay>> relay =
      OutboxRelay::Create(database, portal::v1::AuditService::NewStub(channel),
                          SecretTokenProvider(settings.token_env), options);
  if (!relay.ok()) return relay.status();
  (*relay)->Start();
  log::Info("audit relay configured",
            {{"target", settings.audit_target}, {"table", settings.table}});
  return relay;
}

}  // namespace portal::outbox
