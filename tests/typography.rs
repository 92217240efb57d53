//! Text as writers' tools leave it, through the binary: no-break and other
//! Unicode spaces inside phrases, soft hyphens and zero-width characters
//! inside words, and emphasis around a term, in English, Russian and
//! Chinese.

use std::fs;

use crate::support::{clientele, pairs, tree, wrong_terms};

const RELATIONSHIP: &str = "business = \"relationship\"\n";

#[test]
fn a_unicode_space_inside_a_phrase_keeps_the_phrase() {
    // Under `relationship` a customer term is wrong unless a fixed phrase
    // holds it; under `transactional` a client term is, unless it names
    // software. Without the phrases, every term below would be flagged.
    let fixed_en = "Call customer\u{a0}support or customer\u{2009}service.\n";
    let fixed_ru = "Обратитесь в\u{a0}службу поддержки\u{a0}покупателей.\n";
    let fixed_zh = "请联系顾客服务中心，或者 Customer\u{3000}Support。\n";
    let software_en = "The HTTP\u{202f}client retries; it runs client\u{a0}side.\n";
    let software_ru = "Проверка на\u{a0}стороне клиента.\n\nНастройте почтовый\u{2007}клиент.\n";
    let relationship = tree(&[
        ("clientele.toml", RELATIONSHIP),
        ("en.md", fixed_en),
        ("ru.md", fixed_ru),
        ("zh.md", fixed_zh),
    ]);
    assert_eq!(wrong_terms(relationship.path()), pairs(&[]));
    let transactional = tree(&[
        ("clientele.toml", "business = \"transactional\"\n"),
        ("en.md", software_en),
        ("ru.md", software_ru),
    ]);
    assert_eq!(wrong_terms(transactional.path()), pairs(&[]));
    // The same text with plain spaces reads the same.
    let plain = tree(&[
        ("clientele.toml", RELATIONSHIP),
        ("en.md", &fixed_en.replace(['\u{a0}', '\u{2009}'], " ")),
    ]);
    assert_eq!(wrong_terms(plain.path()), pairs(&[]));
}

#[test]
fn invisible_characters_inside_a_term_are_read_through_and_kept_by_fix() {
    let en = "Our cli\u{ad}ents pay, and a clients\u{200b}only page lists them.\n\nThe client\u{ad}ele is loyal.\n";
    let ru = "Наши кли\u{ad}ен\u{ad}ты платят.\n\nКлиент\u{ad}ский отдел.\n";
    let zh = "我们的顾\u{200b}客都满意。\n";
    let dir = tree(&[
        ("clientele.toml", "business = \"transactional\"\n"),
        ("en.md", en),
        ("ru.md", ru),
        ("zh.md", zh),
    ]);
    assert_eq!(
        wrong_terms(dir.path()),
        pairs(&[
            ("en.md", "cli\u{ad}ents"),
            ("en.md", "clients"),
            ("ru.md", "кли\u{ad}ен\u{ad}ты"),
        ])
    );
    clientele(dir.path()).arg("--fix").assert().success();
    let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
    // Each invisible character stays after as many letters as it followed.
    assert_eq!(
        read("en.md"),
        en.replace("cli\u{ad}ents", "cus\u{ad}tomers")
            .replace("clients\u{200b}", "customers\u{200b}")
    );
    assert_eq!(
        read("ru.md"),
        ru.replace("кли\u{ad}ен\u{ad}ты", "пок\u{ad}уп\u{ad}атели")
    );
    // `顾​客` is a customer term, right for a transactional business.
    assert_eq!(read("zh.md"), zh);
}

#[test]
fn a_chinese_term_split_by_a_zero_width_space_is_found_and_fixed_keeping_it() {
    let zh = "我们的顾\u{200b}客都满意。\n";
    let dir = tree(&[("clientele.toml", RELATIONSHIP), ("zh.md", zh)]);
    assert_eq!(wrong_terms(dir.path()), pairs(&[("zh.md", "顾\u{200b}客")]));
    clientele(dir.path()).arg("--fix").assert().success();
    assert_eq!(
        fs::read_to_string(dir.path().join("zh.md")).unwrap(),
        "我们的客\u{200b}户都满意。\n"
    );
}

#[test]
fn emphasis_around_a_term_is_prose_and_an_identifier_is_not() {
    let en = "Our _customers_ pay. __Customers__ renew. The customer_id field.\n";
    let ru = "Наши _покупатели_ платят. Поле покупатель_id.\n";
    let zh = "我们的*顾客*都满意。\n";
    let dir = tree(&[
        ("clientele.toml", RELATIONSHIP),
        ("en.md", en),
        ("ru.md", ru),
        ("zh.md", zh),
    ]);
    assert_eq!(
        wrong_terms(dir.path()),
        pairs(&[
            ("en.md", "customers"),
            ("en.md", "Customers"),
            ("ru.md", "покупатели"),
            ("zh.md", "顾客"),
        ])
    );
    clientele(dir.path()).arg("--fix").assert().success();
    let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(
        read("en.md"),
        "Our _clients_ pay. __Clients__ renew. The customer_id field.\n"
    );
    assert_eq!(
        read("ru.md"),
        "Наши _клиенты_ платят. Поле покупатель_id.\n"
    );
    assert_eq!(read("zh.md"), "我们的*客户*都满意。\n");
}
