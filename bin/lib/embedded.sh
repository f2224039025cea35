# shellcheck shell=bash
# The embedded stores for ./bin/dev and ./bin/test: PostgreSQL from the
# machine's binaries (or the pgserver wheel) and DynamoDB Local on Java,
# both on loopback with their data in a directory of our choosing.
# Source bin/lib/common.sh first.

# PostgreSQL refuses to run as root; root runs it as this system user instead.
PG_OS_USER="${PG_OS_USER:-postgres}"

pg_bin_dir() {
  local dir
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  # Last resort: the PostgreSQL binaries shipped in the pgserver wheel.
  "$VENV_DIR/bin/python" -m pip install --quiet --disable-pip-version-check pgserver==0.1.4 >&2 ||
    die "PostgreSQL binaries not found. Install them with: apt-get install postgresql"
  "$VENV_DIR/bin/python" "$REPO_ROOT/bin/lib/local_host.py" pgserver-bin
}

# as_pg_user CMD... — runs CMD as the user that owns the PostgreSQL data.
as_pg_user() {
  if is_root; then
    runuser -u "$PG_OS_USER" -- "$@"
  else
    "$@"
  fi
}

ensure_pg_os_user() {
  is_root || return 0
  id "$PG_OS_USER" >/dev/null 2>&1 && return 0
  step "Creating the system user '$PG_OS_USER' to run PostgreSQL (it refuses to run as root)"
  useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER"
}

# pg_start DATA_DIR PORT [fast] — initialises the cluster on first use, then
# starts it on 127.0.0.1:PORT. "fast" trades durability for speed (tests).
pg_start() {
  local data=$1 port=$2 mode=${3:-}
  local bin
  bin=$(pg_bin_dir)
  ensure_pg_os_user
  mkdir -p "$data"
  if is_root; then
    chown "$PG_OS_USER" "$data"
    as_pg_user test -w "$data" ||
      die "the user '$PG_OS_USER' cannot write to $data; move the checkout somewhere it can reach, or set DATA_DIR"
  fi
  chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    step "Initialising a PostgreSQL cluster in $data"
    as_pg_user "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null ||
      die "initdb failed"
  fi
  local opts="-p $port -c listen_addresses=127.0.0.1 -k $data"
  [ "$mode" = fast ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  step "Starting PostgreSQL on 127.0.0.1:$port"
  as_pg_user "$bin/pg_ctl" -D "$data" -l "$data/server.log" -o "$opts" -w -t 30 start >/dev/null ||
    die "PostgreSQL did not start; see $data/server.log"
}

pg_stop() {
  local data=$1 bin
  [ -f "$data/postmaster.pid" ] || return 0
  bin=$(pg_bin_dir)
  step "Stopping PostgreSQL"
  as_pg_user "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true
}

# ddb_start DB_PATH PORT LOG — DB_PATH "memory" keeps nothing on disk.
# Sets DDB_PID.
ddb_start() {
  local db_path=$1 port=$2 log=$3
  local storage=(-inMemory)
  if [ "$db_path" != memory ]; then
    mkdir -p "$db_path"
    storage=(-sharedDb -dbPath "$db_path")
  fi
  step "Starting DynamoDB Local on 127.0.0.1:$port"
  # It writes a metadata file into its working directory: keep that beside the log.
  (cd "$(dirname "$log")" && exec setsid java -Xmx512m -Djava.library.path="$DYNAMODB_LOCAL_DIR/DynamoDBLocal_lib" \
    -jar "$DYNAMODB_LOCAL_DIR/DynamoDBLocal.jar" -port "$port" "${storage[@]}" >"$log" 2>&1) &
  # shellcheck disable=SC2034  # read by the caller
  DDB_PID=$!
  wait_for_http "http://127.0.0.1:$port" 30 || die "DynamoDB Local did not start; see $log"
}
