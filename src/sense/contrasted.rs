//! Two terms a connector sets against each other: "clients, not
//! customers", «не клиенты, а покупатели», 「不是客户，而是顾客」. A page that
//! explains the difference between two words is about the words, so
//! neither side is a business use to flag: replacing one would make the
//! sentence contrast a word with itself.

use crate::lexicon::{Lexicon, Occurrence, Reason, Sense, TermId};
use crate::span::Span;

/// Mark every business-sense term of `occurrences` (in text order) of
/// `text` that a connector of its language sets against a different term
/// as [`Sense::Allowed`] for [`Reason::Contrast`].
///
/// Both sides must be bare terms: a phrase such as `customer service` is
/// no side of a contrast between roles. Forms of one word on both sides
/// are `self-contrast`'s concern, not a contrast between two words.
///
/// The paragraph may go on to describe each side, one clause each ("Are
/// you a client or a customer? Clients sign a contract; customers pay per
/// order."): a sentence of the contrast's paragraph whose clauses start
/// with the two terms is marked too. A use inside a clause stays a use,
/// where a slip hides most often (`…是客户，而不是顾客。…由律师与顾客当面确认。`).
pub(crate) fn mark(text: &str, lexicon: &Lexicon, occurrences: &mut [Occurrence]) {
    let mut paragraph = Span::new(0, 0);
    let mut described: Vec<[TermId; 2]> = Vec::new();
    // A connector fills the whole gap and holds no term: only neighbours
    // in text order can be the two sides.
    for i in 1..occurrences.len() {
        let (first, second) = (occurrences[i - 1], occurrences[i]);
        if !sides_of_a_contrast(text, lexicon, &first, &second) {
            continue;
        }
        for side in [i - 1, i] {
            allow(&mut occurrences[side]);
        }
        if !paragraph.contains(first.span) {
            paragraph = super::window::paragraph(text, first.span).span;
            described.clear();
        }
        let mut sides = [
            lexicon.base_term(first.term),
            lexicon.base_term(second.term),
        ];
        sides.sort_unstable();
        // Each pair of sides is looked for once a paragraph: a long one
        // may hold many contrasts.
        if described.contains(&sides) {
            continue;
        }
        described.push(sides);
        let from = occurrences.partition_point(|o| o.span.start < paragraph.start);
        let to = occurrences.partition_point(|o| o.span.start < paragraph.end);
        mark_described_sides(text, lexicon, sides, &mut occurrences[from..to]);
    }
}

/// Mark the terms of `occurrences` (one paragraph's, in text order) that
/// start a clause of a sentence whose clauses start with both `sides`.
fn mark_described_sides(
    text: &str,
    lexicon: &Lexicon,
    sides: [TermId; 2],
    occurrences: &mut [Occurrence],
) {
    let mut start = 0;
    while start < occurrences.len() {
        let sentence = sentence_end(text, occurrences[start].span.start);
        let end = start + occurrences[start..].partition_point(|o| o.span.start < sentence);
        let leads = |side: TermId| {
            occurrences[start..end].iter().any(|o| {
                lexicon.base_term(o.term) == side
                    && o.phrase == o.span
                    && starts_clause(text, o.span)
            })
        };
        if leads(sides[0]) && leads(sides[1]) {
            for occurrence in &mut occurrences[start..end] {
                let base = lexicon.base_term(occurrence.term);
                if sides.contains(&base)
                    && occurrence.phrase == occurrence.span
                    && starts_clause(text, occurrence.span)
                {
                    allow(occurrence);
                }
            }
        }
        start = end.max(start + 1);
    }
}

/// Mark a business-sense use as a side of a contrast.
fn allow(occurrence: &mut Occurrence) {
    if occurrence.sense == Sense::Business {
        occurrence.sense = Sense::Allowed;
        occurrence.reason = Reason::Contrast;
    }
}

/// Articles and possessives that may stand before the term that starts a
/// clause.
const CLAUSE_DETERMINERS: &[&str] = &["the", "our", "your", "their", "a", "an", "наши", "ваши"];

/// Whether the term at `span` starts a clause: only an article or a
/// possessive stands between it and the start of its sentence or a
/// clause mark (`;`, `:`, `,` and their full-width forms).
fn starts_clause(text: &str, span: Span) -> bool {
    let from = crate::source::floor_char_boundary(text, span.start.saturating_sub(64));
    let mut before = text[from..span.start]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '"' | '«' | '“'));
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    if CLAUSE_DETERMINERS.contains(&before[word_start..].to_lowercase().as_str()) {
        before = before[..word_start].trim_end();
    }
    before.is_empty()
        || before.ends_with([
            '.', '!', '?', ';', ':', ',', '。', '！', '？', '；', '：', '，', '\n',
        ])
}

/// Where the sentence holding byte `at` ends: past its stop, or at the
/// end of the text.
fn sentence_end(text: &str, at: usize) -> usize {
    text[at..]
        .find(['.', '!', '?', '。', '！', '？', '\n'])
        .map_or(text.len(), |i| at + i + 1)
}

/// Whether `first` and `second` are two different bare terms of one
/// language that a connector joins.
fn sides_of_a_contrast(
    text: &str,
    lexicon: &Lexicon,
    first: &Occurrence,
    second: &Occurrence,
) -> bool {
    let bare = |o: &Occurrence| o.phrase == o.span;
    let (a, b) = (lexicon.term(first.term), lexicon.term(second.term));
    bare(first)
        && bare(second)
        && a.lang == b.lang
        && lexicon.base_term(first.term) != lexicon.base_term(second.term)
        && crate::lexicon::within_contrast_reach(first, second)
        && lexicon
            .language(a.lang)
            .contrasts_roles(text, first.span, second.span)
}
