#!/usr/bin/env bash
# Copies binaries and exactly the shared libraries they load into ROOT, a root filesystem
# for a FROM scratch image, with the dpkg records that image scanners read.
#
#   stage-runtime.sh ROOT BINARY...
#
# ROOT receives:
#   usr/local/bin/NAME              each binary
#   lib*/..., usr/lib/...           every library that ldd resolves, under the same path,
#                                   the dynamic loader, and MariaDB's authentication
#                                   plugins when a binary links libmariadb
#   var/lib/dpkg/status.d/PACKAGE   the dpkg status entry of each package that owns a copied
#                                   library, in the layout of Google's distroless images, so
#                                   that trivy and grype find the Debian package versions
#   usr/share/doc/PACKAGE/copyright the licence of each of those packages
#   etc/os-release, debian_version  the Debian release, for the same scanners
#   etc/passwd, etc/group           the user and group "portal", 10001:10001
#   tmp/                            mode 1777, the only path the containers write to
#
# Runs in the build stage of deploy/docker/Dockerfile, where the binaries were built
# against the same Debian packages.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: stage-runtime.sh ROOT BINARY..." >&2
  exit 2
fi
root=$1
shift
mkdir -p "$root/usr/local/bin" "$root/etc" "$root/var/lib/dpkg/status.d" "$root/tmp"
chmod 1777 "$root/tmp"

declare -A libraries=()

# Records every library that ldd resolves for FILE, and the dynamic loader. ldd prints
# "name => /path (address)" for libraries and "/path (address)" for the loader.
add_dependencies() {
  local file=$1 path
  if ldd "$file" | grep -q "not found"; then
    echo "stage-runtime.sh: $file needs a library that is not installed:" >&2
    ldd "$file" | grep "not found" >&2
    exit 1
  fi
  while read -r path; do
    libraries["$path"]=1
  done < <(ldd "$file" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
}

for binary in "$@"; do
  if [[ ! -x "$binary" ]]; then
    echo "stage-runtime.sh: binary not found or not executable: $binary" >&2
    exit 1
  fi
  install -m 0755 "$binary" "$root/usr/local/bin/"
  add_dependencies "$binary"
done

# MariaDB Connector/C loads authentication plugins at run time, so ldd cannot see them.
# MySQL 8 users authenticate with caching_sha2_password by default, sha256_password is
# its older variant, and RDS IAM authentication sends a token with mysql_clear_password.
mariadb_plugins=/usr/lib/$(gcc -dumpmachine)/libmariadb3/plugin
if [[ -n "${libraries[*]}" ]] && printf '%s\n' "${!libraries[@]}" | grep -q '/libmariadb\.so\.3$'; then
  for plugin in caching_sha2_password sha256_password mysql_clear_password; do
    libraries["$mariadb_plugins/$plugin.so"]=1
    add_dependencies "$mariadb_plugins/$plugin.so"
  done
fi

# Returns the package that owns a library. With Debian's merged /usr, ldd may report
# /lib/... for a file that dpkg recorded as /usr/lib/..., or the reverse.
owning_package() {
  local path=$1 candidate
  for candidate in "$path" "$(readlink -f "$path")" "/usr$path" "${path#/usr}"; do
    if dpkg-query -S "$candidate" >/dev/null 2>&1; then
      dpkg-query -S "$candidate" | head -n 1 | cut -d: -f1
      return 0
    fi
  done
  return 1
}

declare -A packages=()
for path in "${!libraries[@]}"; do
  # -L copies the file that the soname link points to, under the soname itself.
  cp -L --parents "$path" "$root/"
  if package=$(owning_package "$path"); then
    packages["$package"]=1
  else
    echo "stage-runtime.sh: no Debian package owns $path; scanners will not see it" >&2
  fi
done

for package in "${!packages[@]}"; do
  dpkg-query -s "$package" >"$root/var/lib/dpkg/status.d/${package%%:*}"
  name=${package%%:*}
  if [[ -f "/usr/share/doc/$name/copyright" ]]; then
    mkdir -p "$root/usr/share/doc/$name"
    cp "/usr/share/doc/$name/copyright" "$root/usr/share/doc/$name/copyright"
  fi
done

# Scanners identify the distribution, and so the advisories that apply, from these files.
cp -L /etc/os-release "$root/etc/os-release"
cp /etc/debian_version "$root/etc/debian_version"

echo "portal:x:10001:10001:portal:/nonexistent:/usr/sbin/nologin" >"$root/etc/passwd"
echo "portal:x:10001:" >"$root/etc/group"

echo "staged $# binaries, ${#libraries[@]} libraries from ${#packages[@]} packages in $root" >&2
