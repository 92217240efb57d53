"""The composite GitHub Action (action.yml at the repository root) run as
GitHub's runner would run it, in a fake job on this machine.

Each `run:` step is written to a script and run with the runner's command
for `shell: bash` (`bash --noprofile --norc -eo pipefail SCRIPT`), in a
throwaway documentation repository as GITHUB_WORKSPACE, with the job's
environment files (GITHUB_PATH, GITHUB_ENV, GITHUB_OUTPUT,
GITHUB_STEP_SUMMARY) applied between steps as the runner applies them.
`uses:` steps are GitHub's own actions: they are recorded, with their
`with:` values, and not run, except actions/cache/restore and
actions/cache/save, which a folder of this test stands in for, so that a
second job of a scenario finds what the first one saved. `if:` fields are
evaluated by a small evaluator that knows exactly the forms action.yml uses
and refuses anything else, so a new form in action.yml fails here until it
is taught.

The job's PATH holds no cargo (a runner without Rust), and pip installs
offline from the folder of wheels named by CLIENTELE_WHEELHOUSE, where the
clientele-lint wheel of this checkout's version must be (the distribution
is clientele-lint, the command `clientele`).

Usage: CLIENTELE_WHEELHOUSE=DIR python tests/integrations/action_test.py [SCENARIO...]
(no SCENARIO: all of them; `check_action_file` alone needs no wheel).
Needs Python 3.11 with pip and PyYAML, git and bash.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import traceback
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
ACTION_FILE = ROOT / "action.yml"
TOOLS_DIR = ROOT / "target" / "action-test"
WHEELHOUSE_VARIABLE = "CLIENTELE_WHEELHOUSE"
VERSION = tomllib.loads((ROOT / "Cargo.toml").read_text(encoding="utf-8"))["package"]["version"]
CACHE_KEY = f"clientele-{VERSION}-Linux-X64"

# Git with no user or system config, so that a developer's settings (commit
# signing, hooks, default branch) do not change the throwaway repositories.
GIT_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

RUN_STEP_KEYS = {"name", "id", "if", "shell", "env", "run"}
USES_STEP_KEYS = {"name", "id", "if", "uses", "with"}
STEP_TIMEOUT = 300  # seconds; an install from the wheel takes about one

RELATIONSHIP = 'business = "relationship"\n'
OLD_DOC = "# Accounts\n\nOur customers get a dedicated account manager.\n"
WRONG_NEW_DOC = "# Отчёты\n\nНаши заказчики получают отчёт.\n"
CLEAN_NEW_DOC = "# Reports\n\nOur clients get a monthly report. 我们的客户每月收到报告。\n"
BAD_CONFIG = 'business = "nope"\n'
# A file name that would break a Markdown table or format itself if it were
# not escaped: pipes, backticks, HTML, emphasis, a line break.
HOSTILE_NAME = "a|b `c` <b>*x*\n| d |.md"
BASELINE = "clientele-baseline.json"


class Failure(Exception):
    """An expectation of a scenario, or of action.yml, that does not hold."""


def expect(condition: bool, message: str, run: ActionRun | None = None) -> None:
    if not condition:
        raise Failure(message + ("\n" + run.log() if run else ""))


# --- Expressions -----------------------------------------------------------

EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
CONTEXT_NAME = re.compile(r"[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*")
STEP_OUTPUT = re.compile(r"steps\.([\w-]+)\.outputs\.([\w-]+)")
STATUS_CALL = re.compile(r"(!?)\s*(success|failure|cancelled|always)\(\)")
COMPARISON = re.compile(r"([A-Za-z_][\w.-]*)\s*(==|!=)\s*'((?:[^']|'')*)'")


@dataclass
class Context:
    """What an expression can read: the action's inputs, a few `github` and
    `runner` values, and the outputs of the steps that ran."""

    values: dict[str, str]
    inputs: dict[str, str] | None = None
    step_outputs: dict[str, dict[str, str]] = field(default_factory=dict)

    def lookup(self, name: str) -> str:
        if name.startswith("inputs."):
            if self.inputs is None:
                raise Failure(f"`{name}` read where there are no inputs")
            key = name.removeprefix("inputs.")
            if key not in self.inputs:
                raise Failure(f"`{name}`: action.yml declares no input `{key}`")
            return self.inputs[key]
        if match := STEP_OUTPUT.fullmatch(name):
            # As on GitHub, a step that was skipped or set no such output
            # reads as the empty string.
            return self.step_outputs.get(match[1], {}).get(match[2], "")
        if name in self.values:
            return self.values[name]
        raise Failure(f"unsupported expression `{name}`: teach action_test.py what it means")

    def substitute(self, text: str) -> str:
        """`text` with each `${{ NAME }}` replaced by its value."""

        def value(match: re.Match[str]) -> str:
            name = match[1].strip()
            if not CONTEXT_NAME.fullmatch(name):
                raise Failure(f"unsupported expression `${{{{ {name} }}}}`: only context values are substituted")
            return self.lookup(name)

        return EXPRESSION.sub(value, text)


def condition(text: str, context: Context, failed: bool) -> bool:
    """An `if:` field: a conjunction (`&&`) of status calls (`success()`,
    `failure()`, `cancelled()`, `always()`, each possibly negated with `!`)
    and comparisons of a context value with a string literal (`==`, `!=`,
    case-insensitive as on GitHub). As on GitHub, a condition without a
    status call also needs `success()`. Nothing is ever cancelled here."""
    expression = text.strip()
    if match := re.fullmatch(r"\$\{\{(.*)\}\}", expression, re.S):
        expression = match[1].strip()
    status = {"success": not failed, "failure": failed, "cancelled": False, "always": True}
    results, has_status = [], False
    for term in (t.strip() for t in expression.split("&&")):
        if match := STATUS_CALL.fullmatch(term):
            has_status = True
            results.append(status[match[2]] != bool(match[1]))
        elif match := COMPARISON.fullmatch(term):
            left = context.lookup(match[1]).casefold()
            right = match[3].replace("''", "'").casefold()
            results.append((left == right) == (match[2] == "=="))
        else:
            raise Failure(f"unsupported `if:` term `{term}` in `{text}`: teach action_test.py to evaluate it")
    return all(results) and (has_status or not failed)


def parse_command_file(text: str, what: str) -> list[tuple[str, str]]:
    """The `NAME=value` and `NAME<<DELIMITER` … `DELIMITER` entries of a
    GITHUB_OUTPUT or GITHUB_ENV file."""
    entries, lines = [], iter(text.splitlines())
    for line in lines:
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            body = []
            for body_line in lines:
                if body_line == delimiter:
                    break
                body.append(body_line)
            else:
                raise Failure(f"{what}: `{name}<<{delimiter}` is never closed")
            entries.append((name, "\n".join(body)))
        elif "=" in line:
            name, value = line.split("=", 1)
            entries.append((name, value))
        else:
            raise Failure(f"{what}: not an entry: {line!r}")
    return entries


# --- The runner's tools -----------------------------------------------------


def wheelhouse() -> Path:
    """The folder of wheels pip installs from, offline."""
    value = os.environ.get(WHEELHOUSE_VARIABLE, "")
    if not value:
        raise Failure(
            f"{WHEELHOUSE_VARIABLE} is not set: name the folder that holds the clientele-lint {VERSION} wheel"
        )
    folder = Path(value).resolve()
    if not list(folder.glob(f"clientele_lint-{VERSION}-*.whl")):
        raise Failure(f"{WHEELHOUSE_VARIABLE}={folder}: no clientele_lint-{VERSION}-*.whl in it")
    return folder


@functools.cache
def job_path() -> str:
    """PATH as on a runner without Rust: this Python (with pip) first, and
    no folder that holds cargo."""
    python_dir = str(Path(sys.executable).parent)
    folders = [python_dir]
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not folder or folder in folders:
            continue
        if Path(folder).resolve() == (Path.home() / ".cargo" / "bin").resolve():
            continue
        if shutil.which("cargo", path=folder):
            continue
        folders.append(folder)
    path = os.pathsep.join(folders)
    expect(shutil.which("cargo", path=path) is None, f"cargo is still on the job's PATH: {path}")
    for tool in ("bash", "git", "python3"):
        expect(shutil.which(tool, path=path) is not None, f"no {tool} on the job's PATH without cargo: {path}")
    return path


def fake_wheel(folder: Path, version: str) -> Path:
    """A clientele-lint wheel of `version` whose `clientele` only prints
    its version: enough to tell which version pip installed."""
    name = f"clientele_lint-{version}"
    files = {
        f"{name}.data/scripts/clientele": f'#!/bin/sh\necho "clientele {version}"\n',
        f"{name}.dist-info/METADATA": f"Metadata-Version: 2.1\nName: clientele-lint\nVersion: {version}\n",
        f"{name}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: action_test\nRoot-Is-Purelib: false\nTag: py3-none-any\n",
    }
    record = "".join(f"{path},,\n" for path in files) + f"{name}.dist-info/RECORD,,\n"
    wheel = folder / f"{name}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            info = zipfile.ZipInfo(path)
            info.external_attr = 0o100755 << 16  # a regular file, executable
            archive.writestr(info, text)
        archive.writestr(f"{name}.dist-info/RECORD", record)
    return wheel


class ActionsCache:
    """What actions/cache/restore and actions/cache/save do, with a folder
    of this test as the cache service: entries by exact key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries: dict[str, Path] = {}

    def restore(self, with_: dict[str, str]) -> dict[str, str]:
        key, path = with_["key"], Path(with_["path"])
        outputs = {"cache-primary-key": key}
        if key in self.entries:
            shutil.copytree(self.entries[key], path, symlinks=True, dirs_exist_ok=True)
            outputs.update({"cache-hit": "true", "cache-matched-key": key})
        # On a miss, as actions/cache/restore, `cache-hit` is not set.
        return outputs

    def save(self, with_: dict[str, str]) -> dict[str, str]:
        key, path = with_["key"], Path(with_["path"])
        if not path.is_dir():
            raise Failure(f"actions/cache/save: {path} does not exist")
        if key not in self.entries:
            entry = self.folder / f"entry-{len(self.entries)}"
            shutil.copytree(path, entry, symlinks=True)
            self.entries[key] = entry
        return {}


