//! The text between the tags of an HTML block. MDX components and HTML
//! wrappers (`<Note type="info">` … `</Note>`) hold prose for the reader,
//! but CommonMark reads a component without blank lines as one raw HTML
//! block. The tags, their attributes, comments, declarations, JSX
//! expressions (`{…}`), code spans and the bodies of code-like elements
//! are not prose; the rest is.
//!
//! The parser hands an HTML block over line by line, without the markers
//! of the containers it is in (`> `), so the lexer keeps its state from one
//! piece to the next and never joins text across a gap.

use crate::span::Span;

/// Elements whose bodies are code or preformatted text, not prose.
const RAW: [&str; 5] = ["script", "style", "pre", "code", "textarea"];

/// Where the lexer is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum State {
    /// In the text between tags.
    #[default]
    Text,
    /// In a tag: its open quote, how deep in JSX braces (`={…}`), and the
    /// [`RAW`] element it opens, if any.
    Tag {
        quote: Option<u8>,
        braces: usize,
        opens: Option<usize>,
    },
    /// In a declaration, processing instruction, CDATA section or comment,
    /// up to the end mark given.
    Until(&'static [u8]),
    /// In the body of a [`RAW`] element, up to its closing tag.
    Raw(usize),
    /// In a JSX expression, this many braces deep.
    Expression(usize),
}

/// Finds the prose of one HTML block, fed piece by piece.
#[derive(Debug, Default)]
pub(super) struct HtmlText {
    state: State,
    /// The text read since the last tag, not yet handed out.
    run: Option<Span>,
}

impl HtmlText {
    /// Read `piece` of `text`, the next piece of the block, adding to `out`
    /// the prose that ends in it.
    pub(super) fn feed(&mut self, text: &str, piece: Span, out: &mut Vec<Span>) {
        if self.run.is_some_and(|run| run.end != piece.start) {
            self.flush(text, out);
        }
        let Some(bytes) = piece.slice(text).map(str::as_bytes) else {
            return;
        };
        let mut i = 0;
        while let Some(&byte) = bytes.get(i) {
            let rest = &bytes[i..];
            let at = piece.start + i;
            let (state, len) = match self.state {
                State::Text => match text_step(rest) {
                    Some(step) => {
                        self.flush(text, out);
                        step
                    }
                    None => {
                        match &mut self.run {
                            Some(run) => run.end = at + 1,
                            None => self.run = Some(Span::new(at, at + 1)),
                        }
                        (State::Text, 1)
                    }
                },
                State::Tag {
                    quote,
                    braces,
                    opens,
                } => (
                    tag_step(byte, quote, braces, opens, i > 0 && bytes[i - 1] == b'/'),
                    1,
                ),
                State::Until(end) if rest.starts_with(end) => (State::Text, end.len()),
                State::Raw(element) if closes(rest, RAW[element]) => (
                    State::Tag {
                        quote: None,
                        braces: 0,
                        opens: None,
                    },
                    2 + RAW[element].len(),
                ),
                State::Expression(depth) => match byte {
                    b'{' => (State::Expression(depth + 1), 1),
                    b'}' if depth <= 1 => (State::Text, 1),
                    b'}' => (State::Expression(depth - 1), 1),
                    _ => (self.state, 1),
                },
                State::Until(_) | State::Raw(_) => (self.state, 1),
            };
            self.state = state;
            i += len;
        }
    }

    /// End the block, adding its last prose to `out`.
    pub(super) fn finish(&mut self, text: &str, out: &mut Vec<Span>) {
        self.flush(text, out);
        self.state = State::Text;
    }

    /// Hand out the pending text, without the white space at its ends.
    fn flush(&mut self, text: &str, out: &mut Vec<Span>) {
        let Some(run) = self.run.take() else {
            return;
        };
        let Some(slice) = run.slice(text) else {
            return;
        };
        let start = run.start + (slice.len() - slice.trim_start().len());
        let end = run.start + slice.trim_end().len();
        if start < end {
            out.push(Span::new(start, end));
        }
    }
}

/// What starts at `rest`, in text, if not more text: the state it leads to
/// and how many bytes it takes to get there.
fn text_step(rest: &[u8]) -> Option<(State, usize)> {
    let tag = |opens| State::Tag {
        quote: None,
        braces: 0,
        opens,
    };
    let letter_at = |i: usize| rest.get(i).is_some_and(u8::is_ascii_alphabetic);
    match rest.first()? {
        b'<' if rest.starts_with(b"<!--") => Some((State::Until(b"-->"), 4)),
        b'<' if rest.starts_with(b"<![CDATA[") => Some((State::Until(b"]]>"), 9)),
        b'<' if rest.starts_with(b"<?") => Some((State::Until(b"?>"), 2)),
        b'<' if rest.starts_with(b"<!") && letter_at(2) => Some((State::Until(b">"), 2)),
        // JSX fragments.
        b'<' if rest.starts_with(b"<>") => Some((State::Text, 2)),
        b'<' if rest.starts_with(b"</>") => Some((State::Text, 3)),
        b'<' if rest.starts_with(b"</") && letter_at(2) => Some((tag(None), 2)),
        b'<' if letter_at(1) => {
            let name = rest[1..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b':' | b'_'))
                .count();
            let opens = RAW
                .iter()
                .position(|raw| raw.as_bytes().eq_ignore_ascii_case(&rest[1..=name]));
            Some((tag(opens), 1 + name))
        }
        b'{' => Some((State::Expression(1), 1)),
        b'`' => {
            // A code span closes on a run of as many backticks on the same
            // line; an unclosed run is text.
            let ticks = rest.iter().take_while(|&&b| b == b'`').count();
            let mut at = ticks;
            while at < rest.len() {
                let run = rest[at..].iter().take_while(|&&b| b == b'`').count();
                if run == ticks {
                    return Some((State::Text, at + run));
                }
                at += run.max(1);
            }
            None
        }
        _ => None,
    }
}

