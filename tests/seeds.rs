//! The two source articles in `../shared/seeds/`: what clientele must find
//! in them, checked line by line against a reading of the text.

use std::collections::BTreeSet;

use clientele::Lexicon;
use clientele::config::Settings;
use clientele::lexicon::Sense;
use clientele::lint::occurrences;

use crate::support::{clientele, json, root, seed, tree};

const RUSSIAN: &str = "000_c281cafb054b6ecc.txt";
const CHINESE: &str = "002_e0140376221be5a8.txt";

fn seed_text(name: &str) -> String {
    std::fs::read_to_string(seed(name)).unwrap()
}

/// `(line, rule, matched, suggestion)` of each finding.
fn rows(report: &serde_json::Value) -> Vec<(u64, String, String, String)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_owned(),
                d["matched"].as_str().unwrap().to_owned(),
                d["suggestion"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn chinese_seed_flags_the_two_guke_as_mixed_terms_and_not_the_client_software() {
    let output = clientele(&root())
        .args(["--format", "json"])
        .arg(seed(CHINESE))
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "warnings do not fail by default"
    );
    let report = json(&output.stdout);
    let expected = [
        (21, "mixed-terms", "顾客", "客户"),
        (54, "mixed-terms", "顾客", "客户"),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(l, r, m, s)| (*l, r.to_string(), m.to_string(), s.to_string()))
        .collect();
    assert_eq!(rows(&report), expected);
    assert_eq!(report["diagnostics"][0]["severity"], "warning");
}

#[test]
fn chinese_seed_under_a_relationship_business_has_two_wrong_terms() {
    let config = tree(&[("clientele.toml", "business = \"relationship\"\n")]);
    let output = clientele(&root())
        .args(["--format", "json", "--config"])
        .arg(config.path().join("clientele.toml"))
        .arg(seed(CHINESE))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output.stdout);
    assert_eq!(
        rows(&report),
        [
            (
                21,
                "wrong-term".to_owned(),
                "顾客".to_owned(),
                "客户".to_owned()
            ),
            (
                54,
                "wrong-term".to_owned(),
                "顾客".to_owned(),
                "客户".to_owned()
            ),
        ]
    );
    assert_eq!(report["diagnostics"][0]["severity"], "error");
}

#[test]
fn chinese_seed_client_software_is_technical() {
    let text = seed_text(CHINESE);
    let lexicon = Lexicon::builtin().unwrap();
    let technical: Vec<_> = occurrences(&text, &lexicon, &Settings::default())
        .into_iter()
        .filter(|o| o.sense == Sense::Technical)
        .map(|o| o.phrase.slice(&text).unwrap().to_owned())
        .collect();
    assert_eq!(technical, ["客户端", "客户端"]);
}

#[test]
fn russian_seed_finds_all_twelve_customer_terms_in_five_case_forms() {
    let output = clientele(&root())
        .args(["--format", "json"])
        .arg(seed(RUSSIAN))
        .output()
        .unwrap();
    let report = json(&output.stdout);
    let found: Vec<(u64, String)> = rows(&report)
        .into_iter()
        .map(|(line, rule, matched, _)| {
            assert_eq!(rule, "mixed-terms");
            (line, matched)
        })
        .collect();
    // Read off the article: the title's заказчика, then every покупатель
    // and заказчик form in order.
    let expected = [
        (1, "заказчика"),
        (5, "покупателем"),
        (21, "покупатели"),
        (46, "покупатели"),
        (48, "покупателей"),
        (48, "покупатели"),
        (52, "покупатели"),
        (62, "заказчики"),
        (66, "заказчики"),
        (76, "Покупатель"),
        (79, "Покупатель"),
        (89, "покупателей"),
    ];
    let expected: Vec<(u64, String)> = expected.iter().map(|(l, m)| (*l, m.to_string())).collect();
    assert_eq!(found, expected);

    let text = seed_text(RUSSIAN);
    let lexicon = Lexicon::builtin().unwrap();
    let forms: BTreeSet<Vec<String>> = occurrences(&text, &lexicon, &Settings::default())
        .into_iter()
        .filter(|o| lexicon.term(o.term).role == "customer")
        .map(|o| {
            let lang = lexicon.language(lexicon.term(o.term).lang);
            o.slots.iter().map(|s| lang.slots[s].clone()).collect()
        })
        .collect();
    assert_eq!(forms.len(), 5, "{forms:?}");
}

#[test]
fn russian_seed_misses_no_noun_form_of_klient() {
    let text = seed_text(RUSSIAN);
    // An independent count: split into words at anything that is not a
    // letter (so `бизнес-клиент` counts) and compare with the paradigm.
    let paradigm = [
        "клиент",
        "клиента",
        "клиенту",
        "клиентом",
        "клиенте",
        "клиенты",
        "клиентов",
        "клиентам",
        "клиентами",
        "клиентах",
    ];
    let expected = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| paradigm.contains(&w.to_lowercase().as_str()))
        .count();
    assert_eq!(expected, 102);

    let lexicon = Lexicon::builtin().unwrap();
    let found = occurrences(&text, &lexicon, &Settings::default())
        .into_iter()
        .filter(|o| lexicon.term(o.term).lemma == "клиент")
        .count();
    assert_eq!(found, expected);
}
