use std::io::Write;
use std::path::Path;

use super::*;
use crate::config::Settings;
use crate::lexicon::{BUILTIN_PACKS, LexiconBuilder};
use crate::lint::{lint_text, occurrences};
use crate::registry::RuleId;
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
        "## Proxy settings\n\nSome text first.\n\nCheck the client.",
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
    let pack = "lang = \"en\"\n[sense]\n[[sense.cues]]\nsense = \"technical\"\nweight = 3\nwords = [\"frobnicator*\", \"client widget\"]\n";
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
        senses_with(&lexicon, "Open the client widget."),
        [(
            "client".to_owned(),
            Technical,
            "client widget in the sentence".to_owned()
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

/// `(expected, read)` of every client-role term of the fixture pages in
/// `tests/fixtures/sense/<split>`: a page named `technical-*` means every
/// one in the software sense, `business-*` in the business sense.
fn fixture_senses(split: &str) -> Vec<(String, Sense, Sense)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sense")
        .join(split);
    let mut pages: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    pages.sort();
    let mut found = Vec::new();
    for page in pages {
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        let expected = if name.starts_with("technical-") {
            Technical
        } else {
            Business
        };
        let text = std::fs::read_to_string(&page).unwrap();
        for o in occurrences(&text, &LEXICON, &Settings::default()) {
            if LEXICON.term(o.term).role != "client" {
                continue;
            }
            let read = if o.sense == Technical {
                Technical
            } else {
                Business
            };
            let line = text[..o.span.start].lines().count().max(1);
            found.push((format!("{split}/{name}:{line}"), expected, read));
        }
    }
    found
}

/// The hand-written fixture pages: software documentation (OAuth, TLS, an
/// SDK, a CLI) whose client is a program, and business pages whose client
/// is a customer. Per class, the `dev` pages (tuned on) must be read right
/// at 0.95 or better, the `heldout` pages (written as a check and not tuned
/// on) at 0.9.
#[test]
fn the_sense_fixtures_are_read_right() {
    for (split, target) in [("dev", 0.95), ("heldout", 0.9)] {
        let found = fixture_senses(split);
        for class in [Technical, Business] {
            let of: Vec<_> = found.iter().filter(|(_, e, _)| *e == class).collect();
            let right = of.iter().filter(|(_, e, r)| e == r).count();
            let recall = right as f64 / of.len() as f64;
            println!("{split} {class:?}: {right} of {} read right", of.len());
            let wrong: Vec<_> = of
                .iter()
                .filter(|(_, e, r)| e != r)
                .map(|(at, _, _)| at.as_str())
                .collect();
            assert!(
                recall >= target,
                "{split} {class:?}: recall {recall:.3} < {target}; misread at {wrong:?}"
            );
        }
    }
}

/// How many findings per corpus folder the findings sample holds.
const SAMPLED_PER_FOLDER: usize = 100;

/// What the findings of each language must reach: the share of the
/// labelled findings still reported that are right, names left out (a
/// product, page, field or quoted name is another check's business, and
/// `name` findings are counted apart), folders weighed by their findings.
/// English stays below 0.95 for now (see README: "Findings precision"):
/// its floor keeps what was reached from slipping back.
const FINDINGS_PRECISION: [(&str, f64); 3] = [("en", 0.75), ("ru", 0.95), ("zh", 0.95)];

/// The findings sample: `tests/data/findings-labels.tsv` labels client-role
/// `wrong-term` findings on `../shared/corpus` with `business =
/// "transactional"` (see its header and `scripts/findings-sample.py`, which
/// draws the same sample from a binary). Per folder, the findings not in
/// the occurrence sample, ordered by the SHA-256 of `path<TAB>byte
/// start<TAB>matched`, first 100: a finding keeps its place whatever else a
/// build finds. Prints precision per folder and language, and every sampled
/// finding without a label, to be labelled.
#[test]
fn the_findings_sample_is_precise() {
    use rayon::prelude::*;
    use sha2::{Digest, Sha256};
    let Some(corpus) = crate::testing::shared("corpus") else {
        return;
    };
    let hex = |key: &str| {
        Sha256::digest(key.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let seen: std::collections::HashSet<(&str, usize)> =
        include_str!("../../tests/data/sense-labels.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| {
                let mut f = l.split('\t');
                (f.next().unwrap(), f.next().unwrap().parse().unwrap())
            })
            .collect();
    let labels: std::collections::HashMap<String, (&str, &str)> =
        include_str!("../../tests/data/findings-labels.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f[..3].join("\t"), (f[3], f[4]))
            })
            .collect();
    let settings = settings("business = \"transactional\"");
    let mut folders: Vec<String> = Vec::new();
    for lang in ["en", "ru", "zh"] {
        let mut names: Vec<String> = std::fs::read_dir(corpus.join(lang))
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.path().is_dir())
            .map(|e| format!("{lang}/{}", e.file_name().to_string_lossy()))
            .collect();
        names.sort();
        folders.extend(names);
    }
    // language → (weighed right, weight) without names, and with them
    let mut languages: Vec<(&str, f64, f64, f64, f64)> = Vec::new();
    let mut unlabelled = Vec::new();
    for folder in &folders {
        let (files, errors) = crate::walk::collect(&[corpus.join(folder)]);
        assert!(errors.is_empty(), "{errors:?}");
        let mut keys: Vec<String> = files
            .par_iter()
            .flat_map_iter(|file| {
                let text = read_corpus(&file.path);
                let path = file
                    .path
                    .strip_prefix(&corpus)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                lint_text(&text, &LEXICON, &settings)
                    .into_iter()
                    .filter(|d| d.rule == RuleId::WrongTerm && d.role == "client")
                    .map(|d| format!("{path}\t{}\t{}", d.span.start, d.matched))
                    .collect::<Vec<_>>()
            })
            .collect();
        let found = keys.len() as f64;
        keys.retain(|k| {
            let mut f = k.split('\t');
            let (path, start) = (f.next().unwrap(), f.next().unwrap().parse().unwrap());
            !seen.contains(&(path, start))
        });
        keys.sort_by_cached_key(|k| hex(k));
        keys.truncate(SAMPLED_PER_FOLDER);
        let (mut right, mut wrong, mut names) = (0, 0, 0);
        for key in keys {
            match labels.get(&key) {
                Some(("right", _)) => right += 1,
                Some((_, "name")) => names += 1,
                Some(_) => wrong += 1,
                None => unlabelled.push(key),
            }
        }
        println!("{folder}: {found} findings, {right} right, {wrong} false, {names} names");
        let lang = &folder[..2];
        let at = match languages.iter().position(|l| l.0 == lang) {
            Some(at) => at,
            None => {
                languages.push((lang, 0.0, 0.0, 0.0, 0.0));
                languages.len() - 1
            }
        };
        let entry = &mut languages[at];
        if right + wrong > 0 {
            entry.1 += found * f64::from(right) / f64::from(right + wrong);
            entry.2 += found;
        }
        if right + wrong + names > 0 {
            entry.3 += found * f64::from(right) / f64::from(right + wrong + names);
            entry.4 += found;
        }
    }
    if !unlabelled.is_empty() {
        println!(
            "{} sampled findings have no label in tests/data/findings-labels.tsv:\n{}",
            unlabelled.len(),
            unlabelled.join("\n")
        );
    }
    for (lang, target) in FINDINGS_PRECISION {
        let (_, right, of, all_right, all_of) = *languages.iter().find(|l| l.0 == lang).unwrap();
        let precision = right / of;
        println!(
            "{lang}: precision {precision:.3} without names, {:.3} with them",
            all_right / all_of
        );
        assert!(
            precision >= target,
            "{lang}: findings precision {precision:.3} < {target}"
        );
    }
}

