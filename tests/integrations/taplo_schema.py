"""`clientele schema` read by Taplo, the TOML toolkit behind the Even Better
TOML extension: `taplo check` accepts a built-in business type and one a
pack adds, and rejects a value that is not a string.

Usage: python3 taplo_schema.py PATH/TO/taplo PATH/TO/clientele
"""

import pathlib
import subprocess
import sys
import tempfile

taplo, clientele = sys.argv[1], sys.argv[2]

GOOD = [
    'business = "membership"\n',
    'business = "library"\n',
    '[[overrides]]\npaths = ["shop/**"]\nbusiness = "library"\n',
]
BAD = [
    "business = 3\n",
    '[[overrides]]\npaths = ["shop/**"]\nbusiness = true\n',
]


def check(folder: pathlib.Path, text: str) -> subprocess.CompletedProcess:
    """`taplo check` of a config holding `text`, under the schema directive."""
    config = folder / "clientele.toml"
    config.write_text("#:schema ./clientele.schema.json\n" + text, encoding="utf-8")
    return subprocess.run(
        [taplo, "check", str(config)], capture_output=True, text=True
    )


with tempfile.TemporaryDirectory() as tmp:
    folder = pathlib.Path(tmp)
    schema = subprocess.run(
        [clientele, "schema"], capture_output=True, check=True
    ).stdout
    (folder / "clientele.schema.json").write_bytes(schema)
    for text in GOOD:
        run = check(folder, text)
        assert run.returncode == 0, (text, run.stderr)
    for text in BAD:
        run = check(folder, text)
        assert run.returncode != 0, text
        assert "anyOf" in run.stderr, (text, run.stderr)
    print(f"taplo check: {len(GOOD)} configs accepted, {len(BAD)} rejected")
