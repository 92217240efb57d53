//! Bad configuration, packs and front matter as the user sees them: an
//! annotated snippet of the file at fault, exit code 2, and the run going on
//! for the files the error does not concern.

use crate::support::{clientele, tree};

/// The stderr of a run over `files`, which must exit with 2.
fn stderr_of(files: &[(&str, &str)]) -> String {
    let dir = tree(files);
    let output = clientele(dir.path())
        .args(["--color", "never"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{files:?}");
    String::from_utf8(output.stderr).unwrap()
}

/// The error each config gives, one after another.
fn config_errors(cases: &[&str]) -> String {
    cases
        .iter()
        .map(|config| stderr_of(&[("clientele.toml", config), ("a.md", "A client.\n")]))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn config_errors_point_into_the_file() {
    insta::assert_snapshot!(config_errors(&[
        // wrong type
        "business = \"relationship\"\nfail-on = 1\n",
        // unknown key, with a "did you mean"
        "buisness = \"relationship\"\n",
        // unknown key inside an override
        "[[overrides]]\npaths = [\"docs/**\"]\nrule = { wrong-term = \"off\" }\n",
        // unknown business type, listing the valid ones
        "business = \"relationshp\"\n",
        "[[overrides]]\npaths = [\"shop/**\"]\nbusiness = \"retail\"\n",
        // unknown rule and unknown severity
        "[rules]\nmixd-terms = \"off\"\n",
        "[rules]\nwrong-term = \"warn\"\n",
        // bad glob, and an override that matches nothing
        "[[overrides]]\npaths = [\"docs/[shop/**\"]\nbusiness = \"mixed\"\n",
        "[[overrides]]\npaths = []\nbusiness = \"mixed\"\n",
        // a pack that cannot be read
        "packs = [\"missing.toml\"]\n",
    ]));
}

#[test]
fn pack_errors_point_into_the_pack() {
    let pack_error = |pack: &str| {
        stderr_of(&[
            ("clientele.toml", "packs = [\"rules/acme.toml\"]\n"),
            ("rules/acme.toml", pack),
            ("a.md", "A client.\n"),
        ])
    };
    insta::assert_snapshot!(
        [
            // unknown key
            pack_error("lang = \"en\"\n\n[[term]]\nlemma = \"patron\"\nrol = \"patron\"\nforms = [\"patron\", \"patrons\", \"patron's\", \"patrons'\"]\n"),
            // wrong number of forms
            pack_error("lang = \"en\"\n\n[[term]]\nlemma = \"patron\"\nrole = \"patron\"\nforms = [\"patron\", \"patrons\"]\n"),
            // a form another term owns
            pack_error("lang = \"en\"\n\n[[term]]\nlemma = \"patron\"\nrole = \"patron\"\nforms = [\"patron\", \"clients\", \"patron's\", \"patrons'\"]\n"),
            // a placeholder that names no term
            pack_error("lang = \"en\"\n\n[[technical]]\nphrases = [\"{clinet} portal\"]\n"),
            // a business type that names an unknown role
            pack_error("[[business]]\nname = \"library\"\nprefer = \"patron\"\nsummary = \"a library\"\n"),
        ]
        .join("\n")
    );
}

#[test]
fn front_matter_errors_point_into_the_document_and_skip_only_it() {
    let front_matter_error = |document: &str| {
        let dir = tree(&[("a.md", document), ("b.md", "A client vs a client.\n")]);
        let output = clientele(dir.path())
            .args(["--color", "never"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        // The other document is still checked.
        assert!(String::from_utf8_lossy(&output.stdout).contains("b.md:1:15"));
        String::from_utf8(output.stderr).unwrap()
    };
    insta::assert_snapshot!(
        [
            front_matter_error(
                "---\ntitle: Guide\nclientele:\n  busines: relationship\n---\nText.\n"
            ),
            front_matter_error("---\nclientele:\n  business: retail\n---\nText.\n"),
            front_matter_error("---\nclientele:\n  rules: { wrong-term: of }\n---\nText.\n"),
            front_matter_error("---\nclientele:\n  rules:\n    wrong-trm: off\n---\nText.\n"),
            front_matter_error("---\nclientele: [unclosed\n---\nText.\n"),
            front_matter_error("+++\n[clientele]\nbusiness = \"retail\"\n+++\nText.\n"),
            front_matter_error("+++\n[clientele]\nbusines = \"mixed\"\n+++\nText.\n"),
        ]
        .join("\n")
    );
}

#[test]
fn front_matter_for_other_tools_is_left_alone_even_when_malformed() {
    let dir = tree(&[(
        "a.md",
        "---\ntitle: [unclosed\nauthor: clientele team\n---\nA client vs a client.\n",
    )]);
    clientele(dir.path())
        .assert()
        .code(1)
        .stdout(predicates::str::contains("a.md:5:15"));
}

#[test]
fn a_run_stopped_by_a_config_error_does_not_claim_a_clean_tree() {
    let dir = tree(&[
        ("clientele.toml", "business = \"shop\"\n"),
        ("a.md", "Our customers.\n"),
    ]);
    clientele(dir.path())
        .args(["--color", "never"])
        .assert()
        .code(2)
        .stdout("No files checked: see the error above.\n");
    // Where one folder's config is broken, the others are still checked,
    // and the summary says not everything was.
    let dir = tree(&[
        ("shop/clientele.toml", "business = \"shop\"\n"),
        ("shop/a.md", "Our customers.\n"),
        ("law/clientele.toml", "business = \"relationship\"\n"),
        ("law/a.md", "Our clients.\n"),
    ]);
    clientele(dir.path())
        .args(["--color", "never"])
        .assert()
        .code(2)
        .stdout(
            "No problems found in 1 file.\n1 error above: not everything was checked or fixed.\n",
        );
}