#[test]
fn a_client_that_modifies_a_software_noun_is_a_program() {
    assert_senses(
        "We trust the client, utility, and helper classes we ship.",
        &[("client", Technical, "phrase")],
    );
    assert_senses(
        "Two client instances share the cache.",
        &[("client", Technical, "phrase")],
    );
    // A possessive or another noun is left to the cues.
    assert_senses(
        "The client's instances of late payment vary.",
        &[("client's", Business, "payment in the sentence")],
    );
}

#[test]
fn a_term_after_an_include_or_as_a_place_is_a_program() {
    assert_senses(
        "Open the [!INCLUDE[prod_short](includes/prod_short.md)] client.",
        &[("client", Technical, "phrase")],
    );
    assert_senses(
        "Users who need it change it in the client, as a partner would.",
        &[("client", Technical, "phrase")],
    );
    assert_senses(
        "Keep the letters in the client's folder for the partner.",
        &[("client's", Business, "partner in the sentence")],
    );
}

#[test]
fn weak_business_cues_do_not_outweigh_a_program() {
    // Weak cues alone decide nothing: the paragraph does.
    assert_senses(
        "We help the client.\nIt calls the token endpoint.",
        &[("client", Technical, "token endpoint in the paragraph")],
    );
    // Beside a strong technical cue next to the term, they count for
    // nothing; a firm business cue still counts.
    assert_senses(
        "We trust the TLS handshake of the client and help it.",
        &[("client", Technical, "handshake in the sentence")],
    );
    assert_senses(
        "Our client trusts the server team with the invoice.",
        &[("client", Business, "invoice in the sentence")],
    );
    // A heading without cues is read in its section.
    assert_senses(
        "# Setup\n\n## Client\n\nSet the proxy and the port.",
        &[("Client", Technical, "proxy in the section")],
    );
}

