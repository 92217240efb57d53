//! Markdown → the byte spans of its prose. The only user of pulldown-cmark.
//!
//! Prose is the text of headings, paragraphs, list items, block quotes,
//! table cells, footnotes, link text and image alt text (SPEC §4), and the
//! text between the tags of HTML blocks (MDX components; see `html`).
//! Code (fenced, indented, inline), math (`$…$`, `$$…$$`), HTML tags and
//! their attributes, front matter, autolinks, bare URLs, e-mail addresses
//! and Liquid/Jinja tags are not. Spans index the original
//! text, so every finding points at the exact bytes; adjacent spans (a
//! paragraph's text split around a soft line break or an escape) are merged
//! so that a phrase can match across them.

mod html;
mod prose;

use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

use self::html::HtmlText;
pub(crate) use self::prose::ProseMap;
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
/// math, so that formulas are told from prose (a lone `$5` stays text).
/// Front
/// matter is found apart (see [`front_matter`]): the parser would take any
/// `---` line with a `---` line further down for a metadata block, even in
/// the middle of a document, and hide the prose between them.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_MATH
}

/// The prose of a Markdown text and the blocks the structural checks of
/// `self-contrast` need. All spans index the original text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// The prose bytes.
    pub(crate) prose: ProseMap,
    /// Every heading (ATX or setext), whole, with its level (1–6), in order.
    pub(crate) headings: Vec<(u8, Span)>,
    /// Every paragraph outside list items and tables, whole, in order.
    pub(crate) paragraphs: Vec<Span>,
    /// Every list, whole, in order of its start (an outer list before the
    /// lists nested in it).
    pub(crate) lists: Vec<Span>,
    /// Every list item, whole, in order of its start.
    pub(crate) items: Vec<Span>,
    /// The front matter, if the document starts with one.
    pub(crate) front_matter: Option<FrontMatter>,
    /// Every piece of raw HTML (blocks and inline), in order: where inline
    /// directives (`<!-- clientele-disable -->`) may be.
    pub(crate) html: Vec<Span>,
}

/// The syntax of a front matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FrontMatterKind {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

/// A front matter block at the start of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    /// Its syntax.
    pub(crate) kind: FrontMatterKind,
    /// Its contents, between the delimiter lines.
    pub(crate) content: Span,
}

/// How many bytes of a long document are parsed at a time. The parser
/// builds a tree of all the blocks it is given, 6 to 60 times the size of
/// the text; parsing a 100 MB file in pieces keeps that tree small.
const PIECE: usize = 128 << 10;

/// How many events of a piece's last block are held back at most. A
/// block with more is read twice rather than held: its events would take
/// some 60 bytes per byte of text.
const HELD_EVENTS: usize = 1 << 16;

/// The prose of `text` as sorted, non-overlapping byte spans.
///
/// A leading BOM is skipped; the spans still index `text` itself.
#[cfg(test)]
pub(crate) fn prose_spans(text: &str) -> Vec<Span> {
    outline(text).prose.runs().collect()
}

/// The prose and blocks of `text`, from one parse.
///
/// A leading BOM is skipped; the spans still index `text` itself.
pub fn outline(text: &str) -> Outline {
    let mut prose = ProseMap::new(text.len());
    let mut outline = outline_with(text, |span| prose.add(span));
    outline.prose = prose;
    outline
}

/// The blocks of `text`, handing each prose span to `on_prose` in order
/// instead of keeping them: for a large document, the spans would take
/// more memory than the matches found in them. `prose` is left empty.
///
/// A document longer than [`PIECE`] is parsed in pieces that end where a
/// top-level block starts, so that no block is cut. Link reference
/// definitions then apply only within their piece: a reference to one in
/// another piece reads as its literal text, which is prose either way.
/// Only a paragraph longer than a piece is cut (see [`paragraph_cut`]).
pub(crate) fn outline_with(text: &str, on_prose: impl FnMut(Span)) -> Outline {
    outline_holding(text, PIECE, HELD_EVENTS, PIECE, on_prose)
}

/// [`outline_with`], parsing pieces of at least `piece` bytes and cutting
/// no paragraph.
#[cfg(test)]
fn outline_in_pieces(text: &str, piece: usize, on_prose: impl FnMut(Span)) -> Outline {
    outline_holding(text, piece, HELD_EVENTS, usize::MAX, on_prose)
}

