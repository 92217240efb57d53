#!/usr/bin/env bash
# clientele installed from its Python wheel, without a Rust toolchain:
#   0. builds the Linux x86_64 wheel into WHEEL_DIR as the release does
#      (maturin --zig, manylinux2014; maturin and zig pinned in
#      scripts/release-tools.txt, in a venv under target/integrations/);
#   1. a fresh virtualenv installs the wheel with `pip --no-index` and runs
#      `clientele examples/`: exit 1 and a findings summary, in under 15 s;
#   2. pre-commit runs the hooks of the `pre-commit/` hook repository in a
#      documentation repository configured by
#      examples/ci/pre-commit-config.yaml, with no cargo or rustc on PATH
#      and an empty PRE_COMMIT_HOME: the first `pre-commit run --all-files`,
#      setting up the hook environment from the wheel included, fails on
#      the findings in under 30 s, and a clean file passes.
# It also checks that `pre-commit/` pins the distribution pyproject.toml
# names at the version Cargo.toml says.
#
# Usage: tests/integrations/wheel.sh WHEEL_DIR
#   WHEEL_DIR   where the wheel goes (a wheel of this version already there
#               is replaced)
#   PRE_COMMIT  the pre-commit executable (default: `pre-commit` on PATH)
# Needs the Rust toolchain with the x86_64-unknown-linux-gnu target (for
# the build only), Python 3 and git; maturin and zig come from PyPI.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 WHEEL_DIR" >&2
  exit 2
fi

root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$1"
wheel_dir=$(cd "$1" && pwd)

fail() {
  echo "wheel test: FAIL: $*" >&2
  exit 1
}

step() {
  echo "== wheel test: $*"
}

# Milliseconds since the epoch, for the timings.
now_ms() {
  date +%s%3N
}

pre_commit=${PRE_COMMIT:-$(command -v pre-commit || true)}
if [ -z "$pre_commit" ] || [ ! -x "$pre_commit" ]; then
  fail "no pre-commit executable: put it on PATH or set PRE_COMMIT"
fi

step "pre-commit/ pins the distribution of pyproject.toml at the version of Cargo.toml"
cargo_version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)
dist=$(sed -n 's/^name = "\(.*\)"$/\1/p' "$root/pyproject.toml" | head -n 1)
hook_version=$(sed -n 's/^CLIENTELE_VERSION = "\(.*\)"$/\1/p' "$root/pre-commit/build_backend.py")
hook_dist=$(sed -n 's/^CLIENTELE_DIST = "\(.*\)"$/\1/p' "$root/pre-commit/build_backend.py")
[ -n "$cargo_version" ] || fail "no version in Cargo.toml"
[ -n "$dist" ] || fail "no project name in pyproject.toml"
[ -n "$hook_version" ] || fail "no CLIENTELE_VERSION in pre-commit/build_backend.py"
[ -n "$hook_dist" ] || fail "no CLIENTELE_DIST in pre-commit/build_backend.py"
[ "$hook_version" = "$cargo_version" ] ||
  fail "pre-commit/build_backend.py pins clientele $hook_version but Cargo.toml is at $cargo_version: set CLIENTELE_VERSION to $cargo_version"
[ "$hook_dist" = "$dist" ] ||
  fail "pre-commit/build_backend.py depends on $hook_dist but the wheel is $dist (pyproject.toml): set CLIENTELE_DIST to $dist"
