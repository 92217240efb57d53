use std::path::Path;

use super::*;
use crate::config::Settings;
use crate::lexicon::{BUILTIN_PACKS, LexiconBuilder};
use crate::lint::{lint_text, occurrences};
use crate::rules::RuleId;
use crate::testing::{LEXICON, settings};

/// `(matched text, sense, what decided)` of every client-role term in
/// `markdown`, under `lexicon`.
fn senses_with(lexicon: &Lexicon, markdown: &str) -> Vec<(String, Sense, String)> {
    occurrences(markdown, lexicon, &Settings::default())
        .into_iter()
        .filter(|o| lexicon.term(o.term).role == "client")
        .map(|o| {
            let note = note(lexicon, &o);
            let why = match (note.cue, note.scope) {
                (Some(cue), Some(scope)) => {
                    format!("{cue} in the {}", format!("{scope:?}").to_lowercase())
                }
                _ => note.by.to_owned(),
            };
            (o.span.slice(markdown).unwrap().to_owned(), o.sense, why)
        })
        .collect()
}

#[track_caller]
fn assert_senses(markdown: &str, expected: &[(&str, Sense, &str)]) {
    let expected: Vec<(String, Sense, String)> = expected
        .iter()
        .map(|(m, s, w)| ((*m).to_owned(), *s, (*w).to_owned()))
        .collect();
    assert_eq!(senses_with(&LEXICON, markdown), expected, "in {markdown:?}");
}

use Sense::{Business, Fixed, Technical};

#[test]
fn the_sentence_decides_first() {
    assert_senses(
        "The client sends a request to the server.",
        &[("client", Technical, "request in the sentence")],
    );
    assert_senses(
        "Our client signed the contract on Monday.",
        &[("client", Business, "contract in the sentence")],
    );
    assert_senses(
        "Клиент отправляет запрос серверу и ждёт ответа.",
        &[("Клиент", Technical, "сервер in the sentence")],
    );
    assert_senses(
        "Клиент подписал договор и оплатил счёт.",
        &[("Клиент", Business, "договор in the sentence")],
    );
    assert_senses(
        "客户向服务器发送数据。客户签订了合同。",
        &[
            ("客户", Technical, "服务器 in the sentence"),
            ("客户", Business, "合同 in the sentence"),
        ],
    );
}

#[test]
fn phrases_and_code_names_need_no_context() {
    assert_senses(
        "Restart the Windows client. Call Nav.Client.Chart, Client::new or open Web-Client.md.",
        &[
            ("client", Technical, "phrase"),
            ("Client", Technical, "identifier"),
            ("Client", Technical, "identifier"),
            ("Client", Technical, "identifier"),
        ],
    );
    assert_senses(
        "A client-facing desk, each client/owner, and the client(s). 客户:Contoso",
        &[
            ("client", Fixed, "phrase"),
            ("client", Business, "default"),
            ("client", Business, "default"),
            ("客户", Business, "default"),
        ],
    );
}

#[test]
fn without_cues_in_the_sentence_the_paragraph_then_the_heading_decide() {
    assert_senses(
        "The client retries.\nEach retry opens a socket to the server.\n\nThe client waits.",
        &[
            ("client", Technical, "socket in the paragraph"),
            ("client", Technical, "document"),
        ],
    );
    assert_senses(
        "## Proxy settings\n\nSome text first.\n\nRestart the client.",
        &[("client", Technical, "proxy in the heading")],
    );
    assert_senses(
        "## Contracts\n\nSome text first.\n\nCall the client.",
        &[("client", Business, "contract in the heading")],
    );
}

#[test]
fn nothing_hides_a_business_use_that_nothing_argues_against() {
    // No cue: business, whatever the rest of a business document says.
    assert_senses(
        "We met a new client today.",
        &[("client", Business, "default")],
    );
    // One hint is not enough, near or far.
    assert_senses(
        "A client runs the race.",
        &[("client", Business, "default")],
    );
    // The heavier side wins.
    assert_senses(
        "The client asked the server team about an invoice and a refund.",
        &[("client", Business, "invoice in the sentence")],
    );
    // A document whose told uses are business leaves the rest business.
    assert_senses(
        "The client paid.\n\nThe client smiled.",
        &[
            ("client", Business, "paid in the sentence"),
            ("client", Business, "default"),
        ],
    );
}

#[test]
fn words_in_link_targets_and_urls_are_no_cues() {
    assert_senses(
        "Our client [read it](../api/server-request.md) at https://x.org/api/http.",
        &[("client", Business, "default")],
    );
}

#[test]
fn terms_on_a_long_line_are_read_alike_from_start_to_end() {
    // Every term is read in its capped window: the verdicts are the same
    // at the start and the end of a 600 KB line.
    let line = "the client and the server ".repeat(24_000);
    let found = senses_with(&LEXICON, &line);
    assert_eq!(found.len(), 24_000);
    assert!(found.iter().all(|(_, sense, _)| *sense == Technical));
}

