#!/usr/bin/env bash
# llama-cpp-python's OpenAI-compatible server, for the real-model tests (issue 10).
#
#   .ci/llama-server.sh [install]              install (or reuse) the server; prints the venv's python
#   .ci/llama-server.sh serve MODEL PORT [ALIAS [SERVER ARGS...]]
#                                              start it on 127.0.0.1:PORT (extra arguments go to
#                                              llama_cpp.server, e.g. --chat_format chatml-function-calling);
#                                              prints its pid once /v1/models answers
#                                              (log: $CACHE/server-PORT.log; env N_CTX, default
#                                              2048, N_THREADS, default 2, NICE, the niceness,
#                                              default 10)
#
# llama-cpp-python has no prebuilt wheel on PyPI: `pip install` compiles llama.cpp (131 s on 2 busy
# cores with the trimmed build below; 750 s with the package's defaults). The built wheel and its dependencies' wheels are kept in $CACHE/wheels, so later
# installs are offline and take seconds; the venv itself is reused while its stamp matches.
# Cache: ${SMALLCODE_LLAMA_SERVER_CACHE:-$HOME/.cache/smallcode/llama-server}.
set -euo pipefail

VERSION=0.3.36
SDIST_SHA256=832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e
# GGML_NATIVE=OFF: a native build on these machines' Sapphire Rapids CPUs enables ggml's AMX kernels,
# which crash (SIGSEGV in ggml_backend_amx_mul_mat) on any prompt longer than one token; without it
# the build targets AVX2/FMA/F16C/BMI2, which every x86-64 CPU of the last decade has.
# LLAVA_BUILD=OFF: no libmtmd (the multimodal library, 53 C++ files; the server imports it only for
# image chat formats). llama.cpp's tests, tools, examples and server are off already when it is a
# subproject (LLAMA_STANDALONE is false).
CMAKE_FLAGS="-DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF"
# The sdist's CMakeLists.txt forces LLAMA_BUILD_COMMON ON (a cache FORCE no -D overrides), which builds
# libllama-common (29 files, chat templates, json-schema-to-grammar, an HTTP client) that nothing in the
# Python package loads; the build patches that line to OFF. Part of the stamp, like the flags.
COMMON_PATCH='set(LLAMA_BUILD_COMMON ON CACHE BOOL "Build llama.cpp common library" FORCE)'
BUILD_RECIPE="$CMAKE_FLAGS, llama-common off"
# The dependency versions the server was tested with, so a fresh cache resolves the same set.
CONSTRAINTS='annotated-doc==0.0.7
annotated-types==0.8.0
anyio==4.16.0
click==8.5.1
diskcache==5.6.3
fastapi==0.165.0
h11==0.16.0
idna==3.21
Jinja2==3.1.6
MarkupSafe==3.0.4
numpy==2.4.6
opentelemetry-api==1.45.3
pydantic==2.14.4
pydantic-settings==2.16.3
pydantic_core==2.50.5
python-dotenv==1.2.4
PyYAML==6.0.4
sse-starlette==3.7.1
starlette==1.10.0
starlette-context==0.3.6
typing-inspection==0.4.5
typing_extensions==4.16.0
uvicorn==0.55.0'

CACHE="${SMALLCODE_LLAMA_SERVER_CACHE:-$HOME/.cache/smallcode/llama-server}"
WHEELS="$CACHE/wheels"
VENV="$CACHE/venv"
STAMP="llama-cpp-python $VERSION $BUILD_RECIPE"
PYTHON="${PYTHON:-python3}"

log() { echo "llama-server: $*" >&2; }
die() { echo "llama-server: error: $*" >&2; exit 1; }

