use std::path::Path;

use super::*;
use crate::Severity;
use crate::lint::{lint_document, lint_text};
use crate::testing::{LEXICON, settings};

/// `(rule, matched, suggestion)` for every finding in `markdown` under `config`.
fn findings(config: &str, markdown: &str) -> Vec<(&'static str, String, Option<String>)> {
    lint_text(markdown, &LEXICON, &settings(config))
        .into_iter()
        .map(|d| (d.rule.name(), d.matched, d.suggestion))
        .collect()
}

/// Apply every suggestion of `markdown`'s findings and return the result.
fn fixed(config: &str, markdown: &str) -> String {
    let mut diagnostics = lint_text(markdown, &LEXICON, &settings(config));
    for d in &mut diagnostics {
        // Every suggestion, `mixed-terms`' too, whatever `fix-mixed-terms` says.
        d.fixable = d.suggestion.is_some();
    }
    crate::fix::apply(markdown, &diagnostics).0
}

#[track_caller]
fn assert_fix(config: &str, before: &str, after: &str) {
    assert_eq!(fixed(config, before), after, "config {config:?}");
}

const RELATIONSHIP: &str = "business = \"relationship\"";
const TRANSACTIONAL: &str = "business = \"transactional\"";
const MEMBERSHIP: &str = "business = \"membership\"";

// --- wrong-term --------------------------------------------------------------

#[test]
fn wrong_term_keeps_number_possessive_and_capitalisation_in_english() {
    assert_fix(
        RELATIONSHIP,
        "Customers and a customer. CUSTOMER'S file, the customers' files, a customer’s file.",
        "Clients and a client. CLIENT'S file, the clients' files, a client’s file.",
    );
    assert_fix(
        TRANSACTIONAL,
        // At the start of the sentence: `the Client` mid-sentence is a
        // party a contract defines, a name.
        "Client's team asks.",
        "Customer's team asks.",
    );
}

#[test]
fn wrong_term_keeps_case_number_and_gender_in_russian() {
    assert_fix(
        RELATIONSHIP,
        "Работаем с заказчиками. Для покупателя. Заказчице отправлен счёт. ПОКУПАТЕЛЕЙ много.",
        "Работаем с клиентами. Для клиента. Клиентке отправлен счёт. КЛИЕНТОВ много.",
    );
    assert_fix(
        TRANSACTIONAL,
        "Клиентка довольна, клиента ждут, с клиентами говорим, о клиентах помним.",
        "Покупательница довольна, покупателя ждут, с покупателями говорим, о покупателях помним.",
    );
}

#[test]
fn wrong_term_replaces_chinese_terms_directly() {
    assert_fix(RELATIONSHIP, "我们的顾客很满意。", "我们的客户很满意。");
    assert_fix(TRANSACTIONAL, "每位客户都有折扣。", "每位顾客都有折扣。");
}

#[test]
fn membership_prefers_members() {
    assert_fix(MEMBERSHIP, "Customers and clients.", "Members and members.");
    assert_fix(MEMBERSHIP, "с клиентом", "с участником");
}

#[test]
fn wrong_term_never_flags_technical_senses_or_fixed_phrases() {
    assert_eq!(
        findings(
            TRANSACTIONAL,
            "The HTTP client and client-side code. На стороне клиента. 客户端。"
        ),
        []
    );
    assert_eq!(
        findings(
            RELATIONSHIP,
            "Customer service and обслуживание покупателей, 顾客服务."
        ),
        []
    );
}

#[test]
fn a_term_set_against_another_is_the_subject_not_a_finding() {
    for text in [
        "We serve clients, not customers.",
        "We serve customers, not clients.",
        "Мы работаем с клиентами, а не с покупателями.",
        "我们服务的是客户而不是顾客。",
        "Clients versus customers: what is the difference?",
        // Each side may be a kind, and the second may start its clause.
        "Unlike an agency's clients, a bakery's customers rarely sign anything.",
        "We say customers, not clients, on every page.",
        "不同于事务所的客户，超市的顾客很少签合同。",
        "我们面对的不是客户，而是顾客通常只买一次。",
        // A definition set against the other word.
        "Our clients are firms that hire us, not customers.",
        "Наши клиенты — это компании, а не покупатели.",
        "Наши покупатели являются частными лицами, а не клиентами.",
        "我们的客户是委托律所办案的企业，而不是在零售店购物的顾客。",
        // The second side may have a modifier after it: it names another
        // word, not a kind of the first.
        "Мы называем вас не клиентами, а участниками клуба.",
        "Нам пишут не покупатели, а клиенты агентства.",
        "We serve clients, not customers of a shop.",
    ] {
        for business in [RELATIONSHIP, TRANSACTIONAL, MEMBERSHIP] {
            assert_eq!(findings(business, text), [], "{business}: {text}");
        }
    }
    // A definition with nothing set against it is no contrast.
    assert_eq!(
        findings(RELATIONSHIP, "Our clients are firms, and customers pay.").len(),
        1
    );
    // Far apart, or joined by no connector, the suggestion stands.
    assert_fix(
        RELATIONSHIP,
        "Clients call us. Customers write to us.",
        "Clients call us. Clients write to us.",
    );
    // The same in a mixed document: the contrast is no minority use.
    assert_eq!(
        findings("", "A client, a client, clients rather than customers."),
        []
    );
}

