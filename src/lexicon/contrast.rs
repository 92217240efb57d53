//! Connectors that set two words against each other, compiled from the
//! packs' `[contrast]` sections for rule `self-contrast`.
//!
//! A pack gives each connector as regex alternatives for three places: the
//! text right before the first term (`between`, `между`), the whole gap
//! between the terms (`vs`, `или`, `与`), and the text right after the
//! second term. Quotes and emphasis markers around either term, and the
//! language's particles (articles, a repeated preposition) before a term,
//! are allowed here, once for every connector.
//!
//! Two checks keep a contrast between two *kinds* of one term from being
//! taken for a collapse: a qualifier right before the first term
//! ("Перспективный клиент или клиент", "目标客户或客户"), and, after the
//! second, anything but the end of its noun phrase ("user or user group",
//! "客户或客户组"). The pack says what may end the phrase (`ends`) and
//! what counts as a qualifier (`qualifiers`).

use regex::Regex;

use crate::source::floor_char_boundary;
use crate::span::Span;

/// Quotes and emphasis markers that may wrap a term, as regex class members.
const WRAPPERS: &str = r#""'«»„“”‘’‚‹›「」『』*_~"#;

/// How many bytes before the first term and after the second are examined.
const CONTEXT_WINDOW: usize = 96;

/// The longest gap between two terms a connector may fill, in bytes. Longer
/// gaps are not one contrast, and the cap keeps the check cheap.
pub(crate) const MAX_GAP: usize = 320;

/// The regex fragments of one language's `[contrast]` sections, as the
/// packs give them; each connector with the pack it came from.
#[derive(Debug, Default)]
pub(crate) struct ContrastSource {
    /// The last pack that added to it, blamed for errors no connector caused.
    pub pack: usize,
    pub particles: Vec<String>,
    pub ends: Vec<String>,
    pub qualifiers: Vec<String>,
    pub modifiers: Vec<String>,
    pub connectors: Vec<(usize, ConnectorSource)>,
}

impl ContrastSource {
    /// Add what another pack's section declares for the same language.
    pub(crate) fn extend(&mut self, other: Self) {
        self.pack = other.pack;
        self.particles.extend(other.particles);
        self.ends.extend(other.ends);
        self.qualifiers.extend(other.qualifiers);
        self.modifiers.extend(other.modifiers);
        self.connectors.extend(other.connectors);
    }
}

/// The regex fragments of one connector.
#[derive(Debug, Default)]
pub(crate) struct ConnectorSource {
    pub before: Vec<String>,
    pub between: Vec<String>,
    pub after: Vec<String>,
    pub quoted: bool,
    pub clause: bool,
}

/// One language's compiled contrast connectors and phrase checks.
#[derive(Debug, Clone, Default)]
pub struct Contrast {
    connectors: Vec<Connector>,
    /// After the second term of a phrase contrast: the end of its phrase.
    ends: Option<Regex>,
    /// Right before the first term: a word that makes it a kind of its own.
    qualifier: Option<Regex>,
    /// Right before the first term: a particle, never a qualifier.
    particle_before: Option<Regex>,
    /// Right after the second term of a clause contrast: a particle or a
    /// code that starts a modifier ("пользователь в юридическом лице Б",
    /// "клиенты B2B").
    modifier_after: Option<Regex>,
}

/// One compiled connector.
#[derive(Debug, Clone)]
struct Connector {
    before: Option<Regex>,
    between: Regex,
    after: Option<Regex>,
    quoted: bool,
    clause: bool,
}

/// Why a language's connectors did not compile: the pack of the connector
/// at fault, if one is, and the regex error.
pub(crate) type CompileError = (Option<usize>, regex::Error);

impl Contrast {
    /// Compile a language's sources; `word_boundaries` as the language says.
    pub(crate) fn compile(
        source: &ContrastSource,
        word_boundaries: bool,
    ) -> Result<Self, CompileError> {
        let boundary = if word_boundaries { r"(?:^|\W)" } else { "" };
        let end_boundary = if word_boundaries { r"(?:$|\W)" } else { "" };
        let particles = alternatives(&source.particles);
        let particle = if particles.is_empty() {
            String::new()
        } else {
            format!(r"(?:[\s{WRAPPERS}]+(?:{particles}))?")
        };
        let regex = |pattern: String| Regex::new(&pattern).map_err(|e| (None, e));
        let ends = alternatives(&source.ends);
        let words = if ends.is_empty() {
            String::new()
        } else {
            format!(r"|\s*(?:{ends}){end_boundary}")
        };
        let ends = regex(format!(
            r"(?i)^[{WRAPPERS}]*(?:\s*(?:$|\n|[\p{{P}}&&[^\-'’]]){words})"
        ))?;
        let qualifier = optional(&source.qualifiers, |q| {
            format!(r"(?i){boundary}(?:{q})[\s{WRAPPERS}]*$")
        })
        .map_err(|e| (None, e))?;
        let particle_before = optional(&source.particles, |p| {
            format!(r"(?i){boundary}(?:{p})[\s{WRAPPERS}]*$")
        })
        .map_err(|e| (None, e))?;
        // Modifiers are case-sensitive (`B2B` is a code, `b` is not);
        // particles are not.
        let mut modifiers = source.modifiers.clone();
        if !particles.is_empty() {
            modifiers.push(format!("(?i:{particles})"));
        }
        let modifier_after = optional(&modifiers, |m| {
            format!(r"^[{WRAPPERS}]*\s+(?:{m}){end_boundary}")
        })
        .map_err(|e| (None, e))?;
        let connectors = source
            .connectors
            .iter()
            .map(|(pack, c)| {
                Connector::compile(c, &particle, boundary).map_err(|e| (Some(*pack), e))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            connectors,
            ends: Some(ends),
            qualifier,
            particle_before,
            modifier_after,
        })
    }

