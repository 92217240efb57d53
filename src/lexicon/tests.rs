use std::sync::LazyLock;

use super::*;
use crate::config::Settings;
use crate::lint::occurrences;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::builtin().unwrap());

/// `(matched text, lemma, sense)` of every term occurrence in `markdown`.
fn hits(markdown: &str) -> Vec<(String, String, Sense)> {
    occurrences(markdown, &LEXICON, &Settings::default())
        .into_iter()
        .map(|o| {
            (
                o.span.slice(markdown).unwrap().to_owned(),
                LEXICON.term(o.term).lemma.clone(),
                o.sense,
            )
        })
        .collect()
}

#[track_caller]
fn assert_hits(markdown: &str, expected: &[(&str, &str, Sense)]) {
    let expected: Vec<(String, String, Sense)> = expected
        .iter()
        .map(|(m, l, s)| ((*m).to_owned(), (*l).to_owned(), *s))
        .collect();
    assert_eq!(hits(markdown), expected, "in {markdown:?}");
}

#[track_caller]
fn assert_sense(markdown: &str, sense: Sense) {
    let found = hits(markdown);
    assert_eq!(found.len(), 1, "{markdown:?}: {found:?}");
    assert_eq!(found[0].2, sense, "{markdown:?}");
}

use Sense::{Allowed, Business, Fixed, Technical};

fn slots_of(lemma: &str, form: &str) -> Vec<String> {
    let occurrence = occurrences(form, &LEXICON, &Settings::default())[0];
    assert_eq!(LEXICON.term(occurrence.term).lemma, lemma, "{form}");
    let lang = LEXICON.language(LEXICON.term(occurrence.term).lang);
    occurrence
        .slots
        .iter()
        .map(|s| lang.slots[s].clone())
        .collect()
}

// --- the built-in packs ---------------------------------------------------

/// Both ways of reading a built-in pack give the same values (the bytes
/// hold every field), so the lexicon differs only in having no positions
/// to point errors at; the TOML is still what `check-pack` reads.
#[test]
fn the_prebuilt_packs_are_what_their_toml_says() {
    for ((path, text), read) in BUILTIN_PACKS.into_iter().zip(BUILTIN_PACKS_READ) {
        let from_toml: pack::PackFile = toml::from_str(text).unwrap();
        let again = postcard::to_allocvec(&from_toml).unwrap();
        assert!(again == read, "{path}: the build script wrote other bytes");
        let from_bytes: pack::PackFile = postcard::from_bytes(read).unwrap();
        assert!(
            postcard::to_allocvec(&from_bytes).unwrap() == read,
            "{path}"
        );
    }
}

/// The program reads the prebuilt packs, whose values have no positions:
/// read from the TOML, as a user pack is (every phrase expanded, every
/// connector compiled), a mistake in a pack points at its line.
#[test]
fn the_built_in_packs_load_from_their_toml() {
    let mut builder = LexiconBuilder::default();
    for (path, text) in BUILTIN_PACKS {
        if let Err(e) = builder.add_pack(path, text) {
            panic!("{e}");
        }
    }
    if let Err(e) = builder.build() {
        panic!("{e}");
    }
}

#[test]
fn every_russian_term_has_a_full_aligned_paradigm() {
    let ru = LEXICON.languages().find(|l| l.code == "ru").unwrap();
    assert_eq!(ru.slots.len(), 12);
    for (_, term) in LEXICON
        .terms()
        .filter(|(_, t)| LEXICON.language(t.lang).code == "ru")
    {
        for slot in 0..12 {
            assert!(
                term.form(slot).is_some(),
                "{} lacks slot {slot}",
                term.lemma
            );
        }
        assert!(
            term.form(0).unwrap().starts_with(&term.lemma),
            "{}: the nominative singular comes first",
            term.lemma
        );
    }
}

