//! Chinese terms as words, not as substrings, in Simplified and Traditional
//! script.
//!
//! `tests/data/zh-false-friends.tsv` holds sentences where a term form
//! appears only across a word boundary (`照顾客户` holds `顾客`, but a reader
//! sees 照顾 + 客户), each with the terms a reader does see (`expect`, at the
//! character offsets `expect_at`). `tests/data/zh-compounds.tsv` holds
//! compounds with a term in them: whether the term is the compound's head
//! (`大客户`), a modifier (`客户经理`) or no term at all (`客户端`), and
//! whether swapping 客户 and 顾客 inside it stays idiomatic. Both files are
//! our own sentences.
//!
//! To see every term a document holds, one test pack adds a business type,
//! `probe`, that discourages every role: then each business-sense term is a
//! `wrong-term` finding. The tests name themselves `chinese_…`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{clientele, json, root, tree};

/// A business type that discourages every role, so that every term in
/// business sense is a `wrong-term` finding.
const PROBE_PACK: &str = r#"lang = "zh"

[preferred]
patron = "读者"

[[term]]
lemma = "读者"
role = "patron"
forms = ["读者"]

[[business]]
name = "probe"
prefer = "patron"
discourage = ["client", "customer", "member", "subscriber", "buyer", "shopper", "user", "consumer"]
summary = "every role is wrong: a test that sees every term"
"#;

const PROBE_CONFIG: &str = "business = \"probe\"\npacks = [\"probe.toml\"]\n";

/// The business types a document can have, `None` for no config at all.
const BUSINESSES: [Option<&str>; 5] = [
    None,
    Some("transactional"),
    Some("relationship"),
    Some("membership"),
    Some("mixed"),
];

/// The rows of a TSV file of `tests/data`, each a map from column name to
/// value. No quoting: a field never holds a tab.
fn tsv(name: &str) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(root().join("tests/data").join(name)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .filter(|line| !line.is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), header.len(), "{name}: {line}");
            header
                .iter()
                .zip(fields)
                .map(|(k, v)| ((*k).to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// Simplified and Traditional spellings of each term form, with its role.
const FORMS: [(&str, &str, &str); 8] = [
    ("客户", "客戶", "client"),
    ("顾客", "顧客", "customer"),
    ("会员", "會員", "member"),
    ("订阅者", "訂閱者", "subscriber"),
    ("买家", "買家", "buyer"),
    ("购物者", "購物者", "shopper"),
    ("用户", "用戶", "user"),
    ("消费者", "消費者", "consumer"),
];

fn role_of(form: &str) -> &'static str {
    FORMS
        .iter()
        .find(|(s, t, _)| *s == form || *t == form)
        .unwrap_or_else(|| panic!("`{form}` is no term form"))
        .2
}

/// The preferred term of `role` in the script of `traditional`.
fn preferred(role: &str, traditional: bool) -> &'static str {
    let (s, t, _) = FORMS.iter().find(|(_, _, r)| *r == role).unwrap();
    if traditional { t } else { s }
}

/// The roles a business type discourages (`rules/business.toml`).
fn discouraged(business: Option<&str>) -> &'static [&'static str] {
    match business {
        Some("transactional") => &["client"],
        Some("relationship") => &["customer"],
        Some("membership") => &["client", "customer"],
        _ => &[],
    }
}

/// A sentence with the terms a reader sees in it: `(byte offset, form)`.
struct Sentence {
    id: String,
    text: String,
    traditional: bool,
    terms: Vec<(usize, String)>,
}

impl Sentence {
    /// The document the sentence is checked as: one paragraph.
    fn file(&self) -> String {
        format!("{}.md", self.id)
    }

    fn document(&self) -> String {
        format!("{}\n", self.text)
    }
}

