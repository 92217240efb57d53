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

use pulldown_cmark::{Event, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::span::Span;

/// URLs and template tags: things inside running text that are not prose.
static URLS_AND_TAGS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)[^\s<>]+   # URLs
        | \{%.*?%\} | \{\{.*?\}\}                      # Liquid and Jinja tags
        ",
    )
    .ok()
});

/// E-mail addresses, apart from the rest: the Unicode word classes make
/// this regex cost more to compile than linting a small file, so it is
/// compiled only for text with an `@`.
static EMAIL_ADDRESSES: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+").ok());

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

/// The prose of a Markdown text and the blocks the structural checks of
/// `self-contrast` need. All spans index the original text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// The prose, as sorted, non-overlapping byte spans.
    pub prose: Vec<Span>,
    /// Every heading (ATX or setext), whole, with its level (1–6), in order.
    pub headings: Vec<(u8, Span)>,
    /// Every paragraph outside list items and tables, whole, in order.
    pub paragraphs: Vec<Span>,
    /// Every list, whole, in order of its start (an outer list before the
    /// lists nested in it).
    pub lists: Vec<Span>,
    /// Every list item, whole, in order of its start.
    pub items: Vec<Span>,
    /// The front matter, if the document starts with one.
    pub front_matter: Option<FrontMatter>,
    /// Every piece of raw HTML (blocks and inline), in order: where inline
    /// directives (`<!-- clientele-disable -->`) may be.
    pub html: Vec<Span>,
}

/// The syntax of a front matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterKind {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

/// A front matter block at the start of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatter {
    /// Its syntax.
    pub kind: FrontMatterKind,
    /// Its contents, between the delimiter lines.
    pub content: Span,
}

/// The prose of `text` as sorted, non-overlapping byte spans.
///
/// A leading BOM is skipped; the spans still index `text` itself.
pub fn prose_spans(text: &str) -> Vec<Span> {
    outline(text).prose
}

/// The prose and blocks of `text`, from one parse.
///
/// A leading BOM is skipped; the spans still index `text` itself.
pub fn outline(text: &str) -> Outline {
    let offset = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[offset..];
    let mut outline = Outline::default();
    let mut spans: Vec<Span> = Vec::new();
    // One entry per open tag: whether it hides its text. Every start event
    // has its end event, so the stack stays balanced.
    let mut open: Vec<bool> = Vec::new();
    let mut hidden_depth = 0usize;
    // How many list items and tables are open: their paragraphs are not
    // free-standing lines that could be headings.
    let mut nested_depth = 0usize;
    let mut metadata: Option<FrontMatterKind> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let whole = Span::from(range).shift(offset);
        match event {
            Event::Start(tag) => {
                match &tag {
                    // Front matter is only ever at the very start.
                    Tag::MetadataBlock(kind) if whole.start == offset => {
                        metadata = Some(match kind {
                            MetadataBlockKind::YamlStyle => FrontMatterKind::Yaml,
                            MetadataBlockKind::PlusesStyle => FrontMatterKind::Toml,
                        });
                    }
                    Tag::HtmlBlock => outline.html.push(whole),
                    Tag::Heading { level, .. } => outline.headings.push((*level as u8, whole)),
                    Tag::Paragraph if nested_depth == 0 => outline.paragraphs.push(whole),
                    Tag::List(_) => outline.lists.push(whole),
                    Tag::Item => outline.items.push(whole),
                    _ => {}
                }
                nested_depth += usize::from(matches!(tag, Tag::Item | Tag::Table(_)));
                let hides = hides_text(&tag);
                hidden_depth += usize::from(hides);
                open.push(hides);
            }
            Event::End(end) => {
                if matches!(end, TagEnd::MetadataBlock(_)) {
                    metadata = None;
                }
                nested_depth = nested_depth
                    .saturating_sub(usize::from(matches!(end, TagEnd::Item | TagEnd::Table)));
                if open.pop() == Some(true) {
                    hidden_depth -= 1;
                }
            }
            Event::Text(_) if metadata.is_some() => {
                if let Some(kind) = metadata.take()
                    && outline.front_matter.is_none()
                {
                    outline.front_matter = Some(FrontMatter {
                        kind,
                        content: whole,
                    });
                }
            }
            Event::Text(_) | Event::SoftBreak if hidden_depth == 0 => {
                push_merged(&mut spans, whole);
            }
            Event::InlineHtml(_) => outline.html.push(whole),
            _ => {}
        }
    }
    outline.prose = Vec::with_capacity(spans.len());
    for span in spans {
        push_prose(text, span, &mut outline.prose);
    }
    outline
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

