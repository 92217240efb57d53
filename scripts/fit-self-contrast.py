#!/usr/bin/env python3
"""Fit the Chinese self-contrast model: which pairs of one word in one
sentence set it against itself.

Usage:
  scripts/fit-self-contrast.py [--corpus ../shared/corpus/zh] [--write]

Training pairs (two of the same role word in one sentence, at most 80
characters apart, the nearest of each first word):
- the `dev` cases of tests/data/evaluation/zh.txt and the training cases
  of tests/data/self-contrast-zh-train.txt: a pair is a collapse when the
  case expects a `self-contrast` on its second word;
- every such pair in the Markdown of the corpus folder, as look-alikes
  (documentation nearly never sets a word against itself).
`heldout` cases are never read.

The model is a logistic regression over presence features of the pair
(see `features`; src/rules/self_contrast/model.rs computes the same ones),
fitted by AdaGrad with L2. It prints a 5-fold cross-validation (folds by
case or file) and, with --write, fits on everything and writes
src/rules/self_contrast/zh-model.tsv with a few `check` pairs and their
scores, which a Rust test recomputes. model.rs also leaves out pairs with
no letter between the two words (a list, or a word said again), which
this script trains on. stdlib only.
"""

import math
import os
import random
import re
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STOPS = set("。！？!?\n")
MAX_GAP = 80
WINDOW = 12
EDGE = 4
PAD = " \t\n\r\u3000\u00a0"
# The least probability of a collapse that is reported, chosen on the
# cross-validation below: the least at which no corpus pair is flagged.
THRESHOLD_P = 0.95
L2 = 1e-3
EPOCHS = 30
RATE = 0.5
# A feature seen in fewer training pairs is left out: it says nothing
# that carries over.
MIN_COUNT = 2
# A smaller weight is not written (the file is the model: the `check`
# scores are computed from what is written).
MIN_WEIGHT = 0.01


with open(os.path.join(ROOT, "rules/zh.toml"), "rb") as _f:
    PACK = tomllib.load(_f)
# Each Traditional role word's Simplified spelling.
SIMPLIFIED = {t: s for s, t in PACK.get("traditional", {}).items()}
# The role words, Simplified and Traditional, longest first.
MASK = sorted(
    {form for term in PACK.get("term", []) for form in term["forms"]} | set(SIMPLIFIED),
    key=lambda w: (-len(w), w),
)
MASK_RE = re.compile("|".join(map(re.escape, MASK)))
# Where a role word names software rather than people.
TECHNICAL_AFTER = ("端", "机")


