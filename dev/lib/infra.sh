# Installs and starts Kafka, Weaviate and Keycloak as plain processes on loopback. Sourced after common.sh.
# Each start_* reuses a component already given by address (KAFKA_BOOTSTRAP_SERVERS, WEAVIATE_URL,
# OIDC_AUTH_SERVER_URL) or already started by us, and is otherwise idempotent.

KAFKA_HOME=$CACHE/kafka-$KAFKA_VERSION
WEAVIATE_BIN=$CACHE/weaviate-$WEAVIATE_VERSION/weaviate-server
KEYCLOAK_HOME=$CACHE/keycloak-$KEYCLOAK_VERSION

# ---------------------------------------------------------------- Kafka
install_kafka() {
  [ -f "$KAFKA_HOME/.complete" ] && return 0
  require_java
  say "installing Kafka $KAFKA_VERSION from Maven Central into $KAFKA_HOME"
  rm -rf "$KAFKA_HOME"
  "$ROOT/mvnw" -B -q -f "$ROOT/dev/infra/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_HOME/libs" -DincludeScope=runtime >"$LOGS/kafka-install.log" 2>&1 \
    || die "could not fetch Kafka from Maven Central (see $LOGS/kafka-install.log)"
  touch "$KAFKA_HOME/.complete"
}

kafka_java() { java -Xms256m -Xmx768m -Dlog4j2.configurationFile="$ROOT/dev/infra/kafka/log4j2.properties" -cp "$KAFKA_HOME/libs/*" "$@"; }

