//! What a user sees on the bundled examples, as snapshots.

use crate::support::{clientele, root};

#[test]
fn human_output_on_the_examples() {
    let output = clientele(&root())
        .args(["--color", "never", "examples/"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

#[test]
fn json_output_on_the_examples() {
    let output = clientele(&root())
        .args(["--format", "json", "examples/"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

#[test]
fn colour_is_used_when_asked_and_never_otherwise() {
    let styled = clientele(&root())
        .args(["--color", "always", "examples/shop/README.md"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&styled.stdout).contains("\u{1b}["));
    let plain = clientele(&root())
        .args(["examples/shop/README.md"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("\u{1b}["));
}

/// Chinese as a writer sees it: a term beside the word that could swallow
/// half of it, Traditional text fixed in Traditional, the head of a
/// compound fixed, and a modifier left to the writer.
#[test]
fn human_output_on_chinese_words() {
    let dir = crate::support::tree(&[
        ("clientele.toml", "business = \"transactional\"\n"),
        (
            "zh.md",
            "# 客戶服務\n\n我們照顧客戶，也照顧老客戶。\n\n客户群的规模每年都在增长，游客户外活动不受影响。\n",
        ),
    ]);
    let output = clientele(dir.path())
        .args(["--color", "never", "zh.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

/// A finding deep in a very long line: the snippet shows the words around
/// it, the header gives its column on the whole line, and a second finding
/// on the same line has a snippet of its own.
#[test]
fn human_output_on_a_very_long_line() {
    let filler = "Each page of the handbook says it plainly. ".repeat(150);
    let line = format!("{filler}Our customers sign a contract. {filler}Their customers wait.\n");
    let dir = crate::support::tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        ("long.md", &line),
    ]);
    let output = clientele(dir.path())
        .args(["--color", "never", "long.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}
