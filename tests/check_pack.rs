//! `clientele check-pack`: a pack's `[[examples]]`, run with the pack
//! loaded, pass (exit 0), fail with the difference shown (exit 1), or the
//! pack does not load (exit 2).

use crate::support::{clientele, findings, json, tree};

const PACK: &str = r#"lang = "en"

[preferred]
patron = "patron"

[[term]]
lemma = "patron"
role = "patron"
forms = ["patron", "patrons", "patron's", "patrons'"]

[[technical]]
phrases = ["{client} portal"]

[[business]]
name = "library"
prefer = "patron"
discourage = ["client", "customer"]
summary = "a lending library: the people it serves are patrons"
"#;

const EXAMPLES: &str = r#"
[[examples]]
business = "library"
text = "Our customers borrow books."
findings = ["wrong-term: customers"]
fixed = "Our patrons borrow books."

[[examples]]
business = "library"
text = """
Customers' cards are ready.

Log in to the client portal.
"""
findings = ["wrong-term: Customers' (line 1)"]
fixed = """
Patrons' cards are ready.

Log in to the client portal.
"""

[[examples]]
text = "Every client gets a card, and every customer gets a reminder."
findings = ["mixed-terms: customer"]
"#;

/// A pack of `PACK` and `examples` in a folder of its own.
fn pack(examples: &str) -> tempfile::TempDir {
    tree(&[("library.toml", &format!("{PACK}{examples}"))])
}

#[test]
fn a_pack_whose_examples_hold_passes_with_one_line() {
    let dir = pack(EXAMPLES);
    clientele(dir.path())
        .args(["check-pack", "library.toml"])
        .assert()
        .code(0)
        .stdout("library.toml: 3 examples pass\n")
        .stderr("");
}

#[test]
fn a_failing_example_shows_what_was_expected_and_what_was_found() {
    let failing = EXAMPLES
        .replace(
            "findings = [\"mixed-terms: customer\"]",
            "findings = [\"wrong-term: customer\"]",
        )
        .replace(
            "fixed = \"Our patrons borrow",
            "fixed = \"Our members borrow",
        );
    let dir = pack(&failing);
    let output = clientele(dir.path())
        .args(["check-pack", "library.toml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8(output.stderr).unwrap(), "");
    insta::assert_snapshot!(
        "check_pack_failing_example",
        String::from_utf8(output.stdout).unwrap()
    );
}

#[test]
fn a_pack_that_does_not_load_is_an_error() {
    let dir = tree(&[(
        "broken.toml",
        "lang = \"en\"\n\n[[term]]\nlemma = \"patron\"\nrole = \"patron\"\nforms = [\"patron\"]\n",
    )]);
    let output = clientele(dir.path())
        .args(["check-pack", "--color", "never", "broken.toml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("error: invalid term pack: ") && stderr.contains("--> broken.toml:6:"),
        "{stderr}"
    );
    clientele(dir.path())
        .args(["check-pack", "missing.toml"])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn an_unknown_key_in_an_example_is_named() {
    let dir =
        pack("\n[[examples]]\ntext = \"Our customers.\"\nfindngs = [\"wrong-term: customers\"]\n");
    let output = clientele(dir.path())
        .args(["check-pack", "--color", "never", "library.toml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    insta::assert_snapshot!(
        "check_pack_unknown_example_key",
        String::from_utf8(output.stderr).unwrap()
    );
}

#[test]
fn a_pack_with_examples_loads_for_checking_documents() {
    let dir = tree(&[
        (
            "clientele.toml",
            "packs = [\"library.toml\"]\nbusiness = \"library\"\n",
        ),
        ("library.toml", &format!("{PACK}{EXAMPLES}")),
        ("a.md", "Our customers borrow books.\n"),
    ]);
    let output = clientele(dir.path())
        .args(["--format", "json", "a.md"])
        .output()
        .unwrap();
    assert_eq!(
        findings(&json(&output.stdout)),
        [("a.md".into(), "wrong-term".into(), "customers".into())]
    );
}

#[test]
fn the_readme_example_is_what_check_pack_does() {
    let readme = std::fs::read_to_string(crate::support::root().join("README.md")).unwrap();
    let section = &readme[readme.find("\n### User packs\n").unwrap()..];
    let block = |text: &str, fence: &str| {
        let rest = &text[text.find(fence).unwrap() + fence.len()..];
        rest[..rest.find("```").unwrap()].to_owned()
    };
    let pack = block(section, "```toml\n");
    let examples_section = &section[section.find("\n#### Examples").unwrap()..];
    let example = block(examples_section, "```toml\n");
    let dir = tree(&[("library.toml", &format!("{pack}\n{example}"))]);
    clientele(dir.path())
        .args(["check-pack", "library.toml"])
        .assert()
        .code(0)
        .stdout("library.toml: 1 example passes\n");

    let failing = example
        .replace(
            "[\"wrong-term: customers (line 1)\"]",
            "[\"wrong-term: patrons\"]",
        )
        .replace("fixed = \"Our patrons", "fixed = \"Our members");
    let dir = tree(&[("library.toml", &format!("{pack}\n{failing}"))]);
    clientele(dir.path())
        .args(["check-pack", "library.toml"])
        .assert()
        .code(1)
        .stdout(block(examples_section, "```text\n"));
}
