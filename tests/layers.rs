//! Where settings come from, and which wins: defaults < config <
//! `[[overrides]]` < front matter < inline directives.

use crate::support::{clientele, findings, json, tree};

/// `(path, rule, severity, matched)` of every finding under `dir`.
fn report(dir: &std::path::Path) -> Vec<(String, String, String, String)> {
    let output = clientele(dir).args(["--format", "json"]).output().unwrap();
    json(&output.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let field = |k: &str| d[k].as_str().unwrap().to_owned();
            (
                field("path"),
                field("rule"),
                field("severity"),
                field("matched"),
            )
        })
        .collect()
}

fn row(path: &str, rule: &str, severity: &str, matched: &str) -> (String, String, String, String) {
    (path.into(), rule.into(), severity.into(), matched.into())
}

const BOTH: &str = "Our customers and our clients.\n";

#[test]
fn overrides_apply_by_glob_relative_to_the_config_and_later_ones_win() {
    let dir = tree(&[
        (
            "docs/clientele.toml",
            r#"business = "relationship"

[[overrides]]
paths = ["shop/**"]
business = "transactional"

[[overrides]]
paths = ["shop/archive"]
rules = { wrong-term = "warning" }

[[overrides]]
paths = ["shop/archive/legacy/**", "NOTES.md"]
business = "membership"
"#,
        ),
        ("docs/a.md", BOTH),
        ("docs/shop/b.md", BOTH),
        ("docs/shop/archive/c.md", BOTH),
        ("docs/shop/archive/legacy/d.md", "Our members.\n"),
        ("docs/deep/er/NOTES.md", "Our members.\n"),
        // Not under the config's folder: `shop/**` is relative to it.
        ("shop/e.md", BOTH),
    ]);
    assert_eq!(
        report(dir.path()),
        [
            row("docs/a.md", "wrong-term", "error", "customers"),
            row("docs/shop/archive/c.md", "wrong-term", "warning", "clients"),
            row("docs/shop/b.md", "wrong-term", "error", "clients"),
            row("shop/e.md", "mixed-terms", "warning", "clients"),
        ]
    );
}

#[test]
fn overrides_follow_the_config_given_with_the_config_flag() {
    let dir = tree(&[
        (
            "conf/shared.toml",
            "business = \"relationship\"\n[[overrides]]\npaths = [\"shop\"]\nbusiness = \"transactional\"\n",
        ),
        ("conf/shop/a.md", "A client.\n"),
        ("conf/b.md", "A client.\n"),
    ]);
    let output = clientele(dir.path())
        .args(["--format", "json", "--config", "conf/shared.toml", "conf"])
        .output()
        .unwrap();
    assert_eq!(
        findings(&json(&output.stdout)),
        [(
            "conf/shop/a.md".into(),
            "wrong-term".into(),
            "client".into()
        )]
    );
}

#[test]
fn yaml_and_toml_front_matter_beat_the_config_and_are_never_prose() {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        (
            "yaml.md",
            "---\ntitle: For our customers\nclientele:\n  business: transactional\n  rules: { mixed-terms: off }\n---\n\nOur customers and our clients.\n",
        ),
        (
            "toml.md",
            "+++\ntitle = \"For our customers\"\n[clientele]\nbusiness = \"membership\"\n[clientele.rules]\nwrong-term = \"info\"\n+++\n\nOur members and our clients.\n",
        ),
        (
            "other.md",
            "---\ntitle: For our customers\ntags: [a, b]\n---\n\nOur clients.\n",
        ),
    ]);
    assert_eq!(
        report(dir.path()),
        [
            row("toml.md", "wrong-term", "info", "clients"),
            row("yaml.md", "wrong-term", "error", "clients"),
        ]
    );
}

#[test]
fn front_matter_beats_an_override() {
    let dir = tree(&[
        (
            "clientele.toml",
            "[[overrides]]\npaths = [\"*.md\"]\nbusiness = \"transactional\"\n",
        ),
        (
            "a.md",
            "---\nclientele: { business: relationship }\n---\nA customer.\n",
        ),
        ("b.md", "A client.\n"),
    ]);
    assert_eq!(
        report(dir.path()),
        [
            row("a.md", "wrong-term", "error", "customer"),
            row("b.md", "wrong-term", "error", "client"),
        ]
    );
}

