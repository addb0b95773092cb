#include "common/db/setup.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "common/config/config.h"
#include "common/logging/log.h"

namespace portal::db {
namespace {

// Writes the certificate authority bundle from PORTAL_DB_TLS_CA_PEM to a private file and
// returns its path.
absl::StatusOr<std::string> WriteCaBundleFromEnvironment() {
  absl::StatusOr<std::string> pem = config::ReadSecret("PORTAL_DB_TLS_CA_PEM");
  if (!pem.ok()) {
    return absl::InvalidArgumentError(
        "the database URL has tls=required but no ca=FILE, and PORTAL_DB_TLS_CA_PEM (or "
        "PORTAL_DB_TLS_CA_PEM_FILE) is not set: give the server's certificate authority one "
        "of these ways");
  }
  if (pem->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    return absl::InvalidArgumentError(
        "PORTAL_DB_TLS_CA_PEM does not hold a PEM certificate (-----BEGIN CERTIFICATE-----)");
  }
  const char* tmpdir = std::getenv("TMPDIR");
  std::string path = absl::StrCat(tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp",
                                  "/portal-db-ca-XXXXXX");
  const int fd = mkstemp(path.data());
  if (fd < 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot create a file for the database certificate authority in ", path,
        "; is the temporary folder writable?"));
  }
  const bool written = ::write(fd, pem->data(), pem->size()) == static_cast<ssize_t>(pem->size());
  ::close(fd);
  if (!written) {
    return absl::FailedPreconditionError(absl::StrCat("cannot write ", path));
  }
  return path;
}

absl::StatusOr<std::unique_ptr<Database>> OpenWithSecret(const std::string& url_text,
                                                         absl::string_view password_env,
                                                         int pool_size) {
  absl::StatusOr<DatabaseUrl> url = ParseDatabaseUrl(url_text);
  if (!url.ok()) return url.status();
  if (url->tls_required && url->tls_ca_file.empty()) {
    absl::StatusOr<std::string> ca_file = WriteCaBundleFromEnvironment();
    if (!ca_file.ok()) return ca_file.status();
    url->tls_ca_file = *ca_file;
  }

  std::string password;
  if (url->dialect == Dialect::kMysql) {
    absl::StatusOr<std::string> secret = config::ReadSecret(password_env);
    if (absl::IsNotFound(secret.status())) {
      log::Warning("no database password set; connecting without one",
                   {{"variable", std::string(password_env)}});
    } else if (!secret.ok()) {
      return secret.status();
    } else {
      password = *secret;
    }
  }
  DatabaseOptions options;
  options.pool_size = static_cast<size_t>(pool_size);
  return Database::Open(*url, password, options);
}

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenAndMigrate(const DatabaseSettings& settings,
                                                         absl::string_view component,
                                                         absl::Span<const Migration> migrations) {
  if (settings.pool_size < 1 || settings.pool_size > 256) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid database pool size ", settings.pool_size, ": use 1 to 256"));
  }
  if (!settings.migration_url.empty()) {
    absl::StatusOr<std::unique_ptr<Database>> migrator =
        OpenWithSecret(settings.migration_url, "PORTAL_DB_MIGRATION_PASSWORD", 1);
    if (!migrator.ok()) return migrator.status();
    if (absl::Status status = ApplyMigrations(**migrator, component, migrations); !status.ok()) {
      return status;
    }
  }

  absl::StatusOr<std::unique_ptr<Database>> database =
      OpenWithSecret(settings.url, "PORTAL_DB_PASSWORD", settings.pool_size);
  if (!database.ok()) return database.status();
  if (settings.migration_url.empty()) {
    if (absl::Status status = ApplyMigrations(**database, component, migrations); !status.ok()) {
      return status;
    }
  }
  return database;
}

}  // namespace portal::db
