#!/usr/bin/env bash
# The npm package as a user gets it, without the registry:
#
#   tests/integrations/npm.sh BINARY
#
# BINARY is a clientele binary for Linux x86_64 with glibc (the one in the
# wheel, or target/release/clientele). The script
#   1. checks that npm/clientele/package.json and its optionalDependencies
#      carry Cargo.toml's version, and that npm/make-platform-package.mjs
#      makes exactly those packages, one per release target;
#   2. makes @clientele/cli-linux-x64 from BINARY, packs it and the main
#      package with `npm pack`, and installs both tarballs offline in a
#      throwaway project;
#   3. runs `npx clientele` there: the examples give exit code 1 and the
#      same output as BINARY run directly, a clean file gives 0, a usage
#      error 2, and a SIGTERM ends the wrapper and clientele with 143;
#   4. installs the main package with --omit=optional: `npx clientele` then
#      names the package to install and exits with 2, and CLIENTELE_BINARY
#      still runs a binary.
# Needs node and npm (10 or later) on PATH; nothing is downloaded.
set -euo pipefail

fail() {
  echo "npm test: FAIL: $*" >&2
  exit 1
}

step() {
  echo "== npm test: $*"
}

if [ $# -ne 1 ]; then
  echo "usage: tests/integrations/npm.sh BINARY" >&2
  exit 2
fi
if [ ! -f "$1" ] || [ ! -x "$1" ]; then
  fail "$1 is not an executable file"
fi
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# npm reads only this run's settings and cache: no ~/.npmrc or global
# npmrc, no cache warmed by an earlier run (so `npx` cannot take clientele
# from one), and a registry address where nothing listens, on top of
# --offline, so that anything not in the tarballs fails instead of being
# downloaded.
: > "$work/user-npmrc"
: > "$work/global-npmrc"
export npm_config_userconfig="$work/user-npmrc" npm_config_globalconfig="$work/global-npmrc"
export npm_config_cache="$work/npm-cache"
export npm_config_registry=http://127.0.0.1:9/
export npm_config_offline=true
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_loglevel=warn
unset CLIENTELE_BINARY

# Microseconds since the epoch, whatever the locale's decimal point.
now() {
  echo "${EPOCHREALTIME//[!0-9]/}"
}

# Seconds since START (from `now`), to two places.
seconds() {
  local hundredths=$((($(now) - $1) / 10000))
  printf '%d.%02d' $((hundredths / 100)) $((hundredths % 100))
}

node_version=$(node --version)
npm_version=$(npm --version)
echo "node $node_version, npm $npm_version"

step "versions: npm/clientele/package.json and its optionalDependencies follow Cargo.toml"
version=$(awk -F'"' '/^\[/ { in_package = ($0 == "[package]") } in_package && /^version *=/ { print $2; exit }' "$root/Cargo.toml")
[ -n "$version" ] || fail "no version in the [package] table of Cargo.toml"
node - "$root/npm/clientele/package.json" "$version" <<'JS' || fail "npm/clientele/package.json does not follow Cargo.toml's version $version"
const [file, version] = process.argv.slice(2);
const main = require(file);
let wrong = 0;
const check = (what, found) => {
  if (found !== version) {
    console.error(`${what} is ${found}, Cargo.toml says ${version}`);
    wrong += 1;
  }
};
check("version", main.version);
const optional = Object.entries(main.optionalDependencies || {});
if (optional.length === 0) {
  console.error("no optionalDependencies");
  wrong += 1;
}
for (const [name, range] of optional) {
  check(`optionalDependencies.${name}`, range);
}
process.exit(wrong ? 1 : 0);
JS
echo "clientele $version, and every optional dependency"

step "make-platform-package.mjs: one package per release target, the optionalDependencies exactly"
targets=(
  x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu
  x86_64-unknown-linux-musl aarch64-unknown-linux-musl
  x86_64-apple-darwin aarch64-apple-darwin
  x86_64-pc-windows-gnu x86_64-pc-windows-msvc
)
for target in "${targets[@]}"; do
  node "$root/npm/make-platform-package.mjs" "$target" "$binary" "$work/all/$target" > /dev/null \
    || fail "make-platform-package.mjs failed for $target"
done
node - "$root/npm/clientele/package.json" "$work/all" "$version" <<'JS' || fail "the platform packages do not match the optionalDependencies"
const fs = require("fs");
const path = require("path");
const [mainFile, all, version] = process.argv.slice(2);
const wanted = Object.keys(require(mainFile).optionalDependencies).sort();
const made = new Set();
let wrong = 0;
for (const target of fs.readdirSync(all)) {
  for (const folder of fs.readdirSync(path.join(all, target))) {
    const dir = path.join(all, target, folder);
    const manifest = require(path.join(dir, "package.json"));
    made.add(manifest.name);
    const exe = manifest.os[0] === "win32" ? "clientele.exe" : "clientele";
    const libc = manifest.libc ? `-${manifest.libc[0]}` : "";
    const expected = `@clientele/cli-${manifest.os[0]}-${manifest.cpu[0]}${libc.replace("-glibc", "")}`;
    const problems = [];
    if (manifest.name !== expected) problems.push(`named ${manifest.name}, its os/cpu/libc say ${expected}`);
    if (manifest.version !== version) problems.push(`version ${manifest.version}`);
    if (manifest.os[0] === "linux" && !manifest.libc) problems.push("no libc field");
    if (!fs.existsSync(path.join(dir, "bin", exe))) problems.push(`no bin/${exe}`);
    if (manifest.bin) problems.push("a bin field, which would clash with the main package's command");
    for (const problem of problems) {
      console.error(`${target}: ${problem}`);
      wrong += 1;
    }
  }
}
const names = [...made].sort();
if (JSON.stringify(names) !== JSON.stringify(wanted)) {
  console.error(`made ${names.join(", ")}\nwanted ${wanted.join(", ")}`);
  wrong += 1;
}
process.exit(wrong ? 1 : 0);
JS
echo "${#targets[@]} targets make the ${version} packages the main package lists"
if node "$root/npm/make-platform-package.mjs" riscv64gc-unknown-linux-gnu "$binary" "$work/all" 2> "$work/err"; then
  fail "an unknown target made a package"
fi
grep -q 'unknown Rust target riscv64gc-unknown-linux-gnu' "$work/err" || { cat "$work/err"; fail "no clear error for an unknown target"; }
if node "$root/npm/make-platform-package.mjs" x86_64-unknown-linux-gnu "$work/missing" "$work/all" 2> "$work/err"; then
  fail "a missing binary made a package"
fi
grep -q "the binary $work/missing does not exist" "$work/err" || { cat "$work/err"; fail "no clear error for a missing binary"; }
rm -rf "$work/all"

step "npm pack: @clientele/cli-linux-x64 from $binary, and clientele"
start=$(now)
package=$(node "$root/npm/make-platform-package.mjs" x86_64-unknown-linux-gnu "$binary" "$work/platform")
[ "$package" = "$work/platform/cli-linux-x64" ] || fail "make-platform-package.mjs printed '$package'"
mkdir "$work/tarballs"
(cd "$work/tarballs" && npm pack --silent "$package" "$root/npm/clientele" > /dev/null)
platform_tgz="$work/tarballs/clientele-cli-linux-x64-$version.tgz"
main_tgz="$work/tarballs/clientele-$version.tgz"
if [ ! -f "$platform_tgz" ] || [ ! -f "$main_tgz" ]; then
  ls -l "$work/tarballs"
  fail "npm pack did not write the two tarballs"
fi
contents=$(tar -tzf "$main_tgz" | sort | tr '\n' ' ')
[ "$contents" = "package/README.md package/bin/clientele.js package/package.json " ] \
  || fail "the main package holds: $contents"
echo "packed in $(seconds "$start") s: $(du -h "$platform_tgz" | cut -f1) and $(du -h "$main_tgz" | cut -f1)"

# Offline, npm still asks for the manifest of every optional dependency
# (it needs their os/cpu/libc to choose); the six of other platforms are
# not in the cache, and npm 10 and 11 drop an optional dependency that
# cannot be fetched without failing the install or printing a warning.
# The linux-x64 tarball installed beside clientele has the name and
# version clientele asks for, so npm takes it for that optional dependency
# (`npm ls` shows it "deduped" under clientele) as it would the registry's
# copy. --omit=optional instead would test nothing of how npm chooses.
step "npm install --offline of both tarballs in a new project"
docs="$work/docs"
mkdir "$docs"
printf '{ "name": "docs", "private": true }\n' > "$docs/package.json"
cp -R "$root/examples" "$docs/examples"
printf '# Notes\n\nThe team meets on Mondays.\n' > "$docs/clean notes.md"
cd "$docs"
start=$(now)
npm install --offline "$platform_tgz" "$main_tgz" > "$work/out" 2>&1 || { cat "$work/out"; fail "npm install failed"; }
echo "installed in $(seconds "$start") s"
if grep -qi 'warn\|err' "$work/out"; then
  cat "$work/out"
  fail "npm install warned"
fi
[ -x node_modules/@clientele/cli-linux-x64/bin/clientele ] || fail "the installed binary is not executable"
npm ls --all > "$work/out" 2>&1 || { cat "$work/out"; fail "npm ls found a problem"; }
grep -q "@clientele/cli-linux-x64@$version deduped" "$work/out" \
  || { cat "$work/out"; fail "clientele's optional dependency is not the installed linux-x64 package"; }

step "npx clientele examples/: exit code 1 and the findings, as the binary itself"
start=$(now)
set +e
"$binary" examples/ > "$work/direct.out" 2> "$work/direct.err"
direct_code=$?
direct_time=$(seconds "$start")
start=$(now)
node_modules/.bin/clientele examples/ > /dev/null 2>&1
wrapper_time=$(seconds "$start")
start=$(now)
npx clientele examples/ > "$work/npx.out" 2> "$work/npx.err"
code=$?
npx_time=$(seconds "$start")
set -e
[ "$direct_code" -eq 1 ] || { cat "$work/direct.err"; fail "$binary examples/ exited with $direct_code, not 1"; }
[ "$code" -eq 1 ] || { cat "$work/npx.err"; fail "npx clientele examples/ exited with $code, not 1"; }
summary=$(grep -E '^Found [0-9]+ errors? and [0-9]+ warnings? in [0-9]+ files\.$' "$work/npx.out") \
  || { tail -5 "$work/npx.out"; fail "no findings summary in the output of npx clientele examples/"; }
cmp -s "$work/direct.out" "$work/npx.out" || { diff "$work/direct.out" "$work/npx.out" | head -20; fail "npx clientele printed other findings than the binary"; }
cmp -s "$work/direct.err" "$work/npx.err" || { diff "$work/direct.err" "$work/npx.err" | head -20; fail "npx clientele printed something else on stderr"; }
echo "$summary"
echo "binary run directly: $direct_time s; node_modules/.bin/clientele: $wrapper_time s; npx clientele: $npx_time s"

step "npx clientele on a clean file (a space in its name): exit code 0"
set +e
npx clientele "clean notes.md" > "$work/out" 2>&1
code=$?
set -e
[ "$code" -eq 0 ] || { cat "$work/out"; fail "npx clientele on a clean file exited with $code, not 0"; }
grep -q 'No problems found in 1 file' "$work/out" || { cat "$work/out"; fail "the clean file was not checked"; }

step "npx clientele with an unknown option: exit code 2"
set +e
npx clientele --no-such-option > "$work/out" 2>&1
code=$?
set -e
[ "$code" -eq 2 ] || { cat "$work/out"; fail "exit code $code for a usage error, not 2"; }

step "a SIGTERM to the wrapper ends clientele too, and the wrapper ends by it (143)"
# A stand-in binary that waits: the wrapper must pass the signal on and
# end the way the binary did.
cat > "$work/waits" <<'SH'
#!/bin/sh
echo $$ > "$1"
exec sleep 60
SH
chmod +x "$work/waits"
CLIENTELE_BINARY="$work/waits" node node_modules/clientele/bin/clientele.js "$work/pid" &
wrapper=$!
for _ in $(seq 100); do
  [ -s "$work/pid" ] && break
  sleep 0.05
done
[ -s "$work/pid" ] || fail "the stand-in binary did not start"
kill -TERM "$wrapper"
for _ in $(seq 100); do
  kill -0 "$wrapper" 2> /dev/null || break
  sleep 0.05
done
if kill -0 "$wrapper" 2> /dev/null; then
  kill "$(cat "$work/pid")"
  fail "the wrapper was still running 5 s after SIGTERM"
fi
set +e
wait "$wrapper"
code=$?
set -e
[ "$code" -eq 143 ] || fail "the wrapper ended with $code after SIGTERM, not 143"
if kill -0 "$(cat "$work/pid")" 2> /dev/null; then
  kill "$(cat "$work/pid")"
  fail "the binary kept running after the wrapper got SIGTERM"
fi

step "installed with --omit=optional: npx clientele names the package to install, exit code 2"
bare="$work/bare"
mkdir "$bare"
printf '{ "name": "docs", "private": true }\n' > "$bare/package.json"
cd "$bare"
npm install --offline --omit=optional "$main_tgz" > "$work/out" 2>&1 || { cat "$work/out"; fail "npm install --omit=optional failed"; }
[ ! -e node_modules/@clientele ] || fail "--omit=optional installed a platform package"
set +e
npx clientele "$docs/examples" > "$work/out" 2> "$work/err"
code=$?
set -e
[ "$code" -eq 2 ] || { cat "$work/out" "$work/err"; fail "exit code $code without the platform package, not 2"; }
grep -q "npm install @clientele/cli-linux-x64@$version" "$work/err" \
  || { cat "$work/err"; fail "the error does not name the package to install"; }
[ ! -s "$work/out" ] || { cat "$work/out"; fail "something on stdout without the platform package"; }
sed 's/^/    /' "$work/err"
CLIENTELE_BINARY="$binary" npx clientele "$docs/clean notes.md" > "$work/out" 2>&1 \
  || { cat "$work/out"; fail "CLIENTELE_BINARY did not run the binary"; }

echo "npm test: OK"
