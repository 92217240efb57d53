// `--format github` checked against GitHub's own Actions toolkit
// (@actions/core): for every finding, the toolkit is asked to issue the same
// annotation, and its workflow command must equal ours, property by property
// and byte for byte. The files and the config are chosen so that the text
// holds every character GitHub escapes: % \r \n : ,
//
// Usage: node github-toolkit.mjs PATH/TO/clientele

import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import assert from "node:assert/strict";
import * as core from "@actions/core";

const clientele = process.argv[2] && resolve(process.argv[2]);
assert.ok(clientele, "usage: node github-toolkit.mjs PATH/TO/clientele");

/** Run clientele in `dir`; its exit code and stdout. */
function run(dir, args) {
  const result = spawnSync(clientele, args, { cwd: dir, encoding: "utf8" });
  assert.equal(result.error, undefined, `${clientele}: ${result.error}`);
  return { code: result.status, stdout: result.stdout };
}

/** What the toolkit writes to stdout for `fn()`. */
function captured(fn) {
  const write = process.stdout.write;
  let out = "";
  process.stdout.write = (chunk) => {
    out += chunk;
    return true;
  };
  try {
    fn();
  } finally {
    process.stdout.write = write;
  }
  return out.trimEnd();
}

/** A workflow command split into its parts, properties as a sorted map. */
function parse(line) {
  const match = /^::(\w+)(?: ([^:]*))?::(.*)$/s.exec(line);
  assert.ok(match, `not a workflow command: ${JSON.stringify(line)}`);
  const properties = Object.fromEntries(
    (match[2] ?? "")
      .split(",")
      .filter(Boolean)
      .map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)])
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return { command: match[1], properties, data: match[3] };
}

const annotate = { error: core.error, warning: core.warning, info: core.notice };

let checked = 0;
function check(ours, expected) {
  assert.deepEqual(parse(ours), parse(expected));
  checked += 1;
}

// Findings: a file whose name holds every escaped character.
const findings = mkdtempSync(join(tmpdir(), "clientele-github-"));
const name = "notes, v1: 100%\r\nдоки 客户.md";
writeFileSync(join(findings, "clientele.toml"), 'business = "relationship"\n');
writeFileSync(
  join(findings, name),
  "# Onboarding\n\nНаши заказчики, 顾客 and customers: 100% covered.\n",
);
const json = JSON.parse(run(findings, ["--format", "json", "."]).stdout);
const github = run(findings, ["--format", "github", "."]);
assert.equal(github.code, 1, github.stdout);
const commands = github.stdout.split("\n").filter((l) => l.startsWith("::"));
assert.equal(commands.length, json.diagnostics.length);
assert.ok(json.diagnostics.length >= 3, JSON.stringify(json.diagnostics));
json.diagnostics.forEach((d, i) => {
  assert.equal(d.path, name);
  const message = d.suggestion
    ? `${d.message}\nhelp: replace \`${d.matched}\` with \`${d.suggestion}\``
    : d.message;
  const expected = captured(() =>
    annotate[d.severity](message, {
      title: `clientele ${d.rule}`,
      file: d.path,
      startLine: d.line,
      endLine: d.end_line,
      startColumn: d.column,
      endColumn: d.end_column,
    }),
  );
  check(commands[i], expected);
});

// Errors that stop a file: a config whose value holds the same characters,
// in a folder whose name does; the annotation sits on the config, at the
// value (line 1, column 12).
const broken = mkdtempSync(join(tmpdir(), "clientele-github-"));
const folder = "docs, v1: 100%";
mkdirSync(join(broken, folder));
writeFileSync(join(broken, folder, "clientele.toml"), 'business = "a%b, c:d\\r\\ne"\n');
writeFileSync(join(broken, folder, "a.md"), "Clients.\n");
const sarif = JSON.parse(run(broken, ["--format", "sarif", "."]).stdout);
const [notice] = sarif.runs[0].invocations[0].toolExecutionNotifications;
assert.match(notice.message.text, /a%b, c:d\r\ne/);
const failed = run(broken, ["--format", "github", "."]);
assert.equal(failed.code, 2);
const [command] = failed.stdout.split("\n").filter((l) => l.startsWith("::"));
check(
  command,
  captured(() =>
    core.error(notice.message.text, {
      title: "clientele",
      file: `${folder}/clientele.toml`,
      startLine: 1,
      startColumn: 12,
    }),
  ),
);

rmSync(findings, { recursive: true });
rmSync(broken, { recursive: true });
console.log(`github-toolkit: ${checked} workflow commands equal the toolkit's`);
