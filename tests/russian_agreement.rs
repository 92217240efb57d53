//! Russian grammar around a replacement, through the binary: the
//! preposition `о`/`об` that follows the first sound of the new word, the
//! gender a replacement must keep, and the inanimate `клиент` (a program)
//! as the object of an install or launch verb.

use crate::support::{clientele, json, tree};

/// A user pack with a consonant-initial preferred term that has no
/// feminine counterpart, for a business that discourages members: the way
/// back from `об участнике` to `о меценате`, and a change of gender.
const PATRON_PACK: &str = r#"
lang = "ru"

[preferred]
patron = "меценат"

[[term]]
lemma = "меценат"
role = "patron"
gender = "masculine"
forms = [
  "меценат", "мецената", "меценату", "мецената", "меценатом", "меценате",
  "меценаты", "меценатов", "меценатам", "меценатов", "меценатами", "меценатах",
]

[[business]]
name = "gallery"
prefer = "patron"
discourage = ["member"]
summary = "a gallery: the people it serves are its patrons"
"#;

/// The folder a test runs in: `business` declared, and the patron pack.
fn project(business: &str) -> tempfile::TempDir {
    tree(&[
        (
            "clientele.toml",
            &format!("business = \"{business}\"\npacks = [\"patron.toml\"]\n"),
        ),
        ("patron.toml", PATRON_PACK),
    ])
}

/// `text` after `clientele --fix` under `business`.
fn fixed(business: &str, text: &str) -> String {
    let dir = project(business);
    let output = clientele(dir.path())
        .args(["--fix", "-", "--stdin-filename", "page.md"])
        .write_stdin(text)
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// The JSON findings of `text` under `business`.
fn findings(business: &str, text: &str) -> Vec<serde_json::Value> {
    let dir = project(business);
    let output = clientele(dir.path())
        .args(["--format", "json", "--stdin-filename", "page.md"])
        .write_stdin(text)
        .output()
        .unwrap();
    json(&output.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .clone()
}

/// What each finding matched, in order.
fn matched(findings: &[serde_json::Value]) -> Vec<&str> {
    findings
        .iter()
        .map(|d| d["matched"].as_str().unwrap())
        .collect()
}

#[test]
fn o_becomes_ob_before_a_vowel() {
    assert_eq!(
        fixed(
            "membership",
            "Мы заботимся о клиенте и помним о покупательнице.\nО клиентах мы пишем отчёт.\n"
        ),
        "Мы заботимся об участнике и помним об участнице.\nОб участниках мы пишем отчёт.\n"
    );
}

#[test]
fn a_preposition_in_capitals_stays_in_capitals() {
    assert_eq!(
        fixed("membership", "# О КЛИЕНТАХ КЛУБА\n"),
        "# ОБ УЧАСТНИКАХ КЛУБА\n"
    );
}

#[test]
fn ob_becomes_o_before_a_consonant() {
    assert_eq!(
        fixed(
            "gallery",
            "Напишите об участнике. Мы говорили об участниках и с участниками.\n"
        ),
        "Напишите о меценате. Мы говорили о меценатах и с меценатами.\n"
    );
}

#[test]
fn the_finding_stays_on_the_term_and_the_fix_takes_the_preposition() {
    let found = findings("membership", "Мы заботимся о клиенте.\n");
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d["matched"], "клиенте");
    assert_eq!(d["column"], 16);
    assert_eq!(d["suggestion"], "об участнике");
    assert_eq!(d["replaces"]["text"], "о клиенте");
    assert_eq!(d["replaces"]["byte_start"], 24);
    assert_eq!(d["replaces"]["byte_end"], 41);
    assert_eq!(
        d["message"],
        "`клиенте` is a client term, but a membership business has members"
    );
    // A finding with nothing next to it to change has no `replaces`.
    let plain = findings("membership", "Мы знаем клиента.\n");
    assert!(plain[0].get("replaces").is_none(), "{plain:#?}");
    // The annotated output underlines the term and shows the patch of both.
    let dir = project("membership");
    let output = clientele(dir.path())
        .args(["--stdin-filename", "page.md"])
        .write_stdin("Мы заботимся о клиенте.\n")
        .output()
        .unwrap();
    let human = String::from_utf8(output.stdout).unwrap();
    assert!(human.contains("  ^^^^^^^ say `об участнике`"), "{human}");
    assert!(
        human.contains("help: replace `о клиенте` with `об участнике`"),
        "{human}"
    );
    assert!(human.contains("+ Мы заботимся об участнике."), "{human}");
}

#[test]
fn sarif_points_at_the_term_and_its_fix_replaces_the_preposition_too() {
    let dir = project("membership");
    let output = clientele(dir.path())
        .args(["--format", "sarif", "--stdin-filename", "page.md"])
        .write_stdin("Мы заботимся о клиенте.\n")
        .output()
        .unwrap();
    let sarif = json(&output.stdout);
    let result = &sarif["runs"][0]["results"][0];
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], 16, "{result}");
    let fix = &result["fixes"][0];
    assert_eq!(
        fix["description"]["text"],
        "Replace `о клиенте` with `об участнике`"
    );
    let replacement = &fix["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["deletedRegion"]["startColumn"], 14, "{fix}");
    assert_eq!(replacement["deletedRegion"]["endColumn"], 23, "{fix}");
    assert_eq!(replacement["insertedContent"]["text"], "об участнике");
}