#[test]
fn technical_terms_never_fire_wrong_term_or_mixed_terms_but_self_contrast_sees_them() {
    let rules = |config: &str, markdown: &str| -> Vec<RuleId> {
        lint_text(markdown, &LEXICON, &settings(config))
            .into_iter()
            .map(|d| d.rule)
            .collect()
    };
    let transactional = "business = \"transactional\"";
    assert!(rules(transactional, "The client sends a request to the server.").is_empty());
    assert_eq!(
        rules(transactional, "Our client paid the invoice."),
        [RuleId::WrongTerm]
    );
    let mixed = "business = \"mixed\"";
    let text = "The customer pays. The client sends a request to the server.";
    assert!(rules(mixed, text).is_empty(), "{text}");
    let text = "The server sees the client vs the client.";
    assert_eq!(rules(mixed, text), [RuleId::SelfContrast]);
}

#[test]
fn a_user_pack_adds_cues_and_its_mistakes_are_errors() {
    let with = |pack: &str| {
        let mut builder = LexiconBuilder::default();
        builder.add_builtin_packs().unwrap();
        builder.add_pack("mine.toml", pack)?;
        builder.build()
    };
    let pack = "lang = \"en\"\n[sense]\n[[sense.cues]]\nsense = \"technical\"\nweight = 3\nwords = [\"frobnicator*\", \"client portal\"]\n";
    let lexicon = with(pack).unwrap();
    assert_eq!(
        senses_with(&lexicon, "The client talks to the frobnicators."),
        [(
            "client".to_owned(),
            Technical,
            "frobnicator in the sentence".to_owned()
        )]
    );
    // A word listed again is weighed anew.
    let again = "lang = \"en\"\n[sense]\n[[sense.cues]]\nsense = \"business\"\nweight = 9\nwords = [\"server*\"]\n";
    assert_eq!(
        senses_with(
            &with(again).unwrap(),
            "The client sends a request to the server."
        ),
        [(
            "client".to_owned(),
            Business,
            "server in the sentence".to_owned()
        )]
    );
    // A cue may hold the term itself.
    assert_eq!(
        senses_with(&lexicon, "Open the client portal."),
        [(
            "client".to_owned(),
            Technical,
            "client portal in the sentence".to_owned()
        )]
    );
    for (pack, message) in [
        (
            "lang = \"en\"\n[sense]\n[[sense.cues]]\nsense = \"technical\"\nweight = 0\nwords = [\"x\"]\n",
            "a cue weight is a whole number from 1 to 9",
        ),
        (
            "lang = \"en\"\n[sense]\nroles = [\"patron\"]\n",
            "no term of language `en` has the role `patron`",
        ),
        (
            "lang = \"en\"\n[sense]\n[[sense.cues]]\nsense = \"technical\"\nweight = 1\nwords = [\"*\"]\n",
            "cue `*` is empty or spans lines",
        ),
        (
            "lang = \"en\"\n[sense]\n[[sense.cues]]\nsense = \"software\"\nweight = 1\nwords = [\"x\"]\n",
            "unknown variant `software`",
        ),
    ] {
        let error = with(pack).unwrap_err().to_string();
        assert!(error.contains(message), "{pack}: {error}");
    }
}

fn read_corpus(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (../shared must be beside the checkout)",
            path.display()
        )
    })
}

/// The labelled sample: `tests/data/sense-labels.tsv` holds 359
/// client-role occurrences (`client`, `клиент` and `клиентка` in any form,
/// `客户`) found by clientele in `../shared/corpus`, with the label a reader
/// gave each after reading its sentence (and, where that did not settle
/// it, the file around it): `technical` for software, a machine, a tenant
/// or an identifier, `business` for a person or organisation served, or the
/// record that stands for one.
///
/// Sampling: 120 occurrences per language, drawn at random (fixed seed)
/// from every client-role occurrence the collocation-only matcher found,
/// phrases such as `客户端` included, with an equal share per corpus
/// folder and at most one per file. A folder with fewer occurrences than
/// its share (`ru/javascript-info` has 31, `zh/javascript-info` 15) gave
/// all of them and the rest went to the other folders of its language.
/// One Chinese occurrence in a garbled machine-translated sentence could
/// not be labelled and was left out.
///
/// The targets: recall of each class at least 0.97.
#[test]
fn the_labelled_corpus_sample_is_classified_within_target() {
    let Some(corpus) = crate::testing::shared("corpus") else {
        return;
    };
    let labels = include_str!("../../tests/data/sense-labels.tsv");
    // (label, predicted) → count
    let mut counts = std::collections::BTreeMap::<(&str, &str), usize>::new();
    let mut wrong = Vec::new();
    for line in labels.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.split('\t');
        let (Some(path), Some(offset), Some(label), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            panic!("not `path<TAB>offset<TAB>label`: {line:?}");
        };
        let offset: usize = offset.parse().unwrap();
        let text = read_corpus(&corpus.join(path));
        let found = occurrences(&text, &LEXICON, &Settings::default());
        let occurrence = found
            .iter()
            .find(|o| o.span.start == offset)
            .unwrap_or_else(|| panic!("{path}:{offset}: no term there any more"));
        assert_eq!(
            LEXICON.term(occurrence.term).role,
            "client",
            "{path}:{offset}"
        );
        let predicted = if occurrence.sense == Technical {
            "technical"
        } else {
            "business"
        };
        *counts.entry((label, predicted)).or_default() += 1;
        if label != predicted {
            wrong.push(format!("{path}:{offset}: {label}, read {predicted}"));
        }
    }
    let count = |label, predicted| counts.get(&(label, predicted)).copied().unwrap_or(0);
    let total = counts.values().sum::<usize>();
    assert_eq!(total, 359, "the sample changed");
    for (class, other) in [("technical", "business"), ("business", "technical")] {
        let hit = count(class, class) as f64;
        let recall = hit / (hit + count(class, other) as f64);
        let precision = hit / (hit + count(other, class) as f64);
        println!("{class}: recall {recall:.3}, precision {precision:.3}");
        assert!(
            recall >= 0.97,
            "{class} recall {recall:.3} < 0.97; misread:\n{}",
            wrong.join("\n")
        );
    }
}

