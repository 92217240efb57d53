"""`clientele --format junit` read back by junitparser and checked against
the JUnit schema (tests/integrations/junit.xsd) with xmlschema.

Usage: python junit_check.py CLIENTELE  (run from the repository's root;
needs junitparser and xmlschema, pinned in .ci/run).

On the bundled examples, the counts must agree with the JSON report's and
with what junitparser counts itself; then a file whose name holds XML's
markup characters and a control character, and a file whose front matter
stops it, must come out as a well-formed, valid document that reads back
to the same name.
"""

import json
import os
import subprocess
import sys
import tempfile

import xmlschema
from junitparser import Error, Failure, JUnitXml

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = xmlschema.XMLSchema(os.path.join(HERE, "junit.xsd"))


def run(clientele, args, cwd=None):
    done = subprocess.run([clientele, *args], cwd=cwd, capture_output=True)
    return done.returncode, done.stdout


def read(xml):
    """The document, checked against the schema and parsed by junitparser."""
    SCHEMA.validate(xml.decode("utf-8"))
    report = JUnitXml.fromstring(xml)
    (suite,) = list(report)
    return report, suite


def check_examples(clientele):
    code, xml = run(clientele, ["--format", "junit", "examples/"])
    assert code == 1, code
    report, suite = read(xml)
    code, out = run(clientele, ["--format", "json", "examples/"])
    summary = json.loads(out)["summary"]
    diagnostics = json.loads(out)["diagnostics"]
    written = (suite.tests, suite.failures, suite.errors)
    # The examples fail on errors (the default); their warnings are output.
    assert written == (summary["files"], summary["errors"], 0), (written, summary)
    assert (report.tests, report.failures, report.errors) == written
    suite.update_statistics()
    assert (suite.tests, suite.failures, suite.errors) == written, "counts differ from the elements"
    failures = [
        (case.name, result.message, result.text)
        for case in suite
        for result in case.result
        if isinstance(result, Failure)
    ]
    expected = [d for d in diagnostics if d["severity"] == "error"]
    assert len(failures) == len(expected)
    for (name, message, text), d in zip(failures, expected):
        assert name == d["path"], (name, d["path"])
        assert message == f"{d['rule']}: {d['message']}", message
        assert text.startswith(f"{d['path']}:{d['line']}:{d['column']}"), text
    warnings = sum(
        out.count("warning[") for case in suite for out in [case.system_out or ""]
    )
    assert warnings == summary["warnings"], (warnings, summary)
    print(
        f"junitparser: examples: {suite.tests} test cases, {suite.failures} failures, "
        f"{warnings} warnings in system-out, valid against junit.xsd"
    )


def check_hostile_names(clientele):
    name = "a<&\"'>\x01.md"
    with tempfile.TemporaryDirectory() as folder:
        files = {
            "clientele.toml": 'business = "relationship"\n',
            name: "Our customers pay <&\"'> here.\n",
            "stopped.md": "---\nclientele:\n  business: retail\n---\nText.\n",
        }
        for file, text in files.items():
            with open(os.path.join(folder, file), "w", encoding="utf-8") as f:
                f.write(text)
        code, xml = run(clientele, ["--format", "junit", "."], cwd=folder)
        assert code == 2, code
        assert b"\x01" not in xml, "a control character XML 1.0 forbids was written"
        report, suite = read(xml)
        cases = {case.name: case for case in suite}
        shown = "a<&\"'>\\x01.md"
        assert set(cases) == {shown, "stopped.md"}, set(cases)
        (failure,) = cases[shown].result
        assert isinstance(failure, Failure) and failure.text.startswith(f"{shown}:1:5"), failure
        (error,) = cases["stopped.md"].result
        assert isinstance(error, Error) and "retail" in error.message, error
        assert (suite.tests, suite.failures, suite.errors) == (2, 1, 1)
    print("junitparser: markup and control characters in a file name read back, valid")


def main():
    clientele = sys.argv[1]
    check_examples(clientele)
    check_hostile_names(clientele)


if __name__ == "__main__":
    main()
