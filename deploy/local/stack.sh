# Starts and stops the portal's processes on 127.0.0.1. Sourced by deploy/local/run and
# by tests/run; every process is stopped by the PID recorded when it started.
#
# portal_start_stack BUILD_DIR DATA_DIR HTTP_PORT GRPC_BASE_PORT [STATIC_DIR]
#   Starts registration on GRPC_BASE_PORT, admin on +1 and audit on +2 (the latter two
#   only when built), and the gateway on HTTP_PORT, with SQLite in DATA_DIR/portal.db
#   unless PORTAL_DB_URL is set. Logs go to DATA_DIR/logs/NAME.log. Development secrets
#   are generated in DATA_DIR/secrets at first start and kept. Returns once the gateway
#   reports ready, or fails after 60 s.
# portal_stop_stack DATA_DIR
#   Sends SIGTERM to each recorded process, waits up to 25 s, then SIGKILL.

portal_generate_secret() {  # FILE: 32 random bytes in base64, created once, mode 0600.
  if [[ ! -s "$1" ]]; then
    (umask 077 && openssl rand -base64 32 >"$1")
  fi
}

# Writes the outbox relays' bearer token, valid for 24 hours. The relays read the file
# again for every batch, so rewriting it rotates the token without a restart.
portal_mint_relay_token() {  # BUILD_DIR DATA_DIR
  local build=$1 data=$2
  [[ -x "$build/services/admin/cli/portal-admin" && -f "$data/identity/dev-signing-key.pem" ]] || return 0
  (umask 077 && "$build/services/admin/cli/portal-admin" dev-token \
    --signing-key "$data/identity/dev-signing-key.pem" --user outbox-relay \
    --role audit-producer --ttl 24h >"$data/secrets/audit-producer-token.new") &&
    mv "$data/secrets/audit-producer-token.new" "$data/secrets/audit-producer-token"
}

# Waits up to 60 s for a process's "server started" log line.
portal_wait_for_start() {  # DATA_DIR NAME
  local attempt
  for attempt in $(seq 1 300); do
    grep -q '"server started"' "$1/logs/$2.log" 2>/dev/null && return 0
    kill -0 "$(cat "$1/pids/$2.pid")" 2>/dev/null || break
    sleep 0.2
  done
  echo "$2 did not start; last log lines:" >&2
  tail -n 5 "$1/logs/$2.log" >&2
  return 1
}

portal_start_process() {  # DATA_DIR NAME COMMAND...
  local data=$1 name=$2
  shift 2
  "$@" >>"$data/logs/$name.log" 2>&1 &
  echo "$!" >"$data/pids/$name.pid"
}

portal_start_stack() {
  local build=$1 data=$2 http_port=$3 base=$4 static=${5:-}
  local registration_port=$base admin_port=$((base + 1)) audit_port=$((base + 2))
  mkdir -p "$data/logs" "$data/pids" "$data/secrets"
  chmod 700 "$data/secrets"
  local db_url=${PORTAL_DB_URL:-sqlite3://$data/portal.db}

  portal_generate_secret "$data/secrets/registration-token-key"
  portal_generate_secret "$data/secrets/admin-page-token-key"

  local identity=()
  if [[ -x "$build/services/admin/portal-admin-server" || -x "$build/services/audit/portal-audit" ]]; then
    "$(dirname "${BASH_SOURCE[0]}")/dev-identity" "$data/identity" >/dev/null
    identity=(PORTAL_AUTH_JWKS_FILE="$data/identity/dev-jwks.json"
              PORTAL_AUTH_ISSUER=portal-dev PORTAL_AUTH_AUDIENCE=portal)
    portal_mint_relay_token "$build" "$data" || return 1
  fi

  # The audit service starts first so that the producers' relays find it.
  local audit_env=()
  if [[ -x "$build/services/audit/portal-audit" ]]; then
    portal_start_process "$data" audit env "${identity[@]}" PORTAL_DB_URL="$db_url" \
      "$build/services/audit/portal-audit" --audit_listen="127.0.0.1:$audit_port"
    portal_wait_for_start "$data" audit || return 1
    audit_env=(PORTAL_AUDIT_TARGET="127.0.0.1:$audit_port"
               PORTAL_AUDIT_TOKEN_FILE="$data/secrets/audit-producer-token")
  fi

  portal_start_process "$data" registration env "${audit_env[@]}" PORTAL_DB_URL="$db_url" \
    PORTAL_REGISTRATION_TOKEN_KEY_FILE="$data/secrets/registration-token-key" \
    "$build/services/registration/portal-registration" \
    --registration_listen="127.0.0.1:$registration_port"
  # The admin service reads the registration tables, so they must exist first.
  portal_wait_for_start "$data" registration || return 1

  if [[ -x "$build/services/admin/portal-admin-server" ]]; then
    portal_start_process "$data" admin env "${identity[@]}" "${audit_env[@]}" \
      PORTAL_DB_URL="$db_url" PORTAL_ADMIN_PAGE_TOKEN_KEY_FILE="$data/secrets/admin-page-token-key" \
      "$build/services/admin/portal-admin-server" --admin_listen="127.0.0.1:$admin_port"
  fi

  local static_args=()
  [[ -n "$static" ]] && static_args=(--gateway_static_dir="$static")
  portal_start_process "$data" gateway "$build/gateway/portal-gateway" \
    --gateway_listen="127.0.0.1:$http_port" \
    --gateway_registration_target="127.0.0.1:$registration_port" \
    "${static_args[@]}" ${PORTAL_GATEWAY_EXTRA_ARGS:-}

  local attempt
  for attempt in $(seq 1 300); do
    if curl -fsS "http://127.0.0.1:$http_port/readyz" >/dev/null 2>&1; then
      return 0
    fi
    local pidfile
    for pidfile in "$data"/pids/*.pid; do
      if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        echo "$(basename "$pidfile" .pid) exited during start-up; last log lines:" >&2
        tail -n 5 "$data/logs/$(basename "$pidfile" .pid).log" >&2
        return 1
      fi
    done
    sleep 0.2
  done
  echo "the portal did not become ready within 60 s; logs are in $data/logs" >&2
  return 1
}

portal_stop_stack() {
  local data=$1 pidfile pid
  for pidfile in "$data"/pids/*.pid; do
    [[ -f "$pidfile" ]] || continue
    pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pidfile in "$data"/pids/*.pid; do
    [[ -f "$pidfile" ]] || continue
    pid=$(cat "$pidfile")
    for _ in $(seq 1 125); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
}
