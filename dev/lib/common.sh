# Shared by dev/up, dev/down and dev/test. Sourced, never run.
# Layout: downloads and builds of third-party components live in $TAILOR_CACHE (outside the repo, so every
# clone on a machine shares them); run state (data, logs, PIDs) lives in $STATE, git-ignored, per clone.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE=${TAILOR_STATE:-$ROOT/.dev}
CACHE=${TAILOR_CACHE:-$HOME/.cache/tailor}
LOGS=$STATE/logs
PIDS=$STATE/pids
mkdir -p "$STATE" "$LOGS" "$PIDS" "$CACHE"

KAFKA_VERSION=4.1.1
WEAVIATE_VERSION=v1.38.11
KEYCLOAK_VERSION=26.5.5

KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
WEAVIATE_PORT=8090
WEAVIATE_GRPC_PORT=50051
KEYCLOAK_PORT=8180
QUERY_PORT=8080
INGEST_PORT=8081
FINETUNE_PORT=8082
MODEL_PORT=8083

say()  { printf '\033[1m[tailor]\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[31m[tailor] %s\033[0m\n' "$*" >&2; exit 1; }

need() { # need CMD "what it is for"
  command -v "$1" >/dev/null 2>&1 || die "$1 is missing: $2"
}

require_java() {
  need java "install a Java 17+ JDK (e.g. apt-get install openjdk-17-jdk)"
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  [ "${v%%.*}" -ge 17 ] 2>/dev/null || die "Java 17 or newer is required (found ${v:-unknown})"
}

require_go() {
  need go "install Go 1.24+ (https://go.dev/dl) to build Weaviate, or set WEAVIATE_URL to use a running Weaviate"
}

port_open() { # port_open PORT: something listens on 127.0.0.1:PORT
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && { exec 3>&- 3<&-; return 0; } || return 1
}

pid_alive() { # pid_alive NAME: the process we started under NAME still runs
  local f=$PIDS/$1.pid
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

# ensure_port_free NAME PORT: fail clearly when PORT is taken by something we did not start
ensure_port_free() {
  if port_open "$2"; then
    pid_alive "$1" || die "port $2 (for $1) is busy with a process Tailor did not start: stop it, or point Tailor at it (see README, 'Reusing components')"
  fi
}

wait_until() { # wait_until SECONDS "what" CMD...: poll CMD until it succeeds or time runs out
  local timeout=$1 what=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 1
  done
}

start_bg() { # start_bg NAME LOGFILE CMD...: start in the background in its own process group, record its PID
  local name=$1 log=$2; shift 2
  setsid "$@" >"$log" 2>&1 < /dev/null &
  echo $! > "$PIDS/$name.pid"
}

stop_named() { # stop_named NAME: stop what we started under NAME (its whole process group), by PID
  local f=$PIDS/$1.pid pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    say "stopped $1 (pid $pid)"
  fi
  rm -f "$f"
}

mvnw() { "$ROOT/mvnw" -B -q "$@"; }
