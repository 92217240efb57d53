//! The context of a term in the raw Markdown: its sentence and its
//! paragraph, found by looking outwards from the term for sentence ends and
//! block breaks. Both are capped, so that a page-long line costs no more
//! than a normal paragraph. Headings are those the parser found: a line
//! that starts with `#` (a `#hashtag`, a comment in code) is not one.

use crate::source::{ceil_char_boundary, floor_char_boundary};
use crate::span::Span;

/// How far a sentence reaches on either side of its term, in bytes.
const SENTENCE_REACH: usize = 400;

/// How much of the lines around a line break is looked at to tell whether
/// it ends a block.
const LINE_LOOK: usize = 200;

/// How far a paragraph reaches on either side of its term, in bytes.
const PARAGRAPH_REACH: usize = 1200;

/// A stretch of text around a term: its span, and which of its ends are
/// caps rather than a sentence end or a block break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Window {
    pub(crate) span: Span,
    capped_start: bool,
    capped_end: bool,
    reach: usize,
}

impl Window {
    /// Whether this window, found for an earlier term, is also the window
    /// of `term`: it holds `term`, and each capped end is at least half a
    /// reach from it. The terms of one sentence then share one window, and
    /// a page-long line is read a few hundred bytes at a time, not once
    /// per term.
    pub(super) fn serves(&self, term: Span) -> bool {
        let half = self.reach / 2;
        self.span.start <= term.start
            && term.end <= self.span.end
            && (!self.capped_start || term.start - self.span.start >= half)
            && (!self.capped_end || self.span.end - term.end >= half)
    }
}

/// The sentence around `span`: after the last sentence end or block break
/// before it, up to the next one after it. `headings` are the document's,
/// in order.
pub(super) fn sentence(text: &str, headings: &[(u8, Span)], span: Span) -> Window {
    let from = floor_char_boundary(text, span.start.saturating_sub(SENTENCE_REACH));
    let to = ceil_char_boundary(text, (span.end + SENTENCE_REACH).min(text.len()));
    let bound = |at: usize, c: char| {
        ends_sentence(text, at, c) || (c == '\n' && breaks_block(text, headings, at))
    };
    let start = text[from..span.start]
        .char_indices()
        .rev()
        .find(|&(i, c)| bound(from + i, c))
        .map(|(i, c)| from + i + c.len_utf8());
    let end = text[span.end..to]
        .char_indices()
        .find(|&(i, c)| bound(span.end + i, c))
        .map(|(i, _)| span.end + i);
    Window {
        span: Span::new(start.unwrap_or(from), end.unwrap_or(to)),
        capped_start: start.is_none() && from > 0,
        capped_end: end.is_none() && to < text.len(),
        reach: SENTENCE_REACH,
    }
}

/// The paragraph around `span`: between the blank lines before and after
/// it. A list or a table without blank lines is one paragraph.
pub(super) fn paragraph(text: &str, span: Span) -> Window {
    let from = floor_char_boundary(text, span.start.saturating_sub(PARAGRAPH_REACH));
    let to = ceil_char_boundary(text, (span.end + PARAGRAPH_REACH).min(text.len()));
    let before = &text[from..span.start];
    let start = match (before.rfind("\n\n"), before.rfind("\n\r\n")) {
        (Some(lf), Some(crlf)) if crlf > lf => Some(from + crlf + 3),
        (Some(lf), _) => Some(from + lf + 2),
        (None, Some(crlf)) => Some(from + crlf + 3),
        (None, None) => None,
    };
    let after = &text[span.end..to];
    let end = match (after.find("\n\n"), after.find("\n\r\n")) {
        (Some(lf), Some(crlf)) => Some(span.end + lf.min(crlf)),
        (Some(at), None) | (None, Some(at)) => Some(span.end + at),
        (None, None) => None,
    };
    Window {
        span: Span::new(start.unwrap_or(from), end.unwrap_or(to)),
        capped_start: start.is_none() && from > 0,
        capped_end: end.is_none() && to < text.len(),
        reach: PARAGRAPH_REACH,
    }
}

/// Whether the character `c` at `at` ends a sentence: `.`, `!`, `?`, `;`
/// before white space, or a full-width end mark.
fn ends_sentence(text: &str, at: usize, c: char) -> bool {
    match c {
        '。' | '！' | '？' | '；' => true,
        '.' | '!' | '?' | ';' => text[at + 1..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace),
        _ => false,
    }
}

/// Whether the line break at `at` ends a block: a blank line, a heading or
/// table row before it, or a new block (heading, list item, table row,
/// quote, fence) after it. Otherwise it only wraps a paragraph.
pub(super) fn breaks_block(text: &str, headings: &[(u8, Span)], at: usize) -> bool {
    // Only a line's first bytes tell what it is: the look stays short on
    // long lines.
    let from = floor_char_boundary(text, at.saturating_sub(LINE_LOOK));
    let (line_start, line_before) = match memchr::memrchr(b'\n', &text.as_bytes()[from..at]) {
        Some(i) => (from + i + 1, &text[from + i + 1..at]),
        None if from == 0 => (0, &text[..at]),
        None => (from, "x"),
    };
    let to = ceil_char_boundary(text, (at + 1 + LINE_LOOK).min(text.len()));
    let line_after = text[at + 1..to].split('\n').next().unwrap_or("");
    let line_before = line_before.trim_start();
    line_before.trim().is_empty()
        || line_before.starts_with('|')
        || line_before.starts_with("---")
        || line_after.trim().is_empty()
        || starts_block(line_after.trim_start())
        || borders_heading(text, headings, line_start, at)
}

