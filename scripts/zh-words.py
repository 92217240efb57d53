#!/usr/bin/env python3
"""Write src/lexicon/zh-words.txt: the part of jieba's dictionary that
decides how the text around a Chinese term is split into words.

The whole dictionary (349,000 words) takes about 80 ms to load, more than
a pre-commit run on one file takes in all. Only the words that can touch a
term change whether the term is cut in two, so the segmenter loads these:

- every single character (their frequencies weigh every split);
- every word holding a character of a term form of rules/zh.toml (the
  words that can cross a term's edge, such as 照顾 and 户外, and the
  compounds that hold a term, such as 老客户);
- every word inside one of those (其他 in 其他用户), which competes with it;
- every word that can cross the outer edge of a compound holding a whole
  term (数组 against 用户数).

The frequencies of the words left out are summed under one character no
text holds (U+FDD0), so that every word kept weighs what it weighs in the
whole dictionary.

Usage: scripts/zh-words.py [path/to/jieba/dict.txt] > src/lexicon/zh-words.txt
(without a path, the dictionary of the jieba-rs crate in Cargo.lock is read
from cargo's registry.)
"""
import json
import pathlib
import subprocess
import sys
import tomllib

root = pathlib.Path(__file__).resolve().parent.parent
if len(sys.argv) > 1:
    dictionary = pathlib.Path(sys.argv[1])
else:
    metadata = json.loads(subprocess.check_output(
        ["cargo", "metadata", "--format-version", "1", "--manifest-path", str(root / "Cargo.toml")]))
    package = next(p for p in metadata["packages"] if p["name"] == "jieba-rs")
    dictionary = pathlib.Path(package["manifest_path"]).parent / "src/data/dict.txt"
    version = package["version"]

pack = tomllib.loads((root / "rules/zh.toml").read_text(encoding="utf-8"))
terms = sorted({form for term in pack["term"] for slot in term["forms"] for form in slot.split("|")})
term_chars = set("".join(terms))

entries = []
total = 0
for line in dictionary.read_text(encoding="utf-8").splitlines():
    fields = line.split()
    if len(fields) < 2:
        continue
    entries.append((fields[0], int(fields[1]), line))
    total += int(fields[1])

touching = [word for word, _, _ in entries if len(word) > 1 and term_chars & set(word)]
inside = {word[i:j] for word in touching for i in range(len(word)) for j in range(i + 2, len(word) + 1)}
left_edges, right_edges = set(), set()
for word in touching:
    for term in terms:
        at = word.find(term)
        if at < 0 or word == term:
            continue
        if at > 0:
            left_edges.add(word[0])
        if at + len(term) < len(word):
            right_edges.add(word[-1])

kept, kept_total = [], 0
for word, freq, line in entries:
    if (len(word) == 1 or term_chars & set(word) or word in inside
            or word[-1] in left_edges or word[0] in right_edges):
        kept.append(line)
        kept_total += freq

print("# The words of jieba's dictionary (jieba-rs %s, MIT licence) that decide" % version
      if len(sys.argv) == 1 else "# The words of jieba's dictionary (MIT licence) that decide")
print("# how the text around a Chinese term splits: `word frequency tag`, one a line.")
print(f"# {len(kept)} of {len(entries)} words, for the terms {' '.join(terms)}.")
print("# Written by scripts/zh-words.py; do not edit by hand.")
for line in kept:
    print(line)
print(f"\ufdd0 {total - kept_total}")