/// Append `span` to `out` with URLs, e-mail addresses and template tags
/// cut out.
fn push_prose(text: &str, span: Span, out: &mut Vec<Span>) {
    let Some(slice) = span.slice(text) else {
        return;
    };
    let bytes = slice.as_bytes();
    // Most prose has none of them: skip the regexes, and compiling them.
    let maybe_url_or_tag = bytes.iter().any(|&b| b == b':' || b == b'{') || slice.contains("www.");
    let maybe_email = bytes.contains(&b'@');
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for (maybe, regex) in [
        (maybe_url_or_tag, &URLS_AND_TAGS),
        (maybe_email, &EMAIL_ADDRESSES),
    ] {
        // Only now, when it may match, is the regex compiled.
        if let Some(regex) = maybe.then(|| regex.as_ref()).flatten() {
            cuts.extend(regex.find_iter(slice).map(|m| (m.start(), m.end())));
        }
    }
    cuts.sort_unstable();
    let mut start = 0;
    for (cut_start, cut_end) in cuts {
        if cut_start > start {
            out.push(Span::new(span.start + start, span.start + cut_start));
        }
        start = start.max(cut_end);
    }
    if start < slice.len() {
        out.push(Span::new(span.start + start, span.end));
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn prose(text: &str) -> Vec<&str> {
        prose_spans(text)
            .into_iter()
            .map(|s| s.slice(text).unwrap())
            .collect()
    }

    #[test]
    fn code_html_and_front_matter_are_not_prose() {
        let text =
            "+++\ntitle = \"x\"\n+++\n\nA `b` <i>c</i> d\n\n    indented\n\n<div>\nblock\n</div>\n";
        assert_eq!(prose(text), ["A ", " ", "c", " d"]);
    }

    #[test]
    fn tables_footnotes_alt_text_and_link_text_are_prose() {
        let text = "| h1 | h2 |\n|---|---|\n| c1 | c2 |\n\nSee[^1] ![alt](i.png) [link](u)\n\n[^1]: note\n";
        assert_eq!(
            prose(text),
            [
                "h1", "h2", "c1", "c2", "See", " ", "alt", " ", "link", "note"
            ]
        );
    }

    #[test]
    fn urls_addresses_autolinks_and_template_tags_are_cut_out() {
        let text = "Go to https://a.example/x or <https://b.example> or write a@b.example {% include x %} {{ y }} now\n";
        assert_eq!(
            prose(text),
            ["Go to ", " or ", " or write ", " ", " ", " now"]
        );
    }

    #[test]
    fn overlapping_urls_and_addresses_are_cut_once() {
        let text = "Mail клиент@пример.рф or see https://user@host.example/a now\n";
        assert_eq!(prose(text), ["Mail ", " or see ", " now"]);
    }

    #[test]
    fn a_bom_and_crlf_keep_offsets_into_the_original() {
        let text = "\u{feff}# Title\r\n\r\nLine one\r\nline two\r\n";
        assert_eq!(prose(text), ["Title", "Line one\r\nline two"]);
    }

    #[test]
    fn front_matter_is_found_only_at_the_start() {
        let front = |text: &str| {
            outline(text)
                .front_matter
                .map(|f| (f.kind, f.content.slice(text).unwrap().to_owned()))
        };
        assert_eq!(
            front("---\nclientele: x\n---\nText\n"),
            Some((FrontMatterKind::Yaml, "clientele: x\n".to_owned()))
        );
        assert_eq!(
            front("\u{feff}+++\n[clientele]\n+++\nText\n"),
            Some((FrontMatterKind::Toml, "[clientele]\n".to_owned()))
        );
        assert_eq!(front("Text\n\n---\nclientele: x\n---\n"), None);
        assert_eq!(prose("---\ntitle: customers\n---\nText\n"), ["Text"]);
    }

    #[test]
    fn html_blocks_and_inline_html_are_collected_but_not_code() {
        let text = "<!-- a -->\n\nText <!-- b --> more\n\n```\n<!-- c -->\n```\n\n`<!-- d -->`\n";
        let html: Vec<&str> = outline(text)
            .html
            .iter()
            .map(|s| s.slice(text).unwrap())
            .collect();
        assert_eq!(html, ["<!-- a -->\n", "<!-- b -->"]);
    }

    proptest! {
        #[test]
        fn every_span_slices_the_source_in_order(text in "(\\PC|[\\r\\n`*_#>|\\[\\]()<!-]){0,300}") {
            let spans = prose_spans(&text);
            let mut previous_end = 0;
            for span in spans {
                prop_assert!(span.slice(&text).is_some(), "{span:?} in {text:?}");
                prop_assert!(!span.is_empty());
                prop_assert!(span.start >= previous_end);
                previous_end = span.end;
            }
        }
    }
}
