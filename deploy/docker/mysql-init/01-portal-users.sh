# Creates the portal database and its MySQL users on the first start of the compose
# stack's MySQL container. The official mysql image sources every *.sh file in
# /docker-entrypoint-initdb.d once, when the data directory is empty, and provides
# docker_process_sql, which runs SQL from stdin as root over the local socket.
#
# Passwords come from the compose secrets under /run/secrets. The table grants need the
# tables, so apply-grants.sh adds them after the services' first migrations.

portal_password() {  # SECRET_NAME: prints the secret with trailing newlines removed.
  local value
  value=$(cat "/run/secrets/$1")
  printf '%s' "$value"
}

# mysql_native_password, not MySQL 8's default caching_sha2_password, because the services
# connect here with tls=disabled, and caching_sha2_password then needs an RSA key exchange.
# NOTE: the connector's RSA exchange was not tried. RDS users use TLS and the default.
for portal_user in portal_migrator portal_registration portal_admin portal_audit; do
  docker_process_sql --database=mysql <<SQL
CREATE USER IF NOT EXISTS '${portal_user}'@'%'
  IDENTIFIED WITH mysql_native_password BY '$(portal_password "mysql_${portal_user}_password")';
SQL
done

docker_process_sql --database=mysql </portal-grants/migrator.sql
