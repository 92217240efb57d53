//! Inline directives: HTML comments that switch rules off for part of a
//! document.
//!
//! - `<!-- clientele-disable -->` … `<!-- clientele-enable -->`: every rule,
//!   from the end of the first comment to the start of the second (or to
//!   the end of the document);
//! - `<!-- clientele-disable wrong-term, mixed-terms -->` and
//!   `<!-- clientele-enable wrong-term -->`: only the rules named;
//! - `<!-- clientele-disable-next-line [rules] -->`: the line after the one
//!   the comment ends on.
//!
//! Only comments the Markdown parser sees as HTML count, so a directive
//! shown in a code block does nothing. A comment that starts with
//! `clientele-` but is not a directive, or names an unknown rule, is
//! reported by the rule `invalid-directive`; it is never ignored silently.

use std::sync::LazyLock;

use regex::Regex;

use crate::config::layer::{Named, rule_named};
use crate::registry::{RULES, RuleId};
use crate::span::Span;
use crate::suggest::closest;

/// A comment whose text starts with `clientele-`: the directive's name and
/// its arguments.
static DIRECTIVE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?s)<!--\s*clientele-([A-Za-z-]*)(.*?)-->").ok());

/// The directives there are.
const NAMES: [&str; 3] = ["disable", "enable", "disable-next-line"];

/// What the directives of one document switch off, and what is wrong with
/// them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Directives {
    regions: Vec<(RuleId, Span)>,
    problems: Vec<Problem>,
}

/// A comment that looks like a directive but is not a valid one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// The bytes at fault: the unknown name.
    pub(crate) span: Span,
    /// What is wrong.
    pub(crate) message: String,
    /// The closest valid name, if any.
    pub(crate) help: Option<String>,
}

impl Directives {
    /// The directives in the HTML pieces `html` of `text`.
    pub(crate) fn parse(text: &str, html: &[Span]) -> Self {
        let mut directives = Self::default();
        let Some(regex) = DIRECTIVE.as_ref() else {
            return directives;
        };
        // Per rule: where its current disabled region started, if it is off.
        let mut off_since: Vec<Option<usize>> = vec![None; RULES.len()];
        for piece in html {
            let Some(slice) = piece.slice(text) else {
                continue;
            };
            for captures in regex.captures_iter(slice) {
                let (Some(comment), Some(name), Some(args)) =
                    (captures.get(0), captures.get(1), captures.get(2))
                else {
                    continue;
                };
                let comment = Span::new(comment.start(), comment.end()).shift(piece.start);
                let name_span = Span::new(name.start(), name.end()).shift(piece.start);
                let rules = directives.rules(args.start() + piece.start, args.as_str());
                match name.as_str() {
                    "disable" => {
                        for rule in rules {
                            off_since[rule as usize].get_or_insert(comment.end);
                        }
                    }
                    "enable" => {
                        for rule in rules {
                            if let Some(start) = off_since[rule as usize].take() {
                                directives
                                    .regions
                                    .push((rule, Span::new(start, comment.start)));
                            }
                        }
                    }
                    "disable-next-line" => {
                        if let Some(line) = next_line(text, comment.end) {
                            directives
                                .regions
                                .extend(rules.into_iter().map(|r| (r, line)));
                        }
                    }
                    other => directives.problems.push(Problem {
                        span: if other.is_empty() { comment } else { name_span },
                        message: format!(
                            "unknown directive `clientele-{other}`; expected {}",
                            NAMES.map(|n| format!("`clientele-{n}`")).join(", ")
                        ),
                        help: closest(other, NAMES)
                            .map(|n| format!("did you mean `clientele-{n}`?")),
                    }),
                }
            }
        }
        for (rule, start) in RULES.iter().zip(off_since) {
            if let Some(start) = start {
                directives
                    .regions
                    .push((rule.id, Span::new(start, text.len())));
            }
        }
        directives.merge_regions();
        directives
    }

    /// Sort the regions by rule and start and merge those that overlap or
    /// touch, so that [`Directives::suppresses`] is a binary search: a
    /// document with a directive above each of thousands of lines asks it
    /// once per finding.
    fn merge_regions(&mut self) {
        self.regions.sort_unstable();
        let mut merged: Vec<(RuleId, Span)> = Vec::with_capacity(self.regions.len());
        for &(rule, span) in &self.regions {
            match merged.last_mut() {
                Some((last_rule, last)) if *last_rule == rule && span.start <= last.end => {
                    last.end = last.end.max(span.end);
                }
                _ => merged.push((rule, span)),
            }
        }
        self.regions = merged;
    }