start_kafka() {
  if [ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then say "Kafka: using $KAFKA_BOOTSTRAP_SERVERS"; return 0; fi
  install_kafka
  if pid_alive kafka && port_open $KAFKA_PORT; then say "Kafka: already running"; create_topics; return 0; fi
  ensure_port_free kafka $KAFKA_PORT; ensure_port_free kafka $KAFKA_CONTROLLER_PORT
  local dir=$STATE/kafka
  mkdir -p "$dir/data"
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
message.max.bytes=5242880
PROPS
  if [ ! -f "$dir/data/meta.properties" ]; then
    kafka_java kafka.tools.StorageTool format -t "$(kafka_java kafka.tools.StorageTool random-uuid)" \
      -c "$dir/server.properties" >"$LOGS/kafka-format.log" 2>&1 || die "Kafka storage format failed (see $LOGS/kafka-format.log)"
  fi
  say "Kafka: starting on 127.0.0.1:$KAFKA_PORT"
  start_bg kafka "$LOGS/kafka.log" java -Xms256m -Xmx768m \
    -Dlog4j2.configurationFile="$ROOT/dev/infra/kafka/log4j2.properties" -cp "$KAFKA_HOME/libs/*" \
    kafka.Kafka "$dir/server.properties"
  wait_until 60 "Kafka" port_open $KAFKA_PORT || die "Kafka did not start within 60 s (see $LOGS/kafka.log)"
  create_topics
}

create_topics() {
  local bootstrap=${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}
  local existing
  existing=$(kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --list 2>/dev/null) || existing=""
  while read -r topic partitions configs; do
    case "$topic" in ''|'#'*) continue ;; esac
    grep -qx "$topic" <<<"$existing" && continue
    local args=(--bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" --partitions "$partitions" --replication-factor 1)
    if [ "$configs" != "-" ]; then
      IFS=',' read -ra kvs <<<"$configs"
      for kv in "${kvs[@]}"; do args+=(--config "$kv"); done
    fi
    kafka_java org.apache.kafka.tools.TopicCommand "${args[@]}" >>"$LOGS/kafka-topics.log" 2>&1 \
      || die "could not create topic $topic (see $LOGS/kafka-topics.log)"
    say "Kafka: created topic $topic ($partitions partitions${configs:+, $configs})"
  done < "$ROOT/dev/infra/topics.conf"
}

# ---------------------------------------------------------------- Weaviate
install_weaviate() {
  [ -x "$WEAVIATE_BIN" ] && return 0
  require_go
  say "building Weaviate $WEAVIATE_VERSION with go install (first time only: several minutes)"
  mkdir -p "$(dirname "$WEAVIATE_BIN")"
  GOBIN=$(dirname "$WEAVIATE_BIN") CGO_ENABLED=0 go install "github.com/weaviate/weaviate/cmd/weaviate-server@$WEAVIATE_VERSION" \
    >"$LOGS/weaviate-install.log" 2>&1 || die "go install of Weaviate failed (see $LOGS/weaviate-install.log)"
}

weaviate_ready() { curl -fsS "http://127.0.0.1:$WEAVIATE_PORT/v1/.well-known/ready"; }

start_weaviate() {
  if [ -n "${WEAVIATE_URL:-}" ]; then say "Weaviate: using $WEAVIATE_URL"; return 0; fi
  if pid_alive weaviate && port_open $WEAVIATE_PORT; then say "Weaviate: already running"; return 0; fi
  ensure_port_free weaviate $WEAVIATE_PORT; ensure_port_free weaviate $WEAVIATE_GRPC_PORT
  install_weaviate
  mkdir -p "$STATE/weaviate/data"
  say "Weaviate: starting on 127.0.0.1:$WEAVIATE_PORT (gRPC $WEAVIATE_GRPC_PORT)"
  start_bg weaviate "$LOGS/weaviate.log" env \
    DISABLE_TELEMETRY=true CLUSTER_IN_LOCALHOST=true RAFT_BOOTSTRAP_EXPECT=1 CLUSTER_HOSTNAME=tailor-dev \
    CLUSTER_BIND_ADDR=127.0.0.1 CLUSTER_ADVERTISE_ADDR=127.0.0.1 GO_PROFILING_DISABLE=true \
    PERSISTENCE_DATA_PATH="$STATE/weaviate/data" DEFAULT_VECTORIZER_MODULE=none ENABLE_MODULES= \
    AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true QUERY_DEFAULTS_LIMIT=25 GRPC_PORT=$WEAVIATE_GRPC_PORT \
    LIMIT_RESOURCES=true GOMEMLIMIT=2GiB LOG_LEVEL=warning \
    "$WEAVIATE_BIN" --host 127.0.0.1 --port $WEAVIATE_PORT --scheme http
  wait_until 90 "Weaviate" weaviate_ready || die "Weaviate did not become ready within 90 s (see $LOGS/weaviate.log)"
}

# ---------------------------------------------------------------- Keycloak
install_keycloak() {
  [ -x "$KEYCLOAK_HOME/bin/kc.sh" ] && return 0
  require_java
  say "installing Keycloak $KEYCLOAK_VERSION from Maven Central into $KEYCLOAK_HOME"
  local tmp=$CACHE/keycloak-unpack.$$
  rm -rf "$tmp"
  "$ROOT/mvnw" -B -q -f "$ROOT/dev/infra/kafka/pom.xml" dependency:unpack \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -DoutputDirectory="$tmp" \
    >"$LOGS/keycloak-install.log" 2>&1 || die "could not fetch Keycloak from Maven Central (see $LOGS/keycloak-install.log)"
  mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_HOME" && rm -rf "$tmp"
  chmod +x "$KEYCLOAK_HOME"/bin/*.sh
}

keycloak_ready() { curl -fsS "http://127.0.0.1:$KEYCLOAK_PORT/realms/tailor/.well-known/openid-configuration"; }

start_keycloak() {
  if [ -n "${OIDC_AUTH_SERVER_URL:-}" ]; then say "Keycloak: using $OIDC_AUTH_SERVER_URL"; return 0; fi
  if pid_alive keycloak && port_open $KEYCLOAK_PORT; then say "Keycloak: already running"; return 0; fi
  ensure_port_free keycloak $KEYCLOAK_PORT
  install_keycloak
  # The realm always comes from the repo: a fresh dev database per start, then the import of the base realm and
  # its development part (demo users; realm.env fills the base's ${...} placeholders: the password grant).
  rm -rf "$KEYCLOAK_HOME/data/h2" "$KEYCLOAK_HOME/data/import"
  mkdir -p "$KEYCLOAK_HOME/data/import"
  cp "$ROOT/dev/infra/keycloak/realm-tailor.json" "$KEYCLOAK_HOME/data/import/tailor-realm.json"
  cp "$ROOT/dev/infra/keycloak/demo/tailor-users-0.json" "$KEYCLOAK_HOME/data/import/"
  local realm_env
  mapfile -t realm_env < <(grep -E '^[A-Z_][A-Z0-9_]*=' "$ROOT/dev/infra/keycloak/demo/realm.env")
  say "Keycloak: starting on 127.0.0.1:$KEYCLOAK_PORT (realm tailor; first start takes about a minute)"
  start_bg keycloak "$LOGS/keycloak.log" env KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "${realm_env[@]}" JAVA_OPTS_KC_HEAP="-Xms128m -Xmx512m" \
    "$KEYCLOAK_HOME/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port=$KEYCLOAK_PORT \
    --hostname=http://127.0.0.1:$KEYCLOAK_PORT --http-management-port=8183 --import-realm
  # its first start re-augments the distribution (over a minute on a busy 2-core machine), then imports the realm
  wait_until 360 "Keycloak" keycloak_ready || die "Keycloak did not become ready within 360 s (see $LOGS/keycloak.log)"
}

start_infra() {
  need curl "install curl (apt-get install curl)"
  start_kafka
  start_weaviate
  start_keycloak
}

stop_infra() {
  stop_named keycloak
  stop_named weaviate
  stop_named kafka
}