    /// Whether a connector of this language sets the term at `first`
    /// against the term at `second` (in text order) of `text`.
    pub fn joins(&self, text: &str, first: Span, second: Span) -> bool {
        let Some(gap) = text.get(first.end..second.start) else {
            return false;
        };
        if self.connectors.is_empty() || gap.len() > MAX_GAP || crosses_blank_line(gap) {
            return false;
        }
        let start = floor_char_boundary(text, first.start.saturating_sub(CONTEXT_WINDOW));
        let before = text.get(start..first.start).unwrap_or_default();
        let end = ceil_boundary(text, second.end.saturating_add(CONTEXT_WINDOW));
        let after = text.get(second.end..end).unwrap_or_default();
        let matches =
            |regex: &Option<Regex>, t: &str| regex.as_ref().is_some_and(|r| r.is_match(t));
        if matches(&self.qualifier, before) && !matches(&self.particle_before, before) {
            return false;
        }
        // `supplier/client or client/supplier` pairs two compounds.
        let trimmed_before =
            before.trim_end_matches(|c: char| c.is_whitespace() || WRAPPERS.contains(c));
        let trimmed_after =
            after.trim_start_matches(|c: char| c.is_whitespace() || WRAPPERS.contains(c));
        if trimmed_before.ends_with('/') || trimmed_after.starts_with('/') {
            return false;
        }
        // A quoted mention has its quotes right around the term: in
        // `**Page of users** and **users**` the first quote holds more.
        let quoted = before.ends_with(|c| WRAPPERS.contains(c))
            && after.starts_with(|c| WRAPPERS.contains(c));
        self.connectors.iter().any(|c| {
            c.between.is_match(gap)
                && (!c.quoted || quoted)
                && c.before.as_ref().is_none_or(|r| r.is_match(before))
                && match &c.after {
                    Some(r) => r.is_match(after),
                    None if c.clause => !matches(&self.modifier_after, after),
                    None => matches(&self.ends, after),
                }
        })
    }
}

impl Connector {
    /// Compile `source` with the language's optional-`particle` pattern and
    /// word `boundary` pattern.
    fn compile(
        source: &ConnectorSource,
        particle: &str,
        boundary: &str,
    ) -> Result<Self, regex::Error> {
        let between = alternatives(&source.between);
        let between = if source.quoted {
            format!(r"(?i)^\s*[{WRAPPERS}]+\s*(?:{between}){particle}\s*[{WRAPPERS}]+\s*$")
        } else {
            format!(r"(?i)^[\s{WRAPPERS}]*(?:{between}){particle}[\s{WRAPPERS}]*$")
        };
        let before = optional(&source.before, |b| {
            format!(r"(?i){boundary}(?:{b}){particle}[\s{WRAPPERS}]*$")
        })?;
        let after = optional(&source.after, |a| format!(r"(?i)^[\s{WRAPPERS}]*(?:{a})"))?;
        Ok(Self {
            before,
            between: Regex::new(&between)?,
            after,
            quoted: source.quoted,
            clause: source.clause,
        })
    }
}

/// The nearest char boundary of `text` at or after `at`.
fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Check one regex fragment on its own, so that an error can point at it.
pub(crate) fn check_fragment(fragment: &str) -> Result<(), regex::Error> {
    Regex::new(&format!("(?i){fragment}")).map(drop)
}

/// The regex `pattern` makes of the alternatives of `fragments`, or none
/// when there are no fragments.
fn optional(
    fragments: &[String],
    pattern: impl FnOnce(&str) -> String,
) -> Result<Option<Regex>, regex::Error> {
    if fragments.is_empty() {
        return Ok(None);
    }
    Regex::new(&pattern(&alternatives(fragments))).map(Some)
}

