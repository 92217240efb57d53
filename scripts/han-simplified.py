#!/usr/bin/env python3
"""Write src/lexicon/han-simplified.txt: each Traditional Chinese character
with its Simplified counterpart, from the Unicode Han database.

The table is the `kSimplifiedVariant` field of Unihan_Variants.txt (Debian's
`unicode-data` package ships it as /usr/share/unicode/Unihan_Variants.txt.bz2).
Only pairs where both characters are in the Basic Multilingual Plane are
kept: the matcher folds a character in place, so both must take three bytes
in UTF-8. Where a character lists several simplified variants, the first is
taken; a character that lists itself is also written in Simplified text
and is left out.

Usage: scripts/han-simplified.py [Unihan_Variants.txt(.bz2)] > src/lexicon/han-simplified.txt
"""
import bz2
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode/Unihan_Variants.txt.bz2"
opener = bz2.open if path.endswith(".bz2") else open
version = "unknown"
pairs = []
with opener(path, "rt", encoding="utf-8") as lines:
    for line in lines:
        if line.startswith("# Unihan_Variants.txt"):
            continue
        if line.startswith("# Unicode version:"):
            version = "Unicode " + line.split(":", 1)[1].strip()
        if line.startswith("#") or not line.strip():
            continue
        code, key, value = line.rstrip("\n").split("\t")
        if key != "kSimplifiedVariant":
            continue
        traditional = chr(int(code[2:], 16))
        variants = [chr(int(v.split("<")[0][2:], 16)) for v in value.split()]
        # A character that is its own simplified variant (乾, 著) is also
        # written in Simplified text, with a meaning of its own: left as is.
        if traditional in variants:
            continue
        simplified = variants[0]
        if len(traditional.encode()) == 3 and len(simplified.encode()) == 3:
            pairs.append(traditional + simplified)

# Pairs Unihan does not list, since both characters are also written in
# Simplified text, where Traditional text always uses the first: 遊客
# (tourist) is 游客 in Simplified.
EXTRA = ["遊游"]
pairs += [pair for pair in EXTRA if pair[0] not in {p[0] for p in pairs}]

print("# Traditional → Simplified Chinese characters, one pair a line, from the")
print(f"# kSimplifiedVariant field of the Unicode Han database ({version}),")
print("# and the few pairs scripts/han-simplified.py adds to it.")
print("# Written by scripts/han-simplified.py; do not edit by hand.")
for pair in sorted(pairs):
    print(pair)
