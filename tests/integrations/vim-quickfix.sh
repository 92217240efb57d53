#!/usr/bin/env bash
# `--format concise` read by the real Vim, as README's "Editors without a
# language server" sets it up: the quickfix list holds the findings and
# nothing else, and each entry (`:cc N`) puts the cursor on the term's
# first byte when Cyrillic, Chinese and emoji come before it on its line.
#
# Usage: tests/integrations/vim-quickfix.sh path/to/clientele
# Installs Debian's `vim` when it is missing (apt-get, as root).
set -euo pipefail

clientele=$(realpath "$1")
readme=$(realpath "$(dirname "$0")/../../README.md")

if ! command -v vim >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq vim >/dev/null
fi
vim --version | head -1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
printf 'business = "relationship"\n' >clientele.toml
# One finding per line, each after text of another width in bytes than in
# characters: Cyrillic (2 bytes), Chinese (3), emoji (4), a tab (1 byte,
# 8 screen columns), and a byte-order mark on the first line (Vim hides it).
printf '\xef\xbb\xbfПривет, customers.\n\n客户说 our customers.\n\n🙂🙂 A customer.\n\nЁж\tи 中文 🙂 customers again.\n' >page.md
expected_lines=(1 3 5 7)
expected_words=(customers customers customer customers)

# README's setting (`:help errorformat`): a finding per `path:line:col:`
# line, every other line (the summary) left out of the list.
efm='%f:%l:%c:\ %m,%-G%.%#'

status=0
"$clientele" --format concise page.md >quickfix.txt 2>stderr.txt || status=$?
if [ "$status" -ne 1 ]; then
  echo "clientele exited $status, expected 1" >&2
  cat quickfix.txt stderr.txt >&2
  exit 1
fi
cat quickfix.txt

# In Vim: how many entries the list has, how many are valid, and where
# each valid one puts the cursor and the word under it.
cat >report.vim <<'VIM'
let s:out = []
call add(s:out, 'entries ' . len(getqflist()))
call add(s:out, 'valid ' . len(filter(getqflist(), 'v:val.valid')))
let s:n = 0
for s:e in getqflist()
  let s:n += 1
  if s:e.valid
    execute 'cc ' . s:n
    call add(s:out, line('.') . ' ' . col('.') . ' ' . expand('<cword>'))
  endif
endfor
call writefile(s:out, g:report)
VIM

# check WHAT REPORT ENTRIES: the list holds ENTRIES entries, one valid
# entry per finding, each putting the cursor on its term's first byte.
check() {
  local what=$1 report=$2 entries=$3
  local want=("entries $entries" "valid ${#expected_lines[@]}")
  local i
  for i in "${!expected_lines[@]}"; do
    local line=${expected_lines[$i]} word=${expected_words[$i]}
    # The first byte of the term on its line, 1-based (the mark is not
    # part of the line in Vim).
    local col
    col=$(sed -n "${line}p" page.md | sed 's/^\xef\xbb\xbf//' |
      LC_ALL=C awk -v w="$word" '{ print index($0, w) }')
    want+=("$line $col $word")
  done
  if ! diff <(printf '%s\n' "${want[@]}") "$report"; then
    echo "FAIL ($what): the quickfix list (>) is not what clientele meant (<)" >&2
    exit 1
  fi
  echo "ok ($what): $entries entries, a cursor on each term's first byte"
}

vim_run() {
  vim -es -N -u NONE -i NONE --cmd "let g:report = '$1'" "${@:2}" \
    -c 'source report.vim' -c 'qa!' </dev/null
}

findings=${#expected_lines[@]}
summary_lines=$(wc -l <quickfix.txt)
summary_lines=$((summary_lines - findings))

# The output saved to a file (`vim -q`), README's errorformat: the
# findings only.
vim_run readme.txt -c "let &errorformat = '${efm//\\/}'" -c 'cfile quickfix.txt'
check "README errorformat, :cfile" readme.txt "$findings"

# README's Vim snippet as a vimrc, `clientele` on PATH, and `:make` on the
# page, which reads stdout and stderr together.
awk '/^### Editors without a language server/ { on = 1 }
     on && /^  ```vim$/ { code = 1; next }
     code && /^  ```$/ { exit }
     code { print }' "$readme" >vimrc
grep -q 'errorformat=' vimrc || { echo "no Vim snippet in README" >&2; exit 1; }
mkdir bin
ln -s "$clientele" bin/clientele
PATH="$PWD/bin:$PATH" vim -es -N -u vimrc -i NONE --cmd "let g:report = 'make.txt'" \
  -c 'filetype on' -c 'edit page.md' -c 'silent make' \
  -c 'source report.vim' -c 'qa!' </dev/null >/dev/null
check "README snippet, :make" make.txt "$findings"

# Vim's default 'errorformat': the summary lines are entries without a
# place (`|| Found …`), which `:cnext` skips; the findings land the same.
vim_run default.txt -c 'cfile quickfix.txt'
check "default errorformat, :cfile" default.txt "$((findings + summary_lines))"
