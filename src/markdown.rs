//! Markdown → the byte spans of its prose. The only user of pulldown-cmark.
//!
//! Prose is the text of headings, paragraphs, list items, block quotes,
//! table cells, footnotes, link text and image alt text (SPEC §4). Code
//! (fenced, indented, inline), HTML, front matter, autolinks, bare URLs,
//! e-mail addresses and Liquid/Jinja tags are not. Spans index the original
//! text, so every finding points at the exact bytes; adjacent spans (a
//! paragraph's text split around a soft line break or an escape) are merged
//! so that a phrase can match across them.

use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};
use regex::Regex;

use crate::span::Span;

/// Things inside running text that are not prose: URLs, e-mail addresses
/// and template tags.
static NOT_PROSE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)[^\s<>]+   # URLs
        | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                # e-mail addresses
        | \{%.*?%\} | \{\{.*?\}\}                      # Liquid and Jinja tags
        ",
    )
    .ok()
});

/// The parser options: CommonMark plus the GFM extensions docs use, and
/// front matter recognised so that it is never taken for prose.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_GFM
}

/// The prose of `text` as sorted, non-overlapping byte spans.
///
/// A leading BOM is skipped; the spans still index `text` itself.
pub fn prose_spans(text: &str) -> Vec<Span> {
    let offset = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[offset..];
    let mut spans: Vec<Span> = Vec::new();
    // One entry per open tag: whether it hides its text. Every start event
    // has its end event, so the stack stays balanced.
    let mut open: Vec<bool> = Vec::new();
    let mut hidden_depth = 0usize;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                let hides = hides_text(&tag);
                hidden_depth += usize::from(hides);
                open.push(hides);
            }
            Event::End(_) if open.pop() == Some(true) => hidden_depth -= 1,
            Event::Text(_) | Event::SoftBreak if hidden_depth == 0 => {
                push_merged(&mut spans, Span::from(range).shift(offset));
            }
            _ => {}
        }
    }
    spans
        .into_iter()
        .flat_map(|span| without_non_prose(text, span))
        .collect()
}

/// Tags whose text is not prose.
fn hides_text(tag: &Tag<'_>) -> bool {
    match tag {
        Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock => true,
        Tag::Link { link_type, .. } => matches!(link_type, LinkType::Autolink | LinkType::Email),
        _ => false,
    }
}

/// Append `span`, merging it with the last one when they touch.
fn push_merged(spans: &mut Vec<Span>, span: Span) {
    if span.is_empty() {
        return;
    }
    match spans.last_mut() {
        Some(last) if last.end == span.start => last.end = span.end,
        Some(last) if last.end > span.start => last.end = last.end.max(span.end),
        _ => spans.push(span),
    }
}

/// `span` with URLs, e-mail addresses and template tags cut out.
fn without_non_prose(text: &str, span: Span) -> Vec<Span> {
    let (Some(slice), Some(regex)) = (span.slice(text), NOT_PROSE.as_ref()) else {
        return vec![span];
    };
    let mut out = Vec::new();
    let mut start = span.start;
    for m in regex.find_iter(slice) {
        out.push(Span::new(start, span.start + m.start()));
        start = span.start + m.end();
    }
    out.push(Span::new(start, span.end));
    out.retain(|s| !s.is_empty());
    out
}