CACHE_ACTIONS = {"actions/cache/restore@v4": ActionsCache.restore, "actions/cache/save@v4": ActionsCache.save}


# --- The fake runner -------------------------------------------------------


@dataclass
class StepRun:
    id: str
    name: str
    ran: bool
    uses: str | None = None
    with_: dict[str, str] = field(default_factory=dict)
    returncode: int | None = None
    stdout: str = ""
    stderr: str = ""
    outputs: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass
class ActionRun:
    runner_temp: Path
    steps: list[StepRun]
    failed: bool
    outputs: dict[str, str]
    path_additions: list[str]
    summary: str

    def step(self, step_id: str) -> StepRun:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise Failure(f"action.yml has no step with id `{step_id}`")

    def log(self) -> str:
        """Every step with its outcome and the end of its output."""

        def tail(text: str) -> str:
            lines = text.rstrip().splitlines()[-30:]
            return "".join(f"      | {line}\n" for line in lines)

        out = []
        for step in self.steps:
            if not step.ran:
                state = "skipped"
            elif step.uses:
                state = f"would run {step.uses} with {step.with_}, outputs {step.outputs}"
            else:
                state = f"exit {step.returncode}"
            out.append(f"  step {step.id} ({step.name}): {state}\n")
            if step.stdout:
                out.append("    stdout:\n" + tail(step.stdout))
            if step.stderr:
                out.append("    stderr:\n" + tail(step.stderr))
        return "".join(out)