fn false_friends() -> Vec<Sentence> {
    let rows = tsv("zh-false-friends.tsv");
    assert!(rows.len() >= 40, "at least 40 false friends");
    rows.iter()
        .map(|row| {
            let text = row["sentence"].clone();
            let forms: Vec<&str> = row["expect"].split(',').filter(|f| !f.is_empty()).collect();
            let at: Vec<usize> = row["expect_at"]
                .split(',')
                .filter(|a| !a.is_empty())
                .map(|a| a.parse().unwrap())
                .collect();
            assert_eq!(forms.len(), at.len(), "{}: expect and expect_at", row["id"]);
            let terms = forms
                .iter()
                .zip(at)
                .map(|(form, at)| {
                    let byte = text.char_indices().nth(at).unwrap().0;
                    assert!(
                        text[byte..].starts_with(form),
                        "{}: `{form}` is not at character {at}",
                        row["id"]
                    );
                    (byte, (*form).to_owned())
                })
                .collect();
            Sentence {
                id: row["id"].clone(),
                text,
                traditional: match row["script"].as_str() {
                    "simplified" => false,
                    "traditional" => true,
                    other => panic!("{}: script `{other}`", row["id"]),
                },
                terms,
            }
        })
        .collect()
}

/// A tree of one document per sentence, with `config` (and the probe pack)
/// at its root when given.
fn documents(sentences: &[Sentence], config: Option<&str>) -> tempfile::TempDir {
    let mut files: Vec<(String, String)> =
        sentences.iter().map(|s| (s.file(), s.document())).collect();
    if let Some(config) = config {
        files.push(("clientele.toml".to_owned(), config.to_owned()));
        files.push(("probe.toml".to_owned(), PROBE_PACK.to_owned()));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    tree(&files)
}

fn config_for(business: Option<&str>) -> Option<String> {
    business.map(|b| format!("business = \"{b}\"\n"))
}

/// `--format json` on `dir`: each file's `(rule, byte_start, matched,
/// suggestion)` findings.
fn findings_by_file(dir: &Path) -> BTreeMap<String, Vec<(String, usize, String, String)>> {
    let output = clientele(dir)
        .args(["--format", "json", "--fail-on", "never", "."])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut by_file: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for d in json(&output.stdout)["diagnostics"].as_array().unwrap() {
        by_file
            .entry(d["path"].as_str().unwrap().to_owned())
            .or_default()
            .push((
                d["rule"].as_str().unwrap().to_owned(),
                usize::try_from(d["byte_start"].as_u64().unwrap()).unwrap(),
                d["matched"].as_str().unwrap().to_owned(),
                d["suggestion"].as_str().unwrap_or("").to_owned(),
            ));
    }
    by_file
}

/// Fails with every mismatch at once, so that one run tells all the rows
/// that are wrong.
#[track_caller]
fn assert_none(what: &str, mismatches: &[String]) {
    assert!(
        mismatches.is_empty(),
        "{what}: {} rows wrong:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn chinese_false_friends_json_finds_exactly_the_words_a_reader_sees() {
    let sentences = false_friends();
    let dir = documents(&sentences, Some(PROBE_CONFIG));
    let found = findings_by_file(dir.path());
    let mut mismatches = Vec::new();
    for s in &sentences {
        let got: Vec<(usize, String)> = found
            .get(&s.file())
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(|(rule, ..)| rule == "wrong-term")
            .map(|(_, at, matched, _)| (*at, matched.clone()))
            .collect();
        if got != s.terms {
            mismatches.push(format!(
                "{} {}: found {got:?}, a reader sees {:?}",
                s.id, s.text, s.terms
            ));
        }
    }
    assert_none("terms found", &mismatches);
}

/// Under each business type, the findings are on the terms a reader sees
/// and nowhere else, and `--fix` changes exactly the discouraged ones, to
/// the preferred term in the sentence's own script.
fn false_friends_under(business: Option<&str>) {
    let sentences = false_friends();
    let config = config_for(business);
    let dir = documents(&sentences, config.as_deref());
    let label = business.unwrap_or("no business type");

    let found = findings_by_file(dir.path());
    let mut mismatches = Vec::new();
    for s in &sentences {
        for (rule, at, matched, _) in found.get(&s.file()).map(Vec::as_slice).unwrap_or_default() {
            if !s.terms.contains(&(*at, matched.clone())) {
                mismatches.push(format!(
                    "{} {}: {rule} on `{matched}` at byte {at}, not a word here (words: {:?})",
                    s.id, s.text, s.terms
                ));
            }
        }
    }

    let output = clientele(dir.path())
        .args(["--fix", "--fail-on", "never", "."])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for s in &sentences {
        let mut want = s.document();
        for (at, form) in s.terms.iter().rev() {
            let role = role_of(form);
            if discouraged(business).contains(&role) {
                let to = preferred(
                    if business == Some("membership") {
                        "member"
                    } else if role == "client" {
                        "customer"
                    } else {
                        "client"
                    },
                    s.traditional,
                );
                want.replace_range(*at..at + form.len(), to);
            }
        }
        let got = std::fs::read_to_string(dir.path().join(s.file())).unwrap();
        if got != want {
            mismatches.push(format!(
                "{}: --fix wrote {:?}, expected {:?}",
                s.id,
                got.trim_end(),
                want.trim_end()
            ));
        }
    }
    assert_none(&format!("{label}: findings and --fix"), &mismatches);
}

#[test]
fn chinese_false_friends_without_a_business_type() {
    false_friends_under(BUSINESSES[0]);
}

#[test]
fn chinese_false_friends_transactional() {
    false_friends_under(BUSINESSES[1]);
}

#[test]
fn chinese_false_friends_relationship() {
    false_friends_under(BUSINESSES[2]);
}

#[test]
fn chinese_false_friends_membership() {
    false_friends_under(BUSINESSES[3]);
}

#[test]
fn chinese_false_friends_mixed() {
    false_friends_under(BUSINESSES[4]);
}

/// A compound holding a term: heads are terms, software words never are,
/// and where the swap is idiomatic `--fix` makes it.
#[test]
fn chinese_compounds_heads_are_terms_and_software_never_is() {
    let rows = tsv("zh-compounds.tsv");
    let mut files: Vec<(String, String)> = rows
        .iter()
        .map(|r| (format!("{}.md", r["id"]), format!("{}\n", r["sentence"])))
        .collect();
    files.push(("clientele.toml".to_owned(), PROBE_CONFIG.to_owned()));
    files.push(("probe.toml".to_owned(), PROBE_PACK.to_owned()));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    let dir = tree(&files);
    let found = findings_by_file(dir.path());

    let mut mismatches = Vec::new();
    for r in &rows {
        let sentence = &r["sentence"];
        let at = sentence.find(&r["compound"]).unwrap() + r["compound"].find(&r["form"]).unwrap();
        let got: Vec<(usize, &str)> = found
            .get(&format!("{}.md", r["id"]))
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|(_, at, matched, _)| (*at, matched.as_str()))
            .collect();
        let term = (at, r["form"].as_str());
        let ok = match r["position"].as_str() {
            "head" => got == [term],
            // Software, and the pack's fixed phrases (`大客户`, "key
            // account"), are never a finding.
            "not-term" | "fixed" => got.is_empty(),
            // Whether a modifier (`客户经理`) is a term is the matcher's
            // decision; it is only never somewhere else.
            "modifier" => got.is_empty() || got == [term],
            other => panic!("{}: position `{other}`", r["id"]),
        };
        if !ok {
            mismatches.push(format!(
                "{} {sentence}: {} `{}` in `{}`: found {got:?}",
                r["id"], r["position"], r["form"], r["compound"]
            ));
        }
    }
    assert_none("compounds", &mismatches);

    // An idiomatic swap of a head is fixed in the document's script.
    let swaps: Vec<_> = rows
        .iter()
        .filter(|r| r["position"] == "head" && r["swap"] == "yes")
        .collect();
    let mut mismatches = Vec::new();
    for business in ["transactional", "relationship"] {
        let mut files: Vec<(String, String)> = swaps
            .iter()
            .map(|r| (format!("{}.md", r["id"]), format!("{}\n", r["sentence"])))
            .collect();
        files.push((
            "clientele.toml".to_owned(),
            config_for(Some(business)).unwrap(),
        ));
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, c)| (p.as_str(), c.as_str()))
            .collect();
        let dir = tree(&files);
        clientele(dir.path())
            .args(["--fix", "--fail-on", "never", "."])
            .assert()
            .success();
        for r in &swaps {
            let traditional = r["script"] == "traditional";
            let role = role_of(&r["form"]);
            let mut want = format!("{}\n", r["sentence"]);
            if discouraged(Some(business)).contains(&role) {
                let to = preferred(
                    if role == "client" {
                        "customer"
                    } else {
                        "client"
                    },
                    traditional,
                );
                want = want.replace(&r["compound"], &r["compound"].replace(&r["form"], to));
            }
            let got = std::fs::read_to_string(dir.path().join(format!("{}.md", r["id"]))).unwrap();
            if got != want {
                mismatches.push(format!(
                    "{business} {}: --fix wrote {:?}, expected {:?}",
                    r["id"],
                    got.trim_end(),
                    want.trim_end()
                ));
            }
        }
    }
    assert_none("idiomatic swaps", &mismatches);
}

