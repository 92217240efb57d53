#!/usr/bin/env python3
"""Latency of `clientele lsp`: time from a didChange to the
publishDiagnostics for that version, on a large Markdown document.

Usage: bench/lsp_latency.py PATH/TO/clientele [DOCUMENT] [--edits N]

Without DOCUMENT, 1 MiB of the English corpus (../shared/corpus/en,
files in sorted order) is used. Each edit changes one word near the middle
of the document, as a writer would, and waits for the diagnostics of that
version; the next edit comes --pause milliseconds later (200: a writer's
pace; 0 measures edits that come faster than the server's debounce). Prints the median, 90th percentile and
maximum in milliseconds. Standard library only.
"""

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

MIB = 1 << 20


class Client:
    """A minimal LSP client over a subprocess's pipes."""

    def __init__(self, command):
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.next_id = 0

    def send(self, message):
        # UTF-8 as it is: escaping every non-ASCII character would make a
        # large Cyrillic document a frame over the server's limit.
        body = json.dumps(dict(message, jsonrpc="2.0"), ensure_ascii=False).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def receive(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def wait(self, predicate):
        while True:
            message = self.receive()
            if predicate(message):
                return message


def corpus_document(root, size=MIB):
    """`size` bytes of the documents under `root` (in sorted order, repeated
    as often as it takes), cut at a line break."""
    parts, total = [], 0
    paths = sorted(root.rglob("*.md"))
    while paths and total < size:
        for path in paths:
            text = path.read_text(encoding="utf-8", errors="replace")
            parts.append(text)
            total += len(text.encode())
            if total >= size:
                break
    text = "\n".join(parts).encode()[:size].decode("utf-8", errors="ignore")
    return text[: text.rfind("\n") + 1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("clientele")
    parser.add_argument("document", nargs="?")
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument(
        "--pause",
        type=float,
        default=200,
        help="milliseconds between the diagnostics of one edit and the next edit",
    )
    args = parser.parse_args()

    here = pathlib.Path(__file__).resolve().parent
    if args.document:
        text = pathlib.Path(args.document).read_text(encoding="utf-8")
    else:
        text = corpus_document(here.parent.parent / "shared" / "corpus" / "en")
    middle = text.find("\n", len(text) // 2) + 1

    client = Client([os.path.abspath(args.clientele), "lsp"])
    folder = pathlib.Path.cwd().as_uri()
    first = client.request("initialize", {"processId": None, "rootUri": folder, "capabilities": {}})
    client.wait(lambda m: m.get("id") == first)
    client.notify("initialized", {})
    uri = folder + "/latency-benchmark.md"
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 0, "text": text}},
    )
    client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")

    timings = []
    for version in range(1, args.edits + 1):
        word = "customers" if version % 2 else "clients"
        edited = text[:middle] + f"Our {word} wrote in.\n" + text[middle:]
        start = time.perf_counter()
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": edited}],
            },
        )
        client.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"].get("version") == version
        )
        timings.append((time.perf_counter() - start) * 1000)
        time.sleep(args.pause / 1000)

    done = client.request("shutdown", None)
    client.wait(lambda m: m.get("id") == done)
    client.notify("exit", None)
    client.process.wait(timeout=10)

    timings.sort()
    p90 = timings[int(len(timings) * 0.9) - 1]
    print(
        f"{len(text.encode()) / MIB:.2f} MiB document, {len(timings)} edits "
        f"{args.pause:.0f} ms apart: "
        f"didChange -> publishDiagnostics median {statistics.median(timings):.1f} ms, "
        f"p90 {p90:.1f} ms, max {timings[-1]:.1f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
