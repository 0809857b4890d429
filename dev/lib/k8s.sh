# The service images, built by Jib without a Docker daemon, and checked against what k8s/ deploys.
# Sourced (by dev/test), never run; needs common.sh (CACHE, STATE, say, die).
#
#   k8s_images_start    starts a throw-away OCI registry on loopback (crane, built once into $CACHE) and sets
#                       K8S_IMAGE_MAVEN_ARGS: the -D options that make `./mvnw package|install` build every
#                       service's image with Jib and push it there
#   k8s_images_check    the registry holds exactly the images the overlays reference (k8s/validate --images)
#   k8s_images_stop     stops the registry
#
# Why a registry: Quarkus' Jib extension (3.33) writes an image either to a registry or into a Docker daemon,
# never to a tar file, and there is no daemon here. Why a stand-in base image: Jib starts from the base image's
# manifest, and the real one (registry.access.redhat.com/ubi9/openjdk-21-runtime) is on a registry this machine
# cannot reach; the stand-in is an empty image, so the build exercises everything Jib does with our application
# (layers, entrypoint, ports, labels, name and tag) but the result is not runnable. Off CI, build for real with
# a registry: k8s/README.md, "Images".
CRANE_VERSION=v0.22.1
CRANE=$CACHE/k8s-tools/crane-$CRANE_VERSION/crane
K8S_IMAGE_MAVEN_ARGS=()
k8s_registry_pid=

k8s_images_start() {
  need go "install Go 1.24+ to build the local image registry (crane)"
  if [ ! -x "$CRANE" ]; then
    say "building crane $CRANE_VERSION (the image registry for the image build check; first run only)"
    local tmp
    tmp=$(mktemp -d)
    GOBIN="$(dirname "$CRANE")" GOPATH="$tmp/go" GOMODCACHE="$tmp/go/mod" GOCACHE="$tmp/go/build" \
      GOFLAGS=-modcacherw GOTOOLCHAIN=local CGO_ENABLED=0 \
      go install "github.com/google/go-containerregistry/cmd/crane@$CRANE_VERSION" >"$LOGS/crane-build.log" 2>&1 ||
      { rm -rf "$tmp"; cat "$LOGS/crane-build.log"; die "could not build crane $CRANE_VERSION"; }
    rm -rf "$tmp"
  fi
  local port dir=$STATE/image-registry
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  rm -rf "$dir" && mkdir -p "$dir/blobs"
  "$CRANE" registry serve --address "127.0.0.1:$port" --disk "$dir/blobs" >"$LOGS/image-registry.log" 2>&1 &
  k8s_registry_pid=$!
  K8S_IMAGE_REGISTRY=127.0.0.1:$port
  wait_until 30 "image registry" curl -sf "http://$K8S_IMAGE_REGISTRY/v2/" ||
    { cat "$LOGS/image-registry.log"; die "the image registry did not start"; }
  # The stand-in base image: empty, one empty layer.
  tar -cf "$dir/empty-layer.tar" -T /dev/null
  "$CRANE" append --insecure --oci-empty-base -f "$dir/empty-layer.tar" \
    -t "$K8S_IMAGE_REGISTRY/tailor-validate/base:stand-in" >>"$LOGS/image-registry.log" 2>&1 ||
    { cat "$LOGS/image-registry.log"; die "could not push the stand-in base image"; }
  K8S_IMAGE_MAVEN_ARGS=(
    -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true
    "-Dquarkus.container-image.registry=$K8S_IMAGE_REGISTRY" -Dquarkus.container-image.insecure=true
    "-Dquarkus.jib.base-jvm-image=$K8S_IMAGE_REGISTRY/tailor-validate/base:stand-in"
  )
  say "image registry on $K8S_IMAGE_REGISTRY: Jib pushes the service images there"
}

k8s_images_check() {
  "$ROOT/k8s/validate" --images "$K8S_IMAGE_REGISTRY"
}

k8s_images_stop() {
  [ -n "$k8s_registry_pid" ] || return 0
  # (under set -e a failing `wait` ends the caller: the registry's exit status on SIGTERM is 143)
  kill "$k8s_registry_pid" 2>/dev/null || true
  wait "$k8s_registry_pid" 2>/dev/null || true
  k8s_registry_pid=
  return 0
}
