# A throw-away Kubernetes control plane on loopback for k8s/validate: etcd, kube-apiserver and
# kube-controller-manager (no scheduler, no kubelet: Pods are created and admitted, then stay Pending).
# Sourced by k8s/validate, never run. Needs: CACHE and WORK set, go, openssl, curl, python3.
#
#   cluster_build    builds the binaries once into $CACHE (Go module proxy; the module sources are deleted after)
#   cluster_start    starts the three on free loopback ports with state under $WORK/cluster; sets KUBECTL
#   cluster_stop     stops what cluster_start started (by PID)
#
# Versions: Kubernetes 1.34 (1.34.2+: 1.34.0/1 warn "spec.SessionAffinity is ignored for headless services" on
# every headless Service, kubernetes/kubernetes#134040), and the etcd it is released with.
KUBERNETES_VERSION=v1.34.4
KUBERNETES_STAGING_VERSION=v0.34.4
ETCD_VERSION=v3.6.5

KUBE_DIR=$CACHE/kubernetes-$KUBERNETES_VERSION
ETCD_DIR=$CACHE/etcd-$ETCD_VERSION
KUBECTL=$KUBE_DIR/kubectl
CLUSTER=$WORK/cluster
cluster_pids=()

cluster_log() { printf '%s\n' "k8s/validate: $*" >&2; }

# go_build_scratch DIR MODULE@VERSION "REPLACE_MODULE..." REPLACE_VERSION OUT LDFLAGS PACKAGE...
# The Kubernetes and etcd main modules replace their sibling modules with directories, so `go install m@v`
# refuses them; a scratch module that requires the main module and points each replaced sibling at its
# published version builds the same code.
go_build_scratch() {
  local dir=$1 main=$2 replaces=$3 replace_version=$4 out=$5 ldflags=$6; shift 6
  local m tmp=$out.tmp.$$   # per process: two first runs at once must not share it
  mkdir -p "$dir" "$tmp"
  (
    set -e
    cd "$dir"
    export GOPATH=$CACHE/go GOMODCACHE=$CACHE/go/mod GOCACHE=$CACHE/go/build GOFLAGS=-modcacherw \
           GOTOOLCHAIN=local CGO_ENABLED=0
    printf 'module tailor.dev/k8s-validate-tools\n\ngo 1.24.0\n\nrequire %s\n' "${main/@/ }" > go.mod
    for m in $replaces; do go mod edit -replace="$m=$m@$replace_version"; done
    { echo '//go:build tools'; echo; echo 'package tools'; echo; echo 'import ('
      for m in "$@"; do echo "	_ \"$m\""; done; echo ')'; } > tools.go
    go mod tidy
    go build -trimpath -ldflags "$ldflags" -o "$tmp/" "$@"
  ) || { rm -rf "$tmp"; return 1; }
  rm -rf "$out" && mv "$tmp" "$out"
}

