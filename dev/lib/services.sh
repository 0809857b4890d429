# Builds and starts the three services from their packaged jars. Sourced after common.sh and infra.sh.

SERVICES=(ingest-service query-service finetune-service)

service_port() {
  case $1 in
    ingest-service) echo $INGEST_PORT ;; query-service) echo $QUERY_PORT ;; finetune-service) echo $FINETUNE_PORT ;;
  esac
}

build_services() {
  local missing=0 s
  for s in "${SERVICES[@]}"; do [ -f "$ROOT/$s/target/quarkus-app/quarkus-run.jar" ] || missing=1; done
  [ -f "$ROOT/dev/tools/target/tailor-tools.jar" ] || missing=1
  if [ $missing = 1 ] || [ "${TAILOR_REBUILD:-0}" = 1 ]; then
    require_java
    say "building the services (./mvnw package -DskipTests)"
    "$ROOT/mvnw" -B -q install -DskipTests >"$LOGS/build.log" 2>&1 || die "build failed (see $LOGS/build.log)"
  fi
}

# The environment every service gets locally; each name is a configuration key the service reads.
service_env() {
  echo KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}"
  echo WEAVIATE_URL="${WEAVIATE_URL:-http://127.0.0.1:$WEAVIATE_PORT}"
  echo OIDC_AUTH_SERVER_URL="${OIDC_AUTH_SERVER_URL:-http://127.0.0.1:$KEYCLOAK_PORT/realms/tailor}"
  echo QUARKUS_HTTP_HOST=127.0.0.1
}

service_ready() { curl -fsS "http://127.0.0.1:$1/q/health/ready"; }

start_service() {
  local s=$1 port
  port=$(service_port "$s")
  if pid_alive "$s" && port_open "$port"; then say "$s: already running on $port"; return 0; fi
  ensure_port_free "$s" "$port"
  say "$s: starting on 127.0.0.1:$port"
  # shellcheck disable=SC2046
  start_bg "$s" "$LOGS/$s.log" env $(service_env) QUARKUS_HTTP_PORT="$port" \
    java -Xms64m -Xmx${TAILOR_SERVICE_HEAP:-768m} --add-opens=java.base/java.lang=ALL-UNNAMED -jar "$ROOT/$s/target/quarkus-app/quarkus-run.jar"
}

start_services() {
  local s
  for s in "${SERVICES[@]}"; do start_service "$s"; done
  for s in "${SERVICES[@]}"; do
    wait_until 120 "$s" service_ready "$(service_port "$s")" \
      || die "$s did not become ready within 120 s (see $LOGS/$s.log)"
  done
}

stop_services() {
  local s
  for s in "${SERVICES[@]}"; do stop_named "$s"; done
}
