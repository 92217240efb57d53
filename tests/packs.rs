//! User term packs (`packs = [...]`): new terms, forms, senses and business
//! types, and errors that point into the pack.

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

[[fixed]]
phrases = ["customer desk"]

[[business]]
name = "library"
prefer = "patron"
discourage = ["client", "customer"]
summary = "a lending library: the people it serves are patrons"
"#;

#[test]
fn a_pack_adds_terms_senses_and_a_business_type() {
    let dir = tree(&[
        (
            "docs/clientele.toml",
            "packs = [\"../vocabulary/library.toml\"]\nbusiness = \"library\"\n",
        ),
        ("vocabulary/library.toml", PACK),
        (
            "docs/a.md",
            "Customers' cards. Log in to the client portal or ask the customer desk. Patrons welcome.\n",
        ),
    ]);
    let output = clientele(dir.path())
        .args(["--format", "json", "docs"])
        .output()
        .unwrap();
    let report = json(&output.stdout);
    assert_eq!(
        findings(&report),
        [("docs/a.md".into(), "wrong-term".into(), "Customers'".into())]
    );
    assert_eq!(report["diagnostics"][0]["suggestion"], "Patrons'");
}

#[test]
fn a_pack_extends_a_built_in_language_with_new_forms() {
    let dir = tree(&[
        (
            "clientele.toml",
            "packs = [\"extra.toml\"]\nbusiness = \"relationship\"\n",
        ),
        (
            "extra.toml",
            "lang = \"ru\"\n\n[[technical]]\nphrases = [\"{клиент} банка-партнёра\"]\n",
        ),
        ("a.md", "Клиент банка-партнёра. Наш заказчик.\n"),
    ]);
    let output = clientele(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        findings(&json(&output.stdout)),
        [("a.md".into(), "wrong-term".into(), "заказчик".into())]
    );
}

#[test]
fn configs_without_packs_are_unaffected_by_another_configs_pack() {
    let dir = tree(&[
        (
            "lib/clientele.toml",
            "packs = [\"pack.toml\"]\nbusiness = \"library\"\n",
        ),
        ("lib/pack.toml", PACK),
        ("lib/a.md", "A customer.\n"),
        ("shop/clientele.toml", "business = \"library\"\n"),
        ("shop/b.md", "A customer.\n"),
    ]);
    clientele(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown business type `library`"))
        .stdout(predicates::str::contains("lib/a.md:1:3"));
}
