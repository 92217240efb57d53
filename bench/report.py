"""Inputs and the results table for bench/run.sh.

`report.py inputs RULES OUT` writes, from the built-in term packs:
  forms.txt           every term form, one per line, for ripgrep;
  textlintrc.json     textlint-rule-terminology set to replace every
                      client-role form with the customer-role form of the
                      same slot, as clientele's wrong-term does for a
                      transactional business;
  clientele.toml      that business, for clientele.
`report.py big CORPUS OUT MB` concatenates Markdown files of CORPUS into
  one file of at least MB megabytes.
`report.py table OUT` prints the Markdown table from OUT/results.json.
"""

import json
import os
import sys
import tomllib


def packs(rules):
    for name in sorted(os.listdir(rules)):
        if name.endswith(".toml"):
            with open(os.path.join(rules, name), "rb") as f:
                yield tomllib.load(f)


def inputs(rules, out):
    forms = set()
    replacements = []
    for pack in packs(rules):
        terms = {t["lemma"]: t for t in pack.get("term", [])}
        preferred = pack.get("preferred", {})
        for term in terms.values():
            for slot in term["forms"]:
                forms.update(slot.split("|"))
        customer = terms.get(preferred.get("customer"))
        if customer is None:
            continue
        feminine = {t.get("masculine"): t for t in terms.values() if t.get("gender") == "feminine"}
        for term in terms.values():
            if term["role"] != "client":
                continue
            target = customer
            if term.get("gender") == "feminine":
                target = feminine.get(customer["lemma"], customer)
            for slot, spellings in enumerate(term["forms"]):
                replacement = target["forms"][slot].split("|")[0]
                for spelling in spellings.split("|"):
                    replacements.append([spelling, replacement])
    # Longer forms first, so that `clients` is not read as `client` + `s`.
    replacements.sort(key=lambda r: -len(r[0]))
    with open(os.path.join(out, "forms.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(forms, key=lambda s: (-len(s), s))) + "\n")
    rc = {"rules": {"terminology": {"defaultTerms": False, "skip": [], "terms": replacements}}}
    with open(os.path.join(out, "textlintrc.json"), "w", encoding="utf-8") as f:
        json.dump(rc, f, ensure_ascii=False, indent=1)
    with open(os.path.join(out, "clientele.toml"), "w", encoding="utf-8") as f:
        f.write('business = "transactional"\n')


def big(corpus, out, megabytes):
    paths = sorted(
        os.path.join(d, n) for d, _, names in os.walk(corpus) for n in names if n.endswith(".md")
    )
    target = int(megabytes) * 1_000_000
    written = 0
    with open(out, "wb") as f:
        while written < target:
            for path in paths:
                with open(path, "rb") as src:
                    data = src.read() + b"\n\n"
                f.write(data)
                written += len(data)
                if written >= target:
                    break


def mb(n):
    """Bytes in megabytes (10^6 bytes)."""
    return n / 1_000_000


def rss_mb(kib):
    """A peak RSS from GNU time (KiB) in megabytes."""
    return mb(kib * 1024)


def table(out):
    with open(os.path.join(out, "results.json"), encoding="utf-8") as f:
        results = json.load(f)
    print("| input | MB | clientele | MB/s | RSS | ripgrep | MB/s | RSS | clientele / rg |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in results["corpora"]:
        size = mb(row["bytes"])
        c, r = row["clientele"], row["rg"]
        print(
            f"| {row['name']} | {size:.1f} | {c['wall']:.2f} s | {size / c['wall']:.0f} | {rss_mb(c['rss']):.0f} MB"
            f" | {r['wall']:.2f} s | {size / r['wall']:.0f} | {rss_mb(r['rss']):.0f} MB | {c['wall'] / r['wall']:.2f}× |"
        )
    print()
    print("| textlint subset | MB | textlint | clientele | textlint / clientele |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for row in results["textlint"]:
        t, c = row["textlint"]["wall"], row["clientele"]["wall"]
        print(f"| {row['name']} | {mb(row['bytes']):.1f} | {t:.2f} s | {c * 1000:.0f} ms | {t / c:.0f}× |")
    print()
    print("| one file | KB | clientele | RSS |")
    print("| --- | ---: | ---: | ---: |")
    for row in results["files"]:
        c = row["clientele"]
        wall = f"{c['wall'] * 1000:.1f} ms" if c["wall"] < 1 else f"{c['wall']:.2f} s"
        print(f"| {row['name']} | {row['bytes'] / 1000:.0f} | {wall} | {rss_mb(c['rss']):.0f} MB |")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"inputs": inputs, "big": big, "table": table}[command](*args)