    /// The rules named in a directive's arguments `args` (which start at
    /// byte `at` of the text), every rule when none is named. Unknown names
    /// are recorded as problems.
    fn rules(&mut self, at: usize, args: &str) -> Vec<RuleId> {
        let words = words(args);
        if words.is_empty() {
            return RULES.iter().map(|r| r.id).collect();
        }
        let mut named = Vec::new();
        for (start, word) in words {
            let span = Span::new(at + start, at + start + word.len());
            let name = Named {
                value: word.to_owned(),
                span: Some(span),
            };
            match rule_named(&name) {
                Ok(rule) => named.push(rule),
                Err(error) => self.problems.push(Problem {
                    span,
                    message: error.message,
                    help: error.help,
                }),
            }
        }
        named
    }

    /// Whether a finding of `rule` starting at byte `offset` is switched off.
    pub(crate) fn suppresses(&self, rule: RuleId, offset: usize) -> bool {
        if rule == RuleId::InvalidDirective {
            return false;
        }
        // The last region of `rule` starting at or before `offset`.
        let after = self
            .regions
            .partition_point(|&(r, span)| (r, span.start) <= (rule, offset));
        after
            .checked_sub(1)
            .is_some_and(|i| self.regions[i].0 == rule && offset < self.regions[i].1.end)
    }

    /// Whether any part of the document is switched off for `rule`.
    pub(crate) fn touches(&self, rule: RuleId) -> bool {
        self.regions.iter().any(|&(r, _)| r == rule)
    }

    /// The comments that are not valid directives.
    pub(crate) fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

/// The words of a rule list, `wrong-term, mixed-terms`, with their offsets.
fn words(args: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in args.char_indices().chain([(args.len(), ',')]) {
        let separator = c == ',' || c.is_whitespace();
        match start {
            Some(s) if separator => {
                words.push((s, &args[s..i]));
                start = None;
            }
            None if !separator => start = Some(i),
            _ => {}
        }
    }
    words
}

/// The line after the one `offset` is on, without its line break.
fn next_line(text: &str, offset: usize) -> Option<Span> {
    let start = offset + text.get(offset..)?.find('\n')? + 1;
    let rest = text.get(start..)?;
    let end = start + rest.find('\n').unwrap_or(rest.len());
    Some(Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::outline;

    fn parse(text: &str) -> Directives {
        Directives::parse(text, &outline(text).html)
    }

    /// Which of `words` (each once in `text`) `rule` may report on.
    fn reported<'a>(text: &str, rule: RuleId, words: &[&'a str]) -> Vec<&'a str> {
        let directives = parse(text);
        words
            .iter()
            .copied()
            .filter(|w| !directives.suppresses(rule, text.find(w).unwrap()))
            .collect()
    }

    #[test]
    fn disable_and_enable_bound_a_region_per_rule() {
        let text = "one\n\n<!-- clientele-disable -->\ntwo\n<!-- clientele-enable mixed-terms -->\nthree\n<!-- clientele-enable -->\nfour\n";
        let words = ["one", "two", "three", "four"];
        assert_eq!(reported(text, RuleId::WrongTerm, &words), ["one", "four"]);
        assert_eq!(
            reported(text, RuleId::MixedTerms, &words),
            ["one", "three", "four"]
        );
    }

    #[test]
    fn a_disable_without_enable_runs_to_the_end() {
        let text = "one <!-- clientele-disable wrong-term --> two\n\nthree";
        let words = ["one", "two", "three"];
        assert_eq!(reported(text, RuleId::WrongTerm, &words), ["one"]);
        assert_eq!(reported(text, RuleId::SelfContrast, &words), words);
    }

    #[test]
    fn next_line_is_the_line_after_the_comment_with_any_line_ending() {
        let text = "<!-- clientele-disable-next-line -->\r\ntwo\r\nthree\r\n";
        assert_eq!(
            reported(text, RuleId::WrongTerm, &["two", "three"]),
            ["three"]
        );
        // A directive on the last line has no next line, and no effect.
        assert_eq!(
            parse("text <!-- clientele-disable-next-line -->"),
            Directives::default()
        );
    }

    #[test]
    fn names_may_be_separated_by_commas_or_spaces() {
        let text = "<!-- clientele-disable wrong-term,mixed-terms self-contrast -->\nx";
        let directives = parse(text);
        assert!(directives.problems().is_empty());
        for rule in [RuleId::WrongTerm, RuleId::MixedTerms, RuleId::SelfContrast] {
            assert!(directives.suppresses(rule, text.len() - 1), "{rule:?}");
        }
    }

    #[test]
    fn bad_names_are_problems_at_the_name_and_invalid_directive_is_never_suppressed() {
        let text = "<!-- clientele-disable -->\n<!-- clientele-disable wrong-trm -->\n<!-- clientele- -->\n";
        let directives = parse(text);
        let problems: Vec<(&str, Option<&str>)> = directives
            .problems()
            .iter()
            .map(|p| (p.span.slice(text).unwrap(), p.help.as_deref()))
            .collect();
        assert_eq!(
            problems,
            [
                ("wrong-trm", Some("did you mean `wrong-term`?")),
                ("<!-- clientele- -->", None),
            ]
        );
        assert!(!directives.suppresses(RuleId::InvalidDirective, text.len() - 2));
    }
}