/// The built-in lexicon without its `[sense]` cues: the collocation-only
/// classifier the context must not lose business uses against.
fn collocations_only() -> Lexicon {
    let mut builder = LexiconBuilder::default();
    for (path, text) in BUILTIN_PACKS {
        let without = text.split("\n[sense]").next().unwrap();
        builder.add_pack(path, without).unwrap();
    }
    builder.build().unwrap()
}

/// `(client-role occurrences, client-role wrong-term findings)` of every
/// Markdown file under `folder` with `business = "transactional"`.
fn client_findings(lexicon: &Lexicon, folder: &Path) -> (usize, usize) {
    // Both lexicons load the same business types, in the same order.
    let settings = settings("business = \"transactional\"");
    let (files, errors) = crate::walk::collect(&[folder.to_path_buf()]);
    assert!(errors.is_empty(), "{errors:?}");
    let (mut found, mut flagged) = (0, 0);
    for file in files {
        let text = read_corpus(&file.path);
        found += occurrences(&text, lexicon, &settings)
            .iter()
            .filter(|o| lexicon.term(o.term).role == "client")
            .count();
        flagged += lint_text(&text, lexicon, &settings)
            .iter()
            .filter(|d| d.rule == RuleId::WrongTerm && d.role == "client")
            .count();
    }
    (found, flagged)
}

/// The corpus targets, with `business = "transactional"`: in software
/// docs, wrong-term fires on at most 2 % of the client-role terms; in
/// business docs, context loses at most 3 % of the client-role wrong-term
/// findings of the collocation-only classifier.
#[test]
fn the_corpus_targets_hold() {
    let Some(corpus) = crate::testing::shared("corpus") else {
        return;
    };
    for folder in ["en/bc-devitpro", "ru/javascript-info", "zh/javascript-info"] {
        let (found, flagged) = client_findings(&LEXICON, &corpus.join(folder));
        println!("{folder}: {flagged} findings on {found} client-role terms");
        assert!(found > 0, "{folder}");
        assert!(flagged * 50 <= found, "{folder}: {flagged} of {found}");
    }
    let before = collocations_only();
    for folder in ["ru/bc-docs", "zh/partner-center"] {
        let (_, flagged) = client_findings(&LEXICON, &corpus.join(folder));
        let (_, baseline) = client_findings(&before, &corpus.join(folder));
        println!("{folder}: {flagged} findings, {baseline} with collocations only");
        assert!(baseline > 0, "{folder}");
        assert!(
            flagged * 100 >= baseline * 97,
            "{folder}: {flagged} of {baseline}"
        );
    }
}

#[test]
fn markup_around_a_term_is_no_cue() {
    // HTML attributes, heading attributes and math are not prose.
    assert_senses(
        "The client <span data-role=\"server proxy\">waits</span>.",
        &[("client", Business, "default")],
    );
    assert_senses(
        "<Note type=\"server\" icon=\"proxy\">\nThe client waits.\n</Note>",
        &[("client", Business, "default")],
    );
    assert_senses(
        "## Overview {#proxy-server}\n\nSome text first.\n\nCall the client.",
        &[("client", Business, "default")],
    );
    assert_senses(
        "The client waits for $server + proxy$.",
        &[("client", Business, "default")],
    );
    assert_senses(
        "<div class=\"сервер\">\nКлиент ждёт.\n</div>",
        &[("Клиент", Business, "default")],
    );
    assert_senses(
        "<div class=\"服务器\">\n客户在等。\n</div>",
        &[("客户", Business, "default")],
    );
    // The prose inside a component still tells.
    assert_senses(
        "<Note type=\"info\">\nThe client sends a request to the server.\n</Note>",
        &[("client", Technical, "request in the sentence")],
    );
}

#[test]
fn a_hash_line_that_is_no_heading_does_not_end_a_sentence() {
    assert_senses(
        "The client waits on the\n#1 proxy in the region.",
        &[("client", Technical, "proxy in the sentence")],
    );
    assert_senses(
        "Клиент долго ждёт\n#1 сервера в регионе.",
        &[("Клиент", Technical, "сервер in the sentence")],
    );
}
