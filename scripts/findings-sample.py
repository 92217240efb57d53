#!/usr/bin/env python3
"""Sample clientele's client-role `wrong-term` findings on ../shared/corpus,
and measure their precision against labels.

Usage:
  scripts/findings-sample.py sample BINARY [--out FILE]
      Write the sample of BINARY's findings as a label file to fill in
      (label, reason and note left empty; split filled in).
  scripts/findings-sample.py precision BINARY [LABELS] [--context]
  scripts/findings-sample.py sample BINARY --fresh [--per N] [--out FILE]
  scripts/findings-sample.py precision BINARY tests/data/findings-labels-fresh.tsv --fresh [--per N]
  scripts/findings-sample.py sample|precision BINARY --fresh --round K
      Sample BINARY's findings the same way, look each up in LABELS
      (default tests/data/findings-labels.tsv) and print the precision per
      folder and per language, on all labelled findings and on the held-out
      ones, with and without the findings labelled `name`; then list the sampled findings LABELS lacks (with their line of
      text with --context), so that they can be labelled.

Sampling: BINARY runs with `business = "transactional"` over each folder
of ../shared/corpus; its `wrong-term` findings on client-role terms are
keyed `path<TAB>byte_start<TAB>matched` (path under the corpus). Findings
at a (path, byte_start) of tests/data/sense-labels.tsv are left out: that
sample was labelled before, and this one is meant to be fresh. The rest are
ordered by the SHA-256 of their key and the first 100 per folder are the
sample. A finding keeps its place in that order whatever else a build
finds, so two builds share most of their samples. The split is the first
byte of SHA-256("split:" + key): even is `tune`, odd is `heldout`.

With --fresh, the sample is a second one, drawn to measure rules made on
the first: the findings the first label file holds are left out too, the
rest are ordered by SHA-256("fresh:" + key), and the first N per folder
(default 50) are the sample; its labels live in
tests/data/findings-labels-fresh.tsv. `--fresh --round K` (K ≥ 2) draws
the K-th fresh sample, to measure rules made on the earlier ones: it leaves
out every earlier round's findings as well, orders the rest by
SHA-256("freshK:" + key), and its labels live in
tests/data/findings-labels-freshK.tsv.

The same procedure (without --fresh) is implemented by
`the_findings_sample_is_precise` in src/sense/tests.rs; stdlib only.
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus")
SENSE_LABELS = os.path.join(ROOT, "tests", "data", "sense-labels.tsv")
FINDINGS_LABELS = os.path.join(ROOT, "tests", "data", "findings-labels.tsv")
PER_FOLDER = 100


def folders():
    """Every corpus folder, `lang/name`, in order."""
    found = []
    for lang in sorted(os.listdir(CORPUS)):
        base = os.path.join(CORPUS, lang)
        if not os.path.isdir(base):
            continue
        for name in sorted(os.listdir(base)):
            if os.path.isdir(os.path.join(base, name)):
                found.append(f"{lang}/{name}")
    return found


def digest(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_of(key):
    """`tune` or `heldout`, from a hash independent of the sampling order."""
    return "tune" if int(digest("split:" + key)[:2], 16) % 2 == 0 else "heldout"


def labelled_occurrences():
    seen = set()
    with open(SENSE_LABELS, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            path, offset = line.split("\t")[:2]
            seen.add((path, int(offset)))
    return seen


def findings(binary, folder):
    """Keys of BINARY's client-role wrong-term findings in `folder`."""
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "tx.toml")
        with open(config, "w", encoding="utf-8") as f:
            f.write('business = "transactional"\n')
        run = subprocess.run(
            [os.path.abspath(binary), "--config", config, "--format", "json", folder],
            cwd=CORPUS,
            capture_output=True,
            check=False,
        )
    if run.returncode not in (0, 1):
        sys.exit(f"{binary} failed on {folder}: {run.stderr.decode(errors='replace')}")
    keys = []
    for d in json.loads(run.stdout)["diagnostics"]:
        if d["rule"] == "wrong-term" and d.get("role") == "client":
            keys.append(f"{d['path']}\t{d['byte_start']}\t{d['matched']}")
    return keys


def fresh_labels_path(round_):
    """The label file of fresh sample `round_` (1, 2, …)."""
    suffix = "" if round_ == 1 else str(round_)
    return os.path.join(ROOT, "tests", "data", f"findings-labels-fresh{suffix}.tsv")


def sample(binary, fresh=False, per=PER_FOLDER, round_=1):
    """`{folder: (number of findings, sampled keys)}`; with `fresh`, the
    fresh sample `round_`, which leaves out what the first label file and
    the label files of the earlier rounds hold."""
    skip = labelled_occurrences()
    known = set()
    if fresh:
        known |= set(read_labels(FINDINGS_LABELS))
        for earlier in range(1, round_):
            known |= set(read_labels(fresh_labels_path(earlier)))
    salt = "fresh:" if round_ == 1 else f"fresh{round_}:"
    order = (lambda k: digest(salt + k)) if fresh else digest
    out = {}
    for folder in folders():
        keys = findings(binary, folder)
        left = [k for k in keys
                if (k.split("\t")[0], int(k.split("\t")[1])) not in skip and k not in known]
        left.sort(key=order)
        out[folder] = (len(keys), left[:per])
    return out


def read_labels(path):
    """`{key: (label, reason, split)}` of a findings label file."""
    labels = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            key = "\t".join(fields[:3])
            labels[key] = (fields[3], fields[4], fields[5])
    return labels


