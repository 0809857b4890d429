# The Prometheus Operator's ServiceMonitor and PrometheusRule CRDs (monitoring.coreos.com/v1), for the live check of
# k8s/components/monitoring. Sourced by k8s/validate after cluster.sh (uses $CACHE, $WORK, cluster_log).
#
# Pinned and generated here, as the operator's own build does: controller-gen (sigs.k8s.io/controller-tools) over the
# API types of the Go module github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring, both from the Go
# module proxy, built once into the cache. No download of a release file.
PROMETHEUS_OPERATOR_VERSION=v0.95.2
CONTROLLER_TOOLS_VERSION=v0.19.0
PROMETHEUS_CRDS=$CACHE/prometheus-operator-crds-$PROMETHEUS_OPERATOR_VERSION
# the kinds k8s/ uses; the operator's other CRDs (Prometheus, Alertmanager, ...) belong to the operator's install
PROMETHEUS_CRD_FILES="monitoring.coreos.com_servicemonitors.yaml monitoring.coreos.com_prometheusrules.yaml"

prometheus_crds_build() {
  local dir=$WORK/build-prometheus-crds out=$PROMETHEUS_CRDS.tmp.$$ t0=$SECONDS f
  [ -f "$PROMETHEUS_CRDS/.complete" ] && return 0
  command -v go >/dev/null || { cluster_log "FAIL: generating the Prometheus Operator CRDs needs Go 1.24+"; return 1; }
  cluster_log "generating the Prometheus Operator $PROMETHEUS_OPERATOR_VERSION CRDs (controller-gen $CONTROLLER_TOOLS_VERSION, Go module proxy) into $PROMETHEUS_CRDS (first run only)"
  mkdir -p "$dir" "$out"
  if ! (
    set -e
    cd "$dir"
    export GOPATH=$CACHE/go GOMODCACHE=$CACHE/go/mod GOCACHE=$CACHE/go/build GOFLAGS=-modcacherw GOTOOLCHAIN=local \
           CGO_ENABLED=0
    printf 'module tailor.dev/k8s-validate-crds\n\ngo 1.24.0\n' > go.mod
    { echo '//go:build tools'; echo; echo 'package tools'; echo; echo 'import ('
      echo '	_ "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"'
      echo '	_ "sigs.k8s.io/controller-tools/cmd/controller-gen"'; echo ')'; } > tools.go
    go get "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring@$PROMETHEUS_OPERATOR_VERSION" \
      "sigs.k8s.io/controller-tools@$CONTROLLER_TOOLS_VERSION"
    go mod tidy
    go build -o "$dir/controller-gen" sigs.k8s.io/controller-tools/cmd/controller-gen
    # the options of the operator's own generation (its Makefile): v1 CRDs, descriptions kept
    "$dir/controller-gen" crd:crdVersions=v1,allowDangerousTypes=true \
      paths=github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1 output:crd:dir="$out"
  ) >"$dir/build.log" 2>&1; then
    tail -20 "$dir/build.log"; rm -rf "$out"; cluster_log "FAIL: could not generate the Prometheus Operator CRDs"; return 1
  fi
  for f in "$out"/*.yaml; do
    case " $PROMETHEUS_CRD_FILES " in *" $(basename "$f") "*) ;; *) rm -f "$f" ;; esac
  done
  for f in $PROMETHEUS_CRD_FILES; do
    [ -s "$out/$f" ] || { rm -rf "$out"; cluster_log "FAIL: controller-gen did not write $f"; return 1; }
  done
  touch "$out/.complete"
  rm -rf "$PROMETHEUS_CRDS" && mv "$out" "$PROMETHEUS_CRDS"
  cluster_log "  generated in $((SECONDS - t0)) s"
}
