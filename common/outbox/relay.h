// Delivery of a producer's transactional audit outbox to the audit service.
//
// A producer writes each audit event into its outbox table in the same transaction as
// the change it records. The relay reads undelivered rows strictly in id order, sends
// them to AuditService.Append in batches, and sets delivered_at_us only after Append has
// acknowledged them. Append is idempotent by event id, so a crash between the two steps
// resends the batch and stores nothing twice. While the audit service is unreachable
// the relay retries with capped exponential backoff and the outbox grows; producers keep
// working.
//
// The outbox table needs these columns: id (auto-increment), event_id, occurred_at_us,
// actor, action, registration_reference (NULL allowed), details, delivered_at_us (NULL
// until delivered).
#ifndef PORTAL_COMMON_OUTBOX_RELAY_H_
#define PORTAL_COMMON_OUTBOX_RELAY_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/database.h"
#include "portal/v1/audit.grpc.pb.h"

namespace portal::outbox {

// Returns the bearer token for the next Append call. Called once per batch, so that a
// rotated token is picked up without a restart.
using TokenProvider = std::function<absl::StatusOr<std::string>()>;

// Reads the token with config::ReadSecret(`env_name`) on every call: the variable itself,
// or the file that `env_name`_FILE names.
TokenProvider SecretTokenProvider(std::string env_name);

struct RelayOptions {
  std::string table;     // The outbox table, such as "registration_audit_outbox".
  std::string producer;  // Sent as AuditEvent.producer, such as "registration".
  int batch_size = 100;  // Events per Append call, 1 to 500.
  // How long the relay sleeps when the outbox is empty.
  absl::Duration poll_interval = absl::Seconds(1);
  // Backoff after a failed batch: doubles from initial_backoff up to max_backoff.
  absl::Duration initial_backoff = absl::Milliseconds(500);
  absl::Duration max_backoff = absl::Seconds(30);
  absl::Duration call_timeout = absl::Seconds(10);  // Deadline of each Append call.
  // How often the backlog (undelivered events) is logged.
  absl::Duration backlog_log_interval = absl::Minutes(1);
};

// The undelivered part of an outbox.
struct Backlog {
  int64_t pending = 0;
  // Age of the oldest undelivered event; zero when nothing is pending.
  absl::Duration oldest_age = absl::ZeroDuration();
};

class OutboxRelay {
 public:
  // Checks the options. INVALID_ARGUMENT when the table is not a plain SQL identifier
  // (it is written into the SQL text), the producer is empty, or the batch size is out
  // of range. The stub must use one long-lived channel.
  static absl::StatusOr<std::unique_ptr<OutboxRelay>> Create(
      db::Database& database, std::shared_ptr<portal::v1::AuditService::StubInterface> stub,
      TokenProvider token_provider, RelayOptions options);

  // Stops the background thread if it runs.
  ~OutboxRelay();

  OutboxRelay(const OutboxRelay&) = delete;
  OutboxRelay& operator=(const OutboxRelay&) = delete;

  // Starts delivering on a background thread until Stop() or destruction.
  void Start();

  // Stops the background thread; a batch in flight finishes or fails first.
  void Stop();

  // Delivers the oldest undelivered batch once. Returns how many events were delivered,
  // 0 when the outbox is empty, or the first error (of the token, the call or the
  // database) without retrying.
  absl::StatusOr<int> DeliverBatch();

  // Counts the undelivered events.
  absl::StatusOr<Backlog> CountBacklog();

 private:
  OutboxRelay(db::Database& database, std::shared_ptr<portal::v1::AuditService::StubInterface> stub,
              TokenProvider token_provider, RelayOptions options);

  void Run();
  void LogBacklog();

  db::Database& database_;
  std::shared_ptr<portal::v1::AuditService::StubInterface> stub_;
  TokenProvider token_provider_;
  const RelayOptions options_;

  std::mutex delivery_mutex_;  // Keeps batches strictly one after another.

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // Guarded by mutex_.
  std::thread thread_;
};

// Opens the long-lived channel a relay uses. Its reconnect backoff is capped at 10 s
// (gRPC's default cap is 120 s), so a backlog drains soon after the audit service returns.
std::shared_ptr<grpc::Channel> NewAuditChannel(const std::string& target);

// Settings of the relay that a producer's main() starts.
struct RelaySettings {
  std::string audit_target;  // host:port of the audit service; empty disables the relay.
  std::string table;
  std::string producer;
  std::string token_env = "PORTAL_AUDIT_TOKEN";  // Read through config::ReadSecret.
};

// Opens one channel to the audit service and starts a relay on it. Returns nullptr, and
// logs that events wait in the outbox, when settings.audit_target is empty.
absl::StatusOr<std::unique_ptr<OutboxRelay>> StartAuditRelay(db::Database& database,
                                                             const RelaySettings& settings);

}  // namespace portal::outbox

#endif  // PORTAL_COMMON_OUTBOX_RELAY_H_
