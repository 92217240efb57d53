#!/usr/bin/env node
// Runs the clientele binary of this platform. npm installs only the one
// optional dependency whose `os`, `cpu` and `libc` match the machine, so
// this script finds that package and hands it the command line.
"use strict";

const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");

// clientele's own exit code for an error before any document is checked.
const EXIT_ERROR = 2;

const version = require("../package.json").version;

function fail(message) {
  process.stderr.write(`clientele: error: ${message}\n`);
  process.exit(EXIT_ERROR);
}

// Node's own report says which C library it runs on; Node built for musl
// leaves `glibcVersionRuntime` out. Reading the report costs a few
// milliseconds, and the network part, which can be slow, is not needed.
function isMusl() {
  if (!process.report || typeof process.report.getReport !== "function") {
    try {
      return fs.readFileSync("/usr/bin/ldd", "utf8").includes("musl");
    } catch {
      return false;
    }
  }
  if ("excludeNetwork" in process.report) {
    process.report.excludeNetwork = true;
  }
  const header = process.report.getReport().header;
  return !header.glibcVersionRuntime;
}

// The package that holds the binary for this machine, or null when there
// is none for it.
function platformPackage() {
  const { platform, arch } = process;
  const supported = {
    linux: ["x64", "arm64"],
    darwin: ["x64", "arm64"],
    win32: ["x64"],
  };
  if (!(supported[platform] || []).includes(arch)) {
    return null;
  }
  const libc = platform === "linux" && isMusl() ? "-musl" : "";
  return `@clientele/cli-${platform}-${arch}${libc}`;
}

function binaryPath() {
  const override = process.env.CLIENTELE_BINARY;
  if (override) {
    if (!fs.existsSync(override)) {
      fail(`CLIENTELE_BINARY is set to ${override}, which does not exist`);
    }
    return override;
  }
  const name = platformPackage();
  if (name === null) {
    fail(
      `no prebuilt clientele binary for ${process.platform}-${process.arch}.\n` +
        "Prebuilt binaries: linux-x64, linux-arm64 (glibc or musl), darwin-x64, darwin-arm64, win32-x64.\n" +
        "Install clientele with cargo instead (cargo install clientele-lint), or set\n" +
        "CLIENTELE_BINARY to the path of a clientele binary built for this machine.",
    );
  }
  const file = process.platform === "win32" ? "clientele.exe" : "clientele";
  try {
    return require.resolve(`${name}/bin/${file}`);
  } catch {
    fail(
      `the package ${name}, which holds the clientele binary for this platform, is not installed.\n` +
        "npm leaves it out when optional dependencies are omitted (--omit=optional, --no-optional),\n" +
        "and at times when package-lock.json was written on another platform.\n" +
        `Install it beside clientele: npm install ${name}@${version}\n` +
        "or set CLIENTELE_BINARY to the path of a clientele binary.",
    );
  }
}

function run() {
  const binary = binaryPath();
  const child = spawn(binary, process.argv.slice(2), {
    stdio: "inherit",
    windowsHide: true,
  });

  // A signal sent to this script alone (`kill`, a process manager) goes on
  // to clientele, so that `--fix` removes its temporary files and ends as
  // the signal says instead of running on without a parent. Ctrl-C in a
  // terminal reaches both processes; clientele then gets it twice, and the
  // second is ignored once the first has begun to end the run.
  const forwarded = process.platform === "win32" ? ["SIGINT"] : ["SIGINT", "SIGTERM", "SIGHUP"];
  // On Windows Ctrl-C reaches every process on the console: waiting is enough.
  const forward = (signal) => {
    if (process.platform !== "win32") {
      child.kill(signal);
    }
  };
  for (const signal of forwarded) {
    process.on(signal, forward);
  }

  child.on("error", (error) => {
    fail(`could not run ${binary}: ${error.message}`);
  });
  child.on("exit", (code, signal) => {
    for (const name of forwarded) {
      process.removeListener(name, forward);
    }
    if (signal) {
      // Ended the same way, so that a shell sees 130 or 143 as it would
      // from clientele itself. SIGUSR1 would open Node's debugger instead,
      // and Node ignores SIGPIPE: those leave the exit code a shell shows.
      process.exitCode = 128 + (os.constants.signals[signal] || 0);
      if (signal !== "SIGUSR1") {
        process.kill(process.pid, signal);
      }
      return;
    }
    process.exitCode = code === null ? EXIT_ERROR : code;
  });
}

run();