/// `a|b|c` with each alternative grouped.
fn alternatives(fragments: &[String]) -> String {
    fragments
        .iter()
        .map(|f| format!("(?:{f})"))
        .collect::<Vec<_>>()
        .join("|")
}

/// Whether `gap` holds an empty line: two paragraphs are never one contrast.
fn crosses_blank_line(gap: &str) -> bool {
    gap.split('\n')
        .skip(1)
        .take(gap.matches('\n').count().saturating_sub(1))
        .any(|line| line.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// A language with English-like particles and phrase ends, and one
    /// connector.
    fn contrast(connector: ConnectorSource) -> Contrast {
        let source = ContrastSource {
            pack: 0,
            particles: strings(&["an?", "the"]),
            ends: strings(&["is", "who"]),
            qualifiers: strings(&["new"]),
            modifiers: strings(&["[A-Z0-9]{2,}"]),
            connectors: vec![(0, connector)],
        };
        Contrast::compile(&source, true).unwrap()
    }

    fn between(between: &[&str]) -> ConnectorSource {
        ConnectorSource {
            between: strings(between),
            ..ConnectorSource::default()
        }
    }

    /// Whether `contrast` joins the first and the last `client` of `text`.
    fn joins(contrast: &Contrast, text: &str) -> bool {
        let first = text.find("client").unwrap();
        let last = text.rfind("client").unwrap();
        contrast.joins(text, Span::new(first, first + 6), Span::new(last, last + 6))
    }

    #[test]
    fn between_fills_the_whole_gap_with_quotes_emphasis_and_particles() {
        let or = contrast(between(&["or"]));
        assert!(joins(&or, "client or client"));
        assert!(joins(&or, "**client** OR *the* client."));
        assert!(joins(&or, "\"client\" or \"a client\""));
        assert!(!joins(&or, "client or a new client"));
        assert!(!joins(&or, "client for client"));
        assert!(!joins(&or, "client or\n\nclient"));
        assert!(joins(&or, "client or\nclient"));
    }

    #[test]
    fn the_second_side_must_end_its_phrase() {
        let or = contrast(between(&["or"]));
        assert!(joins(&or, "a client or a client?"));
        assert!(joins(&or, "a client or a client who"));
        assert!(joins(&or, "a client or a client is"));
        assert!(!joins(&or, "a client or client group"));
        assert!(!joins(&or, "a client or client-side"));
        assert!(!joins(&or, "a client or client ID"));
    }

    #[test]
    fn a_qualified_first_side_is_a_kind_of_its_own() {
        let or = contrast(between(&["or"]));
        assert!(!joins(&or, "a new client or a client."));
        assert!(joins(&or, "the client or a client."));
    }

    #[test]
    fn before_must_end_right_before_the_first_term() {
        let and = contrast(ConnectorSource {
            before: strings(&["between"]),
            ..between(&["and"])
        });
        assert!(joins(&and, "the gap between the client and the client."));
        assert!(!joins(&and, "client and client."));
        assert!(!joins(&and, "inbetween client and client."));
        assert!(!joins(&and, "between our client and client."));
    }

    #[test]
    fn after_replaces_the_phrase_end() {
        let gloss = contrast(ConnectorSource {
            after: strings(&[r"\)"]),
            ..between(&[r"\("])
        });
        assert!(joins(&gloss, "client (client) list"));
        assert!(!joins(&gloss, "client (client list)"));
    }

    #[test]
    fn quoted_connectors_need_quotes_on_both_sides() {
        let and = contrast(ConnectorSource {
            quoted: true,
            ..between(&["and"])
        });
        assert!(joins(&and, "the words «client» and «client»."));
        assert!(!joins(&and, "client and client."));
        assert!(!joins(&and, "«the client list» and «client»."));
    }

    #[test]
    fn halves_of_slashed_compounds_are_not_sides() {
        let or = contrast(between(&["or"]));
        assert!(!joins(&or, "vendor/client or client/vendor."));
        assert!(!joins(&or, "vendor/**client** or client."));
    }

    #[test]
    fn a_clause_may_go_on_after_the_second_term_but_not_with_a_particle() {
        let whereas = contrast(ConnectorSource {
            clause: true,
            ..between(&["[^.]{1,80}?, ?whereas"])
        });
        assert!(joins(&whereas, "A client pays, whereas a client waits."));
        assert!(!joins(&whereas, "A client pays, whereas a client the end."));
        assert!(!joins(
            &whereas,
            "A client pays, whereas a client B2B waits."
        ));
        assert!(!joins(&whereas, "A client pays. Whereas a client waits."));
    }

    #[test]
    fn blank_lines_are_found_between_lines_only() {
        assert!(crosses_blank_line(" or\n\nx"));
        assert!(crosses_blank_line(" or\n  \t\nx"));
        assert!(!crosses_blank_line(" or\nx"));
        assert!(!crosses_blank_line("\n"));
    }
}
