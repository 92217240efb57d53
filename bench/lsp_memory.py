#!/usr/bin/env python3
"""Peak memory of `clientele lsp` on one large document: opened, then a
code-action request over all of it.

Usage: bench/lsp_memory.py PATH/TO/clientele [MEGABYTES]

The document is the Russian corpus (../shared/corpus/ru, files in sorted
order, repeated as often as it takes) cut to MEGABYTES (default 50) at a
line break, checked with `business = "transactional"`, so that it has
many terms. Prints the diagnostics published for it and the server's peak
resident memory (VmHWM, Linux) after each step. Standard library only.
"""

import os
import pathlib
import sys
import tempfile
import time

from lsp_latency import Client, corpus_document

MIB = 1 << 20


def peak_mb(pid):
    """The process's peak resident memory so far, in MiB."""
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return -1


def main():
    binary = os.path.abspath(sys.argv[1])
    megabytes = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    here = pathlib.Path(__file__).resolve().parent
    text = corpus_document(here.parent.parent / "shared" / "corpus" / "ru", megabytes * MIB)
    with tempfile.TemporaryDirectory() as folder:
        pathlib.Path(folder, "clientele.toml").write_text('business = "transactional"\n')
        client = Client([binary, "lsp"])
        pid = client.process.pid
        root = pathlib.Path(folder).as_uri()
        first = client.request("initialize", {"processId": None, "rootUri": root, "capabilities": {}})
        client.wait(lambda m: m.get("id") == first)
        client.notify("initialized", {})
        uri = root + "/large.md"
        start = time.perf_counter()
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "markdown", "version": 0, "text": text}},
        )
        published = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        count = len(published["params"]["diagnostics"])
        print(f"{len(text.encode()) / 1e6:.1f} MB opened: {count} diagnostics in "
              f"{time.perf_counter() - start:.2f} s, peak {peak_mb(pid)} MiB")
        start = time.perf_counter()
        asked = client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 0},
                          "end": {"line": text.count("\n"), "character": 0}},
                "context": {"diagnostics": []},
            },
        )
        answer = client.wait(lambda m: m.get("id") == asked)
        outcome = answer.get("error", {}).get("message") or f"{len(answer.get('result') or [])} actions"
        print(f"code actions over all of it: {outcome} in {time.perf_counter() - start:.2f} s, "
              f"peak {peak_mb(pid)} MiB")
        done = client.request("shutdown", None)
        client.wait(lambda m: m.get("id") == done)
        client.notify("exit", None)
        client.process.wait(timeout=10)


if __name__ == "__main__":
    main()