#[test]
fn inline_directives_beat_front_matter() {
    let dir = tree(&[(
        "a.md",
        "---\nclientele: { business: relationship }\n---\n\
         A customer.\n\n\
         <!-- clientele-disable wrong-term -->\n\
         A quoted customer.\n\n\
         <!-- clientele-enable wrong-term -->\n\
         <!-- clientele-disable-next-line -->\n\
         One more customer.\n\
         Last customer.\n",
    )]);
    let lines: Vec<u64> = {
        let output = clientele(dir.path())
            .args(["--format", "json"])
            .output()
            .unwrap();
        json(&output.stdout)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["line"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(lines, [4, 12]);
}

#[test]
fn disable_without_rules_switches_off_everything_until_enable() {
    let dir = tree(&[(
        "a.md",
        "Our clients.\n\n<!-- clientele-disable -->\n\nA customer vs a customer.\n\n<!-- clientele-enable -->\n\nA client vs a client.\n",
    )]);
    assert_eq!(
        report(dir.path()),
        [row("a.md", "self-contrast", "error", "client"),]
    );
}

#[test]
fn an_enable_for_one_rule_leaves_the_others_off() {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        (
            "a.md",
            "<!-- clientele-disable -->\nA customer vs a customer.\n<!-- clientele-enable self-contrast -->\n\nA customer or a customer.\n",
        ),
    ]);
    assert_eq!(
        report(dir.path()),
        [row("a.md", "self-contrast", "error", "customer")]
    );
}

#[test]
fn a_disabled_quotation_does_not_count_towards_the_majority() {
    // Without the directive the quoted customers are the majority and the
    // document's own "client" is flagged.
    let text = "Every client gets a report.\n\n<!-- clientele-disable mixed-terms -->\n> Customers, customers, customers.\n<!-- clientele-enable mixed-terms -->\n";
    let dir = tree(&[("a.md", text)]);
    assert_eq!(report(dir.path()), []);
    let dir = tree(&[("a.md", &text.replace("clientele-disable", "x"))]);
    assert_eq!(
        report(dir.path()),
        [row("a.md", "mixed-terms", "warning", "client")]
    );
}

#[test]
fn directives_in_code_do_nothing_and_other_comments_are_ignored() {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        (
            "a.md",
            "```markdown\n<!-- clientele-disable -->\n```\n\n`<!-- clientele-disable -->`\n\n<!-- a note for editors -->\nA customer.\n",
        ),
    ]);
    assert_eq!(
        report(dir.path()),
        [row("a.md", "wrong-term", "error", "customer")]
    );
}

#[test]
fn unknown_rules_and_directives_in_comments_are_reported() {
    let dir = tree(&[
        ("clientele.toml", "business = \"relationship\"\n"),
        (
            "a.md",
            "<!-- clientele-disable wrong-term, mixd-terms -->\nA customer.\n<!-- clientele-enable -->\n<!-- clientele-disabel -->\n",
        ),
    ]);
    let output = clientele(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output.stdout);
    let found: Vec<(&str, &str, u64, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap(),
                d["matched"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    // `wrong-term` is still switched off: only the unknown name is ignored.
    assert_eq!(
        found,
        [
            ("invalid-directive", "mixd-terms", 1, 36),
            ("invalid-directive", "disabel", 4, 16),
        ]
    );
    assert!(report["diagnostics"][0]["term"].is_null());
}

#[test]
fn invalid_directive_can_be_relevelled_but_not_disabled_inline() {
    let dir = tree(&[
        (
            "clientele.toml",
            "[rules]\ninvalid-directive = \"warning\"\n",
        ),
        (
            "a.md",
            "<!-- clientele-disable -->\n<!-- clientele-disable wrong-trm -->\n",
        ),
    ]);
    assert_eq!(
        report(dir.path()),
        [row("a.md", "invalid-directive", "warning", "wrong-trm")]
    );
}
