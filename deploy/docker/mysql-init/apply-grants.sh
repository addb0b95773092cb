#!/usr/bin/env bash
# Applies deploy/mysql/grants/{registration,admin,audit}.sql once the services' first
# migrations have created the tables they name, because MySQL grants privileges on a
# table only once it exists. Runs as the compose stack's one-shot "grants" service and
# retries every 5 s for up to 10 minutes. GRANT is idempotent, so it is safe to run again.
set -euo pipefail

password=$(cat /run/secrets/mysql_root_password)
export MYSQL_PWD=$password
mysql_command=(mysql --host=mysql --user=root --batch)

for attempt in $(seq 1 120); do
  pending=()
  for script in registration admin audit; do
    if ! "${mysql_command[@]}" </portal-grants/$script.sql 2>/tmp/grant-error; then
      pending+=("$script")
    fi
  done
  if [[ ${#pending[@]} -eq 0 ]]; then
    echo "grants applied: registration, admin, audit"
    exit 0
  fi
  if (( attempt % 6 == 1 )); then
    echo "waiting for the migrations of: ${pending[*]} (last error: $(head -c 200 /tmp/grant-error))"
  fi
  sleep 5
done
echo "grants not applied after 10 minutes: ${pending[*]}; last error: $(cat /tmp/grant-error)" >&2
exit 1