#[test]
fn the_spec_lexicon_is_present() {
    let lemmas: Vec<&str> = LEXICON.terms().map(|(_, t)| t.lemma.as_str()).collect();
    for lemma in [
        "client",
        "customer",
        "member",
        "subscriber",
        "buyer",
        "shopper",
        "user",
        "consumer",
        "клиент",
        "клиентка",
        "заказчик",
        "заказчица",
        "покупатель",
        "покупательница",
        "участник",
        "подписчик",
        "потребитель",
        "пользователь",
        "客户",
        "顾客",
        "会员",
        "订阅者",
        "买家",
        "用户",
        "消费者",
    ] {
        assert!(lemmas.contains(&lemma), "{lemma} is missing");
    }
}

#[test]
fn business_types_name_preferred_terms_in_every_language() {
    for business in LEXICON.business_types() {
        let Some(role) = &business.prefer else {
            assert_eq!(business.name, "mixed");
            continue;
        };
        for lang in LEXICON.languages() {
            assert!(
                lang.preferred.contains_key(role),
                "{} has no {role}",
                lang.code
            );
        }
    }
    let names: Vec<&str> = LEXICON.business_types().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        ["transactional", "relationship", "membership", "mixed"]
    );
}

#[test]
fn feminine_terms_point_at_their_masculine_counterpart() {
    for (_, term) in LEXICON.terms() {
        if term.gender == Some(Gender::Feminine) {
            let masculine = LEXICON.term(term.masculine.unwrap());
            assert_eq!(masculine.role, term.role, "{}", term.lemma);
        }
    }
}

// --- English ---------------------------------------------------------------

#[test]
fn english_forms_and_capitalisation_are_matched() {
    assert_hits(
        "Customers, CUSTOMER'S, the customers' files, a client’s file and Clients.",
        &[
            ("Customers", "customer", Business),
            ("CUSTOMER'S", "customer", Business),
            ("customers'", "customer", Business),
            ("client’s", "client", Business),
            ("Clients", "client", Business),
        ],
    );
    assert_eq!(slots_of("customer", "customer's"), ["sg-poss"]);
    assert_eq!(slots_of("client", "clients'"), ["pl-poss"]);
}

#[test]
fn english_terms_must_be_whole_words() {
    assert_hits("Our clientele and customerized subclients.", &[]);
    assert_hits("client2 and user_name", &[]);
    assert_hits("使用client连接", &[("client", "client", Business)]);
}

#[test]
fn english_technical_senses_are_not_business() {
    for text in [
        "the HTTP client retries",
        "client-side validation",
        "an API client",
        "your email client",
        "the client library",
        "set the client ID",
        "rotate the client secret",
        "upload a client certificate",
        "a client-server design",
        "the Windows client",
    ] {
        assert_sense(text, Technical);
    }
}

#[test]
fn english_fixed_phrases_are_allowed_everywhere() {
    for text in [
        "call customer service",
        "Customer Support hours",
        "our customer success team",
    ] {
        assert_sense(text, Fixed);
    }
}

// --- Russian ---------------------------------------------------------------