def load_action() -> dict:
    return yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8"))


def base_environment(workspace: Path, runner_temp: Path) -> dict[str, str]:
    """This process's environment as a runner's job would see it, with no
    variable of a real GitHub run leaking in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "INPUT_"))}
    env = {k: v for k, v in env.items() if not k.startswith(("PIP_", "CARGO", "RUSTUP"))}
    env.update(
        CI="true",
        GITHUB_ACTIONS="true",
        GITHUB_ACTION_PATH=str(ROOT),
        GITHUB_WORKSPACE=str(workspace),
        RUNNER_TEMP=str(runner_temp),
        RUNNER_OS="Linux",
        RUNNER_ARCH="X64",
        PATH=job_path(),
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheelhouse()),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        # A secret the job has, which no summary or log may show.
        GITHUB_TOKEN=SECRET,
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


SECRET = "ghs_action-test-secret-0123456789"


def run_action(
    workspace: Path,
    job: Path,
    with_: dict[str, str] | None = None,
    base_sha: str = "",
    cache: ActionsCache | None = None,
    env_overrides: dict[str, str] | None = None,
) -> ActionRun:
    """Run action.yml's steps in order, as a workflow step `uses:` it with
    `with_`, for a pull request whose base is `base_sha` (empty: another
    event). `job` is a folder of this fake job's own; `cache` the cache
    service the job sees (a new, empty one by default); `env_overrides`
    changes the job's environment."""
    action = load_action()
    runner_temp = job / "runner-temp"
    runner_temp.mkdir(parents=True)
    values = {
        "github.action_path": str(ROOT),
        "github.workspace": str(workspace),
        "github.event.pull_request.base.sha": base_sha,
        "runner.temp": str(runner_temp),
        "runner.os": "Linux",
        "runner.arch": "X64",
    }
    declared = action.get("inputs") or {}
    unknown = set(with_ or {}) - set(declared)
    if unknown:
        raise Failure(f"action.yml declares no input {sorted(unknown)}")
    # The caller's `with:` is evaluated in the caller's workflow; the
    # defaults in the action's context.
    caller = Context(values)
    inputs = {name: Context(values).substitute(str(spec.get("default", ""))) for name, spec in declared.items()}
    inputs.update({name: caller.substitute(value) for name, value in (with_ or {}).items()})
    context = Context(values, inputs)

    if cache is None:
        cache = ActionsCache(job / "cache")
    env = {**base_environment(workspace, runner_temp), **(env_overrides or {})}
    job_env: dict[str, str] = {}
    summaries: list[str] = []
    path_additions: list[str] = []
    steps: list[StepRun] = []
    failed = False
    for index, step in enumerate(action["runs"]["steps"]):
        step_id = step.get("id", f"step-{index}")
        name = step.get("name", step_id)
        ran = condition(str(step.get("if", "success()")), context, failed)
        if "uses" in step:
            extra = set(step) - USES_STEP_KEYS
            expect(not extra, f"step {step_id}: unsupported keys {sorted(extra)}")
            resolved = {key: context.substitute(str(value)) for key, value in (step.get("with") or {}).items()}
            outputs = {}
            if ran and step["uses"] in CACHE_ACTIONS:
                outputs = CACHE_ACTIONS[step["uses"]](cache, resolved)
            context.step_outputs[step_id] = outputs
            steps.append(StepRun(step_id, name, ran, uses=step["uses"], with_=resolved, outputs=outputs))
            continue
        extra = set(step) - RUN_STEP_KEYS
        expect(not extra, f"step {step_id}: unsupported keys {sorted(extra)}")
        if not ran:
            steps.append(StepRun(step_id, name, False))
            continue
        expect(step.get("shell") == "bash", f"step {step_id}: shell {step.get('shell')!r}, only bash is run here")

        files = {kind: runner_temp / f"_{kind}_{index}" for kind in ("path", "env", "output", "summary")}
        for file in files.values():
            file.touch()
        step_env = {
            **env,
            **job_env,
            **{key: context.substitute(str(value)) for key, value in (step.get("env") or {}).items()},
            "PATH": os.pathsep.join([*path_additions, env["PATH"]]),
            "GITHUB_PATH": str(files["path"]),
            "GITHUB_ENV": str(files["env"]),
            "GITHUB_OUTPUT": str(files["output"]),
            "GITHUB_STEP_SUMMARY": str(files["summary"]),
        }
        script = runner_temp / f"_step_{index}.sh"
        script.write_text(step["run"], encoding="utf-8")
        started = time.monotonic()
        try:
            process = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=workspace,
                env=step_env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=STEP_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise Failure(f"step {step_id} ran longer than {STEP_TIMEOUT} s") from None
        seconds = time.monotonic() - started
        summaries.append(files["summary"].read_text(encoding="utf-8"))
        outputs = dict(parse_command_file(files["output"].read_text(encoding="utf-8"), "GITHUB_OUTPUT"))
        job_env.update(parse_command_file(files["env"].read_text(encoding="utf-8"), "GITHUB_ENV"))
        # The runner puts each added folder in front of PATH.
        for line in files["path"].read_text(encoding="utf-8").splitlines():
            if line.strip():
                path_additions.insert(0, line.strip())
        steps.append(
            StepRun(
                step_id,
                name,
                True,
                returncode=process.returncode,
                stdout=process.stdout,
                stderr=process.stderr,
                outputs=outputs,
                seconds=seconds,
            )
        )
        context.step_outputs[step_id] = outputs
        failed = failed or process.returncode != 0

    action_outputs = {
        name: context.substitute(str(spec.get("value", ""))) for name, spec in (action.get("outputs") or {}).items()
    }
    return ActionRun(runner_temp, steps, failed, action_outputs, path_additions, "".join(summaries))