/// `(rule, matched, suggestion)` of each finding of `--format json` on
/// `file` in `dir`.
fn rules_on(dir: &Path, file: &str) -> Vec<(String, String, String)> {
    findings_by_file(dir)
        .remove(file)
        .unwrap_or_default()
        .into_iter()
        .map(|(rule, _, matched, suggestion)| (rule, matched, suggestion))
        .collect()
}

fn row(rule: &str, matched: &str, suggestion: &str) -> (String, String, String) {
    (rule.to_owned(), matched.to_owned(), suggestion.to_owned())
}

/// Checks `document` under `business`: the findings, and what `--fix`
/// writes. Run on a Simplified twin first, which the current matcher
/// handles, so that a failure on the Traditional one is about the script.
#[track_caller]
fn check(
    business: Option<&str>,
    document: &str,
    findings: &[(String, String, String)],
    fixed: &str,
) {
    let config = config_for(business);
    let mut files = vec![("doc.md", document)];
    if let Some(config) = &config {
        files.push(("clientele.toml", config));
    }
    let dir = tree(&files);
    assert_eq!(
        rules_on(dir.path(), "doc.md"),
        findings,
        "{business:?}: {document}"
    );
    clientele(dir.path())
        .args(["--fix", "--fail-on", "never", "doc.md"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("doc.md")).unwrap(),
        fixed,
        "{business:?}: --fix on {document}"
    );
}