# The wheel, built once from the checksum-checked sdist; dependencies downloaded beside it.
build_wheels() {
  mkdir -p "$WHEELS"
  if [ -f "$WHEELS/BUILT" ] && [ "$(cat "$WHEELS/BUILT")" = "$STAMP" ] \
    && compgen -G "$WHEELS/llama_cpp_python-$VERSION-*.whl" >/dev/null; then
    return
  fi
  rm -f "$WHEELS"/llama_cpp_python-*.whl "$WHEELS/BUILT"
  local work
  work="$(mktemp -d "$CACHE/build.XXXXXX")"
  # shellcheck disable=SC2064 # expand $work now: it is local
  trap "rm -rf '$work'" EXIT
  printf 'llama-cpp-python==%s --hash=sha256:%s\n' "$VERSION" "$SDIST_SHA256" >"$work/sdist.txt"
  printf '%s\n' "$CONSTRAINTS" >"$work/constraints.txt"
  log "downloading the llama-cpp-python $VERSION source (sha256 checked)"
  "$PYTHON" -m pip download --quiet --no-deps --no-binary :all: --require-hashes \
    -r "$work/sdist.txt" -d "$work" || die "could not download llama-cpp-python $VERSION from PyPI"
  local sdist="$work/llama_cpp_python-$VERSION.tar.gz"
  [ -f "$sdist" ] || die "pip did not leave $sdist"
  tar -xzf "$sdist" -C "$work" || die "could not unpack $sdist"
  local src="$work/llama_cpp_python-$VERSION"
  grep -qF "$COMMON_PATCH" "$src/CMakeLists.txt" \
    || die "$src/CMakeLists.txt no longer forces LLAMA_BUILD_COMMON as expected; update COMMON_PATCH in $0"
  sed -i 's/set(LLAMA_BUILD_COMMON ON CACHE/set(LLAMA_BUILD_COMMON OFF CACHE/' "$src/CMakeLists.txt"
  grep -qF "${COMMON_PATCH/ ON / OFF }" "$src/CMakeLists.txt" || die "patching $src/CMakeLists.txt failed"
  log "building the wheel (compiles llama.cpp: $BUILD_RECIPE; about 6 minutes on 2 idle cores)"
  local start=$SECONDS
  # --no-cache-dir: pip's own wheel cache would hand back a wheel built with other flags.
  # nice: CI and people share these cores; the build must not starve them.
  CMAKE_ARGS="$CMAKE_FLAGS" CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" nice -n 19 \
    "$PYTHON" -m pip wheel --quiet --no-cache-dir -c "$work/constraints.txt" --wheel-dir "$WHEELS" \
    "llama-cpp-python[server] @ file://$src" || die "building llama-cpp-python failed (see pip's output above); it needs cmake and a C++ compiler"
  log "built in $((SECONDS - start)) s"
  echo "$STAMP" >"$WHEELS/BUILT"
  rm -rf "$work"
  trap - EXIT
}

install() {
  mkdir -p "$CACHE"
  if [ -x "$VENV/bin/python" ] && [ -f "$VENV/STAMP" ] && [ "$(cat "$VENV/STAMP")" = "$STAMP" ] \
    && "$VENV/bin/python" -c 'import llama_cpp.server' 2>/dev/null; then
    echo "$VENV/bin/python"
    return
  fi
  build_wheels
  log "installing into $VENV from the cached wheels (offline)"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV" || die "could not create a venv with $PYTHON (on Debian: apt-get install python3-venv)"
  "$VENV/bin/python" -m pip install --quiet --no-index --find-links "$WHEELS" \
    "llama-cpp-python[server]==$VERSION" || die "installing from $WHEELS failed; delete $CACHE and run again"
  "$VENV/bin/python" -c 'import llama_cpp.server' || die "the installed server does not import"
  echo "$STAMP" >"$VENV/STAMP"
  echo "$VENV/bin/python"
}

serve() {
  local model="${1:?usage: llama-server.sh serve MODEL PORT [ALIAS]}" port="${2:?usage: llama-server.sh serve MODEL PORT [ALIAS]}"
  local alias="${3:-$(basename "$model" .gguf)}"
  shift $(($# < 3 ? $# : 3))
  [ -f "$model" ] || die "no model file at $model (fetch one with .ci/models.sh)"
  local python
  python="$(install)"
  local logfile="$CACHE/server-$port.log"
  # Loopback only; 2048 tokens is plenty for the tests and keeps the KV cache small. Two threads
  # (llama-cpp-python's default is half the CPUs: one here) and nice: the cores are shared.
  # NICE is the niceness to run at, not an increment: a caller that is niced already (a test runner
  # under `nice -n 10`) would otherwise push the server to 19, where a busy machine starves it.
  local increment=$((${NICE:-10} - $(nice)))
  [ "$increment" -ge 0 ] || increment=0
  nohup nice -n "$increment" "$python" -m llama_cpp.server --model "$model" --model_alias "$alias" \
    --host 127.0.0.1 --port "$port" --n_ctx "${N_CTX:-2048}" --n_threads "${N_THREADS:-2}" "$@" \
    >"$logfile" 2>&1 &
  local pid=$!
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/v1/models" 2>/dev/null; then
      echo "$pid"
      return
    fi
    kill -0 "$pid" 2>/dev/null || die "the server exited; see $logfile"
    sleep 0.25
  done
  kill "$pid" 2>/dev/null || true
  die "the server did not answer on 127.0.0.1:$port within 60 s; see $logfile"
}

case "${1:-install}" in
  install) install ;;
  serve) shift; serve "$@" ;;
  *) die "unknown command \`$1\`; use install or serve MODEL PORT [ALIAS]" ;;
esac