#[test]
fn every_case_form_of_klient_is_found() {
    let forms = [
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
    for form in forms {
        assert_hits(form, &[(form, "клиент", Business)]);
    }
    assert_eq!(slots_of("клиент", "клиента"), ["gen-sg", "acc-sg"]);
    assert_eq!(slots_of("клиент", "клиентов"), ["gen-pl", "acc-pl"]);
    assert_eq!(slots_of("клиентка", "клиенткою"), ["ins-sg"]);
}

#[test]
fn russian_matching_ignores_case_and_respects_word_boundaries() {
    assert_hits(
        "ЗАКАЗЧИКАМИ, Покупательнице и бизнес-клиент; клиентский и заказчиков",
        &[
            ("ЗАКАЗЧИКАМИ", "заказчик", Business),
            // Capitalised mid-sentence: a party a contract defines.
            ("Покупательнице", "покупательница", Allowed),
            ("клиент", "клиент", Business),
            ("заказчиков", "заказчик", Business),
        ],
    );
}

#[test]
fn russian_technical_senses_are_not_business() {
    for text in [
        "проверка на стороне клиента",
        "в почтовом клиенте",
        "HTTP-клиент повторяет запрос",
        "через веб-клиента",
        "архитектура клиент-сервер",
        "тонкий клиент",
        "между клиентом и сервером",
    ] {
        assert_sense(text, Technical);
    }
}

#[test]
fn an_inanimate_klient_after_an_install_or_launch_verb_is_software() {
    for text in [
        "Скачайте клиент с сайта.",
        "перезапустите клиент",
        "Обновите клиенты на всех машинах.",
        "Установите свой клиент.",
        "нужно настроить новый клиент",
    ] {
        assert_sense(text, Technical);
    }
    // The animate accusative is a person; a nominative after a comma
    // starts the next clause.
    for text in [
        "Удалите клиента из списка.",
        "Обновите данные, клиент получит письмо.",
    ] {
        assert_sense(text, Business);
    }
}

#[test]
fn a_klient_that_holds_something_or_is_put_into_is_software() {
    for text in [
        "Отчет отображается в клиенте.",
        "Код выполняется на клиенте.",
        "Проверьте лицензию в пробном клиенте.",
        "Отчеты встроены в клиент Dynamics.",
    ] {
        assert_sense(text, Technical);
    }
    // A person is spoken of in the animate accusative, and after other
    // prepositions; the plural `в клиенты` is said of people.
    for text in [
        "Сделайте ставку на клиента.",
        "Расскажите о клиенте подробнее.",
        "Посетитель перешёл в клиенты после первой покупки.",
    ] {
        assert_sense(text, Business);
    }
}

#[test]
fn the_russian_pack_keeps_prepositions_and_gender_in_agreement() {
    let ru = LEXICON.languages().find(|l| l.code == "ru").unwrap();
    let slot = |name: &str| SlotSet::single(ru.slots.iter().position(|s| s == name).unwrap());
    let text = "думаем о клиенте";
    let term = Span::new(text.len() - "клиенте".len(), text.len());
    assert_eq!(
        ru.preposition_change(text, term, slot("pre-sg"), "участнике"),
        Some((Span::new(13, 15), "об".to_owned()))
    );
    assert_eq!(
        ru.preposition_change(text, term, slot("nom-sg"), "участник"),
        None
    );
    let feminine = Some(Gender::Feminine);
    let masculine = Some(Gender::Masculine);
    assert!(
        ru.agreement
            .changes_gender(slot("ins-sg"), feminine, masculine)
    );
    assert!(
        !ru.agreement
            .changes_gender(slot("ins-pl"), feminine, masculine)
    );
}

#[test]
fn russian_fixed_phrases_are_allowed_everywhere() {
    for text in [
        "качество обслуживания клиентов",
        "служба поддержки покупателей",
    ] {
        assert_sense(text, Fixed);
    }
}

// --- Chinese ---------------------------------------------------------------

#[test]
fn chinese_terms_are_found_inside_han_runs() {
    assert_hits(
        "客户VS。 客户和顾客",
        &[
            ("客户", "客户", Business),
            // Set against each other: the text is about the two words.
            ("客户", "客户", Allowed),
            ("顾客", "顾客", Allowed),
        ],
    );
}

#[test]
fn chinese_terms_are_never_matched_inside_a_longer_known_word() {
    assert_hits(
        "客户端与客户机",
        &[("客户", "客户", Technical), ("客户", "客户", Technical)],
    );
    assert_sense("联系客户服务", Fixed);
}

// --- Markdown --------------------------------------------------------------

#[test]
fn only_prose_is_searched() {
    let markdown = "\
---
title: customer guide
---

# Customers

Text with `customer_id` and <span title=\"customer\">HTML</span>.

```
customer = 1
```

See https://example.com/customer and <https://example.com/customers>.

| a customer | b |
|---|---|

[a customer link](https://example.com/customer) ![customer photo](c.png)
";
    let found: Vec<String> = hits(markdown).into_iter().map(|(m, _, _)| m).collect();
    assert_eq!(found, ["Customers", "customer", "customer", "customer"]);
}

#[test]
fn a_phrase_matches_across_a_soft_line_break() {
    assert_sense("Call customer\nservice today.", Fixed);
}

// --- malformed packs ---------------------------------------------------------

#[track_caller]
fn pack_error(extra: &str) -> String {
    let mut builder = LexiconBuilder::default();
    builder.add_builtin_packs().unwrap();
    let error = builder
        .add_pack("acme.toml", extra)
        .and_then(|()| builder.build().map(|_| ()))
        .unwrap_err();
    error.to_string()
}

#[test]
fn a_paradigm_with_a_missing_form_is_reported_with_pack_and_term() {
    let message = pack_error(
        "lang = \"ru\"\n[[term]]\nlemma = \"клиентура\"\nrole = \"client\"\nforms = [\"клиентура\", \"клиентуры\"]\n",
    );
    assert!(message.contains("acme.toml:5:9"), "{message}");
    assert!(
        message.contains("term `клиентура`: expected 12 forms"),
        "{message}"
    );
    assert!(message.contains("nom-sg, gen-sg"), "{message}");
}

#[test]
fn pack_errors_name_what_is_wrong() {
    for (pack, expected) in [
        ("lang = \"en\"\nfoo = 1\n", "unknown field `foo`"),
        (
            "[[term]]\nlemma = \"x\"\nrole = \"client\"\nforms = [\"x\"]\n",
            "add `lang",
        ),
        (
            "lang = \"fr\"\n[[term]]\nlemma = \"x\"\nrole = \"client\"\nforms = [\"x\"]\n",
            "list its grammatical form slots",
        ),
        (
            "lang = \"en\"\n[[technical]]\nphrases = [\"{clint} app\"]\n",
            "no term `clint`",
        ),
        (
            "lang = \"en\"\n[[fixed]]\nphrases = [\"shop floor\"]\n",
            "holds no term",
        ),
        (
            "lang = \"en\"\n[[fixed]]\nphrases = [\"(a|b {client}\"]\n",
            "nest",
        ),
        (
            "[[business]]\nname = \"guild\"\nprefer = \"patron\"\nsummary = \"x\"\n",
            "no term has the role `patron`",
        ),
        (
            "lang = \"en\"\n[[term]]\nlemma = \"customer\"\nrole = \"customer\"\nforms = [\"a\", \"b\", \"c\", \"d\"]\n",
            "defined twice",
        ),
        (
            "lang = \"en\"\n[[term]]\nlemma = \"patron\"\nrole = \"customer\"\nforms = [\"client\", \"b\", \"c\", \"d\"]\n",
            "belongs to both",
        ),
        (
            "lang = \"en\"\n[preferred]\nclient = \"customer\"\n",
            "has role `customer`",
        ),
        (
            "lang = \"ru\"\n[agreement]\ngendered-slots = [\"nom\"]\n",
            "`nom` is not a slot of language `ru`",
        ),
        (
            "lang = \"ru\"\n[[agreement.preposition]]\nbefore-consonant = \"с\"\nbefore-vowel = \"с о\"\nvowels = \"с\"\nslots = [\"ins-sg\"]\n",
            "a preposition is one word of letters, not `с о`",
        ),
        (
            "lang = \"ru\"\n[[agreement.preposition]]\nbefore-consonant = \"к\"\nbefore-vowel = \"ко\"\nvowels = \"\"\nslots = [\"dat-sg\"]\n",
            "`vowels` lists the letters",
        ),
    ] {
        let message = pack_error(pack);
        assert!(message.contains(expected), "{pack:?} gave {message}");
        assert!(
            message.contains("acme.toml") || message.contains("term matcher"),
            "{message}"
        );
    }
}

#[test]
fn a_contrast_regex_that_does_not_compile_points_at_itself() {
    let pack = "lang = \"en\"\n[contrast]\n[[contrast.connector]]\nbetween = [\"or\", \"(vs\"]\n";
    let mut builder = LexiconBuilder::default();
    builder.add_builtin_packs().unwrap();
    let Err(Error::Pack(located)) = builder.add_pack("acme.toml", pack) else {
        panic!("a broken regex must fail the pack");
    };
    assert_eq!(located.path, Path::new("acme.toml"));
    assert!(
        located.message.contains("not a valid regular expression"),
        "{}",
        located.message
    );
    let span = located.span.unwrap();
    assert_eq!(&pack[span.range()], "\"(vs\"");
}

#[test]
fn a_pack_can_add_a_contrast_connector_to_a_language() {
    let mut builder = LexiconBuilder::default();
    builder.add_builtin_packs().unwrap();
    let pack = "lang = \"en\"\n[contrast]\n[[contrast.connector]]\nbetween = [\"against\"]\n";
    builder.add_pack("acme.toml", pack).unwrap();
    let lexicon = builder.build().unwrap();
    let builtin = Lexicon::builtin().unwrap();
    let text = "A client against a client.";
    let at = |n: usize| {
        let start = text.match_indices("client").nth(n).unwrap().0;
        Span::new(start, start + 6)
    };
    let english = |l: &Lexicon| l.languages().find(|l| l.code == "en").unwrap().clone();
    assert!(english(&lexicon).contrasts(text, at(0), at(1)));
    assert!(!english(&builtin).contrasts(text, at(0), at(1)));
}

#[test]
fn the_builtin_contrast_patterns_compile() {
    // Built-in patterns are compiled only on first use, so this is where an
    // error in them shows.
    let lexicon = Lexicon::builtin().unwrap();
    let mut with_contrast = 0;
    for language in lexicon.languages() {
        language.contrast.compile_now().unwrap();
        with_contrast += usize::from(language.contrast.has_patterns());
    }
    assert_eq!(with_contrast, 3);
}

#[test]
fn the_builtin_phrases_and_cues_compile_for_every_language() {
    // Built in only when a text first needs them, so this is where an
    // error in the built-in packs shows.
    let lexicon = Lexicon::builtin().unwrap();
    let mut sizes = Vec::new();
    for (lang, (sources, _)) in lexicon.phrases.iter().enumerate() {
        let lang = LangId(lang as u16);
        let table = phrases::PhraseTable::build(lang, sources, &lexicon.terms, &lexicon.matcher)
            .unwrap_or_else(|e| panic!("{}: {}", sources[e.source].text, e.message));
        sizes.push((lexicon.language(lang).code.clone(), table.len()));
    }
    assert!(sizes.iter().all(|(_, n)| *n > 0), "{sizes:?}");
    lexicon.cues().compile_now().unwrap();
    lexicon.business_cues().compile_now().unwrap();
}

#[test]
fn every_phrase_is_tried_where_its_own_text_stands_and_only_there() {
    let lexicon = Lexicon::builtin().unwrap();
    let mut tried = 0;
    for (lang, (sources, _)) in lexicon.phrases.iter().enumerate() {
        let lang = LangId(lang as u16);
        let table =
            phrases::PhraseTable::build(lang, sources, &lexicon.terms, &lexicon.matcher).unwrap();
        for p in 0..table.len() as u32 {
            let phrase = table.phrase(p);
            let (start, end) = phrase.inner;
            let form = lexicon.matcher.form_of(&phrase.text[start..end]).unwrap();
            let text = format!("x {} y", phrase.text).into_bytes();
            let (start, end) = (start + 2, end + 2);
            let found = |text: &[u8]| table.around(form, text, start, end).any(|q| q == p);
            assert!(found(&text), "{:?}", phrase.text);
            // Any other byte right before or right after the form: not tried.
            for at in [start - 1, end] {
                if (2..text.len() - 2).contains(&at) {
                    let mut other = text.clone();
                    other[at] = other[at].wrapping_add(1);
                    assert!(!found(&other), "{:?} with byte {at} changed", phrase.text);
                    tried += 1;
                }
            }
        }
    }
    assert!(tried > 3_000, "{tried}");
}

#[test]
fn a_language_is_compiled_only_when_a_text_holds_its_terms() {
    let lexicon = Lexicon::builtin().unwrap();
    let built = |code: &str| {
        let lang = lexicon.find_language(code).unwrap();
        lexicon.phrases[usize::from(lang.0)].1.get().is_some()
    };
    occurrences(
        "The HTTP client and our clients.",
        &lexicon,
        &Settings::default(),
    );
    assert!(built("en"));
    assert!(!built("ru") && !built("zh"));
    occurrences("На стороне клиента.", &lexicon, &Settings::default());
    assert!(built("ru"));
    assert!(!built("zh"));
}

#[test]
fn phrases_compiled_on_first_use_find_what_phrases_compiled_at_load_find() {
    // A user pack makes every table compile at load.
    let mut builder = LexiconBuilder::default();
    builder.add_builtin_packs().unwrap();
    builder
        .add_pack(
            "acme.toml",
            "lang = \"en\"\n[[fixed]]\nphrases = [\"{client} desk\"]\n",
        )
        .unwrap();
    let eager = builder.build().unwrap();
    assert!(eager.phrases.iter().all(|(_, table)| table.get().is_some()));
    let lazy = Lexicon::builtin().unwrap();
    let text = "Our clients, the HTTP client and client-side code; customer service. \
                Клиентами и покупателям на стороне клиента, тонкий клиент. \
                客户端与客户、顾客。客户服务。";
    let eager_found = occurrences(text, &eager, &Settings::default());
    let lazy_found = occurrences(text, &lazy, &Settings::default());
    assert_eq!(eager_found, lazy_found);
    let senses: Vec<Sense> = lazy_found.iter().map(|o| o.sense).collect();
    assert!(senses.contains(&Sense::Technical) && senses.contains(&Sense::Fixed));
    assert!(lazy_found.len() >= 12, "{lazy_found:?}");
}

#[test]
fn a_user_contrast_too_big_to_compile_fails_at_load() {
    // Valid syntax, but far over the regex size limit.
    let error = pack_error(
        "lang = \"en\"\n[contrast]\n[[contrast.connector]]\nbetween = [\"(?:\\\\w{500}){500}\"]\n",
    );
    assert!(error.contains("do not compile together"), "{error}");
    assert!(error.contains("acme.toml"), "{error}");
}

/// Chinese terms in real text, as a reader sees them:
/// `tests/data/zh-corpus-labels.tsv` labels 474 occurrences of zh term
/// forms with a Han character beside them in `../shared/corpus/zh` (`word`,
/// `compound-modifier` such as `客户订单`, or `not-term` for `客户端`),
/// half of them set aside (`heldout`) for figures nobody tuned on.
///
/// Target on each half: every `word` and `compound-modifier` is still a
/// term (the segmenter loses none), and no `not-term` is one in the
/// business sense.
#[test]
fn chinese_terms_in_the_labelled_corpus_sample_are_kept() {
    let Some(corpus) = crate::testing::shared("corpus/zh") else {
        return;
    };
    let labels = include_str!("../../tests/data/zh-corpus-labels.tsv");
    // (split, label, kept as a business term or not) → count
    let mut counts = std::collections::BTreeMap::<(&str, &str, bool), usize>::new();
    let mut wrong = Vec::new();
    for row in labels.lines().skip(1) {
        let fields: Vec<&str> = row.split('\t').collect();
        let [id, path, line, start_char, form, label, split, ..] = fields[..] else {
            panic!("not a label row: {row:?}");
        };
        let text = std::fs::read_to_string(corpus.join(path)).unwrap();
        let line_start: usize = text
            .split_inclusive('\n')
            .take(line.parse::<usize>().unwrap() - 1)
            .map(str::len)
            .sum();
        let in_line: usize = text[line_start..]
            .chars()
            .take(start_char.parse().unwrap())
            .map(char::len_utf8)
            .sum();
        let at = line_start + in_line;
        assert!(
            text[at..].starts_with(form),
            "{id}: `{form}` is not at {path}:{line}"
        );
        let found = occurrences(&text, &LEXICON, &Settings::default());
        let kept = found
            .iter()
            .any(|o| o.span.start == at && o.sense == Sense::Business);
        let term = found.iter().any(|o| o.span.start == at);
        let ok = match label {
            "not-term" => !kept,
            _ => term,
        };
        if !ok {
            wrong.push(format!("{id} {path}:{line} `{form}`: {label}"));
        }
        *counts.entry((split, label, ok)).or_default() += 1;
    }
    for split in ["tune", "heldout"] {
        let count = |label, ok| counts.get(&(split, label, ok)).copied().unwrap_or(0);
        let terms = count("word", true) + count("compound-modifier", true);
        let all_terms = terms + count("word", false) + count("compound-modifier", false);
        println!(
            "{split}: {terms} of {all_terms} terms kept, {} of {} software words left alone",
            count("not-term", true),
            count("not-term", true) + count("not-term", false)
        );
    }
    assert!(wrong.is_empty(), "read wrong:\n{}", wrong.join("\n"));
}

/// The hard cases of real text: `tests/data/zh-boundary-labels.tsv` holds
/// 400 occurrences of zh term forms in `../shared/corpus/zh` where a
/// dictionary word crosses one of the term's edges (`有用户`, `当用户`,
/// `客户数`), each read by hand; every one of them is the term. Half are
/// set aside (`heldout`).
///
/// Target on each half: the segmenter keeps every one of them a term.
#[test]
fn chinese_terms_beside_crossing_words_in_the_corpus_are_kept() {
    let Some(corpus) = crate::testing::shared("corpus/zh") else {
        return;
    };
    let labels = include_str!("../../tests/data/zh-boundary-labels.tsv");
    // (split, "kept" | "lost" | "not prose") → count
    let mut counts = std::collections::BTreeMap::<(&str, &str), usize>::new();
    let mut wrong = Vec::new();
    let rows = labels.lines().filter(|l| !l.starts_with('#')).skip(1);
    for row in rows {
        let fields: Vec<&str> = row.split('\t').collect();
        let [id, path, _, at, form, label, split, ..] = fields[..] else {
            panic!("not a label row: {row:?}");
        };
        assert_eq!(label, "term", "{id}");
        let text = std::fs::read_to_string(corpus.join(path)).unwrap();
        let at: usize = at.parse().unwrap();
        assert!(
            text[at..].starts_with(form),
            "{id}: `{form}` is not at {path}:{at}"
        );
        // The sample was drawn from raw lines: front matter, HTML and
        // tables of code are no prose, and are left out of the figures.
        let in_prose = crate::markdown::prose_spans(&text)
            .iter()
            .any(|span| span.start <= at && at < span.end);
        if !in_prose {
            *counts.entry((split, "not prose")).or_default() += 1;
            continue;
        }
        let kept = occurrences(&text, &LEXICON, &Settings::default())
            .iter()
            .any(|o| o.span.start == at);
        if !kept {
            wrong.push(format!("{id} {path}:{at} `{form}`"));
        }
        let outcome = if kept { "kept" } else { "lost" };
        *counts.entry((split, outcome)).or_default() += 1;
    }
    for split in ["tune", "heldout"] {
        let count = |outcome| counts.get(&(split, outcome)).copied().unwrap_or(0);
        println!(
            "{split}: {} of {} kept ({} outside prose)",
            count("kept"),
            count("kept") + count("lost"),
            count("not prose")
        );
    }
    assert!(wrong.is_empty(), "lost:\n{}", wrong.join("\n"));
}

/// Every contrast pattern of the bundled packs whose reach a check may
/// ask for.
fn reach_patterns() -> Vec<String> {
    LEXICON
        .languages()
        .flat_map(|language| language.contrast.reach_patterns())
        .collect()
}

#[test]
fn the_reach_table_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lexicon/reach/table.rs");
    let expected = reach::table_source(reach_patterns());
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current == expected {
        return;
    }
    if std::env::var_os("CLIENTELE_BLESS").is_some() {
        // A source file of this repository, written when asked to.
        #[allow(clippy::disallowed_methods)]
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    panic!(
        "{} is out of date with the packs' contrast patterns; run \
         `CLIENTELE_BLESS=1 cargo test --lib the_reach_table_is_up_to_date`",
        path.display()
    );
}

#[test]
fn the_reach_of_a_bundled_pattern_is_what_its_syntax_says() {
    let patterns = reach_patterns();
    assert!(patterns.len() > 100, "{} patterns", patterns.len());
    for pattern in patterns {
        assert_eq!(
            reach::Reach::of(&pattern),
            reach::Reach::read(&pattern),
            "{pattern}"
        );
    }
}