#[test]
fn chinese_traditional_wrong_term_is_fixed_in_traditional_script() {
    // Simplified twin.
    check(
        Some("transactional"),
        "# 服务说明\n\n每位客户在下单后三天内收到商品。\n",
        &[row("wrong-term", "客户", "顾客")],
        "# 服务说明\n\n每位顾客在下单后三天内收到商品。\n",
    );
    check(
        Some("transactional"),
        "# 服務說明\n\n每位客戶在下單後三天內收到商品。\n",
        &[row("wrong-term", "客戶", "顧客")],
        "# 服務說明\n\n每位顧客在下單後三天內收到商品。\n",
    );
    check(
        Some("relationship"),
        "我們的顧客可以隨時預約面談。\n",
        &[row("wrong-term", "顧客", "客戶")],
        "我們的客戶可以隨時預約面談。\n",
    );
    check(
        Some("membership"),
        "每位顧客都能參加年度聚會。\n",
        &[row("wrong-term", "顧客", "會員")],
        "每位會員都能參加年度聚會。\n",
    );
}

#[test]
fn chinese_traditional_client_software_is_never_a_term() {
    for business in BUSINESSES {
        for document in [
            "請先下載最新版本的客戶端，再登入帳戶。\n",
            "這台客戶機每晚自動備份。\n",
            "请先下载最新版本的客户端，再登录账户。\n",
        ] {
            check(business, document, &[], document);
        }
    }
    // Beside a business 客戶, only that one is flagged (Simplified twin
    // first).
    check(
        Some("transactional"),
        "下载客户端以后，每位客户都能查看自己的订单。\n",
        &[row("wrong-term", "客户", "顾客")],
        "下载客户端以后，每位顾客都能查看自己的订单。\n",
    );
    check(
        Some("transactional"),
        "下載客戶端以後，每位客戶都能查看自己的訂單。\n",
        &[row("wrong-term", "客戶", "顧客")],
        "下載客戶端以後，每位顧客都能查看自己的訂單。\n",
    );
}

