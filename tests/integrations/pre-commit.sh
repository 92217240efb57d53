#!/usr/bin/env bash
# The pre-commit framework running this checkout as a hook repository, in a
# throwaway documentation repository:
#   1. `pre-commit try-repo` (the checkout as it is, uncommitted changes
#      included) fails on a staged file with a wrong term and passes once
#      it is corrected; the `clientele-fix` hook corrects the file;
#   2. examples/ci/pre-commit-config.yaml, pointed at this checkout's HEAD,
#      installed as the git hook: `git commit` of a wrong term is refused,
#      a clean commit goes through.
# Needs `pre-commit` and `cargo` on PATH.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
# Every hook install builds clientele; one target folder shares the
# dependencies between them.
export CARGO_TARGET_DIR="$work/target"
# pre-commit builds with `cargo install` (the release profile); the test is
# about what the hooks do, so the build skips optimisation: the same
# program in a third of the time.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

fail() {
  echo "pre-commit test: FAIL: $*" >&2
  exit 1
}

step() {
  echo "== pre-commit test: $*"
}

pre-commit validate-manifest "$root/.pre-commit-hooks.yaml"
pre-commit validate-config "$root/examples/ci/pre-commit-config.yaml"

docs="$work/docs"
mkdir -p "$docs"
cd "$docs"
git init -q -b main
git config user.email docs@example.com
git config user.name "Docs Team"
printf 'business = "relationship"\n' > clientele.toml
printf '# Services\n\nEvery client has an account manager.\n' > README.md
git add . && git commit -q -m "docs: start"

wrong='# Onboarding\n\nOur customers meet their account manager in the first week.\n'
right='# Onboarding\n\nOur clients meet their account manager in the first week.\n'

step "try-repo: a staged wrong term fails"
printf "$wrong" > onboarding.md
git add onboarding.md
if pre-commit try-repo "$root" clientele > "$work/out" 2>&1; then
  cat "$work/out"
  fail "the hook passed on a wrong term"
fi
grep -q 'wrong-term' "$work/out" || { cat "$work/out"; fail "no wrong-term finding in the hook's output"; }
grep -q 'onboarding.md:3:5' "$work/out" || { cat "$work/out"; fail "the finding does not point at onboarding.md:3:5"; }

step "try-repo: the clientele-fix hook corrects it, and fails because it changed a file"
if pre-commit try-repo "$root" clientele-fix > "$work/out" 2>&1; then
  cat "$work/out"
  fail "the fix hook passed although it changed a file"
fi
grep -q 'files were modified by this hook' "$work/out" || { cat "$work/out"; fail "pre-commit did not see the fix"; }
[ "$(cat onboarding.md)" = "$(printf "$right")" ] || fail "onboarding.md was not fixed: $(cat onboarding.md)"

step "try-repo: the corrected file passes"
git add onboarding.md
pre-commit try-repo "$root" clientele > "$work/out" 2>&1 || { cat "$work/out"; fail "the hook failed on a clean file"; }
git commit -q --no-verify -m "docs: onboarding"

step "installed from examples/ci/pre-commit-config.yaml at $(git -C "$root" rev-parse --short HEAD)"
head=$(git -C "$root" rev-parse HEAD)
sed -e "s|repo: .*|repo: $root|" -e "s|rev: .*|rev: $head|" \
  "$root/examples/ci/pre-commit-config.yaml" > .pre-commit-config.yaml
grep -q "rev: $head" .pre-commit-config.yaml || fail "the example config has no rev to point at the checkout"
git add .pre-commit-config.yaml
git commit -q --no-verify -m "ci: pre-commit"
pre-commit install > /dev/null
pre-commit install-hooks

step "git commit: a wrong term is refused"
printf '# Billing\n\nInvoices reach the customer on the first of the month.\n' > billing.md
git add billing.md
if git commit -q -m "docs: billing" > "$work/out" 2>&1; then
  cat "$work/out"
  fail "the commit with a wrong term went through"
fi
grep -q 'wrong-term' "$work/out" || { cat "$work/out"; fail "no wrong-term finding in the commit's output"; }
[ "$(git log --format=%s -1)" = "ci: pre-commit" ] || fail "a commit was made"

step "git commit: a clean commit goes through"
printf '# Billing\n\nInvoices reach the client on the first of the month.\n' > billing.md
git add billing.md
git commit -q -m "docs: billing" > "$work/out" 2>&1 || { cat "$work/out"; fail "the clean commit was refused"; }
[ "$(git log --format=%s -1)" = "docs: billing" ] || fail "the clean commit is missing"

echo "pre-commit test: ok"