def context(key, reach=160):
    path, start, matched = key.split("\t")
    start = int(start)
    with open(os.path.join(CORPUS, path), "rb") as f:
        data = f.read()
    line_start = data.rfind(b"\n", 0, start) + 1
    line_end = data.find(b"\n", start)
    line_end = len(data) if line_end < 0 else line_end
    a, b = max(line_start, start - reach), min(line_end, start + len(matched.encode()) + reach)
    text = data[a:start] + b"[[" + data[start : start + len(matched.encode())] + b"]]"
    text += data[start + len(matched.encode()) : b]
    return text.decode("utf-8", errors="replace")


def write_sample(binary, out, fresh=False, per=PER_FOLDER, round_=1):
    sampled = sample(binary, fresh, per, round_)
    lines = []
    for folder, (total, keys) in sampled.items():
        print(f"{folder}: {total} findings, {len(keys)} sampled", file=sys.stderr)
        for key in keys:
            lines.append(f"{key}\t\t\t{split_of(key)}\t{context(key, 120)}\n" if fresh
                         else f"{key}\t\t\t{split_of(key)}\t\n")
    with open(out, "w", encoding="utf-8") as f:
        f.writelines(lines)


def ratio(right, false):
    return f"{right / (right + false):.3f}" if right + false else "-"


def precision(binary, labels_path, show_context, fresh=False, per=PER_FOLDER, round_=1):
    labels = read_labels(labels_path)
    sampled = sample(binary, fresh, per, round_)
    rows, unlabelled = [], []
    per_lang = {}
    print("| folder | findings | sampled | right | false (names) | precision | without names | held-out | held-out without names |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for folder, (total, keys) in sampled.items():
        counts = {"right": 0, "false": 0, "hright": 0, "hfalse": 0, "name": 0, "hname": 0}
        for key in keys:
            if key not in labels:
                unlabelled.append(key)
                continue
            label, reason, split = labels[key]
            counts[label] += 1
            counts["name"] += reason == "name"
            if split == "heldout":
                counts["h" + label] += 1
                counts["hname"] += reason == "name"
        lang = folder.split("/")[0]
        agg = per_lang.setdefault(lang, {"total": 0, "sampled": 0, "w": 0.0, "hw": 0.0, "wt": 0, "hwt": 0,
                                         "nw": 0.0, "nwt": 0, "hnw": 0.0, "hnwt": 0,
                                         "right": 0, "false": 0, "hright": 0, "hfalse": 0,
                                         "name": 0, "hname": 0})
        agg["total"] += total
        agg["sampled"] += len(keys)
        for k in ("right", "false", "hright", "hfalse", "name", "hname"):
            agg[k] += counts[k]
        # The language's precision weighs each folder by its findings: the
        # folders are sampled alike however many findings they have.
        if counts["right"] + counts["false"]:
            agg["w"] += total * counts["right"] / (counts["right"] + counts["false"])
            agg["wt"] += total
        if counts["hright"] + counts["hfalse"]:
            agg["hw"] += total * counts["hright"] / (counts["hright"] + counts["hfalse"])
            agg["hwt"] += total
        # Without the names (product, UI and quoted names), which another
        # check than the sense of a word handles.
        if counts["right"] + counts["false"] - counts["name"]:
            agg["nw"] += total * counts["right"] / (counts["right"] + counts["false"] - counts["name"])
            agg["nwt"] += total
        if counts["hright"] + counts["hfalse"] - counts["hname"]:
            agg["hnw"] += total * counts["hright"] / (counts["hright"] + counts["hfalse"] - counts["hname"])
            agg["hnwt"] += total
        print(f"| `{folder}` | {total} | {len(keys)} | {counts['right']} | {counts['false']} "
              f"({counts['name']}) | {ratio(counts['right'], counts['false'])} | "
              f"{ratio(counts['right'], counts['false'] - counts['name'])} | "
              f"{ratio(counts['hright'], counts['hfalse'])} | "
              f"{ratio(counts['hright'], counts['hfalse'] - counts['hname'])} |")
    print()
    print("| language | findings | sampled | right | false (names) | precision | without names | held-out | held-out without names |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for lang, a in per_lang.items():
        def est(k):
            return f"{a[k] / a[k + 't']:.3f}" if a[k + "t"] else "-"
        print(f"| {lang} | {a['total']} | {a['sampled']} | {a['right']} | {a['false']} ({a['name']}) | "
              f"{est('w')} | {est('nw')} | {est('hw')} | {est('hnw')} |")
    print()
    print("A language's precision weighs each folder's by its number of findings.")
    print()
    print(f"{len(unlabelled)} sampled findings not labelled")
    for key in unlabelled:
        print(key + (f"\t{context(key)}" if show_context else ""))


def main(argv):
    if len(argv) < 3 or argv[1] not in ("sample", "precision"):
        sys.exit(__doc__)
    binary = argv[2]
    fresh = "--fresh" in argv
    per = int(argv[argv.index("--per") + 1]) if "--per" in argv else (50 if fresh else PER_FOLDER)
    round_ = int(argv[argv.index("--round") + 1]) if "--round" in argv else 1
    if argv[1] == "sample":
        out = argv[argv.index("--out") + 1] if "--out" in argv else "/dev/stdout"
        write_sample(binary, out, fresh, per, round_)
    else:
        valued = {argv.index(o) + 1 for o in ("--per", "--out", "--round") if o in argv}
        rest = [a for i, a in enumerate(argv[3:], 3) if not a.startswith("--") and i not in valued]
        default = fresh_labels_path(round_) if fresh else FINDINGS_LABELS
        precision(binary, rest[0] if rest else default, "--context" in argv, fresh, per, round_)


if __name__ == "__main__":
    main(sys.argv)