/// The state after `byte` in a tag. A `>` outside quotes and braces ends
/// it, opening a [`RAW`] element's body unless the tag closes itself.
fn tag_step(
    byte: u8,
    quote: Option<u8>,
    braces: usize,
    opens: Option<usize>,
    after_slash: bool,
) -> State {
    let (quote, braces) = match (quote, byte) {
        (Some(q), b) if b == q => (None, braces),
        (Some(_), _) => (quote, braces),
        (None, b'"' | b'\'') => (Some(byte), braces),
        (None, b'{') => (None, braces + 1),
        (None, b'}') => (None, braces.saturating_sub(1)),
        (None, b'>') if braces == 0 => {
            return match opens {
                Some(element) if !after_slash => State::Raw(element),
                _ => State::Text,
            };
        }
        _ => (quote, braces),
    };
    State::Tag {
        quote,
        braces,
        opens,
    }
}

/// Whether `rest` starts with the closing tag of `element`, in any case.
fn closes(rest: &[u8], element: &str) -> bool {
    rest.starts_with(b"</")
        && rest
            .get(2..2 + element.len())
            .is_some_and(|name| name.eq_ignore_ascii_case(element.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prose of `block` fed as one piece per line.
    fn prose(block: &str) -> Vec<&str> {
        let mut lexer = HtmlText::default();
        let mut out = Vec::new();
        let mut at = 0;
        for line in block.split_inclusive('\n') {
            lexer.feed(block, Span::new(at, at + line.len()), &mut out);
            at += line.len();
        }
        lexer.finish(block, &mut out);
        out.iter().map(|s| s.slice(block).unwrap()).collect()
    }

    #[test]
    fn the_text_of_components_is_prose_and_their_tags_are_not() {
        assert_eq!(
            prose("<Note type=\"info\">\nOur clients can export\ntheir invoices.\n</Note>\n"),
            ["Our clients can export\ntheir invoices."]
        );
        assert_eq!(
            prose("<div class='server'><p>A <b>client</b> pays.</p></div>\n"),
            ["A", "client", "pays."]
        );
        assert_eq!(
            prose("<Card\n  title=\"Client\"\n  icon='user'>\nText\n</Card>\n"),
            ["Text"]
        );
    }

    #[test]
    fn comments_code_and_expressions_are_not_prose() {
        let block = "<div>\n<!-- a client\nnote -->\nOne {props.client} two `client` three\n<script>let client = 1 < 2;</script>\n<PRE>\nclient\n</pre>\n<?php client ?><!DOCTYPE client><![CDATA[client]]>\n</div>\n";
        assert_eq!(prose(block), ["One", "two", "three"]);
    }

    #[test]
    fn attributes_with_quotes_braces_and_greater_than_signs_stay_in_the_tag() {
        let block = "<Tabs items={['a>b', \"c}\"]} label=\"x > y\" onClick={() => { go(); }}>\nBody\n</Tabs>\n";
        assert_eq!(prose(block), ["Body"]);
        assert_eq!(prose("<>\nA fragment\n</>\n"), ["A fragment"]);
        assert_eq!(prose("<br/>\nAfter a break\n"), ["After a break"]);
        assert_eq!(prose("<code/>\nnot raw\n"), ["not raw"]);
    }

    #[test]
    fn lone_signs_and_backticks_are_text() {
        assert_eq!(prose("<p>\na < b and 3 `c\n</p>\n"), ["a < b and 3 `c"]);
    }

    #[test]
    fn text_is_not_joined_across_pieces_that_do_not_touch() {
        let block = "> <div>\n> a client\n> pays\n> </div>\n";
        let mut lexer = HtmlText::default();
        let mut out = Vec::new();
        for (start, end) in [(2, 8), (10, 19), (21, 26), (28, 35)] {
            lexer.feed(block, Span::new(start, end), &mut out);
        }
        lexer.finish(block, &mut out);
        let got: Vec<&str> = out.iter().map(|s| s.slice(block).unwrap()).collect();
        assert_eq!(got, ["a client", "pays"]);
    }
}