#[test]
fn weak_technical_cues_do_not_make_a_program_however_many() {
    // `runs`, `sends`, `run`, `updates`: hints that go with people too.
    assert_senses(
        "The bureau runs payroll for each client. Each client sends \
         timesheets and updates them; a late one moves to the next run.",
        &[
            ("client", Business, "default"),
            ("client", Business, "default"),
        ],
    );
    // One cue above the weak ones among them is enough.
    assert_senses(
        "The client sends the update and runs the installer on the server.",
        &[("client", Technical, "server in the sentence")],
    );
}

/// Writes, for `scripts/fit-cue-weights.py`, the cue features of every
/// labelled client-role use: the occurrence sample, the findings sample
/// (labels `right` and `technical` only) and the fixture pages, each with
/// its split. Per use and scope (sentence, paragraph), the hits of each cue
/// group (language, sense, weight), counting those near the term double.
/// Run with `cargo test --lib cue_features -- --ignored --nocapture`.
#[test]
#[ignore = "writes data for scripts/fit-cue-weights.py"]
fn cue_features() {
    use sha2::{Digest, Sha256};
    let Some(corpus) = crate::testing::shared("corpus") else {
        return;
    };
    let split_of = |key: &str| {
        if Sha256::digest(format!("split:{key}").as_bytes())[0] % 2 == 0 {
            "tune"
        } else {
            "heldout"
        }
    };
    // (text, offset, label, split, source)
    let mut uses: Vec<(String, usize, &str, &str, String)> = Vec::new();
    for line in include_str!("../../tests/data/sense-labels.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let f: Vec<&str> = line.split('\t').collect();
        let key = format!("{}\t{}", f[0], f[1]);
        let label = if f[2] == "technical" {
            "technical"
        } else {
            "business"
        };
        uses.push((
            read_corpus(&corpus.join(f[0])),
            f[1].parse().unwrap(),
            label,
            split_of(&key),
            key,
        ));
    }
    for line in include_str!("../../tests/data/findings-labels.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        let label = match (f[3], f[4]) {
            ("right", _) => "business",
            (_, "technical") => "technical",
            _ => continue,
        };
        uses.push((
            read_corpus(&corpus.join(f[0])),
            f[1].parse().unwrap(),
            label,
            if f[5] == "tune" { "tune" } else { "heldout" },
            format!("{}\t{}", f[0], f[1]),
        ));
    }
    for split in ["dev", "heldout"] {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/sense")
            .join(split);
        for page in std::fs::read_dir(folder).unwrap() {
            let page = page.unwrap().path();
            let name = page.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&page).unwrap();
            let label = if name.starts_with("technical-") {
                "technical"
            } else {
                "business"
            };
            for o in occurrences(&text, &LEXICON, &Settings::default()) {
                if LEXICON.term(o.term).role == "client" {
                    let split = if split == "dev" { "tune" } else { "heldout" };
                    let key = format!("{split}/{name}\t{}", o.span.start);
                    uses.push((text.clone(), o.span.start, label, split, key));
                }
            }
        }
    }
    let cues = LEXICON.cues();
    let mut out = std::io::stdout().lock();
    for (text, offset, label, split, key) in &uses {
        let found = occurrences(text, &LEXICON, &Settings::default());
        let Some(occurrence) = found.iter().find(|o| o.span.start == *offset) else {
            continue;
        };
        // Phrases and code names decide before the cues do.
        if !matches!(
            occurrence.reason,
            Reason::Cue { .. } | Reason::Default | Reason::Document
        ) {
            continue;
        }
        let outline = crate::markdown::outline(text);
        let mut reader = Reader {
            text,
            lexicon: &LEXICON,
            folded: Folded::default(),
            found: Default::default(),
            sentence: None,
            paragraph: None,
            prose: &outline.prose,
            terms: found.iter().map(|o| o.phrase).collect(),
        };
        let lang = LEXICON.term(occurrence.term).lang;
        let code = &LEXICON.language(lang).code;
        let sentence = window::sentence(text, &outline.headings, occurrence.span).span;
        let paragraph = window::paragraph(text, occurrence.span).span;
        let mut features = Vec::new();
        for (scope, span) in [(Scope::Sentence, sentence), (Scope::Paragraph, paragraph)] {
            let _ = reader.weigh(span, scope, occurrence);
            for hit in &reader.found[scope as usize].1 {
                let cue = cues.cue(hit.cue);
                let count = if near(text, hit.at, occurrence.span) {
                    2
                } else {
                    1
                };
                features.push(format!(
                    "{:?}:{code}:{:?}:{}={count}",
                    scope, cue.sense, cue.weight
                ));
            }
        }
        let _ = writeln!(
            out,
            "FEATURES\t{key}\t{code}\t{label}\t{split}\t{}",
            features.join(" ")
        );
    }
}

