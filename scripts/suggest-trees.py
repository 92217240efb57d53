#!/usr/bin/env python3
"""Measure `clientele suggest` on documentation trees whose business type is
known, and print how often each confidence level names the right type.

Usage:
  scripts/suggest-trees.py BINARY [--features]

The labelled trees (see tests/data/suggest-trees.tsv):
  - folders of ../shared/corpus, each read and labelled with the business
    its documents describe (product documentation for shops, retail and
    sales teams is `transactional`);
  - trees made of the hand-written evaluation cases
    (tests/data/evaluation/*.txt): per language, business and split, every
    case as one document, and the cases of all three languages together;
  - the sense fixture pages (tests/fixtures/sense/*/business-*.md);
  - the business fixture trees (tests/fixtures/business/LANG/KIND), a shop,
    a law firm, a community and a mixed tree per language, which the tests
    use: `tune`.
Each tree has a split, `tune` or `heldout`: corpus folders by the first byte
of SHA-256("split:" + path), the others by the split their cases carry.
A suggestion is right when it names the labelled type, `none` when there is
no suggestion. `mixed` is right only for the trees labelled `mixed`;
elsewhere it is the verdict that asks a person to decide, so it counts
apart from a wrong type.

With --features, prints one line per tree with the scores, for fitting.
stdlib only.
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared", "corpus")
TREES = os.path.join(ROOT, "tests", "data", "suggest-trees.tsv")
EVALUATION = os.path.join(ROOT, "tests", "data", "evaluation")
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "sense")


def split_of(key):
    return "tune" if int(hashlib.sha256(("split:" + key).encode()).hexdigest()[:2], 16) % 2 == 0 else "heldout"


def corpus_trees():
    trees = []
    with open(TREES, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            path, label = line.rstrip("\n").split("\t")[:2]
            trees.append((f"corpus:{path}", label, split_of(path), os.path.join(SHARED, path)))
    return trees


def evaluation_cases():
    cases = []
    for name in sorted(os.listdir(EVALUATION)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(EVALUATION, name), encoding="utf-8") as f:
            current = None
            for line in f:
                if line.startswith("#!"):
                    continue
                if line.startswith("=== case "):
                    _, _, cid, lang, business, split = line.split()
                    current = {"id": cid, "lang": lang, "business": business, "split": split, "lines": []}
                    cases.append(current)
                elif line.startswith("--- expect"):
                    current = None
                elif current is not None:
                    current["lines"].append(line)
    return [c for c in cases if c["business"] in ("relationship", "transactional", "membership")]


def made_trees(tmp):
    """Trees written into `tmp` from the evaluation cases and fixtures."""
    groups = {}
    for case in evaluation_cases():
        split = "tune" if case["split"] == "dev" else "heldout"
        for lang in (case["lang"], "all"):
            groups.setdefault((lang, case["business"], split), []).append(case)
    trees = []
    for (lang, business, split), cases in sorted(groups.items()):
        folder = os.path.join(tmp, f"eval-{lang}-{business}-{split}")
        os.makedirs(folder)
        for case in cases:
            with open(os.path.join(folder, case["id"] + ".md"), "w", encoding="utf-8") as f:
                f.write("".join(case["lines"]).strip() + "\n")
        trees.append((f"eval:{lang}/{business}/{split}", business, split, folder))
    for split_dir, split in (("dev", "tune"), ("heldout", "heldout")):
        base = os.path.join(FIXTURES, split_dir)
        for name in sorted(os.listdir(base)):
            if name.startswith("business-"):
                # The fixture pages are businesses that work with clients
                # (an agency, a bookkeeper, a client portal) or sell to
                # customers (a store).
                path = os.path.join(base, name)
                label = "transactional" if "store" in name else "relationship"
                trees.append((f"fixture:{split_dir}/{name}", label, split, path))
    kinds = {"shop": "transactional", "law-firm": "relationship", "community": "membership", "mixed": "mixed"}
    base = os.path.join(ROOT, "tests", "fixtures", "business")
    for lang in sorted(os.listdir(base)):
        for kind, label in kinds.items():
            path = os.path.join(base, lang, kind)
            if os.path.isdir(path):
                trees.append((f"fixture:business/{lang}/{kind}", label, "tune", path))
    return trees


def suggest(binary, path):
    run = subprocess.run([binary, "suggest", "--format", "json", path], capture_output=True, check=False)
    if run.returncode not in (0, 1):
        sys.exit(f"suggest failed on {path}: {run.stderr.decode(errors='replace')}")
    return json.loads(run.stdout)


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    binary = os.path.abspath(argv[1])
    features = "--features" in argv
    with tempfile.TemporaryDirectory() as tmp:
        trees = corpus_trees() + made_trees(tmp)
        rows = []
        for name, label, split, path in trees:
            out = suggest(binary, path)
            scores = {e["business"]: e["score"] for e in out["evidence"]}
            verdict = out["business"] or "none"
            rows.append((name, label, split, verdict, out["level"], out["confidence"], scores))
    if features:
        for name, label, split, verdict, level, conf, scores in rows:
            ordered = sorted(scores.items(), key=lambda kv: -kv[1])
            top = ordered[0] if ordered else ("-", 0.0)
            second = ordered[1][1] if len(ordered) > 1 else 0.0
            print(f"{split}\t{label}\t{top[0]}\t{top[1]:.1f}\t{second:.1f}\t{verdict}\t{level}\t{conf}\t{name}")
        return
    labelled = [r for r in rows if r[1] != "none"]
    print("| split | level | trees | right | wrong type | mixed | precision |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for split in ("tune", "heldout"):
        for level in ("high", "medium", "low"):
            chosen = [r for r in labelled if r[2] == split and r[4] == level and r[3] != "none"]
            right = sum(r[3] == r[1] for r in chosen)
            mixed = sum(r[3] == "mixed" != r[1] for r in chosen)
            wrong = len(chosen) - right - mixed
            prec = f"{right / (right + wrong):.3f}" if right + wrong else "-"
            print(f"| {split} | {level} | {len(chosen)} | {right} | {wrong} | {mixed} | {prec} |")
        none = sum(1 for r in labelled if r[2] == split and r[3] == "none")
        print(f"| {split} | no suggestion | {none} | | | | |")
    print()
    print("Trees that describe no business:")
    for name, label, split, verdict, level, conf, _ in rows:
        if label == "none":
            print(f"- {name} ({split}): {verdict}, {level} ({conf})")
    print()
    print("Wrong types:")
    for name, label, split, verdict, level, conf, _ in labelled:
        if verdict not in (label, "mixed", "none"):
            print(f"- {name} ({split}): {verdict} for {label}, {level} ({conf})")

if __name__ == "__main__":
    main(sys.argv)
