// `--format sarif` checked by Microsoft's SARIF validator (the SARIF SDK's
// Multitool), with its SARIF rules and the rules of GitHub's code scanning
// ingestion ("Gh"). Any error or warning fails, but one: SARIF2005 asks
// for the tool's home page (`informationUri`), which clientele does not
// have.
//
// Usage: node sarif-multitool.mjs PATH/TO/clientele

import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import multitool from "@microsoft/sarif-multitool";

const clientele = process.argv[2] && resolve(process.argv[2]);
assert.ok(clientele, "usage: node sarif-multitool.mjs PATH/TO/clientele");
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const accepted = new Set(["SARIF2005"]);

// npm may skip the package's install script, which makes it executable.
chmodSync(multitool, 0o755);

const work = mkdtempSync(join(tmpdir(), "clientele-sarif-"));

/** Write clientele's SARIF log of `args`, run in `dir`, to `name`. */
function log(name, dir, args, expectedCode) {
  const result = spawnSync(clientele, ["--format", "sarif", ...args], { cwd: dir });
  assert.equal(result.error, undefined, `${clientele}: ${result.error}`);
  assert.equal(result.status, expectedCode, result.stderr.toString());
  const path = join(work, name);
  writeFileSync(path, result.stdout);
  return path;
}

// The bundled examples; a tree with Cyrillic and Han in its paths and a
// fix; a run stopped by a broken config (notifications, no results).
const logs = [log("examples.sarif", root, ["examples/"], 1)];
const tree = join(work, "tree");
mkdirSync(join(tree, "доки"), { recursive: true });
writeFileSync(join(tree, "clientele.toml"), 'business = "relationship"\n');
writeFileSync(join(tree, "доки", "客户 notes.md"), "Наши заказчики и 顾客 — our customers.\n");
logs.push(log("tree.sarif", tree, ["."], 1));
const broken = join(work, "broken");
mkdirSync(broken);
writeFileSync(join(broken, "clientele.toml"), 'business = "retail"\n');
writeFileSync(join(broken, "a.md"), "Clients.\n");
logs.push(log("broken.sarif", broken, ["."], 2));

let failures = 0;
for (const input of logs) {
  const output = `${input}.validation`;
  const result = spawnSync(
    multitool,
    ["validate", "--rule-kind", "Sarif;Gh", "--level", "Error;Warning", "-o", output, input],
    { encoding: "utf8" },
  );
  assert.equal(result.status, 0, result.stdout + result.stderr);
  const validation = JSON.parse(readFileSync(output, "utf8"));
  const findings = validation.runs[0].results ?? [];
  for (const finding of findings) {
    if (accepted.has(finding.ruleId)) continue;
    failures += 1;
    const where = finding.locations?.[0]?.physicalLocation?.region?.startLine;
    console.error(`${input}:${where}: ${finding.level} ${finding.ruleId}: ${JSON.stringify(finding.message)}`);
  }
  console.log(`sarif-multitool: ${input}: ${findings.length} finding(s), ${findings.filter((f) => accepted.has(f.ruleId)).length} accepted`);
}

rmSync(work, { recursive: true });
assert.equal(failures, 0, "the SARIF validator found problems (above)");