# --- Throwaway documentation repositories ----------------------------------


def git(cwd: Path, *args: str) -> str:
    process = subprocess.run(
        ["git", "-c", "user.name=Docs Team", "-c", "user.email=docs@example.com", *args],
        cwd=cwd,
        env=GIT_ENV,
        capture_output=True,
        text=True,
    )
    if process.returncode != 0:
        raise Failure(f"git {' '.join(args)} in {cwd}: {process.stderr.strip()}")
    return process.stdout.strip()


@functools.cache
def clientele() -> Path:
    """A clientele for preparing a repository before the action runs, and
    for reading its findings: installed from the same wheel as the
    action's."""
    root = TOOLS_DIR / "tools"
    shutil.rmtree(root, ignore_errors=True)
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-index",
            "--find-links",
            str(wheelhouse()),
            "--target",
            str(root),
            f"clientele-lint=={VERSION}",
        ],
        capture_output=True,
        text=True,
    )
    if process.returncode != 0:
        raise Failure(f"pip install clientele-lint=={VERSION} from {wheelhouse()} failed:\n{process.stderr}")
    return root / "bin" / "clientele"


def docs_repo(parent: Path, new_doc: str, baseline: bool = False) -> tuple[Path, str]:
    """A repository whose business has clients, with docs/old.md (a wrong
    term) on `main`, and a branch `change` on top that adds docs/new.md
    with `new_doc`. With `baseline`, main's last commit records old.md's
    findings in a baseline file. Returns the repository, checked out at
    `change`, and main's last commit."""
    repo = parent / "docs"
    (repo / "docs").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "clientele.toml").write_text(RELATIONSHIP, encoding="utf-8")
    (repo / "docs" / "old.md").write_text(OLD_DOC, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "docs: accounts")
    if baseline:
        process = subprocess.run(
            [str(clientele()), "baseline", "--baseline", BASELINE, "docs/"],
            cwd=repo,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        if process.returncode != 0 or not (repo / BASELINE).is_file():
            raise Failure(
                f"`clientele baseline --baseline {BASELINE} docs/` exited {process.returncode} "
                f"without writing {BASELINE}:\n{process.stdout}{process.stderr}"
            )
        git(repo, "add", BASELINE)
        git(repo, "commit", "-q", "-m", "docs: baseline")
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "change")
    (repo / "docs" / "new.md").write_text(new_doc, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "docs: new page")
    return repo, base


def error_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("::error")]


def expect_lint_exit(run: ActionRun, code: int) -> StepRun:
    lint = run.step("lint")
    expect(lint.ran, "the lint step did not run", run)
    expect(lint.returncode == code, f"the lint step exited {lint.returncode}, not {code}", run)
    expect(run.failed == (code != 0), f"the action {'passed' if code else 'failed'}", run)
    return lint


