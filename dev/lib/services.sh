# Builds and starts the four services from their packaged jars. Sourced after common.sh, infra.sh and models.sh.

SERVICES=(model-service ingest-service query-service finetune-service)

service_port() {
  case $1 in
    ingest-service) echo $INGEST_PORT ;; query-service) echo $QUERY_PORT ;; finetune-service) echo $FINETUNE_PORT ;;
    model-service) echo $MODEL_PORT ;;
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

# The OpenAI-compatible model provider the other services use: model-service unless MODEL_SERVICE_URL names another.
model_base_url() { echo "${MODEL_SERVICE_URL:-http://127.0.0.1:$MODEL_PORT/v1}"; }

# The environment a service gets locally; each name is a configuration key that service reads.
service_env() {
  echo KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}"
  echo WEAVIATE_URL="${WEAVIATE_URL:-http://127.0.0.1:$WEAVIATE_PORT}"
  echo OIDC_AUTH_SERVER_URL="${OIDC_AUTH_SERVER_URL:-http://127.0.0.1:$KEYCLOAK_PORT/realms/tailor}"
  echo QUARKUS_HTTP_HOST=127.0.0.1
  case ${1:-} in
    model-service) model_service_env ;;
    query-service)
      echo TAILOR_QUERY_CHAT_ENABLED="${TAILOR_QUERY_CHAT_ENABLED:-true}"
      echo OPENAI_BASE_URL="$(model_base_url)"
      echo OPENAI_CHAT_MODEL="${OPENAI_CHAT_MODEL:-smollm2-135m}" ;;
    finetune-service)
      echo TAILOR_FINETUNE_PROVIDER_NAME=tailor-model-service
      echo TAILOR_FINETUNE_PROVIDER_BASE_URL="$(model_base_url)"
      echo TAILOR_FINETUNE_PROVIDER_BASE_MODEL=smollm2-135m
      echo TAILOR_FINETUNE_GENERATION_BASE_URL="$(model_base_url)"
      echo TAILOR_FINETUNE_GENERATION_MODEL=smollm2-135m
      echo TAILOR_FINETUNE_DATASET_PATH="$STATE/datasets"
      echo TAILOR_FINETUNE_EVALUATION_GOLD_QUESTIONS="$ROOT/dev/corpus/questions.jsonl" ;;
  esac
}

# What model-service needs: its store (per clone, in .dev), the base weights and the trainer (both in the cache).
model_service_env() {
  echo TAILOR_MODEL_STORE="$STATE/model-store"
  echo TAILOR_MODEL_BASE_GGUF="$MODEL_GGUF"
  echo TAILOR_MODEL_TRAINING_PYTHON="$TRAINER_PYTHON"
  echo TAILOR_MODEL_TRAINING_WORKER_PATH="$TRAINER_SOURCES"
}

# JVM options of a service beside its heap: its image's JAVA_OPTS_APPEND (k8s/base/services/NAME.env), read from
# there so that dev and the cluster run the same JVM; TAILOR_SERVICE_JAVA_OPTS replaces them (set it empty to measure
# without; docs/decisions.md, "ingest-service and query-service run C1 only").
service_java_opts() {
  sed -n 's/^JAVA_OPTS_APPEND=//p' "$ROOT/k8s/base/services/$1.env" 2>/dev/null
}

service_ready() { curl -fsS "http://127.0.0.1:$1/q/health/ready"; }

# await_service NAME [SECONDS]: wait until the service is ready on its port, or die pointing at its log
await_service() {
  wait_until "${2:-180}" "$1" service_ready "$(service_port "$1")" \
    || die "$1 did not become ready within ${2:-180} s (see $LOGS/$1.log)"
}

start_service() {
  local s=$1 port
  port=$(service_port "$s")
  if pid_alive "$s" && port_open "$port"; then say "$s: already running on $port"; return 0; fi
  ensure_port_free "$s" "$port"
  say "$s: starting on 127.0.0.1:$port"
  # shellcheck disable=SC2046,SC2086
  start_bg "$s" "$LOGS/$s.log" env $(service_env "$s") QUARKUS_HTTP_PORT="$port" \
    java -Xms64m -Xmx${TAILOR_SERVICE_HEAP:-768m} --add-opens=java.base/java.lang=ALL-UNNAMED \
    ${TAILOR_SERVICE_JAVA_OPTS-$(service_java_opts "$s")} -jar "$ROOT/$s/target/quarkus-app/quarkus-run.jar"
}

start_services() {
  local s
  install_models
  for s in "${SERVICES[@]}"; do
    [ "$s" = model-service ] && [ -n "${MODEL_SERVICE_URL:-}" ] && { say "model provider: using $MODEL_SERVICE_URL"; continue; }
    start_service "$s"
  done
  for s in "${SERVICES[@]}"; do
    [ "$s" = model-service ] && [ -n "${MODEL_SERVICE_URL:-}" ] && continue
    await_service "$s"
  done
}

# The model weights and the trainer's Python environment, installed into the cache on first use.
install_models() {
  [ -n "${MODEL_SERVICE_URL:-}" ] && return 0
  install_model_weights
  install_trainer_env
}

# dev/test: model-service is part of the stack the tests need (the fine-tuning flow and the RAG tests ask it),
# built from this checkout and started unless it already runs or MODEL_SERVICE_URL names one.
# model-service's own tests need the weights and the trainer in any case.
start_model_service_for_tests() {
  install_model_weights
  install_trainer_env
  if [ -n "${MODEL_SERVICE_URL:-}" ]; then say "model provider: using $MODEL_SERVICE_URL"; return 0; fi
  if pid_alive model-service && port_open "$MODEL_PORT"; then say "model-service: already running"; return 0; fi
  say "building model-service"
  "$ROOT/mvnw" -B -q -pl model-service -am install -DskipTests >"$LOGS/build-model-service.log" 2>&1 \
    || die "model-service did not build (see $LOGS/build-model-service.log)"
  start_service model-service
  await_service model-service
}

# publish_sample_corpus: the sample corpus (dev/corpus) published to docs.changes, returning once all of it is
# searchable (ingest-service must run).
publish_sample_corpus() {
  say "publishing the sample corpus (dev/corpus) to docs.changes"
  java -jar "$ROOT/dev/tools/target/tailor-tools.jar" publish-corpus "$ROOT/dev/corpus" \
    --bootstrap "${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}" --wait-indexed \
    || die "publishing the sample corpus failed"
}

# ensure_sample_corpus: the sample corpus indexed, unless the index already holds chunks (ingest-service built). A
# benchmark of search on a fresh stack would otherwise wait for an index that nothing creates.
ensure_sample_corpus() {
  curl -fsS "http://127.0.0.1:$WEAVIATE_PORT/v1/objects?class=TailorChunk&limit=1" 2>/dev/null \
    | grep -q '"id"' && return 0
  local started=0
  if ! service_ready "$INGEST_PORT" >/dev/null 2>&1; then
    start_service ingest-service
    started=1
    await_service ingest-service
  fi
  publish_sample_corpus
  [ $started = 1 ] && stop_named ingest-service
  return 0
}

stop_services() {
  local s
  for s in "${SERVICES[@]}"; do stop_named "$s"; done
}
