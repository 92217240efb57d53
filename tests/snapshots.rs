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
