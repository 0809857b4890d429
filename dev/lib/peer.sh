# The Python environment of the LlamaIndex peer that `dev/bench ingest --peer` measures beside ingest-service.
# Sourced after common.sh and models.sh (install_locked_venv).

PEER_SOURCES=$ROOT/dev/bench-peer
PEER_REQUIREMENTS=$PEER_SOURCES/requirements.txt

# install_peer_env: exports PEER_PYTHON, the interpreter of a venv holding the peer's locked requirements.
install_peer_env() {
  install_locked_venv bench-peer "$PEER_REQUIREMENTS" "the LlamaIndex peer's Python environment"
  export PEER_PYTHON=$LOCKED_VENV/bin/python
}