/// Whether one of `headings` holds the line from `line_start` to the line
/// break at `at`, or starts on the line after it (behind its indent or
/// quote markers).
fn borders_heading(text: &str, headings: &[(u8, Span)], line_start: usize, at: usize) -> bool {
    let next = headings.partition_point(|(_, h)| h.start <= at);
    let before = next
        .checked_sub(1)
        .and_then(|i| headings.get(i))
        .is_some_and(|(_, h)| h.end > line_start);
    let after = headings.get(next).is_some_and(|(_, h)| {
        text.get(at + 1..h.start)
            .is_some_and(|gap| gap.bytes().all(|b| matches!(b, b' ' | b'\t' | b'>')))
    });
    before || after
}

/// Whether a line (without its indent) opens a block of its own. A
/// heading is not told here: only the parser knows which `#` lines are
/// headings.
fn starts_block(line: &str) -> bool {
    if ["|", ">", "- ", "* ", "+ ", "```", "~~~", "<", "---"]
        .iter()
        .any(|marker| line.starts_with(marker))
    {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around<'t>(text: &'t str, word: &str, window: fn(&str, Span) -> Window) -> &'t str {
        let start = text.find(word).unwrap();
        let span = window(text, Span::new(start, start + word.len())).span;
        &text[span.start..span.end]
    }

    /// The sentence around the first `word` of the Markdown `text`.
    fn sentence_of<'t>(text: &'t str, word: &str) -> &'t str {
        let headings = crate::markdown::outline(text).headings;
        let start = text.find(word).unwrap();
        let span = sentence(text, &headings, Span::new(start, start + word.len())).span;
        &text[span.start..span.end]
    }

    #[test]
    fn a_sentence_ends_at_end_marks_and_block_breaks_not_at_wraps() {
        let text = "Intro. The client\nsends a request. Next one.\n\n# Heading";
        assert_eq!(sentence_of(text, "client"), " The client\nsends a request");
        let text = "- first item\n- the client calls v1.2 of it\n- third";
        assert_eq!(sentence_of(text, "client"), "- the client calls v1.2 of it");
        let text = "| a | the client | b |\n|---|---|---|\n| c | d | e |";
        assert_eq!(sentence_of(text, "client"), "| a | the client | b |");
        let text = "会话结束。客户端发送请求；服务器响应。";
        assert_eq!(sentence_of(text, "客户"), "客户端发送请求");
    }

    #[test]
    fn only_the_parser_s_headings_break_a_sentence() {
        let text = "# Title\nThe client waits";
        assert_eq!(sentence_of(text, "client"), "The client waits");
        let text = "The client waits\n  > ## Quoted heading";
        assert_eq!(sentence_of(text, "client"), "The client waits");
        let text = "Title\n=====\nThe client waits";
        assert_eq!(sentence_of(text, "client"), "The client waits");
        // Not headings: a hashtag, a `#` line in an indented code block's
        // place (a paragraph goes on), in an HTML block, in a list item.
        for text in [
            "The client waits on the\n#1 proxy here",
            "The client waits on the\n    # proxy here",
            "<div>\nThe client waits on the\n# proxy here\n</div>",
            "- The client waits on the\n  #proxy here",
        ] {
            assert!(
                sentence_of(text, "client").ends_with("proxy here"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_paragraph_runs_between_blank_lines_and_is_capped() {
        let text = "One.\n\nA server.\nThe client.\n\nTwo.";
        assert_eq!(around(text, "client", paragraph), "A server.\nThe client.");
        let long = format!("{} client {}", "x ".repeat(5000), "y ".repeat(5000));
        let found = around(&long, "client", paragraph);
        assert!(found.len() <= 2 * PARAGRAPH_REACH + 6, "{}", found.len());
    }

    #[test]
    fn a_window_serves_the_later_terms_inside_it_away_from_its_caps() {
        let text = "One. The client and the client. Two.";
        let first = text.find("client").unwrap();
        let window = sentence(text, &[], Span::new(first, first + 6));
        let second = text.rfind("client").unwrap();
        assert!(window.serves(Span::new(second, second + 6)));
        assert_eq!(window, sentence(text, &[], Span::new(second, second + 6)));
        assert!(!window.serves(Span::new(text.len() - 4, text.len() - 1)));
        let long = "client ".repeat(1000);
        let window = sentence(&long, &[], Span::new(3500, 3506));
        assert!(window.serves(Span::new(3500 + 7, 3506 + 7)));
        assert!(!window.serves(Span::new(3500 + 7 * 40, 3506 + 7 * 40)));
    }
}
