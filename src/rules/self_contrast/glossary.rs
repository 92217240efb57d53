//! A list that defines the same term twice: two items of one bulleted
//! list, or two bulleted lines of one paragraph, that each begin with a
//! form of one term followed by a dash or a colon and a definition
//! ("• Покупатель — …" … "• Покупатель — …"). Numbered lists are steps,
//! not glossaries ("1. Customer: sends the quote", "3. Customer: signs"),
//! and a definition is a phrase, not a label: "Клиент - акт выверки" in a
//! list of report names defines nothing.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::{diagnostic, innermost, same_word, word_of};
use crate::diagnostic::{Diagnostic, Related};
use crate::lexicon::{LazyRegex, Occurrence, TermId, fold, is_cjk};
use crate::rules::Context;
use crate::span::Span;

/// What may stand on a line before a defined term: indentation, block quote
/// markers, a bullet list marker or a bullet character, and an opening quote
/// or emphasis.
static ENTRY_START: LazyLock<LazyRegex> = LazyLock::new(|| {
    LazyRegex::new(r#"^[ \t]*(?:>[ \t]*)*(?:[-*+]|[•·▪◦‣●])[ \t]+[*_"'“«„]*$"#.to_owned())
});

/// What must follow a defined term: a closing quote or emphasis, then a
/// dash or a colon. A hyphen counts only between spaces (`client-side` is
/// one word).
static ENTRY_END: LazyLock<LazyRegex> =
    LazyLock::new(|| LazyRegex::new(r#"^[*_"'”»]*(?:[ \t]*[—–:：]|[ \t]+-[ \t])"#.to_owned()));

/// The fewest words a definition has (a Han character counts as half a word).
const MIN_DEFINITION_WORDS: usize = 5;

/// One definition: the term it defines and the list or paragraph it is in.
struct Entry<'a> {
    occurrence: &'a Occurrence,
    group: Span,
}

/// Flag every definition of a term already defined in the same list.
pub(super) fn check(ctx: &Context<'_>) -> Vec<Diagnostic> {
    let mut lines = LineStarts::default();
    let entries: Vec<Entry<'_>> = ctx
        .occurrences
        .iter()
        .filter_map(|o| entry(ctx, o, lines.before(ctx.text, o.phrase.start)))
        .collect();
    // The first definition of each word in each list: a glossary of
    // thousands of entries is one look-up per entry, not a scan.
    let mut first_of: HashMap<(Span, Word), usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let key = (entry.group, Word::of(ctx, entry.occurrence));
        let first = *first_of.entry(key).or_insert(i);
        if first == i {
            continue;
        }
        let first = &entries[first];
        debug_assert!(same_word(ctx, first.occurrence, entry.occurrence));
        let word = word_of(ctx, entry.occurrence);
        let related = Related::here(
            first.occurrence.phrase,
            format!("first definition of `{word}`"),
        );
        let occurrence = entry.occurrence;
        let mut d = diagnostic(ctx, occurrence, occurrence.phrase, related);
        d.message = format!("`{word}` is defined twice in one list");
        d.label = "second definition".to_owned();
        out.push(d);
    }
    out
}

/// What makes two definitions define the same word, as [`same_word`]
/// tells it: one lemma in one gender, or one phrase folded.
#[derive(PartialEq, Eq, Hash)]
pub(super) enum Word {
    /// The lemma counted, and whether the form is its feminine.
    Lemma(TermId, bool),
    /// The phrase's length as written, and its folded text.
    Phrase(usize, String),
}

impl Word {
    /// The word `occurrence` is a form of.
    pub(super) fn of(ctx: &Context<'_>, occurrence: &Occurrence) -> Self {
        match occurrence.phrase.slice(ctx.text) {
            Some(phrase) if occurrence.phrase != occurrence.span => {
                Self::Phrase(phrase.len(), fold(phrase))
            }
            _ => Self::Lemma(
                ctx.lexicon.base_term(occurrence.term),
                ctx.lexicon.term(occurrence.term).masculine.is_some(),
            ),
        }
    }
}

/// Where the line of each of a series of ascending offsets starts, found
/// by looking back only as far as the previous offset: terms on a line of
/// a megabyte would otherwise each scan back to its start.
#[derive(Default)]
pub(super) struct LineStarts {
    line_start: usize,
    scanned_to: usize,
}

impl LineStarts {
    /// The start of the line holding `offset`, which is not before any
    /// offset asked about earlier.
    pub(super) fn before(&mut self, text: &str, offset: usize) -> usize {
        let from = self.scanned_to.min(offset);
        let stretch = text.as_bytes().get(from..offset).unwrap_or_default();
        if let Some(newline) = memchr::memrchr(b'\n', stretch) {
            self.line_start = from + newline + 1;
        }
        self.scanned_to = offset;
        self.line_start
    }
}

/// `occurrence` as a definition, if it begins a list item or a bulleted
/// line and a dash or colon follows it.
fn entry<'a>(
    ctx: &Context<'_>,
    occurrence: &'a Occurrence,
    line_start: usize,
) -> Option<Entry<'a>> {
    let at = occurrence.phrase;
    let prefix = ctx.text.get(line_start..at.start)?;
    // Most terms are not the first word of a list item: look for the
    // marker before running, and compiling, the regex.
    let after_quotes = prefix.trim_start_matches([' ', '\t', '>']);
    if !after_quotes.starts_with(['-', '*', '+', '•', '·', '▪', '◦', '‣', '●']) {
        return None;
    }
    if !ENTRY_START.is_match(prefix) {
        return None;
    }
    let list_marker = after_quotes.starts_with(['-', '*', '+']);
    let rest = ctx.text.get(at.end..)?;
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let definer = ENTRY_END.get().ok()?.find(&rest[..line_end])?;
    let definition = &rest[definer.end()..line_end];
    let words = definition.split_whitespace().count()
        + definition.chars().filter(|&c| is_cjk(c)).count() / 2;
    if words < MIN_DEFINITION_WORDS {
        return None;
    }
    let outline = ctx.outline;
    let group = if list_marker {
        innermost(&outline.lists, at)?
    } else {
        innermost(&outline.paragraphs, at).or_else(|| innermost(&outline.lists, at))?
    };
    Some(Entry { occurrence, group })
}