# --- Scenarios ---------------------------------------------------------------


def check_action_file(tmp: Path) -> None:
    """action.yml is a composite action whose scripts hold no expressions,
    whose inputs are documented, and whose `if:` fields this test can
    evaluate; the evaluator agrees with GitHub on them."""
    action = load_action()
    expect(action["runs"]["using"] == "composite", "action.yml is not a composite action")
    for name, spec in action["inputs"].items():
        expect(bool(spec.get("description")), f"input `{name}` has no description")
        expect("default" in spec, f"input `{name}` has no default")
    inputs = {name: str(spec["default"]) for name, spec in action["inputs"].items()}
    context = Context({}, inputs)
    for step in action["runs"]["steps"]:
        if "run" in step:
            expect("${{" not in step["run"], f"step {step.get('id')}: an expression inside `run:`")
            expect(step.get("shell") == "bash", f"step {step.get('id')}: not `shell: bash`")
        if "if" in step:
            condition(str(step["if"]), context, failed=False)

    upload = next(step["if"] for step in action["runs"]["steps"] if step.get("id") == "upload")
    for value, sarif_file, failed, expected in [
        ("true", "log.sarif", False, True),
        ("true", "log.sarif", True, True),  # runs after a lint that found errors
        ("TRUE", "log.sarif", False, True),  # GitHub compares strings case-insensitively
        ("true", "", True, False),  # the SARIF step stopped on an error
        ("false", "", False, False),
        ("false", "", True, False),
    ]:
        context = Context({}, {"upload-sarif": value}, {"sarif": {"sarif-file": sarif_file} if sarif_file else {}})
        result = condition(upload, context, failed)
        expect(
            result == expected,
            f"`{upload}` with upload-sarif={value}, sarif-file={sarif_file!r}, failed={failed}: {result}",
        )
    context = Context({}, inputs)
    since = "${{ inputs.since != '' }}"
    expect(condition(since, Context({}, {"since": "abc"}), False), f"`{since}` false for abc")
    expect(not condition(since, Context({}, {"since": ""}), False), f"`{since}` true for ''")
    expect(not condition(since, Context({}, {"since": "abc"}), True), f"`{since}` true after a failure")
    expect(not condition("success()", context, True), "success() true after a failure")
    try:
        condition("${{ inputs.since || always() }}", context, False)
    except Failure:
        pass
    else:
        raise Failure("the evaluator accepted `||`, which it does not implement")


def since_reports_only_changed_lines(tmp: Path) -> None:
    """`since`: the branch's new page is reported, the old page on the base
    branch is not."""
    repo, base = docs_repo(tmp, WRONG_NEW_DOC)
    run = run_action(repo, tmp / "job", {"since": "${{ github.event.pull_request.base.sha }}"}, base_sha=base)
    # The folder GITHUB_PATH adds goes in front of PATH: the lint step runs
    # the clientele just built, whatever else is installed.
    installed = run.runner_temp / "clientele-wheel" / "bin"
    expect(run.path_additions == [str(installed)], f"GITHUB_PATH added {run.path_additions}", run)
    expect((installed / "clientele").is_file(), "no clientele installed in RUNNER_TEMP", run)
    lint = expect_lint_exit(run, 1)
    expect(
        any(line.startswith("::error file=docs/new.md,") for line in error_lines(lint.stdout)),
        "no ::error annotation for docs/new.md",
        run,
    )
    expect("docs/old.md" not in lint.stdout, "docs/old.md is reported although it did not change", run)
    expect(not run.step("sarif").ran and not run.step("upload").ran, "SARIF steps ran without upload-sarif", run)


def baseline_hides_recorded_findings(tmp: Path) -> None:
    """`baseline`: what the base commit's baseline records is not
    reported; the new page is."""
    repo, _ = docs_repo(tmp, WRONG_NEW_DOC, baseline=True)
    run = run_action(repo, tmp / "job", {"baseline": BASELINE, "paths": "docs/"})
    lint = expect_lint_exit(run, 1)
    errors = error_lines(lint.stdout)
    expect(bool(errors), "no ::error annotation", run)
    expect(all(line.startswith("::error file=docs/new.md,") for line in errors), "a finding outside docs/new.md", run)


def clean_change_passes(tmp: Path) -> None:
    """`since` with a clean change: no annotation and a green step, though
    the base branch holds a wrong term."""
    repo, base = docs_repo(tmp, CLEAN_NEW_DOC)
    run = run_action(repo, tmp / "job", {"since": base})
    lint = expect_lint_exit(run, 0)
    expect(not error_lines(lint.stdout), "::error annotations for a clean change", run)
    expect(not (run.runner_temp / "clientele.sarif").exists(), "a SARIF log was written without upload-sarif", run)
    expect(run.outputs.get("sarif-file") == "", f"output sarif-file is {run.outputs.get('sarif-file')!r}", run)