cluster_build() {
  local t0 log=$WORK/cluster-build.log
  if { [ ! -x "$KUBE_DIR/kube-apiserver" ] || [ ! -x "$ETCD_DIR/etcd" ]; } && ! command -v go >/dev/null; then
    cluster_log "FAIL: building the control plane needs Go 1.24+ (e.g. apt-get install golang, or https://go.dev/dl)"
    return 1
  fi
  if [ ! -x "$KUBE_DIR/kube-apiserver" ] || [ ! -x "$KUBE_DIR/kube-controller-manager" ] || [ ! -x "$KUBECTL" ]; then
    t0=$SECONDS
    cluster_log "building kube-apiserver, kube-controller-manager and kubectl $KUBERNETES_VERSION into $KUBE_DIR (first run only, ~4 min on 2 cores)"
    # The staging modules Kubernetes replaces are listed in its own go.mod.
    local gomod staging
    gomod=$(cd "$WORK" && GOPATH=$CACHE/go GOMODCACHE=$CACHE/go/mod GOFLAGS=-modcacherw GOTOOLCHAIN=local \
      go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" 2>>"$log" | python3 -c 'import json,sys; print(json.load(sys.stdin)["GoMod"])') || {
      cat "$log"; cluster_log "FAIL: could not download k8s.io/kubernetes $KUBERNETES_VERSION"; return 1; }
    staging=$(awk '$2 == "=>" && $3 ~ /^\.\/staging\// {print $1}' "$gomod")
    local v=${KUBERNETES_VERSION#v}
    local ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION \
-X k8s.io/component-base/version.gitMajor=${v%%.*} -X k8s.io/component-base/version.gitMinor=$(echo "$v" | cut -d. -f2) \
-X k8s.io/component-base/version.gitTreeState=clean -X k8s.io/client-go/pkg/version.gitVersion=$KUBERNETES_VERSION"
    if ! go_build_scratch "$WORK/build-kubernetes" "k8s.io/kubernetes@$KUBERNETES_VERSION" "$staging" \
        "$KUBERNETES_STAGING_VERSION" "$KUBE_DIR" "$ldflags" \
        k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
        k8s.io/kubernetes/cmd/kubectl >>"$log" 2>&1; then
      tail -40 "$log"; cluster_log "FAIL: building Kubernetes $KUBERNETES_VERSION (log above)"; return 1
    fi
    cluster_log "  built in $((SECONDS - t0)) s"
  fi
  if [ ! -x "$ETCD_DIR/etcd" ]; then
    t0=$SECONDS
    cluster_log "building etcd $ETCD_VERSION into $ETCD_DIR (first run only, ~2 min on 2 cores)"
    if ! go_build_scratch "$WORK/build-etcd" "go.etcd.io/etcd/server/v3@$ETCD_VERSION" \
        "go.etcd.io/etcd/api/v3 go.etcd.io/etcd/client/pkg/v3 go.etcd.io/etcd/client/v3 go.etcd.io/etcd/pkg/v3" \
        "$ETCD_VERSION" "$ETCD_DIR" "-s -w" go.etcd.io/etcd/server/v3 >>"$log" 2>&1; then
      tail -40 "$log"; cluster_log "FAIL: building etcd $ETCD_VERSION (log above)"; return 1
    fi
    # go names the binary of .../server/v3 after "server".
    mv "$ETCD_DIR/server" "$ETCD_DIR/etcd"
    cluster_log "  built in $((SECONDS - t0)) s"
  fi
  # Keep the cache small: the module sources and build cache are not needed once the binaries exist, nor are
  # binaries of other versions.
  rm -rf "$CACHE/go"
  local d
  for d in "$CACHE"/kubernetes-v* "$CACHE"/etcd-v*; do
    case $d in "$KUBE_DIR" | "$ETCD_DIR") ;; *) rm -rf "$d" ;; esac
  done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