/// The outline of `text` parsed in pieces of at least `piece` bytes,
/// holding back at most `most_held` events of a piece's last block, and
/// cutting a paragraph that fills a piece of `cut_over` bytes or more.
fn outline_holding(
    text: &str,
    piece: usize,
    most_held: usize,
    cut_over: usize,
    on_prose: impl FnMut(Span),
) -> Outline {
    let offset = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut builder = Builder::new(text, on_prose);
    let mut start = offset;
    if let Some((front_matter, end)) = front_matter(text, offset) {
        builder.outline.front_matter = Some(front_matter);
        start = end;
    }
    let mut piece_len = piece;
    // Whether the piece at `start` opens with a block too long to hold.
    let mut long_block = false;
    while start < text.len() {
        let end = if text.len() - start <= piece_len {
            text.len()
        } else {
            let at = start + piece_len;
            // A line longer than a piece is ended inside, where pieces may
            // cut paragraphs: it may be one, and could then be cut. Its end
            // is looked for no further than a piece, or a one-line
            // document would be read to its end once per piece.
            let reach = at.saturating_add(piece_len).min(text.len());
            match memchr::memchr(b'\n', &text.as_bytes()[at..reach]) {
                Some(i) => at + i + 1,
                None if piece_len >= cut_over && reach < text.len() => {
                    crate::source::floor_char_boundary(text, at)
                }
                None => line_end(text, at),
            }
        };
        let events = || piece_events(text, start, end);
        if end == text.len() {
            // The last piece: every block in it is whole, and its events go
            // straight to the builder, however long a block is.
            for (event, whole) in events() {
                builder.event(event, whole);
            }
            break;
        }
        // The last top-level block of the piece may be cut short: it is
        // parsed again, whole, with the next piece, and its events are held
        // back until the next block starts. A block with more events than
        // can be held is read twice instead: a first pass finds where the
        // piece's last block starts, keeping no event, and a second hands
        // on the events before it.
        let last = if long_block {
            let mut top = TopLevel::new(text, start);
            let mut paragraph = None;
            let mut last = start;
            for (event, whole) in events() {
                paragraph.get_or_insert(matches!(event, Event::Start(Tag::Paragraph)));
                last = top.starts_block(&event, whole).unwrap_or(last);
            }
            // One paragraph fills the piece: it is cut, so that the
            // parser's tree of it stays as small as a piece's.
            if last <= start
                && paragraph == Some(true)
                && piece_len >= cut_over
                && let Some(cut) = paragraph_cut(text, start + piece_len / 2, end)
            {
                for (event, whole) in piece_events(text, start, cut) {
                    builder.event(event, whole);
                }
                builder.continue_paragraph(cut);
                start = cut;
                continue;
            }
            let mut top = TopLevel::new(text, start);
            for (event, whole) in events() {
                if top.starts_block(&event, whole).is_some_and(|at| at >= last) {
                    break;
                }
                builder.event(event, whole);
            }
            last
        } else {
            let mut held: Vec<(Event<'_>, Span)> = Vec::new();
            let mut top = TopLevel::new(text, start);
            let mut last = start;
            for (event, whole) in events() {
                if let Some(at) = top.starts_block(&event, whole) {
                    for (event, whole) in held.drain(..) {
                        builder.event(event, whole);
                    }
                    last = at;
                }
                held.push((event, whole));
                if held.len() > most_held {
                    long_block = true;
                    break;
                }
            }
            if long_block {
                // Read again from the long block, twice.
                start = last.max(start);
                continue;
            }
            last
        };
        if last > start {
            start = last;
            piece_len = piece;
            long_block = false;
        } else {
            // One block fills the piece: try a longer one.
            piece_len = piece_len.saturating_mul(2);
        }
    }
    builder.finish()
}

/// The parser's events for `text[start..end]`, at their places in `text`.
fn piece_events(text: &str, start: usize, end: usize) -> impl Iterator<Item = (Event<'_>, Span)> {
    Parser::new_ext(&text[start..end], options())
        .into_offset_iter()
        .map(move |(event, range)| (event, Span::from(range).shift(start)))
}

/// Where a paragraph that runs on past `to` may be cut, at or after
/// `from`: the last line in between that starts with a character that
/// opens no block (a letter), or else the last word after a space that
/// does, or the last place between two Han characters, outside code
/// spans, links and HTML tags as far as its line shows. The next piece
/// starts a paragraph there that reads as the rest of this one, unless
/// emphasis or a construct over several lines runs across the cut. `None`
/// when the paragraph has no such place.
fn paragraph_cut(text: &str, from: usize, to: usize) -> Option<usize> {
    let from = crate::source::ceil_char_boundary(text, from);
    // The last line of the piece may run on: a cut at a line start needs a
    // whole line after it. A piece of one line ends inside it.
    let piece = text.get(from..to)?;
    let to = piece
        .trim_end_matches('\n')
        .rfind('\n')
        .map_or(to, |i| from + i);
    let window = text.get(from..to)?;
    let (mut line_cut, mut word_cut) = (None, None);
    let mut line = LineMarks::default();
    let mut previous = None;
    for (i, c) in window.char_indices() {
        let at = from + i;
        if previous == Some('\n') {
            line = LineMarks::default();
            if opens_no_block(&text[at..]) {
                line_cut = Some(at);
            }
        } else if line.outside()
            && (previous == Some(' ') && opens_no_block(&text[at..])
                || previous.is_some_and(crate::lexicon::is_cjk) && crate::lexicon::is_cjk(c))
        {
            word_cut = Some(at);
        }
        line.read(c);
        previous = Some(c);
    }
    line_cut.or(word_cut)
}

/// What is open at a place on a line: code spans, brackets, an HTML tag.
#[derive(Default)]
struct LineMarks {
    backticks: usize,
    brackets: usize,
    in_tag: bool,
}

impl LineMarks {
    fn read(&mut self, c: char) {
        match c {
            '`' => self.backticks += 1,
            '[' | '(' => self.brackets += 1,
            ']' | ')' => self.brackets = self.brackets.saturating_sub(1),
            '<' => self.in_tag = true,
            '>' => self.in_tag = false,
            _ => {}
        }
    }

    /// Whether nothing is open.
    fn outside(&self) -> bool {
        self.backticks.is_multiple_of(2) && self.brackets == 0 && !self.in_tag
    }
}

/// Whether a piece starting with `rest` starts with a paragraph: a letter
/// opens no other block, and neither does emphasis of a word (`*a*`).
fn opens_no_block(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() => true,
        Some('*' | '_') => chars.next().is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

/// Tells where the top-level blocks of a stream of events start.
struct TopLevel<'t> {
    text: &'t str,
    /// Where the piece starts: no block of it starts before, and the line
    /// of a block is looked for no further back.
    offset: usize,
    /// How many tags are open.
    depth: usize,
}

impl<'t> TopLevel<'t> {
    fn new(text: &'t str, offset: usize) -> Self {
        Self {
            text,
            offset,
            depth: 0,
        }
    }

    /// Where the block that `event` (at `whole`) opens starts, when it
    /// opens a top-level block: from the start of its line, since an
    /// indented code block's range starts after the indentation that makes
    /// it one.
    fn starts_block(&mut self, event: &Event<'_>, whole: Span) -> Option<usize> {
        let at = (self.depth == 0).then(|| {
            self.text[self.offset..whole.start]
                .rfind('\n')
                .map_or(self.offset, |i| self.offset + i + 1)
        });
        match event {
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        at
    }
}

/// The front matter that opens `text` at `offset`, and where the document
/// after it starts: a `---` (YAML) or `+++` (TOML) line, a line that is not
/// blank, and the rest up to a closing `---` or `...` (YAML) or `+++`
/// (TOML) line.
fn front_matter(text: &str, offset: usize) -> Option<(FrontMatter, usize)> {
    let first_end = line_end(text, offset);
    let (kind, closers): (_, &[&str]) = match text[offset..first_end].trim_end() {
        "---" => (FrontMatterKind::Yaml, &["---", "..."]),
        "+++" => (FrontMatterKind::Toml, &["+++"]),
        _ => return None,
    };
    let mut at = first_end;
    if text[at..line_end(text, at)].trim().is_empty() {
        return None;
    }
    while at < text.len() {
        let next = line_end(text, at);
        if closers.contains(&text[at..next].trim_end()) {
            let content = Span::new(first_end, at);
            return Some((FrontMatter { kind, content }, next));
        }
        at = next;
    }
    None
}

/// The end of the line `at` is in (after its line break), or the end of
/// `text`.
fn line_end(text: &str, at: usize) -> usize {
    text.as_bytes()
        .get(at..)
        .and_then(|rest| memchr::memchr(b'\n', rest))
        .map_or(text.len(), |i| at + i + 1)
}

/// Turns parser events into an [`Outline`] and prose spans.
struct Builder<'t, F> {
    text: &'t str,
    outline: Outline,
    /// The last prose span, still growing while the next one touches it.
    pending: Option<Span>,
    on_prose: F,
    /// One entry per open tag: whether it hides its text. Every start
    /// event has its end event, so the stack stays balanced.
    open: Vec<bool>,
    hidden_depth: usize,
    /// How many list items and tables are open: their paragraphs are not
    /// free-standing lines that could be headings.
    nested_depth: usize,
    /// The open HTML block's lexer, and a buffer for the prose it finds.
    html: Option<HtmlText>,
    html_prose: Vec<Span>,
    /// Where a paragraph cut in two goes on: the paragraph starting there
    /// is the rest of the one before.
    continued_at: Option<usize>,
}

impl<'t, F: FnMut(Span)> Builder<'t, F> {
    fn new(text: &'t str, on_prose: F) -> Self {
        Self {
            text,
            outline: Outline::default(),
            pending: None,
            on_prose,
            open: Vec::new(),
            hidden_depth: 0,
            nested_depth: 0,
            html: None,
            html_prose: Vec::new(),
            continued_at: None,
        }
    }

    /// The paragraph that was handed on so far goes on at `cut`: the white
    /// space before the cut stays prose between its two parts, as it is in
    /// one paragraph, and the paragraph starting at `cut` extends it.
    fn continue_paragraph(&mut self, cut: usize) {
        let space = self.text[..cut].trim_end_matches([' ', '\t', '\n', '\r']);
        self.prose(Span::new(space.len(), cut));
        self.continued_at = Some(cut);
    }

    fn event(&mut self, event: Event<'_>, whole: Span) {
        let continued_at = self.continued_at.take();
        let outline = &mut self.outline;
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::HtmlBlock => {
                        outline.html.push(whole);
                        self.html = Some(HtmlText::default());
                    }
                    Tag::Heading { level, .. } => outline.headings.push((*level as u8, whole)),
                    Tag::Paragraph if self.nested_depth == 0 => match outline.paragraphs.last_mut()
                    {
                        Some(cut) if continued_at == Some(whole.start) => cut.end = whole.end,
                        _ => outline.paragraphs.push(whole),
                    },
                    Tag::List(_) => outline.lists.push(whole),
                    Tag::Item => outline.items.push(whole),
                    _ => {}
                }
                self.nested_depth += usize::from(matches!(tag, Tag::Item | Tag::Table(_)));
                let hides = hides_text(&tag);
                self.hidden_depth += usize::from(hides);
                self.open.push(hides);
            }
            Event::End(end) => {
                if end == TagEnd::HtmlBlock
                    && let Some(mut lexer) = self.html.take()
                {
                    lexer.finish(self.text, &mut self.html_prose);
                    self.html_prose_out();
                }
                self.nested_depth = self
                    .nested_depth
                    .saturating_sub(usize::from(matches!(end, TagEnd::Item | TagEnd::Table)));
                if self.open.pop() == Some(true) {
                    self.hidden_depth -= 1;
                }
            }
            Event::Text(_) | Event::SoftBreak if self.hidden_depth == 0 => self.prose(whole),
            Event::Html(_) => {
                if let Some(lexer) = &mut self.html {
                    lexer.feed(self.text, whole, &mut self.html_prose);
                    self.html_prose_out();
                }
            }
            Event::InlineHtml(_) => outline.html.push(whole),
            // Math, code and the rest: not prose.
            _ => {}
        }
    }

    /// Add the prose the HTML lexer found.
    fn html_prose_out(&mut self) {
        let mut found = std::mem::take(&mut self.html_prose);
        for span in found.drain(..) {
            self.prose(span);
        }
        self.html_prose = found;
    }

    /// Add `span` to the prose, merging it with the pending span when they
    /// touch.
    fn prose(&mut self, span: Span) {
        if span.is_empty() {
            return;
        }
        match &mut self.pending {
            Some(last) if last.end >= span.start => last.end = last.end.max(span.end),
            _ => {
                if let Some(done) = self.pending.replace(span) {
                    push_prose(self.text, done, &mut self.on_prose);
                }
            }
        }
    }

    fn finish(mut self) -> Outline {
        if let Some(done) = self.pending.take() {
            push_prose(self.text, done, &mut self.on_prose);
        }
        self.outline
    }
}