def shallow_checkout_is_explained(tmp: Path) -> None:
    """`since` naming a commit the checkout lacks (the default depth-1
    checkout): the action fails and tells how to fetch it."""
    origin, base = docs_repo(tmp, WRONG_NEW_DOC)
    shallow = tmp / "shallow"
    git(tmp, "clone", "-q", "--depth", "1", origin.as_uri(), str(shallow))
    expect(git(shallow, "rev-parse", "--is-shallow-repository") == "true", "the clone is not shallow")
    run = run_action(shallow, tmp / "job", {"since": base})
    expect(run.failed, "the action passed with a base commit absent from the checkout", run)
    check = run.step("check-since")
    expect(check.ran and check.returncode != 0, "the base revision check did not fail", run)
    expect(
        any("fetch-depth: 0" in line for line in error_lines(check.stdout)),
        "no ::error annotation that mentions fetch-depth: 0",
        run,
    )
    expect(not run.step("lint").ran, "the lint step ran after the failed check", run)


def sarif_is_written_and_uploaded(tmp: Path) -> None:
    """`upload-sarif: 'true'`: a SARIF 2.1.0 log in RUNNER_TEMP, and the
    upload step runs even though the lint step fails."""
    repo, _ = docs_repo(tmp, WRONG_NEW_DOC)
    run = run_action(repo, tmp / "job", {"upload-sarif": "true"})
    expect_lint_exit(run, 1)
    sarif = run.runner_temp / "clientele.sarif"
    expect(run.step("sarif").returncode == 0, "the SARIF step failed", run)
    expect(sarif.is_file(), f"no {sarif}", run)
    try:
        log = json.loads(sarif.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise Failure(f"{sarif} is not JSON: {error}\n{run.log()}") from None
    expect(log.get("version") == "2.1.0", f"SARIF version {log.get('version')!r}", run)
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
        for location in result["locations"]
    }
    expect(uris == {"docs/new.md", "docs/old.md"}, f"SARIF results in {sorted(uris)}", run)
    upload = run.step("upload")
    expect(upload.ran, "the upload step would not run after the failed lint step", run)
    expect(upload.uses == "github/codeql-action/upload-sarif@v4", f"the upload step uses {upload.uses}", run)
    expect(upload.with_.get("sarif_file") == str(sarif), f"sarif_file is {upload.with_.get('sarif_file')!r}", run)
    expect(upload.with_.get("category") == "clientele", f"category is {upload.with_.get('category')!r}", run)
    expect(run.outputs.get("sarif-file") == str(sarif), f"output sarif-file is {run.outputs.get('sarif-file')!r}", run)


def report_install(run: ActionRun, what: str) -> None:
    install = run.step("install")
    print(f"     install step ({what}): {install.seconds:.2f} s")


def expect_installed(run: ActionRun, version: str) -> StepRun:
    install = run.step("install")
    expect(install.ran and install.returncode == 0, "the install step failed", run)
    expect(
        f"clientele {version}" in install.stdout.splitlines(), f"the install step printed no `clientele {version}`", run
    )
    return install


def installs_the_wheel_then_hits_the_cache(tmp: Path) -> None:
    """Default install: the wheel of Cargo.toml's version with pip, no
    cargo, saved in the cache; a second job restores it and skips pip."""
    repo, _ = docs_repo(tmp, CLEAN_NEW_DOC)
    cache = ActionsCache(tmp / "cache")
    run = run_action(repo, tmp / "job-1", cache=cache)
    resolve = run.step("resolve")
    expect(resolve.outputs.get("version") == VERSION, f"version {resolve.outputs.get('version')!r}, not {VERSION}", run)
    expect(resolve.outputs.get("route") == "wheel", f"route {resolve.outputs.get('route')!r}", run)
    restore = run.step("restore")
    expect(restore.ran and restore.uses == "actions/cache/restore@v4", "the cache restore step did not run", run)
    expect(restore.with_.get("key") == CACHE_KEY, f"cache key {restore.with_.get('key')!r}, not {CACHE_KEY}", run)
    expect(restore.outputs.get("cache-hit", "") == "", "a cache hit in an empty cache", run)
    install = expect_installed(run, VERSION)
    expect(f"pip install clientele-lint=={VERSION}" in install.stdout, "the install step does not say it ran pip", run)
    folder = Path(resolve.outputs["dir"])
    installed = sorted(path.name for path in folder.glob("*.dist-info"))
    expect(installed == [f"clientele_lint-{VERSION}.dist-info"], f"installed in {folder}: {installed}", run)
    save = run.step("save")
    expect(save.ran and save.uses == "actions/cache/save@v4", "the cache save step did not run after a miss", run)
    expect(save.with_ == restore.with_, f"saved {save.with_}, restored {restore.with_}", run)
    expect(CACHE_KEY in cache.entries, "nothing saved in the cache", run)
    expect_lint_exit(run, 1)
    report_install(run, "pip install from the wheel")

    # An empty wheelhouse: any pip install would fail, so a green step
    # proves the install came from the cache.
    empty = tmp / "no-wheels"
    empty.mkdir()
    again = run_action(repo, tmp / "job-2", cache=cache, env_overrides={"PIP_FIND_LINKS": str(empty)})
    expect(again.step("restore").outputs.get("cache-hit") == "true", "no cache hit in the second job", again)
    install = expect_installed(again, VERSION)
    expect("restored from the cache" in install.stdout, "the install step does not say the cache was used", again)
    expect("pip install" not in install.stdout, "pip ran on a cache hit", again)
    expect(not again.step("save").ran, "the cache was saved again after a hit", again)
    expect_lint_exit(again, 1)
    report_install(again, "cache hit")


