"""The composite GitHub Action (action.yml at the repository root) run as
GitHub's runner would run it, in a fake job on this machine.

Each `run:` step is written to a script and run with the runner's command
for `shell: bash` (`bash --noprofile --norc -eo pipefail SCRIPT`), in a
throwaway documentation repository as GITHUB_WORKSPACE, with the job's
environment files (GITHUB_PATH, GITHUB_ENV, GITHUB_OUTPUT) applied between
steps as the runner applies them. `uses:` steps are GitHub's own actions:
they are recorded, with their `with:` values, and not run. `if:` fields are
evaluated by a small evaluator that knows exactly the forms action.yml uses
and refuses anything else, so a new form in action.yml fails here until it
is taught.

The install step really builds clientele (`cargo install --locked --path`
this checkout), with CARGO_TARGET_DIR=target/action-test so that later runs
reuse the build; the first run takes a few minutes.

Usage: python tests/integrations/action_test.py [SCENARIO...]
(no SCENARIO: all of them; `check_action_file` alone needs no build).
Needs Python 3.11 with PyYAML, git, bash and cargo.
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
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
ACTION_FILE = ROOT / "action.yml"
TARGET_DIR = ROOT / "target" / "action-test"

# Git with no user or system config, so that a developer's settings (commit
# signing, hooks, default branch) do not change the throwaway repositories.
GIT_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

RUN_STEP_KEYS = {"name", "id", "if", "shell", "env", "run"}
USES_STEP_KEYS = {"name", "id", "if", "uses", "with"}
STEP_TIMEOUT = 1800  # seconds; the first install builds clientele in release mode

RELATIONSHIP = 'business = "relationship"\n'
OLD_DOC = "# Accounts\n\nOur customers get a dedicated account manager.\n"
WRONG_NEW_DOC = "# Отчёты\n\nНаши заказчики получают отчёт.\n"
CLEAN_NEW_DOC = "# Reports\n\nOur clients get a monthly report. 我们的客户每月收到报告。\n"
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


@dataclass
class ActionRun:
    runner_temp: Path
    steps: list[StepRun]
    failed: bool
    outputs: dict[str, str]
    path_additions: list[str]

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
                state = f"would run {step.uses} with {step.with_}"
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
    env.update(
        CI="true",
        GITHUB_ACTIONS="true",
        GITHUB_ACTION_PATH=str(ROOT),
        GITHUB_WORKSPACE=str(workspace),
        RUNNER_TEMP=str(runner_temp),
        CARGO_TARGET_DIR=str(TARGET_DIR),
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


def run_action(workspace: Path, job: Path, with_: dict[str, str] | None = None, base_sha: str = "") -> ActionRun:
    """Run action.yml's steps in order, as a workflow step `uses:` it with
    `with_`, for a pull request whose base is `base_sha` (empty: another
    event). `job` is a folder of this fake job's own."""
    action = load_action()
    runner_temp = job / "runner-temp"
    runner_temp.mkdir(parents=True)
    values = {
        "github.action_path": str(ROOT),
        "github.workspace": str(workspace),
        "github.event.pull_request.base.sha": base_sha,
        "runner.temp": str(runner_temp),
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

    env = base_environment(workspace, runner_temp)
    job_env: dict[str, str] = {}
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
            steps.append(StepRun(step_id, name, ran, uses=step["uses"], with_=resolved))
            continue
        extra = set(step) - RUN_STEP_KEYS
        expect(not extra, f"step {step_id}: unsupported keys {sorted(extra)}")
        if not ran:
            steps.append(StepRun(step_id, name, False))
            continue
        expect(step.get("shell") == "bash", f"step {step_id}: shell {step.get('shell')!r}, only bash is run here")

        files = {kind: runner_temp / f"_{kind}_{index}" for kind in ("path", "env", "output")}
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
        }
        script = runner_temp / f"_step_{index}.sh"
        script.write_text(step["run"], encoding="utf-8")
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
            )
        )
        context.step_outputs[step_id] = outputs
        failed = failed or process.returncode != 0

    action_outputs = {
        name: context.substitute(str(spec.get("value", ""))) for name, spec in (action.get("outputs") or {}).items()
    }
    return ActionRun(runner_temp, steps, failed, action_outputs, path_additions)


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
    """A clientele of this checkout, for preparing a repository before the
    action runs; installed from the same build as the action's."""
    root = TARGET_DIR / "tools"
    process = subprocess.run(
        ["cargo", "install", "--locked", "--quiet", "--path", str(ROOT), "--root", str(root)],
        env={**os.environ, "CARGO_TARGET_DIR": str(TARGET_DIR)},
        capture_output=True,
        text=True,
    )
    if process.returncode != 0:
        raise Failure(f"cargo install failed:\n{process.stderr}")
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

    upload = "${{ !cancelled() && inputs.upload-sarif == 'true' }}"
    for value, failed, expected in [
        ("true", False, True),
        ("true", True, True),  # runs after a failed lint
        ("TRUE", False, True),  # GitHub compares strings case-insensitively
        ("false", False, False),
        ("false", True, False),
    ]:
        result = condition(upload, Context({}, {"upload-sarif": value}), failed)
        expect(result == expected, f"`{upload}` with upload-sarif={value}, failed={failed}: {result}")
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
    installed = run.runner_temp / "clientele" / "bin"
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


SCENARIOS = [
    check_action_file,
    since_reports_only_changed_lines,
    baseline_hides_recorded_findings,
    clean_change_passes,
    shallow_checkout_is_explained,
    sarif_is_written_and_uploaded,
]


def main(names: list[str]) -> int:
    known = {scenario.__name__: scenario for scenario in SCENARIOS}
    unknown = [name for name in names if name not in known]
    if unknown:
        print(f"unknown scenario {', '.join(unknown)}; the scenarios: {', '.join(known)}", file=sys.stderr)
        return 2
    selected = [known[name] for name in names] if names else SCENARIOS
    if shutil.which("cargo") is None and selected != [check_action_file]:
        print("action test: cargo is not on PATH", file=sys.stderr)
        return 2
    print(f"action test: {ACTION_FILE} (clientele builds into {TARGET_DIR}; the first build takes a few minutes)")
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