#[test]
fn parties_a_law_or_a_sale_names_are_not_the_people_served() {
    for text in [
        "Гарантия нужна, если заказчик по 44-ФЗ требует обеспечения.",
        "Государственный заказчик публикует извещение.",
        "Договор с муниципальным заказчиком подписан.",
        "Продавец и покупатель доли подписывают договор у нотариуса.",
        "Расчёты между покупателем и продавцом идут через аккредитив.",
    ] {
        assert_eq!(findings(RELATIONSHIP, text), [], "{text}");
    }
    // The people a firm serves are still its clients.
    assert_eq!(
        findings(RELATIONSHIP, "Заказчик подписывает акт, покупатель платит.").len(),
        2
    );
}

#[test]
fn telling_two_roles_apart_is_a_contrast() {
    assert_eq!(
        findings(
            TRANSACTIONAL,
            "В отчёте мы различаем покупателя и клиента: у клиента есть договор."
        )
        .len(),
        1
    );
}

#[test]
fn receivables_are_a_term_of_accounting_not_a_word_choice() {
    for text in [
        "Откройте модуль расчетов с клиентами и выберите журнал.",
        "Расчёты с клиентами ведутся в рублях.",
        "Отчеты по расчетам с клиентами обновляются ночью.",
    ] {
        assert_eq!(findings(TRANSACTIONAL, text), [], "{text}");
    }
    // The people themselves are still the shop's customers.
    assert_eq!(
        findings(
            TRANSACTIONAL,
            "Расчеты с клиентами ведёт бухгалтер, клиенты платят картой."
        )
        .len(),
        1
    );
}

#[test]
fn a_mystery_shopper_is_a_method_not_a_customer() {
    assert_eq!(
        findings(
            RELATIONSHIP,
            "Агентство проводит проверки методом «тайный покупатель» для клиентов."
        ),
        []
    );
    assert_eq!(
        findings(
            RELATIONSHIP,
            "Тайные покупатели звонят в магазин, покупатели пишут."
        )
        .len(),
        1
    );
}

#[test]
fn a_mini_program_is_what_people_book_in_not_a_program_to_install() {
    assert_eq!(
        findings(MEMBERSHIP, "客户可通过俱乐部小程序提前七天预约开球时间。").len(),
        1
    );
    // A program is still one.
    assert_eq!(findings(MEMBERSHIP, "请在程序中配置客户的证书和连接。"), []);
}

#[test]
fn wrong_term_leaves_the_preferred_role_alone() {
    assert_eq!(findings(RELATIONSHIP, "Our clients, клиенты, 客户."), []);
    assert_eq!(findings(RELATIONSHIP, "Our users and members."), []);
}

#[test]
fn allowed_phrases_are_never_flagged() {
    let config = "business = \"relationship\"\n[allow]\nphrases = [\"Customer Portal\"]";
    assert_eq!(
        findings(config, "Open the customer portal. Customers wait."),
        [(
            "wrong-term",
            "Customers".to_owned(),
            Some("Clients".to_owned())
        )]
    );
}

#[test]
fn a_rule_turned_off_reports_nothing_and_relevelled_rules_change_severity() {
    let off = format!("{RELATIONSHIP}\n[rules]\nwrong-term = \"off\"");
    assert_eq!(findings(&off, "Customers."), []);
    let info = format!("{RELATIONSHIP}\n[rules]\nwrong-term = \"info\"");
    let d = lint_text("Customers.", &LEXICON, &settings(&info));
    assert_eq!(d[0].severity, Severity::Info);
}

// --- mixed-terms ------------------------------------------------------------

#[test]
fn mixed_terms_flags_the_minority_with_a_note_at_the_majority() {
    let text = "A client signs. Clients pay. One customer waits.";
    let d = lint_text(text, &LEXICON, &Settings::default());
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].rule, RuleId::MixedTerms);
    assert_eq!(d[0].severity, Severity::Warning);
    assert_eq!(d[0].matched, "customer");
    assert_eq!(d[0].suggestion.as_deref(), Some("client"));
    assert_eq!(d[0].related.len(), 1);
    assert_eq!(d[0].related[0].span.slice(text), Some("client"));
    assert!(
        d[0].related[0].message.contains("2 of 3"),
        "{}",
        d[0].related[0].message
    );
}

#[test]
fn on_a_tie_the_role_used_first_is_the_majority() {
    assert_eq!(
        findings("", "Покупатель пришёл. Клиент ушёл."),
        [(
            "mixed-terms",
            "Клиент".to_owned(),
            Some("Покупатель".to_owned())
        )]
    );
}

