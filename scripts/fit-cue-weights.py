#!/usr/bin/env python3
"""Fit the weights of the sense cue groups on the labelled `tune` data, as a
check on the weights the packs give them.

Usage:
  cargo test --lib cue_features -- --ignored --nocapture | scripts/fit-cue-weights.py

Input: the FEATURES lines of the `cue_features` test (src/sense/tests.rs):
for each labelled client-role use (occurrence sample, findings sample,
fixture pages) the cue hits of its sentence and paragraph, per group
`scope:lang:sense:weight`, hits near the term counting 2.

Per language, an L2-regularised logistic regression (technical = 1) is
fitted on the `tune` uses with one coefficient per group. A group's fitted
weight is its coefficient over the language's unit (the median of
coefficient / pack weight over the sentence groups), clamped to 1..9, so it
reads on the packs' scale; a sign against the group's sense says the group
misleads. The accuracy of the fitted model on the `heldout` uses is
printed beside that of the pack weights in the same linear form.
stdlib only.
"""

import math
import sys


def parse(lines):
    uses = []
    for line in lines:
        if not line.startswith("FEATURES\t"):
            continue
        _, path, offset, lang, label, split, features = (line.rstrip("\n").split("\t") + [""])[:7]
        counts = {}
        for item in features.split():
            group, count = item.rsplit("=", 1)
            counts[group] = counts.get(group, 0) + int(count)
        uses.append((lang, 1 if label == "technical" else 0, split, counts))
    return uses


def fit(uses, groups, l2=0.05, rate=0.1, rounds=3000):
    index = {g: i for i, g in enumerate(groups)}
    w = [0.0] * len(groups)
    b = 0.0
    n = max(len(uses), 1)
    for _ in range(rounds):
        gw = [l2 * x for x in w]
        gb = 0.0
        for _, y, _, counts in uses:
            z = b + sum(w[index[g]] * c for g, c in counts.items() if g in index)
            p = 1 / (1 + math.exp(-max(min(z, 30), -30)))
            err = (p - y) / n
            gb += err
            for g, c in counts.items():
                if g in index:
                    gw[index[g]] += err * c
        w = [x - rate * d for x, d in zip(w, gw)]
        b -= rate * gb
    return dict(zip(groups, w)), b


def accuracy(uses, weights, bias):
    right = 0
    for _, y, _, counts in uses:
        z = bias + sum(weights.get(g, 0) * c for g, c in counts.items())
        right += (z > 0) == (y == 1)
    return right / len(uses) if uses else float("nan")


def main():
    uses = parse(sys.stdin)
    for lang in sorted({u[0] for u in uses}):
        tune = [u for u in uses if u[0] == lang and u[2] == "tune"]
        heldout = [u for u in uses if u[0] == lang and u[2] == "heldout"]
        groups = sorted({g for u in tune for g in u[3]})
        weights, bias = fit(tune, groups)
        # The pack's own weights in the same form: technical plus,
        # business minus, the paragraph counting half.
        pack = {}
        for g in groups:
            scope, _, sense, weight = g.split(":")
            sign = 1 if sense == "Technical" else -1
            pack[g] = sign * int(weight) * (1 if scope == "Sentence" else 0.5)
        ratios = sorted(
            abs(weights[g]) / int(g.split(":")[3])
            for g in groups
            if g.startswith("Sentence") and weights[g] != 0
        )
        unit = ratios[len(ratios) // 2] if ratios else 1.0
        print(f"## {lang}: {len(tune)} tune uses, {len(heldout)} held out")
        print(f"held-out accuracy: fitted {accuracy(heldout, weights, bias):.3f}, "
              f"pack weights {accuracy(heldout, pack, 0):.3f}")
        print("| group | pack weight | fitted coefficient | fitted weight |")
        print("| --- | ---: | ---: | ---: |")
        for g in groups:
            _, _, sense, weight = g.split(":")
            sign = 1 if sense == "Technical" else -1
            fitted = sign * weights[g] / unit
            shown = f"{min(max(round(fitted), 1), 9)}" if fitted > 0 else f"against ({fitted:.1f})"
            print(f"| `{g}` | {weight} | {weights[g]:+.3f} | {shown} |")
        print()


if __name__ == "__main__":
    main()
