#!/usr/bin/env bash
# Run every fuzz target (or those named) for SECONDS each:
#
#   fuzz/run.sh SECONDS [TARGET...]
#
# FUZZ_ARGS adds libFuzzer options, such as FUZZ_ARGS=-runs=10000000 to
# stop after ten million inputs if that comes first.
# Installs cargo-fuzz (crates.io) and a nightly toolchain when they are
# missing. New inputs go to fuzz/corpus/<target>/ (not committed), seeded
# with fuzz/regressions/<target>/; a failure stops the run with its input in
# fuzz/artifacts/<target>/. Debug assertions are on, sanitizers off: the
# crate has no `unsafe` code, and the checks the targets run are its own
# invariants (src/invariants.rs and the language server's framing).
set -euo pipefail

seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
cd "$(dirname "$0")"

CARGO_FUZZ_VERSION=0.13.2
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION"
fi

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

# The fuzz build gets its own target folder: its flags differ from a
# normal build's, and sharing one would rebuild both every time.
export CARGO_TARGET_DIR="$PWD/target"
# The `fix` target writes a file per input and flushes it to disk; on a
# memory-backed folder that costs nothing, on a disk it is most of the time.
if [ -z "${TMPDIR:-}" ] && [ -w /dev/shm ]; then
  export TMPDIR=/dev/shm
fi
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target" "regressions/$target"
  echo "== fuzz $target for $seconds s"
  log="target/fuzz-$target.log"
  mkdir -p target
  status=0
  cargo +nightly fuzz run --sanitizer none --debug-assertions "$target" \
    "corpus/$target" "regressions/$target" -- \
    -dict=clientele.dict -max_len=16384 -timeout=20 -rss_limit_mb=4096 \
    -max_total_time="$seconds" -print_final_stats=1 ${FUZZ_ARGS:-} >"$log" 2>&1 || status=$?
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log" >&2
    echo "fuzz $target failed (exit $status): the input is in fuzz/artifacts/$target/, the log in fuzz/$log" >&2
    exit "$status"
  fi
done