echo "$dist==$cargo_version in both"
# The wheel's file name spells the distribution with underscores.
wheel_prefix=${dist//-/_}-$cargo_version

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

step "building the Linux x86_64 wheel"
tools="$root/target/integrations/maturin-venv"
[ -x "$tools/bin/pip" ] || python3 -m venv "$tools"
"$tools/bin/pip" install --quiet --disable-pip-version-check -r "$root/scripts/release-tools.txt"
rm -f "$wheel_dir/$wheel_prefix"-*.whl
start=$(now_ms)
(cd "$root" && PATH="$tools/bin:$PATH" maturin build --release --locked --zig \
  --compatibility manylinux2014 --target x86_64-unknown-linux-gnu --out "$wheel_dir")
built=$(now_ms)
wheels=("$wheel_dir/$wheel_prefix"-*.whl)
if [ ${#wheels[@]} -ne 1 ] || [ ! -f "${wheels[0]}" ]; then
  fail "expected one $wheel_prefix wheel in $wheel_dir, found: ${wheels[*]}"
fi
wheel=${wheels[0]}
case $(basename "$wheel") in
  "$wheel_prefix-py3-none-manylinux2014_x86_64."*) ;;
  *) fail "unexpected wheel name $(basename "$wheel")" ;;
esac
echo "wheel: $(basename "$wheel"), $(($(stat -c %s "$wheel") / 1024)) KiB, built in $(((built - start) / 1000)) s"

step "a fresh virtualenv: pip install --no-index, then clientele examples/"
start=$(now_ms)
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
status=0
(cd "$root" && "$work/venv/bin/clientele" examples/) > "$work/out" 2>&1 || status=$?
elapsed=$(($(now_ms) - start))
tail -n 3 "$work/out"
[ "$status" -eq 1 ] || { cat "$work/out"; fail "clientele examples/ exited $status, expected 1 (findings)"; }
grep -Eq '^Found [0-9]+ errors? and [0-9]+ warnings? in [0-9]+ files?\.$' "$work/out" ||
  fail "no findings summary in the output"
echo "install + check: $((elapsed / 1000)).$((elapsed % 1000 / 100)) s (limit 15 s)"
[ "$elapsed" -lt 15000 ] || fail "install + check took $elapsed ms, over 15 s"

step "pre-commit from the wheel, without cargo"
# The hook repository as it is published: pre-commit/ alone, tagged.
hooks="$work/clientele-pre-commit"
cp -R "$root/pre-commit" "$hooks"
git -C "$hooks" init -q -b main
git -C "$hooks" add -A
git -C "$hooks" -c user.email=ci@example.com -c user.name=CI commit -q -m "clientele $cargo_version"
git -C "$hooks" tag "v$cargo_version"
"$pre_commit" validate-manifest "$hooks/.pre-commit-hooks.yaml"

docs="$work/docs"
mkdir -p "$docs"
cp -R "$root/examples/services/." "$docs/"
# examples/ci/pre-commit-config.yaml, pointed at that repository.
example="$root/examples/ci/pre-commit-config.yaml"
published=https://git.example.com/tools/clientele-pre-commit
sed -e "s|^  - repo: $published\$|  - repo: $hooks|" "$example" > "$docs/.pre-commit-config.yaml"
grep -q "^  - repo: $hooks\$" "$docs/.pre-commit-config.yaml" ||
  fail "$example does not use the hook repository $published"
grep -q "^    rev: v$cargo_version\$" "$docs/.pre-commit-config.yaml" ||
  fail "$example does not pin rev v$cargo_version"
"$pre_commit" validate-config "$docs/.pre-commit-config.yaml"
git -C "$docs" init -q -b main
git -C "$docs" add -A
git -C "$docs" -c user.email=docs@example.com -c user.name=Docs commit -q -m "docs: start"

# Only the folders git and Python need: no ~/.cargo/bin, so a hook that
# fell back to building clientele would fail here.
bare_path="$(dirname "$(python3 -c 'import sys; print(sys.executable)')"):/usr/local/bin:/usr/bin:/bin"
if PATH="$bare_path" command -v cargo > /dev/null || PATH="$bare_path" command -v rustc > /dev/null; then
  fail "cargo or rustc is on the reduced PATH ($bare_path); the test needs a PATH without them"
fi
echo "no cargo or rustc on PATH=$bare_path"

# pip takes clientele from WHEEL_DIR and nothing from an index: the test is
# about this wheel, not what PyPI holds (`clientele` there is another
# project).
run_hooks() {
  (cd "$docs" && env PATH="$bare_path" PRE_COMMIT_HOME="$work/pre-commit-home" \
    PIP_FIND_LINKS="$wheel_dir" PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    "$pre_commit" run "$@")
}

start=$(now_ms)
status=0
run_hooks --all-files > "$work/out" 2>&1 || status=$?
elapsed=$(($(now_ms) - start))
tail -n 3 "$work/out"
[ "$status" -eq 1 ] || { cat "$work/out"; fail "pre-commit run --all-files exited $status, expected 1 (findings)"; }
grep -q 'wrong-term' "$work/out" || { cat "$work/out"; fail "no wrong-term finding in the hook's output"; }
grep -Eq '^Found [0-9]+ errors? ' "$work/out" || { cat "$work/out"; fail "no findings summary in the hook's output"; }
[ -d "$work/pre-commit-home" ] || fail "pre-commit did not use the fresh PRE_COMMIT_HOME"
echo "first pre-commit run --all-files (hook environment included): $((elapsed / 1000)).$((elapsed % 1000 / 100)) s (limit 30 s)"
[ "$elapsed" -lt 30000 ] || fail "the first pre-commit run took $elapsed ms, over 30 s"

# The hook environment holds the binary of the wheel just built.
hook_bin=$(find "$work/pre-commit-home" -path '*/bin/clientele' -type f | head -n 1)
[ -n "$hook_bin" ] || fail "no clientele in the hook environment"
cmp -s "$hook_bin" "$work/venv/bin/clientele" || fail "the hook environment's clientele is not the wheel's"

step "pre-commit: a clean file passes"
printf '# Engagements\n\nEvery client has a named partner.\n' > "$docs/engagements.md"
git -C "$docs" add engagements.md
run_hooks --files engagements.md > "$work/out" 2>&1 || { cat "$work/out"; fail "the hook failed on a clean file"; }
grep -q '^clientele\.*Passed$' "$work/out" || { cat "$work/out"; fail "the hook did not report Passed"; }

echo "wheel test: ok"
