//! File names that could drive a terminal or fake a line of output, or
//! that are not UTF-8, as each output format shows them.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use crate::support::{clientele, json, tree};

/// Names, as bytes, and how the line formats show them.
const NAMES: [(&[u8], &str); 6] = [
    (b"e\x1b[31mvil.md", "e\\x1b[31mvil.md"),
    (b"lat\xe9in.md", "lat\\xe9in.md"),
    (b"back\\slash.md", "back\\slash.md"),
    (b"new\nline.md", "new\\nline.md"),
    (b"car\rriage.md", "car\\rriage.md"),
    ("rlo\u{202e}dm.exe.md".as_bytes(), "rlo\\u{202e}dm.exe.md"),
];

fn documents() -> tempfile::TempDir {
    let dir = tree(&[("clientele.toml", "business = \"relationship\"\n")]);
    for (name, _) in NAMES {
        std::fs::write(dir.path().join(OsStr::from_bytes(name)), "Our customers.\n").unwrap();
    }
    dir
}

fn run(dir: &std::path::Path, format: &str) -> Vec<u8> {
    let output = clientele(dir)
        .args(["--color", "never", "--format", format, "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    output.stdout
}

#[test]
fn line_formats_escape_control_characters_and_show_other_bytes() {
    let dir = documents();
    let concise = run(dir.path(), "concise");
    let human = run(dir.path(), "human");
    for out in [&concise, &human] {
        assert!(
            !out.iter().any(|&b| b == 0x1b || b == b'\r'),
            "{}",
            String::from_utf8_lossy(out)
        );
        assert!(!String::from_utf8_lossy(out).contains('\u{202e}'));
    }
    let concise = String::from_utf8(concise).unwrap();
    let human = String::from_utf8(human).unwrap();
    let finding_lines: Vec<&str> = concise.lines().filter(|l| l.contains(": error[")).collect();
    assert_eq!(finding_lines.len(), NAMES.len(), "{concise}");
    for (_, shown) in NAMES {
        assert!(
            finding_lines.contains(&format!("{shown}:1:5: error[wrong-term] `customers` is a customer term, but a relationship business has clients").as_str()),
            "{shown} in {concise}"
        );
        assert!(
            human.contains(&format!(" --> {shown}:1:5\n")),
            "{shown} in {human}"
        );
    }
}

#[test]
fn json_and_sarif_stay_valid_json_and_encode_names() {
    let dir = documents();
    let report = json(&run(dir.path(), "json"));
    let mut paths: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "back\\slash.md",
            "car\rriage.md",
            "e\u{1b}[31mvil.md",
            "lat\\xe9in.md",
            "new\nline.md",
            "rlo\u{202e}dm.exe.md",
        ]
    );
    let sarif = json(&run(dir.path(), "sarif"));
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        NAMES.len()
    );
    let github = String::from_utf8(run(dir.path(), "github")).unwrap();
    assert_eq!(
        github.lines().filter(|l| l.starts_with("::error ")).count(),
        NAMES.len()
    );
}

#[test]
fn errors_on_stderr_escape_control_characters_in_names() {
    let dir = tree(&[("clientele.toml", "business = \"relationship\"\n")]);
    std::fs::write(
        dir.path().join(OsStr::from_bytes(b"e\x1b[31mvil\n.md")),
        b"caf\xe9\n",
    )
    .unwrap();
    let output = clientele(dir.path())
        .args(["--color", "never", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("error: e\\x1b[31mvil\\n.md: not valid UTF-8"),
        "{stderr}"
    );
    // A note about a skipped file names it the same way.
    std::fs::remove_file(dir.path().join(OsStr::from_bytes(b"e\x1b[31mvil\n.md"))).unwrap();
    std::fs::write(
        dir.path().join(OsStr::from_bytes(b"bin\x1b[2J.md")),
        b"a\0b\n",
    )
    .unwrap();
    let output = clientele(dir.path()).arg(".").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "note: bin\\x1b[2J.md: skipped: binary file (it contains NUL bytes)\n"
    );
}
