//! A heading repeated word for word in one section. In a Markdown file a
//! heading is a Markdown heading; in text converted from elsewhere (the
//! seeds are plain text) it is a title line: a short line that does not end
//! like a sentence, standing alone or right after a finished sentence,
//! and not starting with HTML or an MDX component.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use super::diagnostic;
use crate::diagnostic::{Diagnostic, Related};
use crate::lexicon::fold;
use crate::rules::Context;
use crate::span::Span;

/// The longest title line, in characters; longer lines are running text.
const MAX_TITLE_CHARS: usize = 80;

/// Endings that make a line a sentence or a lead-in, not a title.
const NOT_TITLE_END: &[char] = &['.', ',', ';', ':', '。', '，', '；', '：', '、', '…'];

/// Endings of a finished sentence: a title line may follow one.
const SENTENCE_END: &[char] = &['.', '!', '?', ':', '。', '！', '？', '：', '…'];

/// A heading or title line.
struct Heading {
    /// Its text, without markers and surrounding white space.
    span: Span,
    /// A fingerprint of its text folded, trimmed of punctuation, white space
    /// collapsed: a long document has hundreds of thousands of title lines,
    /// and their texts would take more memory than the document.
    key: u64,
    /// The Markdown heading whose section it is in, and its own level (0
    /// for a title line): headings are compared with their siblings only,
    /// so "Customers" under each release of a changelog is fine.
    siblings: Siblings,
}

/// The Markdown heading whose section a heading is in, and the heading's
/// own level.
type Siblings = (Option<usize>, u8);

/// Flag every heading that repeats an earlier sibling, unless its
/// neighbours repeat too: a run of repeated headings ("Step 1", "Step 2",
/// "Step 3" once per platform tab) is parallel structure, not a collapse.
pub(super) fn check(ctx: &Context<'_>) -> Vec<Diagnostic> {
    // Only a heading with a term is flagged, and siblings are compared
    // among themselves: the headings of other groups need no key, nor any
    // memory (a long document has hundreds of thousands of title lines).
    let mut termed: HashSet<Siblings> = HashSet::new();
    let in_block_with_a_term = |block: Span, _: Siblings| holds_a_term(ctx, block);
    headings(ctx, in_block_with_a_term, |span, siblings| {
        if holds_a_term(ctx, span) {
            termed.insert(siblings);
        }
        false
    });
    if termed.is_empty() {
        return Vec::new();
    }
    let in_termed = |_: Span, siblings: Siblings| termed.contains(&siblings);
    let mut headings = headings(ctx, in_termed, in_termed);
    // Siblings side by side, each group still in text order.
    headings.sort_by_key(|h| h.siblings);
    let mut out = Vec::new();
    for group in headings.chunk_by(|a, b| a.siblings == b.siblings) {
        let key = |i: usize| group.get(i).map(|h| h.key);
        let mut first_seen: HashMap<u64, usize> = HashMap::new();
        for (at, heading) in group.iter().enumerate() {
            let earlier = *first_seen.entry(heading.key).or_insert(at);
            if earlier == at {
                continue;
            }
            let neighbour_repeats = (earlier > 0 && key(earlier - 1) == key(at - 1))
                || (at + 1 < group.len() && key(earlier + 1) == key(at + 1));
            if neighbour_repeats {
                continue;
            }
            // Occurrences are in text order.
            let from = ctx
                .occurrences
                .partition_point(|o| o.phrase.start < heading.span.start);
            let Some(occurrence) = ctx.occurrences[from..]
                .iter()
                .take_while(|o| o.phrase.start < heading.span.end)
                .find(|o| heading.span.contains(o.phrase))
            else {
                continue;
            };
            let related = Related::here(group[earlier].span, "first used here".to_owned());
            let mut d = diagnostic(ctx, occurrence, heading.span, related);
            d.message = format!("the heading `{}` is repeated", d.matched);
            d.label = "same heading as before".to_owned();
            out.push(d);
        }
    }
    out
}

/// Whether a term stands in `span`.
fn holds_a_term(ctx: &Context<'_>, span: Span) -> bool {
    let from = ctx
        .occurrences
        .partition_point(|o| o.phrase.start < span.start);
    ctx.occurrences[from..]
        .iter()
        .take_while(|o| o.phrase.start < span.end)
        .any(|o| span.contains(o.phrase))
}