def version_input_installs_that_version(tmp: Path) -> None:
    """`version`: pip installs exactly that version, cached under its own
    key; a value that is not a version is refused before pip runs."""
    wheels = tmp / "wheels"
    wheels.mkdir()
    for wheel in wheelhouse().glob("*.whl"):
        shutil.copy(wheel, wheels)
    fake_wheel(wheels, "0.0.7")
    repo, _ = docs_repo(tmp, CLEAN_NEW_DOC)
    run = run_action(repo, tmp / "job", {"version": "0.0.7"}, env_overrides={"PIP_FIND_LINKS": str(wheels)})
    install = expect_installed(run, "0.0.7")
    expect("pip install clientele-lint==0.0.7" in install.stdout, "the install step did not ask pip for 0.0.7", run)
    expect(run.step("restore").with_.get("key") == "clientele-0.0.7-Linux-X64", "the cache key lacks the version", run)
    report_install(run, "pip install of version 0.0.7")

    hostile = run_action(repo, tmp / "job-hostile", {"version": "1.0; os_name == 'posix'"})
    resolve = hostile.step("resolve")
    expect(resolve.returncode != 0, "a version with a marker was accepted", hostile)
    expect("not a version number" in resolve.stdout, "no error that names the bad version", hostile)
    expect(not hostile.step("install").ran, "the install step ran after a refused version", hostile)


def build_from_source_needs_cargo(tmp: Path) -> None:
    """`build-from-source: 'true'` takes the cargo route, without the cache;
    on a runner without cargo it fails and says what to do."""
    repo, _ = docs_repo(tmp, CLEAN_NEW_DOC)
    run = run_action(repo, tmp / "job", {"build-from-source": "true"})
    expect(
        run.step("resolve").outputs.get("route") == "source", "build-from-source did not choose the source route", run
    )
    expect(not run.step("restore").ran and not run.step("save").ran, "the cache steps ran for a source build", run)
    install = run.step("install")
    expect(install.returncode != 0, "the install step passed without cargo", run)
    expect(
        any("build-from-source needs cargo" in line for line in error_lines(install.stdout)),
        "no ::error annotation that says cargo is needed",
        run,
    )
    expect(not run.step("lint").ran and not run.step("summary").ran, "steps ran after the failed install", run)


def config_input_is_passed(tmp: Path) -> None:
    """`config`: the named file replaces the discovered clientele.toml, so a
    page clean for a relationship business fails for a shop."""
    repo, _ = docs_repo(tmp, CLEAN_NEW_DOC)
    (repo / "ci").mkdir()
    (repo / "ci" / "shop.toml").write_text('business = "transactional"\n', encoding="utf-8")
    expect_lint_exit(run_action(repo, tmp / "job-1", {"paths": "docs/new.md"}), 0)
    run = run_action(repo, tmp / "job-2", {"paths": "docs/new.md", "config": "ci/shop.toml"})
    lint = expect_lint_exit(run, 1)
    expect(
        any(line.startswith("::error file=docs/new.md,") for line in error_lines(lint.stdout)),
        "no ::error annotation for docs/new.md under the shop config",
        run,
    )


def unescape_cells(row: str) -> list[str]:
    """The cells of a Markdown table row, backslash escapes undone; a pipe
    not escaped separates cells."""
    expect(row.startswith("| ") and row.endswith(" |"), f"not a table row: {row!r}")
    cells, current, chars = [], [], iter(row[1:-1])
    for char in chars:
        if char == "\\":
            current.append(next(chars, ""))
        elif char == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    cells.append("".join(current).strip())
    return cells


