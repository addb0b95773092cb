#include "common/db/database_url.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace portal::db {
namespace {

constexpr absl::string_view kSqliteScheme = "sqlite3://";
constexpr absl::string_view kMysqlScheme = "mysql://";

// Quotes a value for a soci connection string, which splits on spaces and '='.
std::string QuoteSociValue(absl::string_view value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'') quoted += "\\'";
    else quoted += c;
  }
  quoted += "'";
  return quoted;
}

// Returns the URL with any password in its user information replaced by "***", because
// error messages are logged.
std::string Redacted(absl::string_view text) {
  const size_t scheme_end = text.find("://");
  const size_t at = text.find('@');
  if (scheme_end == absl::string_view::npos || at == absl::string_view::npos) {
    return std::string(text);
  }
  const size_t colon = text.find(':', scheme_end + 3);
  if (colon == absl::string_view::npos || colon > at) return std::string(text);
  return absl::StrCat(text.substr(0, colon + 1), "***", text.substr(at));
}

absl::Status InvalidUrl(absl::string_view text, absl::string_view reason) {
  return absl::InvalidArgumentError(absl::StrCat(
      "invalid database URL \"", Redacted(text), "\": ", reason,
      "; expected sqlite3://PATH or mysql://USER@HOST:PORT/DATABASE?tls=required&ca=FILE"));
}

}  // namespace

std::string DatabaseUrl::SociConnectString(absl::string_view password) const {
  if (dialect == Dialect::kSqlite) {
    // soci's SQLite backend splits its connection string on spaces and has no quoting,
    // so ParseDatabaseUrl rejects paths with spaces.
    return absl::StrCat("db=", sqlite_path, " timeout=10");
  }
  std::string result = absl::StrCat("dbname=", QuoteSociValue(database), " user=",
                                    QuoteSociValue(user), " host=", QuoteSociValue(host),
                                    " port=", port, " charset=utf8mb4 connect_timeout=5",
                                    " read_timeout=30 write_timeout=30");
  if (!password.empty()) absl::StrAppend(&result, " password=", QuoteSociValue(password));
  if (!tls_ca_file.empty()) absl::StrAppend(&result, " sslca=", QuoteSociValue(tls_ca_file));
  return result;
}

std::string DatabaseUrl::ToString() const {
  if (dialect == Dialect::kSqlite) return absl::StrCat(kSqliteScheme, sqlite_path);
  std::string result = absl::StrCat(kMysqlScheme, user, "@", host, ":", port, "/", database);
  if (tls_required) absl::StrAppend(&result, "?tls=required");
  if (!tls_ca_file.empty()) absl::StrAppend(&result, tls_required ? "&" : "?", "ca=", tls_ca_file);
  return result;
}

absl::StatusOr<DatabaseUrl> ParseDatabaseUrl(absl::string_view text) {
  DatabaseUrl url;
  if (absl::StartsWith(text, kSqliteScheme)) {
    url.dialect = Dialect::kSqlite;
    url.sqlite_path = std::string(text.substr(kSqliteScheme.size()));
    if (url.sqlite_path.empty()) return InvalidUrl(text, "the SQLite file path is empty");
    if (absl::StrContains(url.sqlite_path, ' ')) {
      return InvalidUrl(text, "the SQLite file path must not contain spaces");
    }
    return url;
  }
  if (!absl::StartsWith(text, kMysqlScheme)) return InvalidUrl(text, "unknown scheme");

  url.dialect = Dialect::kMysql;
  absl::string_view rest = text.substr(kMysqlScheme.size());
  absl::string_view query;
  if (size_t question = rest.find('?'); question != absl::string_view::npos) {
    query = rest.substr(question + 1);
    rest = rest.substr(0, question);
  }

  const size_t at = rest.find('@');
  if (at == absl::string_view::npos || at == 0) return InvalidUrl(text, "the user is missing");
  absl::string_view user = rest.substr(0, at);
  if (absl::StrContains(user, ':')) {
    return InvalidUrl(text, "a password in the URL is not allowed; set PORTAL_DB_PASSWORD");
  }
  url.user = std::string(user);

  absl::string_view host_port_database = rest.substr(at + 1);
  const size_t slash = host_port_database.find('/');
  if (slash == absl::string_view::npos || slash + 1 >= host_port_database.size()) {
    return InvalidUrl(text, "the database name is missing");
  }
  url.database = std::string(host_port_database.substr(slash + 1));
  absl::string_view host_port = host_port_database.substr(0, slash);
  if (size_t colon = host_port.rfind(':'); colon != absl::string_view::npos) {
    uint32_t port = 0;
    if (!absl::SimpleAtoi(host_port.substr(colon + 1), &port) || port == 0 || port > 65535) {
      return InvalidUrl(text, "the port is not a number from 1 to 65535");
    }
    url.port = static_cast<uint16_t>(port);
    host_port = host_port.substr(0, colon);
  }
  if (host_port.empty()) return InvalidUrl(text, "the host is missing");
  url.host = std::string(host_port);

  for (absl::string_view parameter : absl::StrSplit(query, '&', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> key_value = absl::StrSplit(parameter, '=');
    if (key_value.first == "tls") {
      if (key_value.second == "required") url.tls_required = true;
      else if (key_value.second == "disabled") url.tls_required = false;
      else return InvalidUrl(text, "tls must be \"required\" or \"disabled\"");
    } else if (key_value.first == "ca") {
      url.tls_ca_file = std::string(key_value.second);
    } else {
      return InvalidUrl(text, absl::StrCat("unknown parameter \"", key_value.first, "\""));
    }
  }
  return url;
}

}  // namespace portal::db