/// The Markdown headings and title lines that `keep` keeps, given each
/// one's text and siblings, in text order. The lines of a block are read
/// only if `read` lets them be, given the block and its title lines'
/// siblings.
fn headings(
    ctx: &Context<'_>,
    read: impl Fn(Span, Siblings) -> bool,
    mut keep: impl FnMut(Span, Siblings) -> bool,
) -> Vec<Heading> {
    let outline = ctx.outline;
    let mut out = Vec::new();
    // The open Markdown headings: (level, index).
    let mut open: Vec<(u8, usize)> = Vec::new();
    for (index, &(level, whole)) in outline.headings.iter().enumerate() {
        while open.last().is_some_and(|&(l, _)| l >= level) {
            open.pop();
        }
        let first_line = lines(ctx.text, whole).next();
        let siblings = (open.last().map(|&(_, i)| i), level);
        if let Some(line) = first_line
            && keep(content(ctx.text, line), siblings)
            && let Some(heading) = heading(ctx.text, line, siblings)
        {
            out.push(heading);
        }
        open.push((level, index));
    }
    // Title lines: in paragraphs, and in list items after the item's own
    // first line (plain text often has a title right after a list, where
    // Markdown reads it as the item's continuation).
    let blocks = outline.paragraphs.iter().map(|&p| (p, false));
    // A nested item's lines are all lines of its outermost item, read in
    // the same order with the same line before each: reading them again
    // per level would cost depth × lines (10 000 nested items are 50 million
    // line visits).
    let mut outer_end = 0;
    let items = outline.items.iter().filter_map(move |&item| {
        let nested = item.end <= outer_end;
        outer_end = outer_end.max(item.end);
        (!nested).then_some((item, true))
    });
    for (block, in_item) in blocks.chain(items) {
        let parent = outline
            .headings
            .partition_point(|(_, h)| h.start < block.start)
            .checked_sub(1);
        if !read(block, (parent, 0)) {
            continue;
        }
        let mut previous: Option<&str> = None;
        for line in lines(ctx.text, block) {
            let Some(raw) = line.slice(ctx.text) else {
                continue;
            };
            let title = is_title_line(raw, previous)
                && !(in_item && starts_item(raw))
                && !starts_with_markup(&outline.html, content(ctx.text, line).start);
            previous = Some(raw.trim());
            if title
                && keep(content(ctx.text, line), (parent, 0))
                && let Some(heading) = heading(ctx.text, line, (parent, 0))
            {
                out.push(heading);
            }
        }
    }
    // Paragraphs and items interleave in the text.
    out.sort_by_key(|h| h.span);
    out
}

/// Whether `line` reads as a title: short, not ending like a sentence or a
/// lead-in, and first in its block or after a finished sentence.
fn is_title_line(line: &str, previous: Option<&str>) -> bool {
    let text = line.trim();
    let short = !text.is_empty() && text.chars().count() <= MAX_TITLE_CHARS;
    short && !text.ends_with(NOT_TITLE_END) && previous.is_none_or(|p| p.ends_with(SENTENCE_END))
}

/// Whether raw HTML or an MDX component, as the parser found it, starts at
/// `at`: a line of markup (`<ConsoleOutput>…</ConsoleOutput>` shown twice)
/// is content, not a title, however short.
fn starts_with_markup(html: &[Span], at: usize) -> bool {
    let after = html.partition_point(|h| h.start <= at);
    after
        .checked_sub(1)
        .and_then(|i| html.get(i))
        .is_some_and(|h| h.start <= at && at < h.end)
}

/// The heading on `line`, if it has any text.
fn heading(text: &str, line: Span, siblings: Siblings) -> Option<Heading> {
    let span = content(text, line);
    let key = normalise(span.slice(text)?);
    (!key.is_empty()).then(|| Heading {
        span,
        key: fingerprint(&key),
        siblings,
    })
}

/// A 64-bit fingerprint of `key`: two different headings share one with a
/// chance of one in billions even in a document with a million of them.
fn fingerprint(key: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    key.hash(&mut hasher);
    hasher.finish()
}

/// `line` without block-quote and heading markers and surrounding white space.
fn content(text: &str, line: Span) -> Span {
    let Some(slice) = line.slice(text) else {
        return line;
    };
    let marker = |c: char| c.is_whitespace() || c == '#' || c == '>';
    let start = slice.trim_start_matches(marker);
    let inner = start.trim_end_matches(|c: char| c.is_whitespace() || c == '#');
    let from = line.start + (slice.len() - start.len());
    Span::new(from, from + inner.len())
}

/// Whether a line begins a list item (`- `, `* `, `1. `, after quotes).
fn starts_item(line: &str) -> bool {
    let line = line.trim_start_matches([' ', '\t', '>']);
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = if digits > 0 {
        line[digits..].strip_prefix(['.', ')'])
    } else {
        line.strip_prefix(['-', '*', '+'])
    };
    rest.is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
}

/// The lines of `range`, each without its line break.
fn lines(text: &str, range: Span) -> impl Iterator<Item = Span> + '_ {
    let start = range.start;
    range.slice(text).into_iter().flat_map(move |slice| {
        slice.split_inclusive('\n').scan(start, |at, line| {
            let span = Span::new(*at, *at + line.trim_end_matches(['\n', '\r']).len());
            *at += line.len();
            Some(span)
        })
    })
}

/// Folded, without punctuation or white space at the ends, inner white
/// space collapsed: "Who is a client?" and "who is a  client" are one.
fn normalise(text: &str) -> String {
    fold(text.trim_matches(|c: char| !c.is_alphanumeric()))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_without_line_breaks() {
        let text = "ab\r\ncd\nef";
        let spans: Vec<&str> = lines(text, Span::new(0, text.len()))
            .map(|s| s.slice(text).unwrap())
            .collect();
        assert_eq!(spans, ["ab", "cd", "ef"]);
    }

    #[test]
    fn list_item_lines_are_told_from_continuations() {
        for line in ["- a", "  * a", "12. a", "> 3) a", "-"] {
            assert!(starts_item(line), "{line}");
        }
        for line in ["-a", "a - b", "2024 was", "1.5 is", "客户"] {
            assert!(!starts_item(line), "{line}");
        }
    }

    #[test]
    fn normalise_trims_punctuation_and_folds() {
        assert_eq!(normalise("  Who is a  Client? "), "who is a client");
        assert_eq!(normalise("谁是客户?"), "谁是客户");
        assert_eq!(normalise("?!"), "");
    }
}
