# The Python environment of the LlamaIndex peer that `dev/bench ingest --peer` measures beside ingest-service.
# Sourced after common.sh and models.sh (require_pip). Idempotent like install_trainer_env: the venv is named by the
# lock and the interpreter version, and only a completion marker written last makes it count as installed.

PEER_SOURCES=$ROOT/dev/bench-peer
PEER_REQUIREMENTS=$PEER_SOURCES/requirements.txt

# install_peer_env: exports PEER_PYTHON, the interpreter of a venv holding the peer's locked requirements.
install_peer_env() {
  need python3 "install Python 3.10+ (e.g. apt-get install python3 python3-pip python3-venv)"
  local hash venv python_version
  python_version=$(python3 -V 2>&1)
  hash=$( { cat "$PEER_REQUIREMENTS"; echo "${python_version%.*}"; } | sha256sum | cut -c1-12)
  venv=$CACHE/bench-peer-$hash
  if [ ! -f "$venv/.complete" ]; then
    require_pip
    say "installing the LlamaIndex peer's Python environment into $venv (first time only: ~6 GB, a few minutes)"
    rm -rf "$venv"
    : >"$LOGS/bench-peer-install.log"
    python3 -m venv "$venv" >>"$LOGS/bench-peer-install.log" 2>&1 \
      || die "could not create a Python venv (on Debian/Ubuntu: apt-get install python3-venv); see $LOGS/bench-peer-install.log"
    # --no-cache-dir: torch and its CUDA libraries would be kept twice
    "$venv/bin/python" -m pip install --no-cache-dir --disable-pip-version-check --quiet \
      --only-binary=:all: -r "$PEER_REQUIREMENTS" >>"$LOGS/bench-peer-install.log" 2>&1 \
      || die "could not install the peer's Python packages from PyPI (see $LOGS/bench-peer-install.log)"
    touch "$venv/.complete"
  fi
  export PEER_PYTHON=$venv/bin/python
}