/// Tags whose text is not prose.
fn hides_text(tag: &Tag<'_>) -> bool {
    match tag {
        Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock => true,
        Tag::Link { link_type, .. } => matches!(link_type, LinkType::Autolink | LinkType::Email),
        _ => false,
    }
}

/// Hand `span` to `out` with URLs, e-mail addresses and template tags cut
/// out.
fn push_prose(text: &str, span: Span, out: &mut impl FnMut(Span)) {
    let Some(slice) = span.slice(text) else {
        return;
    };
    let bytes = slice.as_bytes();
    // Most prose has none of them: skip the regexes, and compiling them.
    let www = memchr::memmem::find(bytes, b"www.").is_some();
    if !www && memchr::memchr3(b':', b'{', b'@', bytes).is_none() {
        out(span);
        return;
    }
    let maybe_url_or_tag = www || memchr::memchr2(b':', b'{', bytes).is_some();
    let maybe_email = memchr::memchr(b'@', bytes).is_some();
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
            out(Span::new(span.start + start, span.start + cut_start));
        }
        start = start.max(cut_end);
    }
    if start < slice.len() {
        out(Span::new(span.start + start, span.end));
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
    fn code_html_tags_and_front_matter_are_not_prose() {
        let text =
            "+++\ntitle = \"x\"\n+++\n\nA `b` <i>c</i> d\n\n    indented\n\n<div>\nblock\n</div>\n";
        assert_eq!(prose(text), ["A ", " ", "c", " d", "block"]);
    }

    #[test]
    fn math_is_not_prose_and_lone_dollars_are() {
        let text =
            "Pay $5 and $10 a month.\n\nThe $n$ clients and $$x^2$$ more.\n\n$$\nclient\n$$\n";
        assert_eq!(
            prose(text),
            ["Pay $5 and $10 a month.", "The ", " clients and ", " more."]
        );
    }

    #[test]
    fn the_text_of_html_blocks_is_prose_wherever_they_are() {
        let text = "<Note type=\"info\">\nOur clients can export\ntheir invoices.\n</Note>\n\n\
            > <div class=\"server\">\n> A quoted client\n> </div>\n\n\
            - item\n\n  <Tip>\n  {props.client} Listed client\n  </Tip>\n";
        assert_eq!(
            prose(text),
            [
                "Our clients can export\ntheir invoices.",
                "A quoted client",
                "item",
                "Listed client"
            ]
        );
        let html: Vec<&str> = outline(text)
            .html
            .iter()
            .map(|s| s.slice(text).unwrap())
            .collect();
        assert_eq!(html.len(), 3);
        assert!(html[0].starts_with("<Note"), "{html:?}");
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
    fn dashed_lines_later_in_a_document_do_not_hide_prose() {
        let text = "Intro\n\n---\nThe client.\n\nMore.\n\n---\n";
        assert_eq!(prose(text), ["Intro", "The client.", "More."]);
        assert_eq!(outline(text).front_matter, None);
        assert_eq!(
            prose("---\n\nNot front matter.\n---\n"),
            ["Not front matter."]
        );
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

    #[test]
    fn a_document_parsed_in_pieces_has_the_outline_of_one_parse() {
        let text = "---\ntitle: x\n---\n\n# Clients\n\nA paragraph about customers\nwith a soft break.\n\n\
            - item one\n- item two\n\n  continued item\n\n> quoted *client*\n> more\n\n\
            ```\ncode client\n\n```\n\n<div>\nhtml client\n</div>\n\n| a | b |\n|---|---|\n| c | d |\n\n\
            ---\n\nSetext heading\n--------------\n\n    indented code\n\nLast line.\n";
        let whole = outline_in_pieces(text, usize::MAX, |_| {});
        let whole_prose = prose_spans(text);
        for piece in [1, 16, 40, 100] {
            let mut prose = Vec::new();
            let pieces = outline_in_pieces(text, piece, |s| prose.push(s));
            assert_eq!(pieces, whole, "pieces of {piece}");
            assert_eq!(prose, whole_prose, "pieces of {piece}");
        }
        assert!(whole.front_matter.is_some());
        assert_eq!(whole.headings.len(), 2);
    }

    #[test]
    fn a_paragraph_is_cut_only_before_a_word_that_opens_no_block() {
        let text = "one two\n- three four\n    five\n  six seven\nlast line\n";
        assert_eq!(
            paragraph_cut(text, 0, text.len()),
            Some(text.find("seven").unwrap())
        );
        let text = "one\ntwo three\nlast line\n";
        assert_eq!(
            paragraph_cut(text, 0, text.len()),
            Some(text.find("two").unwrap())
        );
        let text = "a *b* `c d` [e f](g h) <i j> *k* (l m\nx";
        assert_eq!(
            paragraph_cut(text, 0, text.len()),
            Some(text.find("*k*").unwrap())
        );
        assert_eq!(paragraph_cut("客户与顾客\nx", 0, 17), Some(12));
        assert_eq!(paragraph_cut("- a\n> b\n1. c\nx", 0, 14), Some(11));
        assert_eq!(paragraph_cut("12 34\n-- **\nx", 0, 13), None);
    }

    #[test]
    fn a_long_paragraph_is_parsed_in_pieces_and_reads_as_one() {
        let line = "Our clients pay, and *our* customers buy `code` here.\n";
        let text = format!("# Title\n\n{}\nAfter.\n", line.repeat(400));
        let whole = outline(&text);
        let mut prose = ProseMap::new(text.len());
        let mut cut = outline_holding(&text, 1024, 16, 1024, |s| prose.add(s));
        cut.prose = prose;
        assert_eq!(cut, whole);
        assert_eq!(whole.paragraphs.len(), 2);
    }

    proptest! {
        #[test]
        fn pieces_never_change_the_outline(
            lines in prop::collection::vec(prop::sample::select(vec![
                "", "# Heading", "Some client text", "- item", "  continued", "> quote",
                "```", "~~~", "    code", "<div>", "</div>", "<!-- note", "-->",
                "| a | b |", "|---|---|", "---", "+++", "===", "1. one", "[^1]: note",
                "text with *emphasis", "* star", "title: x", "...",
            ]), 0..40),
            crlf in any::<bool>(),
            piece in 1usize..120,
        ) {
            let newline = if crlf { "\r\n" } else { "\n" };
            let text: String = lines.iter().map(|l| format!("{l}{newline}")).collect();
            let mut whole_prose = Vec::new();
            let whole = outline_in_pieces(&text, usize::MAX, |s| whole_prose.push(s));
            let mut prose = Vec::new();
            let pieces = outline_in_pieces(&text, piece, |s| prose.push(s));
            prop_assert_eq!(pieces, whole, "{:?}", text);
            prop_assert_eq!(prose, whole_prose, "{:?}", text);
        }

        #[test]
        fn blocks_too_long_to_hold_never_change_the_outline(
            lines in prop::collection::vec(prop::sample::select(vec![
                "", "# Heading", "Some *client* text", "- item", "  continued", "> quote",
                "```", "    code", "<div>", "</div>", "| a | b |", "|---|---|", "---",
                "text with *emphasis", "* star", "a [link](x) and `code`",
            ]), 0..40),
            piece in 1usize..120,
            held in 0usize..8,
        ) {
            let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
            let mut whole_prose = Vec::new();
            let whole = outline_in_pieces(&text, usize::MAX, |s| whole_prose.push(s));
            let mut prose = Vec::new();
            let pieces = outline_holding(&text, piece, held, usize::MAX, |s| prose.push(s));
            prop_assert_eq!(pieces, whole, "{:?}", text);
            prop_assert_eq!(prose, whole_prose, "{:?}", text);
        }

        /// A paragraph longer than a piece is cut where its words start,
        /// and reads as one: the same prose, and one paragraph.
        #[test]
        fn a_cut_paragraph_reads_as_one(
            lines in prop::collection::vec(
                prop::collection::vec(prop::sample::select(vec![
                    "client", "customers", "*a*", "_b_", "客户", "与顾客", "word.", "and",
                ]), 1..6),
                1..30,
            ),
            spaced in any::<bool>(),
            piece in 8usize..64,
        ) {
            let sep = if spaced { " " } else { "" };
            let text: String = lines.iter().map(|l| format!("{}\n", l.join(sep))).collect();
            let mut whole = outline(&text);
            let mut prose = ProseMap::new(text.len());
            let mut cut = outline_holding(&text, piece, 4, piece, |s| prose.add(s));
            // Emphasis may run across a cut, and its marks then read as
            // text: every letter is prose in both.
            for (at, c) in text.char_indices().filter(|(_, c)| c.is_alphabetic()) {
                prop_assert!(prose.contains(at) && whole.prose.contains(at), "{:?} at {}", c, at);
            }
            whole.prose = ProseMap::default();
            cut.prose = ProseMap::default();
            prop_assert_eq!(cut, whole, "{:?}", text);
        }

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
