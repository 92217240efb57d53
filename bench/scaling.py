#!/usr/bin/env python3
"""How clientele's time and peak memory grow with the input.

Builds trees of real documentation from the corpus (1, 10, 100 and 1,000 MB
of Markdown, the corpus copied as often as it takes) and trees of 1,000,
10,000 and 100,000 small files (one short page with a term each), runs the
release build once to warm the page cache and once measured, and prints a
Markdown table with the slope of each series.

    python3 bench/scaling.py [CORPUS]     # default ../shared/corpus

Needs a release build (`cargo build --release --locked`) and GNU time.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench" / "scaling"
BINARY = ROOT / "target" / "release" / "clientele"
MB = 1_000_000
SIZES = [1, 10, 100, 1000]
COUNTS = [1_000, 10_000, 100_000]
PAGE = """# Returns

A customer who returns an order within 30 days gets the money back.
Write to the support team and name the order number.

- Keep the receipt.
- Pack the goods in their box.
"""


def corpus_files(corpus):
    """Every Markdown file of the corpus, in a fixed order."""
    files = sorted(p for p in corpus.rglob("*.md") if p.is_file())
    if not files:
        sys.exit(f"no Markdown files under {corpus}")
    return files


def size_tree(corpus, files, megabytes):
    """A folder with `megabytes` MB of the corpus's documents."""
    out = WORK / f"size-{megabytes}"
    marker = out / ".complete"
    if marker.exists():
        return out
    shutil.rmtree(out, ignore_errors=True)
    total, copy = 0, 0
    while total < megabytes * MB:
        for path in files:
            target = out / f"copy-{copy}" / path.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            total += path.stat().st_size
            if total >= megabytes * MB:
                break
        copy += 1
    marker.touch()
    return out


def count_tree(count):
    """A folder with `count` small files, 100 to a folder."""
    out = WORK / f"count-{count}"
    marker = out / ".complete"
    if marker.exists():
        return out
    shutil.rmtree(out, ignore_errors=True)
    for i in range(count):
        folder = out / f"d{i // 100:04}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"page-{i}.md").write_text(PAGE, encoding="utf-8")
    marker.touch()
    return out


def measure(folder):
    """Wall seconds and peak RSS (MB) of one run over `folder`, warm."""
    config = WORK / "clientele.toml"
    command = [str(BINARY), "--config", str(config), "--format", "concise", str(folder)]
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    timing = WORK / "time.txt"
    subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", "-o", str(timing), *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall, rss_kb = timing.read_text().split()[-2:]
    return float(wall), int(rss_kb) * 1024 / MB


def bytes_of(folder):
    """The total size of the Markdown files under `folder`."""
    return sum(p.stat().st_size for p in folder.rglob("*.md"))


def slope(points):
    """Least-squares slope of (x, y) points."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    num = sum((x - mx) * (y - my) for x, y in points)
    den = sum((x - mx) ** 2 for x, _ in points)
    return num / den if den else 0.0


def main():
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus").resolve()
    if not BINARY.exists():
        sys.exit("build first: cargo build --release --locked")
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "clientele.toml").write_text('business = "transactional"\n')
    files = corpus_files(corpus)
    by_size = []
    print("| input | files | MB | time | MB/s | peak RSS |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for megabytes in SIZES:
        folder = size_tree(corpus, files, megabytes)
        size = bytes_of(folder) / MB
        count = sum(1 for _ in folder.rglob("*.md"))
        wall, rss = measure(folder)
        by_size.append((size, wall, rss))
        print(f"| corpus, {megabytes} MB | {count} | {size:.1f} | {wall:.2f} s | {size / wall:.0f} | {rss:.0f} MB |")
    by_count = []
    for count in COUNTS:
        folder = count_tree(count)
        wall, rss = measure(folder)
        by_count.append((count, wall, rss))
        print(f"| small files | {count} | {bytes_of(folder) / MB:.1f} | {wall:.2f} s | | {rss:.0f} MB |")
    print()
    print(f"time per MB: {slope([(s, w) for s, w, _ in by_size]) * 1000:.1f} ms;"
          f" RSS per MB: {slope([(s, r) for s, _, r in by_size]) * 1000:.0f} KB")
    print(f"time per 1,000 small files: {slope([(c, w) for c, w, _ in by_count]) * 1000 * 1000:.0f} ms;"
          f" RSS per 1,000 small files: {slope([(c, r) for c, _, r in by_count]) * 1000 * 1000:.0f} KB")


if __name__ == "__main__":
    main()