#[test]
fn mixed_terms_counts_each_language_apart() {
    assert_eq!(
        findings("", "Our clients. Наши покупатели. 我们的顾客。"),
        []
    );
}

#[test]
fn mixed_terms_ignores_technical_senses_and_alternatives() {
    assert_eq!(
        findings("", "Customers use the HTTP client. Users and members."),
        []
    );
    assert_eq!(findings("", "顾客下载客户端。"), []);
}

#[test]
fn mixed_terms_runs_only_without_a_business_or_with_mixed() {
    let text = "Clients and clients and a customer.";
    assert_eq!(findings("business = \"mixed\"", text).len(), 1);
    assert_eq!(findings("", text).len(), 1);
    assert_eq!(
        findings(RELATIONSHIP, text),
        [(
            "wrong-term",
            "customer".to_owned(),
            Some("client".to_owned())
        )]
    );
}

#[test]
fn mixed_terms_suggests_the_majoritys_most_frequent_term_in_the_same_form() {
    assert_eq!(
        findings("", "Заказчик, заказчики, покупатель. Клиентами займёмся."),
        [(
            "mixed-terms",
            "Клиентами".to_owned(),
            Some("Заказчиками".to_owned())
        )]
    );
}

// --- the registry --------------------------------------------------------------

#[test]
fn the_table_is_in_variant_order() {
    for (i, rule) in RULES.iter().enumerate() {
        assert_eq!(rule.id as usize, i, "{}", rule.name);
        assert_eq!(RuleId::from_name(rule.name), Some(rule.id));
    }
}

#[test]
fn every_explanation_has_the_fixed_sections() {
    for rule in RULES {
        for section in [
            "## What it does",
            "## What it does not flag",
            "## Why it matters",
            "## Example",
            "## Use instead",
            "## Configuration",
            "## Fix safety",
        ] {
            assert!(
                rule.explanation.contains(section),
                "{} lacks {section}",
                rule.name
            );
        }
    }
}

#[test]
fn rule_names_are_kebab_case() {
    for rule in RULES {
        assert!(
            rule.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            rule.name
        );
    }
}

// --- invariants --------------------------------------------------------------

mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::source::SourceFile;
    use crate::testing::document;

    proptest! {
        #[test]
        fn every_diagnostic_points_at_the_text_it_names(text in document(), business in 0..3usize) {
            let config = ["", RELATIONSHIP, TRANSACTIONAL][business];
            let diagnostics = lint_text(&text, &LEXICON, &settings(config));
            let source = SourceFile::new(text.clone());
            let mut previous = None;
            for d in &diagnostics {
                prop_assert_eq!(d.span.slice(&text), Some(d.matched.as_str()));
                for related in &d.related {
                    prop_assert!(related.span.slice(&text).is_some());
                }
                prop_assert!(d.suggestion.as_deref() != Some(""));
                let start = source.line_column(d.span.start);
                let line_text = &text[..d.span.start];
                let breaks = line_text.matches('\n').count()
                    + line_text.matches('\r').count()
                    - line_text.matches("\r\n").count();
                prop_assert_eq!(start.line, breaks + 1);
                prop_assert!(previous.is_none_or(|p| p <= d.span));
                previous = Some(d.span);
            }
            prop_assert_eq!(lint_text(&text, &LEXICON, &settings(config)), diagnostics);
        }

        #[test]
        fn front_matter_errors_point_inside_the_document(text in document()) {
            let text = format!("---\nclientele:\n{text}");
            if let Err(error) = lint_document(Path::new("a.md"), &text, &LEXICON, &settings("")) {
                let located = error.located().unwrap();
                if let Some(span) = located.span {
                    prop_assert!(span.slice(&text).is_some(), "{span:?}");
                }
            }
        }
    }
}

#[test]
fn a_paragraph_that_describes_each_side_of_a_contrast_is_no_mix() {
    // Each clause starts with one side: the paragraph goes on about the
    // two words it set against each other.
    for text in [
        "Are you a client or a customer? Clients have an agreement with us; customers pay per order.",
        "Вы клиент или покупатель? Клиенты заключают договор, покупатели платят за заказ.",
    ] {
        assert_eq!(findings(RELATIONSHIP, text).len(), 0, "{text}");
    }
    // A use inside a clause, after the contrast, is a slip; so is a use in
    // the next paragraph.
    assert_eq!(
        findings(
            RELATIONSHIP,
            "在本所，签约的企业是客户，而不是顾客。每位客户都对接一名律师，文件由律师与顾客当面确认。"
        )
        .len(),
        1
    );
    assert_eq!(
        findings(
            RELATIONSHIP,
            "Are you a client or a customer? Clients sign; customers pay.\n\nCustomers get a report; clients get a call."
        )
        .len(),
        1
    );
}