def mask(text):
    """Each role word as `T`, line breaks and tabs as spaces."""
    out = MASK_RE.sub("T", text)
    return out.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def features(before, gap, after):
    """The presence features of a pair, as model.rs computes them."""
    g = mask(gap).strip(PAD)
    out = set()
    framed = "^" + g + "$"
    for n in (1, 2, 3):
        for i in range(len(framed) - n + 1):
            out.add("g:" + framed[i : i + n])
    b = mask(before)[-EDGE:]
    a = mask(after)[:EDGE]
    for n in (1, 2):
        for i in range(len(b) - n + 1):
            out.add("b:" + b[i : i + n])
        for i in range(len(a) - n + 1):
            out.add("a:" + a[i : i + n])
    out.add("len:%d" % min(len(g) // 5, 8))
    return out


def pairs(text):
    """Each role word with the nearest same word after it in its sentence."""
    found = []
    for m in MASK_RE.finditer(text):
        if text[m.end() : m.end() + 1] in TECHNICAL_AFTER:
            continue
        found.append((m.start(), m.end(), m.group()))
    same = lambda x, y: SIMPLIFIED.get(x, x) == SIMPLIFIED.get(y, y)
    out = []
    for i, first in enumerate(found):
        for second in found[i + 1 :]:
            gap = text[first[1] : second[0]]
            if len(gap) > MAX_GAP or any(c in STOPS for c in gap):
                break
            if same(first[2], second[2]):
                before = text[max(0, first[0] - WINDOW) : first[0]]
                after = text[second[1] : second[1] + WINDOW]
                out.append((before, gap, after, second[2]))
                break
    return out


def cases(path):
    case, doc, expect, mode = None, [], [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#!"):
            continue
        if line.startswith("=== case"):
            if case:
                yield case, "\n".join(doc).strip(), expect
            case, doc, expect, mode = line.split()[2:], [], [], "doc"
            continue
        if line.startswith("--- expect"):
            mode = "expect"
        elif case and mode == "doc":
            doc.append(line)
        elif case and line.strip():
            expect.append(tuple(line.split("\t", 1)))
    if case:
        yield case, "\n".join(doc).strip(), expect


def labelled(path, splits):
    out = []
    for (case_id, _lang, _business, split), doc, expect in cases(path):
        if split not in splits:
            continue
        wanted = [w for rule, w in expect if rule == "self-contrast"]
        for before, gap, after, second in pairs(doc):
            out.append((case_id, features(before, gap, after), 1 if second in wanted else 0))
    return out


def corpus(folder):
    out = []
    for top, _dirs, files in sorted(os.walk(folder)):
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            path = os.path.join(top, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                text = re.sub(r"```.*?```", "", f.read(), flags=re.S)
            for before, gap, after, _ in pairs(text):
                out.append((path, features(before, gap, after), 0))
    return out


def fit(data, seed=7):
    counts = {}
    for _, feats, _ in data:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    kept = [(sorted(f for f in feats if counts[f] >= MIN_COUNT), y) for _, feats, y in data]
    weights, squares, bias, bias_square = {}, {}, 0.0, 1e-8
    order = list(range(len(kept)))
    rng = random.Random(seed)
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for i in order:
            feats, y = kept[i]
            z = bias + sum(weights.get(f, 0.0) for f in feats)
            p = 1 / (1 + math.exp(-max(min(z, 30), -30)))
            err = p - y
            bias_square += err * err
            bias -= RATE * err / math.sqrt(bias_square)
            for f in feats:
                w = weights.get(f, 0.0)
                grad = err + L2 * w
                squares[f] = squares.get(f, 1e-8) + grad * grad
                weights[f] = w - RATE * grad / math.sqrt(squares[f])
    return weights, bias


def score(model, feats):
    weights, bias = model
    return bias + sum(weights.get(f, 0.0) for f in feats)


def cross_validate(data, folds=5):
    groups = sorted({g for g, _, _ in data})
    rng = random.Random(11)
    rng.shuffle(groups)
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    scores = [0.0] * len(data)
    for k in range(folds):
        model = fit([d for d in data if fold_of[d[0]] != k])
        for i, d in enumerate(data):
            if fold_of[d[0]] == k:
                scores[i] = score(model, d[1])
    return scores


def main():
    args = sys.argv[1:]
    folder = os.path.join(ROOT, "..", "shared", "corpus", "zh")
    if "--corpus" in args:
        folder = args[args.index("--corpus") + 1]
    evaluation = os.path.join(ROOT, "tests/data/evaluation/zh.txt")
    training = os.path.join(ROOT, "tests/data/self-contrast-zh-train.txt")
    written = labelled(evaluation, {"dev"})
    if os.path.exists(training):
        written += labelled(training, {"train"})
    negatives = corpus(folder)
    data = written + negatives
    print(f"pairs: {len(written)} written ({sum(y for _, _, y in written)} collapses), "
          f"{len(negatives)} in the corpus")
    scores = cross_validate(data)
    corpus_ids = {g for g, _, _ in negatives}
    for p in (0.5, 0.7, 0.8, 0.9, 0.95):
        t = math.log(p / (1 - p))
        hit = [s >= t for s in scores]
        tp = sum(1 for h, d in zip(hit, data) if h and d[2] == 1)
        pos = sum(1 for d in data if d[2] == 1)
        fw = sum(1 for h, d in zip(hit, data) if h and d[2] == 0 and d[0] not in corpus_ids)
        nw = sum(1 for d in written if d[2] == 0)
        fc = sum(1 for h, d in zip(hit, data) if h and d[0] in corpus_ids)
        print(f"p >= {p}: collapses {tp}/{pos}, written look-alikes {fw}/{nw}, corpus pairs {fc}/{len(negatives)}")
    if "--write" not in args:
        return
    model = fit(data)
    write(model, written)


def write(model, written):
    weights, bias = model
    # What the file holds is the model: rounded, the smallest weights left out.
    weights = {k: round(v, 6) for k, v in weights.items() if abs(v) >= MIN_WEIGHT}
    bias = round(bias, 6)
    model = (weights, bias)
    path = os.path.join(ROOT, "src/rules/self_contrast/zh-model.tsv")
    checks = [
        ("我们的服务面向", "，而不是", "。", ),
        ("", "和", "的退货期限不一样", ),
        ("请", "下单后，", "会收到短信", ),
        ("大", "和小", "的价格", ),
        ("\t所谓", "\n与", "（不是）", ),
    ]
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Chinese self-contrast model, written by scripts/fit-self-contrast.py:\n")
        f.write("# a logistic regression over presence features of a pair of one role\n")
        f.write("# word (see src/rules/self_contrast/model.rs). Do not edit by hand.\n")
        f.write("mask\t" + " ".join(MASK) + "\n")
        f.write(f"bias\t{bias:.6f}\n")
        f.write(f"threshold\t{math.log(THRESHOLD_P / (1 - THRESHOLD_P)):.6f}\n")
        for before, gap, after in checks:
            s = score(model, features(before, gap, after))
            esc = lambda x: x.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            f.write(f"check\t{esc(before)}\t{esc(gap)}\t{esc(after)}\t{s:.6f}\n")
        for name in sorted(weights):
            f.write(f"{name}\t{weights[name]:.6f}\n")
    print("wrote", path, len(weights), "features")


if __name__ == "__main__":
    main()
