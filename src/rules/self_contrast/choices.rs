//! A list that offers the same term twice: two items of one bulleted list,
//! or two task boxes, that hold nothing but one term (`- [ ] 客户` …
//! `- [ ] 客户`, the options of a form). Each item is a choice, and two
//! choices with one name cannot be told apart.

use std::collections::HashMap;

use super::glossary::{LineStarts, Word};
use super::{diagnostic, innermost, word_of};
use crate::diagnostic::{Diagnostic, Related};
use crate::lexicon::Occurrence;
use crate::rules::Context;

/// Marks that may stand around a term alone in a list item.
const ITEM_WRAPPERS: &[char] = &[
    '*', '_', '"', '\'', '“', '”', '«', '»', '„', '「', '」', '`',
];

/// Flag the second item of a list that holds only a term the list already
/// offered.
pub(super) fn check(ctx: &Context<'_>) -> Vec<Diagnostic> {
    let text = ctx.text;
    let mut lines = LineStarts::default();
    let mut first_of: HashMap<(usize, Word), &Occurrence> = HashMap::new();
    let mut out = Vec::new();
    for occurrence in ctx.occurrences {
        let at = occurrence.phrase;
        let line_start = lines.before(text, at.start);
        if !is_item_start(&text[line_start..at.start]) || !ends_item(&text[at.end..]) {
            continue;
        }
        let Some(list) = innermost(&ctx.outline.lists, at) else {
            continue;
        };
        let key = (list.start, Word::of(ctx, occurrence));
        let Some(first) = first_of.get(&key) else {
            first_of.insert(key, occurrence);
            continue;
        };
        let word = word_of(ctx, occurrence);
        let related = Related::here(first.phrase, format!("first option `{word}`"));
        let mut d = diagnostic(ctx, occurrence, at, related);
        d.message = format!("`{word}` is offered twice in one list");
        d.label = "the same term as another option".to_owned();
        out.push(d);
    }
    out
}

/// Whether `prefix`, the start of a line up to a term, is a bullet list
/// marker with an optional task box and opening marks: indentation and
/// block quote markers aside, nothing else stands before the term.
fn is_item_start(prefix: &str) -> bool {
    let rest = prefix.trim_start_matches([' ', '\t', '>']);
    let Some(rest) = rest.strip_prefix(['-', '*', '+']) else {
        return false;
    };
    if !rest.starts_with([' ', '\t']) {
        return false;
    }
    let rest = rest.trim_start_matches([' ', '\t']);
    let rest = ["[ ]", "[x]", "[X]"]
        .iter()
        .find_map(|task| rest.strip_prefix(task))
        .map_or(rest, |r| r.trim_start_matches([' ', '\t']));
    rest.chars().all(|c| ITEM_WRAPPERS.contains(&c))
}

/// Whether `rest`, the text after a term, ends its list item's line with
/// nothing but closing marks and one stop.
fn ends_item(rest: &str) -> bool {
    let line = rest.split('\n').next().unwrap_or_default();
    let line = line.trim_start_matches(ITEM_WRAPPERS);
    let line = line
        .strip_prefix(['.', ',', ';', '。', '；', '，'])
        .unwrap_or(line);
    line.trim().is_empty()
}
