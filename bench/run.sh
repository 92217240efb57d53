#!/usr/bin/env bash
# Benchmark clientele on the shared corpus against ripgrep and textlint,
# and print one table. Installs what it needs: ripgrep (a current release,
# built by cargo), hyperfine (Debian), textlint with its terminology rule
# (npm, pinned in bench/textlint).
#
#   bench/run.sh                 # corpus at ../shared/corpus
#   CORPUS=/path/to/corpus RUNS=10 bench/run.sh
#
# ripgrep searches the same term forms, case-insensitively: reading and
# scanning the bytes is the floor. textlint runs its terminology rule set up
# like clientele's wrong-term for a transactional business; it is slow, so
# it runs once on a fixed subset per language, and clientele is timed on the
# same subset in the same run.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(cd "${CORPUS:-$root/../shared/corpus}" && pwd)
runs=${RUNS:-5}
work=$root/target/bench
tools=$work/tools
mkdir -p "$work"
cd "$root"

if ! command -v hyperfine >/dev/null; then
  sudo=$(command -v sudo || true)
  $sudo apt-get update -qq && $sudo apt-get install -y -qq hyperfine >/dev/null
fi
if [ ! -x "$tools/bin/rg" ]; then
  cargo install ripgrep --locked --version 15.2.0 --root "$tools" --quiet
fi
npm ci --prefix bench/textlint --no-audit --no-fund --silent
cargo build --release --locked --quiet

clientele=$root/target/release/clientele
rg=$tools/bin/rg
textlint=$root/bench/textlint/node_modules/.bin/textlint
python3 bench/report.py inputs rules "$work"
config=$work/clientele.toml

# Mean wall time of a command over $runs runs (exit codes ignored: finding
# problems is a failure for every tool here).
wall() {
  local json=$work/hyperfine.json
  hyperfine --runs "$1" --warmup 1 --ignore-failure --export-json "$json" \
    --style none --command-name x "$2" >/dev/null 2>&1
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$json"
}

# Peak resident set size in KB of one run.
rss() {
  /usr/bin/time -f %M -o "$work/time.txt" bash -c "$1" >/dev/null 2>&1 || true
  tail -n1 "$work/time.txt"
}

bytes() { find "$1" -name '*.md' -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }

measure() { # name, command
  printf '"%s": {"wall": %s, "rss": %s}' "$1" "$(wall "$runs" "$2")" "$(rss "$2")"
}

{
  echo '{"corpora": ['
  sep=""
  for lang in en ru zh; do
    dir=$corpus/$lang
    echo "$sep{\"name\": \"$lang ($(find "$dir" -name '*.md' | wc -l) files)\", \"bytes\": $(bytes "$dir"),"
    measure clientele "$clientele --config $config --format concise $dir"
    echo ","
    measure rg "$rg --count --ignore-case --fixed-strings --file $work/forms.txt --glob '*.md' $dir"
    echo "}"
    sep=","
  done
  echo '], "textlint": ['
  sep=""
  for subset in en/contact-center ru/javascript-info zh/partner-center; do
    dir=$corpus/$subset
    [ -d "$dir" ] || { echo "missing textlint subset $dir" >&2; exit 1; }
    echo "$sep{\"name\": \"$subset ($(find "$dir" -name '*.md' | wc -l) files)\", \"bytes\": $(bytes "$dir"),"
    printf '"textlint": {"wall": %s}, ' \
      "$(wall 1 "$textlint --no-color --config $work/textlintrc.json --format compact $dir")"
    printf '"clientele": {"wall": %s}}\n' \
      "$(wall "$runs" "$clientele --config $config --format concise $dir")"
    sep=","
  done
  echo '], "files": ['
  small=$corpus/en/bc-docs/business-central/receivables-how-block-customers.md
  big=$work/big.md
  [ -f "$big" ] || python3 bench/report.py big "$corpus/en" "$big" 100
  echo "{\"name\": \"en/bc-docs/…/receivables-how-block-customers.md\", \"bytes\": $(stat -c %s "$small"),"
  printf '%s}, ' "$(measure clientele "$clientele --config $config $small")"
  echo "{\"name\": \"100 MB of en/ in one file\", \"bytes\": $(stat -c %s "$big"),"
  printf '%s}' "$(measure clientele "$clientele --config $config --format concise $big")"
  echo ']}'
} >"$work/results.json"

echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem/ {print $2}') GB;" \
  "clientele $($clientele --version | cut -d' ' -f2), $($rg --version | head -n1), textlint $($textlint --version)"
echo
python3 bench/report.py table "$work"