cluster_start() {
  local t0=$SECONDS etcd_port peer_port api_port token
  mkdir -p "$CLUSTER"
  etcd_port=$(free_port); peer_port=$(free_port); api_port=$(free_port)
  token=$(openssl rand -hex 24)
  # One self-signed certificate serves the API and is the CA kubectl trusts; the service-account key signs tokens.
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=tailor-validate-apiserver \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$CLUSTER/apiserver.key" -out "$CLUSTER/apiserver.crt" >/dev/null 2>&1 &&
  openssl genrsa -out "$CLUSTER/sa.key" 2048 >/dev/null 2>&1 &&
  openssl rsa -in "$CLUSTER/sa.key" -pubout -out "$CLUSTER/sa.pub" >/dev/null 2>&1 || {
    cluster_log "FAIL: openssl could not create the certificates"; return 1; }
  echo "$token,tailor-validate,tailor-validate,system:masters" > "$CLUSTER/tokens.csv"
  cat > "$CLUSTER/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: validate
    cluster: {server: "https://127.0.0.1:$api_port", certificate-authority: "$CLUSTER/apiserver.crt"}
users:
  - name: admin
    user: {token: "$token"}
contexts:
  - name: validate
    context: {cluster: validate, user: admin}
current-context: validate
EOF
  export KUBECONFIG=$CLUSTER/kubeconfig

  setsid "$ETCD_DIR/etcd" --name validate --data-dir "$CLUSTER/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "validate=http://127.0.0.1:$peer_port" --unsafe-no-fsync --log-level warn \
    >"$CLUSTER/etcd.log" 2>&1 </dev/null &
  cluster_pids+=($!)
  setsid "$KUBE_DIR/kube-apiserver" --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --tls-cert-file "$CLUSTER/apiserver.crt" --tls-private-key-file "$CLUSTER/apiserver.key" \
    --cert-dir "$CLUSTER/certs" --token-auth-file "$CLUSTER/tokens.csv" --authorization-mode RBAC \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$CLUSTER/sa.pub" --service-account-signing-key-file "$CLUSTER/sa.key" \
    --service-cluster-ip-range 10.96.0.0/16 --profiling=false \
    >"$CLUSTER/kube-apiserver.log" 2>&1 </dev/null &
  cluster_pids+=($!)
  local deadline=$((SECONDS + 90))
  until curl -sf --cacert "$CLUSTER/apiserver.crt" -H "Authorization: Bearer $token" \
      "https://127.0.0.1:$api_port/readyz" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "${cluster_pids[1]}" 2>/dev/null; then
      tail -20 "$CLUSTER/etcd.log" "$CLUSTER/kube-apiserver.log"
      cluster_log "FAIL: kube-apiserver did not become ready"; return 1
    fi
    sleep 0.5
  done
  # The HPA controller syncs every second (default 15 s) so that its conditions can be checked without waiting.
  setsid "$KUBE_DIR/kube-controller-manager" --kubeconfig "$CLUSTER/kubeconfig" --leader-elect=false \
    --secure-port 0 --service-account-private-key-file "$CLUSTER/sa.key" \
    --root-ca-file "$CLUSTER/apiserver.crt" --profiling=false \
    --horizontal-pod-autoscaler-sync-period 1s \
    >"$CLUSTER/kube-controller-manager.log" 2>&1 </dev/null &
  cluster_pids+=($!)
  # Pods need their namespace's default ServiceAccount, which the controller manager creates.
  deadline=$((SECONDS + 60))
  until "$KUBECTL" -n default get serviceaccount default >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "${cluster_pids[2]}" 2>/dev/null; then
      tail -20 "$CLUSTER/kube-controller-manager.log"
      cluster_log "FAIL: kube-controller-manager did not start"; return 1
    fi
    sleep 0.5
  done
  cluster_log "control plane up in $((SECONDS - t0)) s (etcd $ETCD_VERSION, kube-apiserver and kube-controller-manager $KUBERNETES_VERSION on 127.0.0.1:$api_port)"
}

