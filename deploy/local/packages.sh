# Debian 12 packages the portal needs, and a function that installs the missing ones.
# Sourced by deploy/local/run and tests/run.

# To build and run the services and the gateway.
PORTAL_BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates curl openssl python3
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler libabsl-dev
  libboost1.81-all-dev libsoci-dev libmariadb-dev libsqlite3-dev libssl-dev libicu-dev
  libjwt-dev
)
# To run the test suites as well.
PORTAL_TEST_PACKAGES=(libgtest-dev libgmock-dev mariadb-server mariadb-client chromium)

# portal_ensure_packages NAME... : installs the packages not yet installed when running
# as root; otherwise prints the exact apt-get command and returns 1.
portal_ensure_packages() {
  local missing=()
  local package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  # Node.js and npm build the web page and run the Node test suites; any Node.js 18 or
  # later will do, so Debian's is installed only when there is none.
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    missing+=(nodejs npm)
  fi
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing Debian packages. Install them as root with:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "Installing Debian packages: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