/// Hand-made English sentences for the shapes that name a software client
/// in product docs, and the business uses beside them that must stay
/// flagged.
#[test]
fn english_software_clients_and_the_people_beside_them() {
    let technical = [
        "Import your new Typewriter client into your project.",
        "Users can open the file in the Microsoft Project client integration.",
        "Mail goes out through the Outlook client when you press Send.",
        "Set the client culture before you format dates.",
        "The client stack handles retries for you.",
        "Measure client performance before you add more pages.",
        "Pick a client option in the list.",
        "It works with KQL editors and clients alike.",
        "Profiles can be created from the client by a user.",
        "The view can be shared directly from the client.",
        "Occurs when an email was sent from the client.",
        "Files are created on the server and not on the client.",
        "# Requirements\n\n## Client\n\nA 2 GHz processor and 8 GB of memory.",
    ];
    for markdown in technical {
        let senses = senses_with(&LEXICON, markdown);
        assert!(
            senses.iter().all(|(_, sense, _)| *sense == Technical),
            "{markdown:?}: {senses:?}"
        );
    }
    let business = [
        "Contoso's client asked for a new quote.",
        "She is a new client of the agency.",
        "Send the invoice to the client.",
        "Our European clients pay in euros.",
        "Our London clients love the new office.",
        "Our Enterprise clients get an account manager.",
        "We received the signed contract from the client.",
        "The lawyer met the client on Monday.",
        "Every client gets a discount on the second order.",
        "Thank the client for the order.",
        "We focus on the client.",
    ];
    for markdown in business {
        let senses = senses_with(&LEXICON, markdown);
        assert!(
            !senses.is_empty() && senses.iter().all(|(_, sense, _)| *sense == Business),
            "{markdown:?}: {senses:?}"
        );
    }
}

/// A UI label names a page, not the people: it takes no part in the
/// document's vote on what its other uses mean.
#[test]
fn a_page_label_does_not_vote_for_the_rest_of_the_page() {
    let markdown = "1. Open the **Clients** page and select a row.\n\
                    2. Choose **Refund**.\n\n\
                    The client hears from us within a day.\n";
    let senses = senses_with(&LEXICON, markdown);
    let prose = senses.iter().find(|(said, _, _)| said == "client");
    assert!(matches!(prose, Some((_, Business, _))), "{senses:?}");
}

/// What a possessive term owns tells who it is, whatever the rest of the
/// sentence says: people have orders, programs have certificates.
#[test]
fn a_possessive_that_owns_a_business_thing_is_a_person() {
    let senses = senses_with(
        &LEXICON,
        "Call the REST API to load a client's invoices before the refund.",
    );
    assert!(
        senses.iter().all(|(_, sense, _)| *sense == Business),
        "{senses:?}"
    );
    for markdown in [
        "Call the REST API with the client's certificate over HTTPS.",
        "Call the REST API and read the client's response headers.",
    ] {
        let senses = senses_with(&LEXICON, markdown);
        assert!(
            senses.iter().all(|(_, sense, _)| *sense != Business),
            "{markdown:?}: {senses:?}"
        );
    }
}

/// The head nouns of a program count only for the plain term right before
/// them: a possessive or a list with a person's word is a person's.
#[test]
fn a_possessive_before_a_software_noun_stays_a_person() {
    for markdown in [
        "The client's options for the invoice are listed.",
        "We track clients and their performance against the contract.",
        "Our client builds trust with every order.",
    ] {
        let senses = senses_with(&LEXICON, markdown);
        assert!(
            senses.iter().all(|(_, sense, _)| *sense == Business),
            "{markdown:?}: {senses:?}"
        );
    }
}

#[test]
fn acronyms_that_are_words_in_lower_case_are_no_cues() {
    // `REST` and `Windows` would be the rest of the month and a shop's
    // delivery windows.
    assert_senses(
        "A client who upgrades mid-month is billed pro rata for the rest of the month.",
        &[("client", Business, "who in the sentence")],
    );
    assert_senses(
        "Each client picks a time from the windows we offer.",
        &[("client", Business, "default")],
    );
    assert_senses(
        "The client calls the REST API with a token.",
        &[("client", Technical, "REST API in the sentence")],
    );
}

#[test]
fn a_person_in_person_is_no_program() {
    assert_senses(
        "客户端需要携带令牌。返回结果只包含客户本人下的订单。",
        &[
            ("客户", Technical, "phrase"),
            ("客户", Business, "本人 in the sentence"),
        ],
    );
}
