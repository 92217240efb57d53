//! Micro-benchmarks of the stages a document goes through: building the
//! lexicon (start-up), the byte look for any term, the prose extractor and
//! the matcher. Run with `cargo bench --bench pipeline`.
//!
//! The texts are the two seed articles (`../shared/seeds/`, Russian and
//! Chinese) and a Markdown page of our own in English; a seed that is
//! missing is left out.

// A benchmark with no lexicon has nothing to measure: stopping is right.
#![allow(clippy::expect_used)]

use std::path::Path;
use std::sync::LazyLock;

use clientele::config::Settings;
use clientele::lexicon::Lexicon;
use clientele::lint::{lint_text, may_have_findings, occurrences};
use clientele::markdown::outline;

/// The lexicon as a run on a few files uses it. Like a run, it builds the
/// look at raw bytes by itself once 4 MiB have been looked at, so the
/// benchmarks that look (`look_for_any_term`, `lint_document`) measure the
/// look after their first few hundred iterations.
static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::builtin().expect("the built-in packs load"));

/// The lexicon with the look at raw bytes built from the start, as the
/// language server uses it.
static PREPARED: LazyLock<Lexicon> = LazyLock::new(|| {
    let lexicon = Lexicon::builtin().expect("the built-in packs load");
    lexicon.prepare_for_many();
    lexicon
});

/// A page of English documentation with headings, lists, code, links and
/// the terms, repeated to a realistic size.
fn english() -> String {
    let page = "# Managing customer accounts\n\n\
        Every customer has an account manager. A client who pays by invoice \
        sees the [billing page](https://example.com/billing) first.\n\n\
        - **Customers**: people who buy from the shop.\n\
        - **Users**: people who sign in.\n\n\
        ```sh\ncurl https://api.example.com/clients\n```\n\n\
        The HTTP client retries three times. Write to support@example.com \
        when a customer cannot sign in, or open a ticket.\n\n";
    page.repeat(40)
}

/// The named texts to run every benchmark on.
fn texts() -> Vec<(&'static str, String)> {
    let mut texts = vec![("en-page", english())];
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    for (name, file) in [
        ("ru-seed", "000_c281cafb054b6ecc.txt"),
        ("zh-seed", "002_e0140376221be5a8.txt"),
    ] {
        if let Ok(text) = std::fs::read_to_string(seeds.join(file)) {
            texts.push((name, text));
        }
    }
    texts
}

static TEXTS: LazyLock<Vec<(&'static str, String)>> = LazyLock::new(texts);

fn text(name: &str) -> &'static str {
    TEXTS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, t)| t.as_str())
}

const NAMES: &[&str] = &["en-page", "ru-seed", "zh-seed"];

fn main() {
    divan::main();
}

/// Start-up: the built-in packs parsed and the form automaton built (each
/// language's phrases and cues are compiled later, when a text needs them).
#[divan::bench]
fn build_lexicon() -> Lexicon {
    Lexicon::builtin().expect("the built-in packs load")
}

/// The look at the raw bytes that lets a file without terms skip the parser.
#[divan::bench(args = NAMES)]
fn look_for_any_term(bencher: divan::Bencher, name: &str) {
    let text = text(name);
    bencher
        .counter(divan::counter::BytesCount::of_str(text))
        .bench(|| may_have_findings(divan::black_box(text), &LEXICON));
}

/// The prose extractor: Markdown parsed into prose spans and blocks.
#[divan::bench(args = NAMES)]
fn extract_prose(bencher: divan::Bencher, name: &str) {
    let text = text(name);
    bencher
        .counter(divan::counter::BytesCount::of_str(text))
        .bench(|| outline(divan::black_box(text)));
}

/// The matcher: prose extracted, folded and searched for every form.
#[divan::bench(args = NAMES)]
fn find_terms(bencher: divan::Bencher, name: &str) {
    let text = text(name);
    let settings = Settings::default();
    bencher
        .counter(divan::counter::BytesCount::of_str(text))
        .bench(|| occurrences(divan::black_box(text), &LEXICON, &settings));
}

/// The whole pipeline for one document, rules included.
#[divan::bench(args = NAMES)]
fn lint_document(bencher: divan::Bencher, name: &str) {
    let text = text(name);
    let settings = Settings::default();
    bencher
        .counter(divan::counter::BytesCount::of_str(text))
        .bench(|| lint_text(divan::black_box(text), &LEXICON, &settings));
}

/// The whole pipeline for one document as a run over many files lints it:
/// the raw bytes looked at first, and only the prose around a term folded.
#[divan::bench(args = NAMES)]
fn lint_document_in_many(bencher: divan::Bencher, name: &str) {
    let text = text(name);
    let settings = Settings::default();
    bencher
        .counter(divan::counter::BytesCount::of_str(text))
        .bench(|| lint_text(divan::black_box(text), &PREPARED, &settings));
}