def job_summary_counts_findings_per_file(tmp: Path) -> None:
    """The job summary: clientele's totals, one table row per file with
    findings up to 20 and a line for the rest, file names escaped so that
    none breaks the table, and no secret of the job."""
    repo, _ = docs_repo(tmp, WRONG_NEW_DOC)
    for number in range(23):
        (repo / "docs" / f"page-{number:02}.md").write_text(OLD_DOC * (1 + number % 3), encoding="utf-8")
    (repo / "docs" / HOSTILE_NAME).write_text(OLD_DOC * 5, encoding="utf-8")
    run = run_action(repo, tmp / "job", {"paths": "docs"})
    expect_lint_exit(run, 1)
    summary_step = run.step("summary")
    expect(summary_step.ran and summary_step.returncode == 0, "the summary step did not pass", run)

    process = subprocess.run(
        [str(clientele()), "--format", "json", "docs"], cwd=repo, capture_output=True, text=True, encoding="utf-8"
    )
    report = json.loads(process.stdout)
    totals = report["summary"]
    files = Counter(diagnostic["path"] for diagnostic in report["diagnostics"])
    expect(len(files) == 26, f"clientele found findings in {len(files)} files, not 26")
    summary = run.summary
    expected = (
        f"{totals['errors']} errors, {totals['warnings']} warnings, {totals['infos']} infos "
        f"in {totals['files']} files checked; the check fails"
    )
    expect(expected in summary, f"the summary lacks `{expected}`:\n{summary}", run)
    rows = [line for line in summary.splitlines() if line.startswith("|")]
    expect(rows[0] == "| file | errors | warnings | infos |", f"table header {rows[0]!r}", run)
    body = [unescape_cells(row) for row in rows[2:]]
    expect(all(len(cells) == 4 for cells in body), f"a row that is not 4 cells:\n{summary}", run)
    expect(len(body) == 20, f"{len(body)} table rows, not 20", run)
    by_path = {cells[0]: cells[1:] for cells in body}
    hostile = f"docs/{HOSTILE_NAME}".replace("\n", "\\u{000a}")
    expect(hostile in by_path, f"no row for {hostile!r}; rows: {sorted(by_path)}", run)
    expect(by_path[hostile] == [str(files[f"docs/{HOSTILE_NAME}"]), "0", "0"], f"hostile row {by_path[hostile]}", run)
    expect(
        not any("`" in row.replace("\\`", "") or "<b>" in row for row in rows),
        "an unescaped backtick or tag in the table",
        run,
    )
    expect(f"…and {len(files) - 20} more files" in summary, f"no `…and {len(files) - 20} more files` line", run)
    expect(SECRET not in summary, "the job's token is in the summary", run)
    print(f"     summary: {len(summary.splitlines())} lines, {len(body)} rows for {len(files)} files with findings")


def config_error_fails_without_upload(tmp: Path) -> None:
    """A bad config (exit 2) with `upload-sarif`: the SARIF step fails with
    clientele's error, nothing is uploaded, and the summary says the run
    failed and why; without `upload-sarif` the lint step fails the same."""
    repo, _ = docs_repo(tmp, WRONG_NEW_DOC)
    (repo / "clientele.toml").write_text(BAD_CONFIG, encoding="utf-8")
    run = run_action(repo, tmp / "job-1", {"upload-sarif": "true"})
    expect(run.failed, "the action passed with a bad config", run)
    sarif = run.step("sarif")
    expect(sarif.returncode == 2, f"the SARIF step exited {sarif.returncode}, not 2", run)
    expect(
        any("invalid configuration" in line and "no SARIF upload" in line for line in error_lines(sarif.stdout)),
        "no ::error annotation with clientele's error",
        run,
    )
    expect("invalid configuration" in sarif.stderr, "clientele's error is not in the step's log", run)
    expect(not run.step("upload").ran, "the SARIF log of a failed run would be uploaded", run)
    expect(run.outputs.get("sarif-file") == "", f"output sarif-file is {run.outputs.get('sarif-file')!r}", run)
    for job in (run, run_action(repo, tmp / "job-2")):
        if job is not run:
            expect_lint_exit(job, 2)
        summary = job.summary
        expect("the check failed (exit 2)" in summary, f"the summary does not say the run failed:\n{summary}", job)
        expect("unknown business type" in summary, f"the summary does not say why:\n{summary}", job)
        expect("0 errors" not in summary, f"the summary counts findings of a failed run:\n{summary}", job)


SCENARIOS = [
    check_action_file,
    since_reports_only_changed_lines,
    baseline_hides_recorded_findings,
    clean_change_passes,
    shallow_checkout_is_explained,
    sarif_is_written_and_uploaded,
    installs_the_wheel_then_hits_the_cache,
    version_input_installs_that_version,
    build_from_source_needs_cargo,
    config_input_is_passed,
    job_summary_counts_findings_per_file,
    config_error_fails_without_upload,
]


def main(names: list[str]) -> int:
    known = {scenario.__name__: scenario for scenario in SCENARIOS}
    unknown = [name for name in names if name not in known]
    if unknown:
        print(f"unknown scenario {', '.join(unknown)}; the scenarios: {', '.join(known)}", file=sys.stderr)
        return 2
    selected = [known[name] for name in names] if names else SCENARIOS
    if selected != [check_action_file]:
        try:
            print(f"action test: {ACTION_FILE}, clientele {VERSION} from {wheelhouse()}, no cargo on the job's PATH")
            job_path()
        except Failure as failure:
            print(f"action test: {failure}", file=sys.stderr)
            return 2
    failed = []
    for scenario in selected:
        with tempfile.TemporaryDirectory(prefix="clientele-action-") as tmp:
            try:
                scenario(Path(tmp))
            except Failure as failure:
                failed.append(scenario.__name__)
                print(f"FAIL {scenario.__name__}: {failure}", file=sys.stderr)
            except Exception:
                failed.append(scenario.__name__)
                print(f"FAIL {scenario.__name__}:\n{traceback.format_exc()}", file=sys.stderr)
            else:
                print(f"ok   {scenario.__name__}: {' '.join(scenario.__doc__.split())}")
    if failed:
        print(f"action test: {len(failed)} of {len(selected)} scenarios failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"action test: all {len(selected)} scenarios passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