#[test]
fn chinese_traditional_mixed_terms() {
    // Simplified twin.
    let simplified = "我们的客户遍布全国。每位客户都有专属经理。有些顾客只买一次。\n";
    check(
        None,
        simplified,
        &[row("mixed-terms", "顾客", "客户")],
        simplified,
    );
    let traditional = "我們的客戶遍布全國。每位客戶都有專屬經理。有些顧客只買一次。\n";
    check(
        None,
        traditional,
        &[row("mixed-terms", "顧客", "客戶")],
        traditional,
    );
}

#[test]
fn chinese_traditional_self_contrast() {
    // Simplified twin.
    let simplified = "客户与客户，有何不同？\n";
    check(
        None,
        simplified,
        &[row("self-contrast", "客户", "")],
        simplified,
    );
    let traditional = "客戶與客戶，有何不同？\n";
    check(
        None,
        traditional,
        &[row("self-contrast", "客戶", "")],
        traditional,
    );
    // Two different terms set side by side are no self-contrast, in
    // either script.
    for text in ["客户与顾客，有何不同？\n", "客戶與顧客，有何不同？\n"] {
        let dir = tree(&[("doc.md", text)]);
        let rules = rules_on(dir.path(), "doc.md");
        assert!(
            rules.iter().all(|(rule, ..)| rule != "self-contrast"),
            "{text}: {rules:?}"
        );
    }
}

#[test]
fn chinese_traditional_translation_collapse() {
    let source = "# Pricing\n\nCustomers buy a template once. Our clients get every template with their retainer.\n";
    let collapsed = [
        (
            "zh-CN",
            "# 价格\n\n客户一次性购买模板。我们的客户在聘用期内免费获得所有模板。\n",
        ),
        (
            "zh-TW",
            "# 價格\n\n客戶一次性購買模板。我們的客戶在聘用期內免費獲得所有模板。\n",
        ),
    ];
    for (folder, translation) in collapsed {
        let path = format!("docs/{folder}/pricing.md");
        let dir = tree(&[("docs/en/pricing.md", source), (&path, translation)]);
        let rules: Vec<_> = rules_on(dir.path(), &path)
            .into_iter()
            .map(|(rule, matched, _)| (rule, matched))
            .collect();
        let first = if folder == "zh-TW" {
            "客戶"
        } else {
            "客户"
        };
        assert!(
            rules.contains(&("translation-collapse".to_owned(), first.to_owned())),
            "{path}: {rules:?}"
        );
    }
    // A translation that keeps the roles apart is left alone.
    let kept = "# 價格\n\n顧客一次性購買模板。我們的客戶在聘用期內免費獲得所有模板。\n";
    let dir = tree(&[
        ("docs/en/pricing.md", source),
        ("docs/zh-TW/pricing.md", kept),
    ]);
    let rules: Vec<_> = rules_on(dir.path(), "docs/zh-TW/pricing.md")
        .into_iter()
        .filter(|(rule, ..)| rule == "translation-collapse")
        .collect();
    assert_eq!(rules, [], "{kept}");
}
