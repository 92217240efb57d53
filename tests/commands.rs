//! The subcommands around `check`: `explain`, `init` and `schema`.

use predicates::prelude::*;

use crate::support::{clientele, root, tree};

#[test]
fn explain_covers_every_rule_in_three_languages() {
    let list = clientele(&root()).arg("explain").output().unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    let names: Vec<&str> = list
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        names,
        [
            "wrong-term",
            "mixed-terms",
            "self-contrast",
            "invalid-directive",
            "translation-collapse"
        ]
    );
    for name in &names[..3] {
        let output = clientele(&root()).args(["explain", name]).output().unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        let example = text
            .split("## Example")
            .nth(1)
            .and_then(|rest| rest.split("## Use instead").next())
            .unwrap();
        assert!(
            example.chars().any(|c| c.is_ascii_alphabetic()),
            "{name}: en"
        );
        assert!(
            example.chars().any(|c| ('а'..='я').contains(&c)),
            "{name}: ru"
        );
        assert!(
            example
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{name}: zh"
        );
        assert!(text.contains("## Configuration"), "{name}");
    }
    clientele(&root())
        .args(["explain", "mixd-terms"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `mixed-terms`?"));
}

#[test]
fn init_writes_a_working_config_and_never_overwrites_without_force() {
    let dir = tree(&[("docs/a.md", "Our customers.\n")]);
    clientele(dir.path())
        .arg("init")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("wrote clientele.toml"));
    let written = std::fs::read_to_string(dir.path().join("clientele.toml")).unwrap();
    assert!(written.contains("# business = \"relationship\""));
    // The written file is a config clientele accepts.
    clientele(dir.path()).assert().code(0);

    std::fs::write(
        dir.path().join("clientele.toml"),
        "business = \"relationship\"\n",
    )
    .unwrap();
    clientele(dir.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists; pass --force"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("clientele.toml")).unwrap(),
        "business = \"relationship\"\n"
    );
    clientele(dir.path())
        .args(["init", "--force"])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("clientele.toml")).unwrap(),
        written
    );
    clientele(dir.path())
        .args(["init", "docs/.clientele.toml"])
        .assert()
        .code(0);
    assert!(dir.path().join("docs/.clientele.toml").is_file());
}

/// `clientele schema`, compiled.
fn schema() -> jsonschema::Validator {
    let output = clientele(&root()).arg("schema").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// A TOML config as the JSON a TOML language server checks.
fn as_json(config: &str) -> serde_json::Value {
    toml::from_str(config).unwrap()
}

#[test]
fn the_schema_accepts_what_clientele_accepts_and_rejects_typos() {
    let validator = schema();
    let dir = tree(&[]);
    clientele(dir.path()).arg("init").assert().code(0);
    let template = std::fs::read_to_string(dir.path().join("clientele.toml")).unwrap();
    let good = [
        template.as_str(),
        "business = \"relationship\"\nfail-on = \"warning\"\nexclude = [\"vendor/**\"]\npacks = [\"acme.toml\"]\n[rules]\nmixed-terms = \"off\"\n[allow]\nphrases = [\"customer success team\"]\nnames = [\"Customer Identity Cloud\"]\n[[overrides]]\npaths = [\"shop/**\"]\nbusiness = \"transactional\"\nrules = { wrong-term = \"warning\" }\n",
    ];
    for config in good {
        let errors: Vec<String> = validator
            .iter_errors(&as_json(config))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{config}\n{errors:?}");
    }
    let bad = [
        "buisness = \"relationship\"\n",
        "fail-on = \"sometimes\"\n",
        "[rules]\nmixd-terms = \"off\"\n",
        "[rules]\nwrong-term = \"warn\"\n",
        "[[overrides]]\nbusiness = \"mixed\"\n",
        "[[overrides]]\npaths = []\n",
        "[allow]\nphrase = []\n",
        "[allow]\nname = []\n",
    ];
    for config in bad {
        assert!(!validator.is_valid(&as_json(config)), "{config}");
        // The schema and the parser agree.
        let dir = tree(&[("clientele.toml", config), ("a.md", "x\n")]);
        clientele(dir.path()).assert().code(2);
    }
}

#[test]
fn the_schema_lists_the_built_in_business_types_and_lets_pack_ones_through() {
    let output = clientele(&root()).arg("schema").output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let pack = std::fs::read_to_string(root().join("rules/business.toml")).unwrap();
    let pack: toml::Table = toml::from_str(&pack).unwrap();
    let built_in: Vec<(String, String)> = pack["business"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["name"].as_str().unwrap().to_owned(),
                b["summary"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(built_in.len(), 4);
    let top = &schema["properties"]["business"];
    let overrides = &schema["definitions"]["OverrideOptions"]["properties"]["business"];
    for business in [top, overrides] {
        let choices = business["anyOf"].as_array().unwrap();
        // Every built-in type is a value an editor offers, with its summary.
        for (name, summary) in &built_in {
            let choice = choices
                .iter()
                .find(|c| c["const"] == name.as_str())
                .unwrap_or_else(|| panic!("{name} missing from {business:#}"));
            assert_eq!(choice["description"], summary.as_str(), "{name}");
        }
        // And any other string (a pack's type) is let through, documented.
        let open = choices
            .iter()
            .find(|c| c.get("const").is_none())
            .unwrap_or_else(|| panic!("no open choice in {business:#}"));
        assert_eq!(open["type"], "string");
        assert!(open["description"].as_str().unwrap().contains("pack"));
    }
    let validator = jsonschema::validator_for(&schema).unwrap();
    for good in [
        "business = \"membership\"\n",
        "business = \"library\"\n",
        "[[overrides]]\npaths = [\"a\"]\nbusiness = \"library\"\n",
    ] {
        assert!(validator.is_valid(&as_json(good)), "{good}");
    }
    for bad in [
        "business = 3\n",
        "[[overrides]]\npaths = [\"a\"]\nbusiness = true\n",
    ] {
        assert!(!validator.is_valid(&as_json(bad)), "{bad}");
    }
}
