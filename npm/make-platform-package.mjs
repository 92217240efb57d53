#!/usr/bin/env node
// Makes the npm package that holds the clientele binary for one platform.
//
//   node npm/make-platform-package.mjs RUST_TARGET BINARY OUT_DIR
//
// RUST_TARGET is the Rust target triple the binary was built for, BINARY
// the built binary (clientele or clientele.exe). Writes OUT_DIR/<folder>/
// (package.json, bin/clientele or bin/clientele.exe, README.md), replacing
// that folder if it is there, and prints the folder's path on stdout, for
// `npm pack` or `npm publish`. The version is the main package's
// (npm/clientele/package.json), which its optionalDependencies pin.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// `os` and `cpu` take Node's process.platform and process.arch names, as
// npm compares them with those; `libc` keeps a glibc build off musl Linux
// and the other way round.
const TARGETS = {
  "x86_64-unknown-linux-gnu": { os: "linux", cpu: "x64", libc: "glibc" },
  "aarch64-unknown-linux-gnu": { os: "linux", cpu: "arm64", libc: "glibc" },
  "x86_64-unknown-linux-musl": { os: "linux", cpu: "x64", libc: "musl" },
  "aarch64-unknown-linux-musl": { os: "linux", cpu: "arm64", libc: "musl" },
  "x86_64-apple-darwin": { os: "darwin", cpu: "x64" },
  "aarch64-apple-darwin": { os: "darwin", cpu: "arm64" },
  "x86_64-pc-windows-gnu": { os: "win32", cpu: "x64" },
  "x86_64-pc-windows-msvc": { os: "win32", cpu: "x64" },
};

const PLATFORM_NAMES = { linux: "Linux", darwin: "macOS", win32: "Windows" };

function fail(message) {
  process.stderr.write(`make-platform-package: error: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.length !== 3) {
  fail("usage: node npm/make-platform-package.mjs RUST_TARGET BINARY OUT_DIR");
}
const [target, binary, outDir] = args;

const platform = TARGETS[target];
if (!platform) {
  fail(`unknown Rust target ${target}; known targets: ${Object.keys(TARGETS).join(", ")}`);
}
let stat;
try {
  stat = fs.statSync(binary);
} catch {
  fail(`the binary ${binary} does not exist`);
}
if (!stat.isFile() || stat.size === 0) {
  fail(`the binary ${binary} is not a file with something in it`);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const main = JSON.parse(fs.readFileSync(path.join(here, "clientele", "package.json"), "utf8"));

const suffix = platform.libc === "musl" ? "-musl" : "";
const folder = `cli-${platform.os}-${platform.cpu}${suffix}`;
const name = `@clientele/${folder}`;
if (!(name in main.optionalDependencies)) {
  fail(`${name} is not among the optionalDependencies of npm/clientele/package.json`);
}
const exe = platform.os === "win32" ? "clientele.exe" : "clientele";
const libcName = { glibc: ", glibc", musl: ", musl" }[platform.libc] || "";
const label = `${PLATFORM_NAMES[platform.os]} ${platform.cpu}${libcName}`;

const manifest = {
  name,
  version: main.version,
  description: `The clientele binary for ${label} (${target}), run by the clientele package.`,
  license: main.license,
  os: [platform.os],
  cpu: [platform.cpu],
  ...(platform.libc ? { libc: [platform.libc] } : {}),
  files: [`bin/${exe}`],
  // Yarn's Plug'n'Play would otherwise keep the binary inside a zip file,
  // where it cannot be run.
  preferUnplugged: true,
};

const readme = `# ${name}

The clientele binary for ${label}, built for the Rust target \`${target}\`.
Install the \`clientele\` package instead (\`npx clientele docs/\`, or
\`npm install --save-dev clientele\`): it depends on this package on this
platform only, and its \`clientele\` command runs the binary here.
`;

const dir = path.resolve(outDir, folder);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
fs.writeFileSync(path.join(dir, "README.md"), readme);
const copied = path.join(dir, "bin", exe);
fs.copyFileSync(binary, copied);
fs.chmodSync(copied, 0o755);

process.stdout.write(`${dir}\n`);