cluster_stop() {
  local pid i
  for ((i = ${#cluster_pids[@]} - 1; i >= 0; i--)); do
    pid=${cluster_pids[i]}
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  cluster_pids=()
}

# ------------------------------------------------------------------------------------------------ Strimzi CRDs
# The CRDs of a pinned Strimzi release, from Maven Central: Strimzi generates its install/ CRD files from the
# io.strimzi:api model classes with io.strimzi:crd-generator; running that generator with the release's own
# arguments (api/pom.xml of the tag) gives the released files byte for byte, checked here against their sha256.
STRIMZI_VERSION=1.2.0
STRIMZI_CRDS=$CACHE/strimzi-crds-$STRIMZI_VERSION
# sha256 of install/cluster-operator/04x-Crd-*.yaml of Strimzi 1.2.0: class=file
STRIMZI_CRD_FILES="
kafka.Kafka=040-Crd-kafka.yaml=b5b27fc8d52068a77cde7c40d47c068023c7b4e92fc266c45200db2d2506392a
connect.KafkaConnect=041-Crd-kafkaconnect.yaml=00339af1b873aefbfc4406ef251d03d0928a8d7f6a85c45bd322080e21d6f3be
podset.StrimziPodSet=042-Crd-strimzipodset.yaml=e669bc6b5bbebd4dd911e5ad0b9817cbbee9b920f1a8a1ab0fc8dda116bb2fc8
topic.KafkaTopic=043-Crd-kafkatopic.yaml=36390f0731c699448076d4ee739e8b7f331d083e91a7fb71500aaa830ab1127e
user.KafkaUser=044-Crd-kafkauser.yaml=c7e91b9b027a516b43dc7d369e781ee23a6ea177ae15fe0c33af6f722e26e05f
nodepool.KafkaNodePool=045-Crd-kafkanodepool.yaml=411c1b32ef8c1a6408ac9d4fe791115a6ce2b41107204588f976a3ed19be2430
bridge.KafkaBridge=046-Crd-kafkabridge.yaml=0b20cb76e3217b9183a40464b51e2344cbd672bdf5bab33f39c9f67e9326a411
connector.KafkaConnector=047-Crd-kafkaconnector.yaml=8050325edfec7ac90718f9e40f3f808b5489d7ae6c11b1634bc82426955b8fff
mirrormaker2.KafkaMirrorMaker2=048-Crd-kafkamirrormaker2.yaml=ca92dcb51e1982838150682d6de820392d3f046adf4ec9a9f049b522c90cb3e0
rebalance.KafkaRebalance=049-Crd-kafkarebalance.yaml=e84ffcd975c62025436ead73298c53b3e3409746986295d57dc156b6710201b2"

# A Java 21+ runtime (the generator's class files target 21): JAVA_21_HOME, the default java, or one in /usr/lib/jvm.
java21() {
  local j v
  for j in ${JAVA_21_HOME:+"$JAVA_21_HOME/bin/java"} "$(command -v java)" /usr/lib/jvm/*/bin/java; do
    [ -x "$j" ] || continue
    v=$("$j" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    [ "${v%%.*}" -ge 21 ] 2>/dev/null && { echo "$j"; return 0; }
  done
  return 1
}

strimzi_crds_build() {
  local entry cls file sum args=() java build=$WORK/build-strimzi t0=$SECONDS out=$STRIMZI_CRDS.tmp.$$
  [ -f "$STRIMZI_CRDS/.complete" ] && return 0
  java=$(java21) || { cluster_log "FAIL: generating the Strimzi CRDs needs Java 21 or newer (set JAVA_21_HOME)"; return 1; }
  cluster_log "generating the Strimzi $STRIMZI_VERSION CRDs (Maven Central io.strimzi:api + crd-generator) into $STRIMZI_CRDS (first run only)"
  mkdir -p "$build" && cat > "$build/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.tailor.validate</groupId>
  <artifactId>strimzi-crds</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencyManagement>
    <dependencies>
      <!-- the versions Strimzi's own build uses -->
      <dependency><groupId>io.strimzi</groupId><artifactId>strimzi</artifactId><version>$STRIMZI_VERSION</version><type>pom</type><scope>import</scope></dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency><groupId>io.strimzi</groupId><artifactId>api</artifactId><version>$STRIMZI_VERSION</version></dependency>
    <dependency><groupId>io.strimzi</groupId><artifactId>crd-generator</artifactId><version>$STRIMZI_VERSION</version></dependency>
  </dependencies>
</project>
POM
  if ! (cd "$REPO" && ./mvnw -q -B -ntp -f "$build/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$build/lib") >"$build/mvn.log" 2>&1; then
    tail -20 "$build/mvn.log"; cluster_log "FAIL: could not fetch io.strimzi:api/crd-generator $STRIMZI_VERSION"; return 1
  fi
  rm -rf "$out" && mkdir -p "$out"
  for entry in $STRIMZI_CRD_FILES; do
    IFS== read -r cls file sum <<<"$entry"
    args+=("io.strimzi.api.kafka.model.$cls=$out/$file")
  done
  # The arguments of the generate-crd-co-install-v1 execution in Strimzi's api/pom.xml.
  if ! "$java" -cp "$build/lib/*" io.strimzi.crdgenerator.CrdGenerator --label app:strimzi \
      --label strimzi.io/crd-install:true --target-kube 1.16+ --crd-api-version v1 --api-versions v1 \
      --storage-version v1 --yaml "${args[@]}" >"$build/gen.log" 2>&1; then
    tail -20 "$build/gen.log"; rm -rf "$out"; cluster_log "FAIL: the Strimzi CRD generator failed"; return 1
  fi
  for entry in $STRIMZI_CRD_FILES; do
    IFS== read -r cls file sum <<<"$entry"
    if [ "$(sha256sum "$out/$file" | cut -d' ' -f1)" != "$sum" ]; then
      rm -rf "$out"; cluster_log "FAIL: generated $file differs from the Strimzi $STRIMZI_VERSION release (sha256)"; return 1
    fi
  done
  touch "$out/.complete"
  rm -rf "$STRIMZI_CRDS" && mv "$out" "$STRIMZI_CRDS"
  cluster_log "  generated in $((SECONDS - t0)) s, identical to the release files"
}