#[test]
fn a_preposition_on_the_line_before_changes_with_the_term() {
    assert_eq!(
        fixed("membership", "Мы заботимся о\nклиенте весь год.\n"),
        "Мы заботимся об\nучастнике весь год.\n"
    );
    let found = findings("membership", "Мы заботимся о\nклиенте весь год.\n");
    assert_eq!(found[0]["line"], 2, "{found:#?}");
    assert_eq!(found[0]["replaces"]["text"], "о\nклиенте");
}

#[test]
fn a_term_with_no_preposition_to_change_keeps_a_one_word_finding() {
    let found = findings(
        "membership",
        "Около клиента стоит стол. Об этом клиенте мы знаем. Обо всех клиентах тоже.\n",
    );
    assert_eq!(matched(&found), ["клиента", "клиенте", "клиентах"]);
}

#[test]
fn the_space_between_preposition_and_term_is_kept() {
    assert_eq!(
        fixed("membership", "Мы заботимся о\nклиенте и о\u{a0}клиентах.\n"),
        "Мы заботимся об\nучастнике и об\u{a0}участниках.\n"
    );
}

#[test]
fn only_a_preposition_of_its_own_changes() {
    // `о` ending a word is no preposition, an interjection before a
    // nominative is not one either, and markup between is not looked past.
    assert_eq!(
        fixed(
            "membership",
            "Около клиента. О клиент, где ты? Спросите *о* клиенте. Об этом клиенте.\n"
        ),
        "Около участника. О участник, где ты? Спросите *о* участнике. Об этом участнике.\n"
    );
}

#[test]
fn a_replacement_of_another_gender_is_not_offered_in_the_singular() {
    let found = findings(
        "gallery",
        "Новая участница пришла. Участницы пришли вместе с участницами.\n",
    );
    let singular = &found[0];
    assert_eq!(singular["matched"], "участница");
    assert_eq!(singular["fixable"], false);
    let dir = project("gallery");
    let output = clientele(dir.path())
        .args(["--stdin-filename", "page.md"])
        .write_stdin("Новая участница пришла.\n")
        .output()
        .unwrap();
    let human = String::from_utf8(output.stdout).unwrap();
    assert!(
        human.contains("no safe replacement: the preferred term is masculine"),
        "{human}"
    );
    // The plural shows no gender: `с участницами` → `с меценатами`.
    assert_eq!(found.last().unwrap()["suggestion"], "меценатами");
}

#[test]
fn a_client_that_is_installed_or_launched_is_software() {
    let text = "Скачайте клиент и перезапустите клиент. Обновите клиенты.\n\
                Установите свой клиент, затем откройте клиент и настройте новый клиент.\n";
    assert_eq!(
        findings("transactional", text),
        Vec::<serde_json::Value>::new()
    );
    assert_eq!(fixed("transactional", text), text);
}

#[test]
fn a_client_built_for_a_platform_is_software() {
    let text = "Исправлено: клиент для Android закрывался при входе. \
                Вышла новая версия клиента для .NET, а клиенты для iOS обновятся завтра.\n";
    assert_eq!(
        findings("transactional", text),
        Vec::<serde_json::Value>::new()
    );
    // A person for whom something is made stays a person.
    let found = findings("transactional", "Скидки для клиентов для всех.\n");
    assert_eq!(matched(&found), ["клиентов"]);
}

#[test]
fn a_client_who_is_a_person_after_the_same_verbs_is_still_flagged() {
    // `клиента` is animate: a person. A nominative after a comma is the
    // subject of the next clause, and a verb that may come before its
    // subject (`запускает`) is not read as taking an object.
    let text = "Удалите клиента из списка. Обновите данные, клиент получит письмо.\n\
                Акцию запускает клиент.\n";
    assert_eq!(
        fixed("transactional", text),
        "Удалите покупателя из списка. Обновите данные, покупатель получит письмо.\n\
         Акцию запускает покупатель.\n"
    );
}

#[test]
fn a_preposition_in_another_block_is_left_alone() {
    // The last line of an indented code block right before the term's
    // paragraph, and a preposition a blank line before its term.
    let text = "Код:\n\n    print(о)\n    о\nклиенте пишем отдельно. Снова о\n\nклиенте.\n";
    let found = findings("membership", text);
    assert_eq!(matched(&found), ["клиенте", "клиенте"]);
}
