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
//!
//! An `open` connector makes the contrast plain by itself ("unlike …,",
//! "не …, а", "不是…，而是"), so the second term may go on into its
//! clause unless a modifier (`modifiers`, particles; past a comma,
//! `comma-modifiers`) follows it. The same
//! connectors serve two different roles set against each other:
//! [`Contrast::joins`] looks at the connector only, never at the words.

use std::cell::OnceCell;
use std::sync::OnceLock;

use regex_automata::Input;

use super::fold::is_cjk;
use super::frame;
use super::lazy_regex::LazyRegex;
use super::reach::{self, Characters, Reach};
use super::simplify;

use crate::source::{ceil_char_boundary, floor_char_boundary};
use crate::span::Span;

/// Quotes and emphasis markers that may wrap a term, as regex class members.
const WRAPPERS: &str = r#""'«»„“”‘’‚‹›「」『』*_~"#;

/// How many bytes before the first term and after the second are examined.
const CONTEXT_WINDOW: usize = 96;

/// Particles that make the word before them a modifier of the words
/// after them, in a script without spaces: the possessive `的` and `之`,
/// and `们`, `等`, which close a noun phrase that goes on.
const MODIFYING_PARTICLES: &[char] = &['的', '之', '们', '等'];

/// The longest gap between two terms a connector may fill, in bytes. Longer
/// gaps are not one contrast, and the cap keeps the check cheap.
pub(crate) const MAX_GAP: usize = 320;

/// The regex fragments of one language's `[contrast]` sections, as the
/// packs give them; each connector with the pack it came from.
#[derive(Debug, Default, Clone)]
pub(crate) struct ContrastSource {
    /// The last pack that added to it, blamed for errors no connector caused.
    pub(crate) pack: usize,
    pub(crate) particles: Vec<String>,
    pub(crate) ends: Vec<String>,
    pub(crate) qualifiers: Vec<String>,
    pub(crate) modifiers: Vec<String>,
    pub(crate) comma_modifiers: Vec<String>,
    pub(crate) side_modifiers: Vec<String>,
    pub(crate) clause_starts: Vec<String>,
    pub(crate) connectors: Vec<(usize, ConnectorSource)>,
}

impl ContrastSource {
    /// Add what another pack's section declares for the same language.
    pub(crate) fn extend(&mut self, other: Self) {
        self.pack = other.pack;
        self.particles.extend(other.particles);
        self.ends.extend(other.ends);
        self.qualifiers.extend(other.qualifiers);
        self.modifiers.extend(other.modifiers);
        self.comma_modifiers.extend(other.comma_modifiers);
        self.side_modifiers.extend(other.side_modifiers);
        self.clause_starts.extend(other.clause_starts);
        self.connectors.extend(other.connectors);
    }
}

/// The regex fragments of one connector.
#[derive(Debug, Default, Clone)]
pub(crate) struct ConnectorSource {
    pub(crate) before: Vec<String>,
    pub(crate) between: Vec<String>,
    pub(crate) after: Vec<String>,
    pub(crate) quoted: bool,
    pub(crate) clause: bool,
    pub(crate) open: bool,
    pub(crate) roles_only: bool,
    pub(crate) framed: bool,
}

/// One language's contrast connectors and phrase checks.
///
/// Each regex is compiled the first time a check needs it: most documents
/// never set two terms side by side, and compiling every connector would
/// cost more than linting a small file. A cheap bound on the gap rules most
/// connectors out before their regex is needed at all.
#[derive(Debug, Clone, Default)]
pub(crate) struct Contrast {
    /// The language's sources and whether its terms stand as whole words,
    /// or none when it has no `[contrast]` section.
    source: Option<Box<(ContrastSource, bool)>>,
    /// The checks, put together from `source` the first time one is asked
    /// for: a run over one language's documents never needs the others'.
    checks: OnceLock<Option<Box<Checks>>>,
}

/// The regexes of one language.
#[derive(Debug, Clone)]
struct Checks {
    connectors: Vec<Connector>,
    /// After the second term of a phrase contrast: the end of its phrase.
    ends: LazyRegex,
    /// Right before the first term: a word that makes it a kind of its own.
    qualifier: Option<LazyRegex>,
    /// Right before the first term: a particle, never a qualifier.
    particle_before: Option<LazyRegex>,
    /// Right after the second term of an open or clause contrast: a
    /// particle, a code or a word that starts a modifier ("пользователь в
    /// юридическом лице Б", "клиенты B2B").
    modifier_after: Option<LazyRegex>,
    /// The same past a comma: a modifier the language sets off by one
    /// ("клиенты, делающие заказ").
    comma_modifier_after: Option<LazyRegex>,
    /// At the end of the gap: what makes the second side a kind of its
    /// own ("a shop's", "网店的"), which two different words set against
    /// each other may carry.
    side_modifier: Option<LazyRegex>,
    /// Right after the second term of an open or clause contrast, in a
    /// language without spaces: a word that starts its predicate
    /// ("而是顾客**通常**…"), where a space would tell it elsewhere.
    clause_start: Option<LazyRegex>,
    /// The particles, as one case-insensitive pattern, if there are any.
    particles: Option<String>,
    /// What every connector's `between` may hold besides its words: the
    /// particles and padding. Worked out on first use.
    shared_part: OnceLock<Reach>,
}

/// One connector.
#[derive(Debug, Clone)]
struct Connector {
    /// The pack that declared it.
    pack: usize,
    before: Option<LazyRegex>,
    /// Each `between` alternative on its own: the connector fills a gap
    /// one of them fills, and an alternative is compiled only when its own
    /// reach allows the gap (a comma does not compile "`, who …,`").
    between: Vec<Between>,
    after: Option<LazyRegex>,
    quoted: bool,
    /// Whether the connector alone makes the contrast plain (it is `open`
    /// or joins two clauses): the second term may go on into its clause.
    open: bool,
    /// Whether it sets only two different words against each other.
    roles_only: bool,
    /// Whether `between` is matched against the gap without the frame the
    /// sides share (see [`super::frame`]).
    framed: bool,
}

/// One `between` alternative of a connector.
#[derive(Debug, Clone)]
struct Between {
    /// The whole gap: padding, the alternative, an optional particle, and
    /// padding again (quotes too, for a quoted connector).
    regex: LazyRegex,
    /// The alternative alone, as a case-insensitive pattern.
    words: String,
    /// What gaps it can fill, worked out on first use: with
    /// [`Checks::may_fill`], most gaps are ruled out without compiling it.
    reach: OnceLock<Reach>,
}

/// Why a language's connectors are not valid together: the pack of the
/// connector at fault, if one is, and the reason.
pub(crate) type CompileError = (Option<usize>, String);

impl Contrast {
    /// The checks of a language's sources, `word_boundaries` as the
    /// language says, not yet compiled.
    pub(crate) fn new(source: ContrastSource, word_boundaries: bool) -> Self {
        Self {
            source: Some(Box::new((source, word_boundaries))),
            checks: OnceLock::new(),
        }
    }

    fn checks(&self) -> Option<&Checks> {
        self.checks
            .get_or_init(|| {
                let (source, word_boundaries) = self.source.as_deref()?;
                Some(Box::new(Checks::new(source, *word_boundaries)))
            })
            .as_deref()
    }

    /// Compile every regex now, so that an error can be reported while the
    /// packs load rather than lost on first use.
    pub(crate) fn compile_now(&self) -> Result<(), CompileError> {
        let Some(checks) = self.checks() else {
            return Ok(());
        };
        for (pack, regex) in checks.all() {
            regex.get().map_err(|e| (pack, e.to_owned()))?;
        }
        Ok(())
    }

    /// Every pattern whose reach a check may ask for.
    #[cfg(test)]
    pub(crate) fn reach_patterns(&self) -> Vec<String> {
        self.checks()
            .map(Checks::reach_patterns)
            .unwrap_or_default()
    }

    /// Whether the language has a `[contrast]` section.
    #[cfg(test)]
    pub(crate) fn has_patterns(&self) -> bool {
        self.source.is_some()
    }

    /// Where a modifier right before the term at `term` of `text` may
    /// start ("unlike **a firm's** clients, **a shop's** customers"): each
    /// place after `from`, nearest the term first, from which a
    /// `side-modifiers` pattern of the language runs up to the term. Two
    /// different words set against each other may each be a kind.
    pub(crate) fn side_modifier_starts(&self, text: &str, from: usize, term: Span) -> Vec<usize> {
        let Some(regex) = self
            .checks()
            .and_then(|c| c.side_modifier.as_ref())
            .and_then(|r| r.get().ok())
        else {
            return Vec::new();
        };
        let from = floor_char_boundary(text, from.max(term.start.saturating_sub(CONTEXT_WINDOW)));
        let Some(before) = text.get(..term.start) else {
            return Vec::new();
        };
        // The pattern is anchored at the term only: each search finds the
        // leftmost start left, so the starts come one search each instead of
        // one search per character of the window.
        let mut starts = Vec::new();
        let mut at = from;
        while at < before.len() {
            let Some(found) = regex.find(Input::new(before).range(at..)) else {
                break;
            };
            if found.start() == before.len() {
                break;
            }
            starts.push(found.start());
            at = ceil_char_boundary(before, found.start() + 1);
        }
        starts.reverse();
        starts
    }

    /// Whether a connector of this language sets the term at `first`
    /// against the term at `second` (in text order) of `text`: forms of
    /// one word, so that a modifier after the second makes it a kind of
    /// the first rather than its opposite (`клиенты, а не клиенты банка`).
    pub(crate) fn joins(&self, text: &str, first: Span, second: Span) -> bool {
        self.joins_as(text, first, second, Sides::OneWord)
    }

    /// Whether a connector of this language sets two different words at
    /// `first` and `second` of `text` against each other. A modifier after
    /// the second cannot make it a kind of the first: `не клиенты, а
    /// участники клуба` is still about the two words.
    pub(crate) fn joins_words(&self, text: &str, first: Span, second: Span) -> bool {
        self.joins_as(text, first, second, Sides::TwoWords)
    }

    fn joins_as(&self, text: &str, first: Span, second: Span, sides: Sides) -> bool {
        let (Some(checks), Some(gap)) = (self.checks(), text.get(first.end..second.start)) else {
            return false;
        };
        if gap.len() > MAX_GAP || crosses_blank_line(gap) {
            return false;
        }
        if sides == Sides::OneWord
            && possessive_of_next(&text[second.start..second.end], &text[second.end..])
        {
            return false;
        }
        let start = floor_char_boundary(text, first.start.saturating_sub(CONTEXT_WINDOW));
        let before = text.get(start..first.start).unwrap_or_default();
        let end = ceil_char_boundary(text, second.end.saturating_add(CONTEXT_WINDOW));
        let after = text.get(second.end..end).unwrap_or_default();
        // Traditional connectors (`與`, `還是`) read as the Simplified ones
        // the packs list.
        let (before, after) = (simplify(before), simplify(after));
        checks.joins(&simplify(gap), &before, &after, sides)
            || elided_head(
                text.get(first.start..first.end).unwrap_or_default(),
                gap,
                text.get(second.start..second.end).unwrap_or_default(),
            )
            .is_some_and(|rest| checks.joins(rest, &before, &after, sides))
    }
}

/// The most characters an aside in brackets right after the first term
/// holds.
const MAX_ASIDE_CHARS: usize = 40;

/// The gap past an aside in brackets that opens it: `clients (long-term)
/// and clients (one-off)`, `客户（长期委托）和客户（单次购买）`. The aside says
/// which side is meant, and the connector follows it.
fn past_aside(gap: &str) -> Option<&str> {
    let inner = gap.trim_start_matches(is_padding);
    let close = match inner.chars().next()? {
        '(' => ')',
        '（' => '）',
        _ => return None,
    };
    let end = inner.find(close)?;
    let aside = &inner[..end];
    let short = aside.chars().count() <= MAX_ASIDE_CHARS
        && !aside.contains(['.', '!', '?', ';', '。', '！', '？', '；', '\n']);
    short.then(|| &inner[end + close.len_utf8()..])
}

/// The marks that open an aside and the mark that closes each.
const ASIDE_MARKS: [(&str, &str); 6] = [
    ("(", ")"),
    ("（", "）"),
    ("——", "——"),
    ("—", "—"),
    ("–", "–"),
    ("--", "--"),
];

/// The gap past the mark that opens it, where `after` (the text after the
/// second term) starts with the mark that closes it: the second side is
/// then an aside of its own.
fn aside_holding_second<'a>(gap: &'a str, after: &str) -> Option<&'a str> {
    let inner = gap.trim_start_matches(char::is_whitespace);
    let closing = after.trim_start_matches(|c: char| WRAPPERS.contains(c) || c.is_whitespace());
    ASIDE_MARKS.iter().find_map(|(open, close)| {
        let rest = inner.strip_prefix(open)?;
        // A longer dash is no pair of shorter ones: `——` opens no `—` aside.
        let doubled = rest.starts_with(open) || closing.get(close.len()..)?.starts_with(close);
        (closing.starts_with(close) && !doubled && !rest.contains(close)).then_some(rest)
    })
}

/// Whether `term`, followed by `after`, is a possessive that determines
/// the next word ("the client's lawyer"): the second side is then that
/// word, a thing of the term's, and no collapse of the term.
fn possessive_of_next(term: &str, after: &str) -> bool {
    let rest = after.trim_start_matches(|c| WRAPPERS.contains(c));
    is_possessive(term)
        && rest.starts_with([' ', '\t'])
        && rest.trim_start().starts_with(char::is_alphanumeric)
}

/// Whether `term` ends in an English possessive (`client's`, `clients'`).
fn is_possessive(term: &str) -> bool {
    ["'s", "’s", "s'", "s’"].iter().any(|p| term.ends_with(p))
}

/// The gap past the noun a first possessive term determines, where the
/// second possessive stands alone: "the client's decision, not the
/// client's" sets two owners of one decision against each other, and the
/// noun is said once.
fn elided_head<'a>(first: &str, gap: &'a str, second: &str) -> Option<&'a str> {
    if !is_possessive(first) || !is_possessive(second) {
        return None;
    }
    let rest = gap.strip_prefix(' ')?;
    let end = rest.find(|c: char| !c.is_alphabetic())?;
    (end > 0).then(|| &rest[end..])
}

/// What the two sides of a contrast are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sides {
    /// Forms of one word (`self-contrast`).
    OneWord,
    /// Two different words (a contrast between roles).
    TwoWords,
}

impl Checks {
    fn new(source: &ContrastSource, word_boundaries: bool) -> Self {
        // Word boundaries are assertions, not a `\W` class, and only the
        // pack's words are matched case-insensitively: a large Unicode class,
        // and case folding it, cost most of the time a regex takes to compile.
        let boundary = if word_boundaries {
            r"\b{start-half}"
        } else {
            ""
        };
        let end_boundary = if word_boundaries { r"\b{end-half}" } else { "" };
        let particles = alternatives(&source.particles);
        let particle = if particles.is_empty() {
            String::new()
        } else {
            format!(r"(?:[\s{WRAPPERS}]+(?i:{particles}))?")
        };
        let ends = alternatives(&source.ends);
        let words = if ends.is_empty() {
            String::new()
        } else {
            format!(r"|\s*(?i:{ends}){end_boundary}")
        };
        // A table cell's `|` ends a phrase as punctuation does.
        let ends = format!(r"^[{WRAPPERS}]*(?:\s*(?:$|\n|\||[\p{{P}}&&[^\-'’]]){words})");
        let qualifier = optional(&source.qualifiers, |q| {
            format!(r"{boundary}(?i:{q})[\s{WRAPPERS}]*$")
        });
        let particle_before = optional(&source.particles, |p| {
            format!(r"{boundary}(?i:{p})[\s{WRAPPERS}]*$")
        });
        // Modifiers are case-sensitive (`B2B` is a code, `b` is not);
        // particles are not.
        let mut modifiers = source.modifiers.clone();
        if !particles.is_empty() {
            modifiers.push(format!("(?i:{particles})"));
        }
        let modifier_after = optional(&modifiers, |m| {
            format!(r"^[{WRAPPERS}]*\s+(?:{m}){end_boundary}")
        });
        // After a comma, only what the language sets off by one and still
        // reads as part of the term's phrase: a Russian participle
        // ("клиенты, делающие заказ"), not an English preposition
        // ("customers, not clients, in every article").
        let comma_modifier_after = optional(&source.comma_modifiers, |m| {
            format!(r"^[{WRAPPERS}]*,\s+(?:{m}){end_boundary}")
        });
        let clause_start = optional(&source.clause_starts, |c| format!(r"^[{WRAPPERS}]*(?:{c})"));
        let side_modifier = (!source.side_modifiers.is_empty()).then(|| {
            let m = alternatives(&source.side_modifiers);
            LazyRegex::searching(format!(r"{boundary}(?:{m})[\s{WRAPPERS}]*$"))
        });
        let connectors = source
            .connectors
            .iter()
            .map(|(pack, c)| Connector::new(*pack, c, &particle, boundary))
            .collect();
        Self {
            connectors,
            ends: LazyRegex::new(ends),
            qualifier,
            particle_before,
            modifier_after,
            comma_modifier_after,
            side_modifier,
            clause_start,
            particles: (!particles.is_empty()).then(|| format!("(?i:{particles})")),
            shared_part: OnceLock::new(),
        }
    }

    /// Whether `between` may match `gap`: only if the gap is no longer
    /// than the longest match, holds only characters a match can hold,
    /// holds text every match of the alternative's words holds, and starts,
    /// past its padding, as every such match starts.
    fn may_fill(&self, between: &Between, gap: &Gap<'_>) -> bool {
        let reach = between.reach.get_or_init(|| {
            let shared = self.shared_part.get_or_init(|| {
                // At most one particle, so the longest is its own.
                let (particles, around) = self.shared_patterns();
                Reach {
                    longest: particles.map_or(Some(0), |p| Reach::of(p).longest),
                    alphabet: Reach::of(&around).alphabet,
                    ..Reach::default()
                }
            });
            let words = Reach::of(&between.words);
            Reach {
                // One byte for the run of white space before the particle.
                longest: words
                    .longest
                    .zip(shared.longest)
                    .map(|(between, particle)| between + 1 + particle),
                alphabet: words
                    .alphabet
                    .zip(shared.alphabet.as_ref())
                    .map(|(words, shared)| words.union(shared)),
                required: words.required,
                // The gap's padding comes before the words, and may take
                // their own leading white space or quotes.
                leading: words.leading.and_then(|texts| {
                    let trimmed: Vec<String> = texts
                        .iter()
                        .map(|t| t.trim_start_matches(is_padding).to_owned())
                        .collect();
                    (!trimmed.iter().any(String::is_empty)).then_some(trimmed)
                }),
            }
        });
        reach.longest.is_none_or(|longest| gap.inner_len <= longest)
            && reach
                .alphabet
                .as_ref()
                .is_none_or(|a| a.covers_all(gap.characters()))
            && reach
                .required
                .as_ref()
                .is_none_or(|texts| texts.iter().any(|t| gap.folded().contains(t.as_str())))
            && reach.leading.as_ref().is_none_or(|texts| {
                let start = gap.folded().trim_start_matches(is_padding);
                texts.iter().any(|t| start.starts_with(t.as_str()))
            })
    }

    /// The patterns of what every connector's `between` may hold besides
    /// its words: the particles, if any, and any one character of the
    /// padding around the words or of a particle.
    fn shared_patterns(&self) -> (Option<&str>, String) {
        let padding = format!(r"[\s{WRAPPERS}]");
        match &self.particles {
            Some(particles) => (Some(particles), format!("{padding}|{particles}")),
            None => (None, padding),
        }
    }

    /// Every pattern whose [`Reach`] [`Checks::may_fill`] may ask for.
    #[cfg(test)]
    fn reach_patterns(&self) -> Vec<String> {
        let (particles, around) = self.shared_patterns();
        let words = self
            .connectors
            .iter()
            .flat_map(|c| c.between.iter().map(|b| b.words.clone()));
        particles
            .map(str::to_owned)
            .into_iter()
            .chain([around])
            .chain(words)
            .collect()
    }

    /// Whether `connector` fills `gap` (measured as `measured`): the words
    /// of one of its alternatives match the whole gap, and its quotes are
    /// there if it needs them.
    fn fills(&self, connector: &Connector, measured: &Gap<'_>, gap: &str, quoted: bool) -> bool {
        (!connector.quoted || quoted)
            && connector
                .between
                .iter()
                .any(|b| self.may_fill(b, measured) && b.regex.is_match(gap))
    }

    /// Every regex, with the pack to blame if it does not compile.
    fn all(&self) -> impl Iterator<Item = (Option<usize>, &LazyRegex)> {
        let language = [
            Some(&self.ends),
            self.qualifier.as_ref(),
            self.particle_before.as_ref(),
            self.modifier_after.as_ref(),
            self.comma_modifier_after.as_ref(),
            self.side_modifier.as_ref(),
            self.clause_start.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(|r| (None, r));
        let connectors = self.connectors.iter().flat_map(|c| {
            let between = c.between.iter().map(|b| &b.regex);
            c.before
                .iter()
                .chain(between)
                .chain(c.after.iter())
                .map(|r| (Some(c.pack), r))
        });
        language.chain(connectors)
    }

    /// [`Contrast::joins`], with the gap between the terms and the windows
    /// `before` the first and `after` the second.
    fn joins(&self, gap: &str, before: &str, after: &str, sides: Sides) -> bool {
        let measured = Gap::new(gap);
        // A quoted mention has its quotes right around the term: in
        // `**Page of users** and **users**` the first quote holds more.
        let quoted = before.ends_with(|c| WRAPPERS.contains(c))
            && after.starts_with(|c| WRAPPERS.contains(c));
        // The gap without the frame its sides share, worked out only if a
        // framed connector is tried: most gaps have none.
        // Each is measured once for all the connectors tried on it.
        let (unframed_rests, unframed_gaps) = (OnceCell::new(), OnceCell::new());
        let unframed = || {
            measured_once(&unframed_rests, &unframed_gaps, || {
                frame::unframed(before, gap, after)
            })
        };
        // Any connector may find its sides after the same words (`是我们的
        // 顾客，而不是我们的顾客`): the words before both terms say which
        // are set against each other. The words after both do not count
        // here, as they are most often the rest of two compounds
        // (`客户订单保证金或客户订单保证金退款`).
        let (head_rests, head_gaps) = (OnceCell::new(), OnceCell::new());
        let unframed_head =
            || measured_once(&head_rests, &head_gaps, || frame::unframed(before, gap, ""));
        let aside = past_aside(gap).map(Gap::new);
        let mut connectors = self.connectors.iter().filter(|c| {
            if sides == Sides::OneWord && c.roles_only {
                return false;
            }
            if c.framed {
                unframed()
                    .iter()
                    .any(|rest| self.fills(c, rest, rest.text, quoted))
            } else {
                self.fills(c, &measured, gap, quoted)
                    || aside
                        .as_ref()
                        .is_some_and(|rest| self.fills(c, rest, rest.text, quoted))
                    || (c.before.is_none()
                        && unframed_head()
                            .iter()
                            .any(|rest| self.fills(c, rest, rest.text, quoted)))
            }
        });
        let Some(first) = connectors.next() else {
            return self.joins_in_aside(gap, before, after, sides, quoted);
        };
        let kind = self.qualified(before, sides);
        // `supplier/client or client/supplier` pairs two compounds.
        let trimmed_before = before.trim_end_matches(is_padding);
        let trimmed_after = after.trim_start_matches(is_padding);
        if trimmed_before.ends_with('/') || trimmed_after.starts_with('/') {
            return false;
        }
        std::iter::once(first).chain(connectors).any(|c| {
            c.before.as_ref().map_or(!kind, |r| r.is_match(before))
                && match &c.after {
                    // A modifier right after the second term makes a kind of
                    // it, whatever follows ("clients and client portals differ").
                    Some(r) => r.is_match(after) && !self.modified(after, sides),
                    None if c.open => self.goes_on(gap, after, sides) || self.parallel(gap, after),
                    None => self.ends.is_match(after) || self.parallel(gap, after),
                }
        })
    }

    /// Whether a qualifier at the end of `before` makes the first side a
    /// kind of one word. Two words set against each other stay two,
    /// qualified or not ("мы пишем клиент, а не покупатель", where a verb
    /// looks like an adjective). A connector's own word before the first
    /// term ("скорее", "не столько") may look like a qualifier; it is not
    /// one.
    fn qualified(&self, before: &str, sides: Sides) -> bool {
        let matches =
            |regex: &Option<LazyRegex>| regex.as_ref().is_some_and(|r| r.is_match(before));
        sides == Sides::OneWord && matches(&self.qualifier) && !matches(&self.particle_before)
    }

    /// Whether the second side stands in an aside that opens right after
    /// the first and closes right after it, set against the first by a
    /// connector that needs nothing before or after the sides:
    /// "customers (as opposed to customers) who", `Заказчики — в отличие
    /// от заказчиков — обращаются`, `顧客——不同於顧客——通常`. The closing mark
    /// ends the second side, so no compound can follow it.
    fn joins_in_aside(
        &self,
        gap: &str,
        before: &str,
        after: &str,
        sides: Sides,
        quoted: bool,
    ) -> bool {
        let Some(inside) = aside_holding_second(gap, after) else {
            return false;
        };
        let measured = Gap::new(inside);
        !self.qualified(before, sides)
            && self.connectors.iter().any(|c| {
                let needs_two_words = sides == Sides::OneWord && c.roles_only;
                !needs_two_words
                    && !c.framed
                    && c.before.is_none()
                    && c.after.is_none()
                    && self.fills(c, &measured, inside, quoted)
            })
    }

    /// Whether the second term is followed by what followed the first, so
    /// that the two sides are parallel and each term ends where the words
    /// they share begin: `由客户垫付，而非由客户垫付`, `客户按月付费，而客户按单付款`,
    /// "to the client directly, rather than to the client directly". A
    /// modifier said twice makes two kinds instead ("clients in Europe, not
    /// clients in Asia"), and so does a word glued on in a script without
    /// case (`客户组`).
    fn parallel(&self, gap: &str, after: &str) -> bool {
        let shared = gap.trim_start_matches(is_padding);
        let rest = after.trim_start_matches(is_padding);
        let Some(first) = shared.chars().next() else {
            return false;
        };
        if is_cjk(first) {
            // A particle after both terms makes each a modifier of what
            // follows: `客户的订单，而不是客户的发票` sets orders against invoices.
            return rest.starts_with(first) && !MODIFYING_PARTICLES.contains(&first);
        }
        let word = |s: &str| {
            let end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
            s[..end].to_lowercase()
        };
        let modifier = self
            .modifier_after
            .as_ref()
            .is_some_and(|r| r.is_match(after));
        let repeated = word(shared);
        !repeated.is_empty() && repeated == word(rest) && !modifier
    }

    /// Whether `after` starts with a modifier of one word set against
    /// itself.
    fn modified(&self, after: &str, sides: Sides) -> bool {
        sides == Sides::OneWord
            && self
                .modifier_after
                .as_ref()
                .is_some_and(|r| r.is_match(after))
    }

    /// Whether the second term of a plain contrast ends before `after`:
    /// where its phrase would end, or at a space followed by anything but a
    /// modifier ("a client, not a client pays", but not "клиенты B2B").
    /// Glued on text (`client-side`, `客户组`) still makes a word of its own,
    /// and so does a quote or emphasis that opens before the second term
    /// and does not close right after it (`**User** and **User Property**`).
    fn goes_on(&self, gap: &str, after: &str, sides: Sides) -> bool {
        let modifier = || self.modified(after, sides);
        let rest = after.trim_start_matches(|c| WRAPPERS.contains(c));
        // A modifier set off by a comma is one too ("клиенты, делающие
        // заказ"), though the comma would end the phrase.
        let comma_modifier = sides == Sides::OneWord
            && self
                .comma_modifier_after
                .as_ref()
                .is_some_and(|r| r.is_match(after));
        if comma_modifier {
            return false;
        }
        if self.ends.is_match(after) {
            return true;
        }
        if self
            .clause_start
            .as_ref()
            .is_some_and(|r| r.is_match(after))
        {
            return !modifier();
        }
        // Padding at the gap's start closes the first term; a quote or
        // emphasis marker further on opens the second (`not **a client`).
        let opened = gap
            .trim_start_matches(is_padding)
            .contains(|c| WRAPPERS.contains(c));
        let closed = rest.len() < after.len();
        rest.starts_with(char::is_whitespace) && (closed || !opened) && !modifier()
    }
}

impl Connector {
    /// The connector `source` from `pack`, with the language's
    /// optional-`particle` pattern and word `boundary` pattern.
    fn new(pack: usize, source: &ConnectorSource, particle: &str, boundary: &str) -> Self {
        let between = source
            .between
            .iter()
            .map(|fragment| {
                let words = alternatives(std::slice::from_ref(fragment));
                let regex = if source.quoted {
                    format!(r"^\s*[{WRAPPERS}]+\s*(?i:{words}){particle}\s*[{WRAPPERS}]+\s*$")
                } else {
                    format!(r"^[\s{WRAPPERS}]*(?i:{words}){particle}[\s{WRAPPERS}]*$")
                };
                Between {
                    regex: LazyRegex::new(regex),
                    words: format!("(?i:{words})"),
                    reach: OnceLock::new(),
                }
            })
            .collect();
        Self {
            pack,
            before: optional(&source.before, |b| {
                format!(r"{boundary}(?i:{b}){particle}[\s{WRAPPERS}]*$")
            }),
            between,
            after: optional(&source.after, |a| format!(r"^[\s{WRAPPERS}]*(?i:{a})")),
            quoted: source.quoted,
            open: source.open || source.clause,
            roles_only: source.roles_only,
            framed: source.framed,
        }
    }
}

/// The gap between two terms, with what [`Checks::may_fill`] reads of it.
struct Gap<'a> {
    text: &'a str,
    /// Its [`inner_len`].
    inner_len: usize,
    /// Its characters, read when first asked for: most gaps are ruled out
    /// by their length before.
    characters: OnceCell<Characters>,
    /// Its text with the case folded, made when first asked for: most gaps
    /// are ruled out by their length or characters before.
    folded: OnceCell<String>,
}

impl<'a> Gap<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            inner_len: inner_len(text),
            characters: OnceCell::new(),
            folded: OnceCell::new(),
        }
    }

    fn characters(&self) -> &Characters {
        self.characters.get_or_init(|| Characters::of(self.text))
    }

    fn folded(&self) -> &str {
        self.folded.get_or_init(|| reach::fold_case(self.text))
    }
}

/// The gaps `make` gives, made and measured the first time they are asked
/// for and kept in `rests` and `gaps` for every connector tried after.
fn measured_once<'a>(
    rests: &'a OnceCell<Vec<String>>,
    gaps: &'a OnceCell<Vec<Gap<'a>>>,
    make: impl FnOnce() -> Vec<String>,
) -> &'a [Gap<'a>] {
    gaps.get_or_init(|| {
        rests
            .get_or_init(make)
            .iter()
            .map(|r| Gap::new(r))
            .collect()
    })
}

/// Whether `c` may stand around a term or a connector: white space, a
/// quote or an emphasis marker.
fn is_padding(c: char) -> bool {
    c.is_whitespace() || WRAPPERS.contains(c)
}

/// The length in bytes of `gap` without padding at either end, counting a
/// run of padding inside as one byte: a connector's `between` regex can
/// match `gap` only if this is at most its longest match.
fn inner_len(gap: &str) -> usize {
    let inner = gap.trim_matches(is_padding);
    let mut len = 0;
    let mut in_padding = false;
    for c in inner.chars() {
        let padding = is_padding(c);
        if !(padding && in_padding) {
            len += if padding { 1 } else { c.len_utf8() };
        }
        in_padding = padding;
    }
    len
}

/// Check one regex fragment on its own, so that an error can point at it.
/// Only its syntax: compiling waits until a contrast is looked for.
pub(crate) fn check_fragment(fragment: &str) -> Result<(), String> {
    regex_syntax::parse(&format!("(?i){fragment}"))
        .map(drop)
        .map_err(|e| e.to_string())
}

/// The regex `pattern` makes of the alternatives of `fragments`, or none
/// when there are no fragments.
fn optional(fragments: &[String], pattern: impl FnOnce(&str) -> String) -> Option<LazyRegex> {
    (!fragments.is_empty()).then(|| LazyRegex::new(pattern(&alternatives(fragments))))
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
    use proptest::prelude::*;

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
            comma_modifiers: strings(&["[a-z]+ing"]),
            side_modifiers: strings(&["[a-z]+'s"]),
            clause_starts: Vec::new(),
            connectors: vec![(0, connector)],
        };
        let contrast = Contrast::new(source, true);
        contrast.compile_now().unwrap();
        contrast
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
    fn a_gap_with_a_character_no_match_can_hold_is_ruled_out() {
        let fills = |pattern: &str, gap: &str| {
            let contrast = contrast(between(&[pattern]));
            let checks = contrast.checks().unwrap();
            checks.may_fill(&checks.connectors[0].between[0], &Gap::new(gap))
        };
        assert!(fills("or", " **OR** the "));
        assert!(!fills("or", " pays "));
        assert!(fills("[^.!?;:\\n]{1,60},", " who pays us, "));
        assert!(!fills("[^.!?;:\\n]{1,60},", " pays. Our "));
        assert!(fills(
            r"(who|that)\s[^.]{1,80},?\s?or",
            " **who** pays, or "
        ));
        assert!(!fills(
            r"(who|that)\s[^.]{1,80},?\s?or",
            ", you can set it for "
        ));
        // Padding at the gap's start may be the words' own first quote.
        assert!(fills("\" ?or", " \"or "));
    }

    #[test]
    fn the_inner_length_skips_padding_at_the_ends_and_squeezes_it_inside() {
        assert_eq!(inner_len(" **or**  "), 2);
        assert_eq!(inner_len("\"  or \n the \""), 6);
        assert_eq!(inner_len("или"), 6);
        assert_eq!(inner_len("  "), 0);
    }

    proptest! {
        /// The bounds on length and characters only spare regexes that
        /// could not match.
        #[test]
        fn the_gap_bounds_never_rule_out_a_match(
            gap in "[ \t\n\"«»*_]{0,3}(or|OR|vs\\.?|rather  ?than|, ?(and )?not|[a-zа-я,. ]{0,6}|Или|x)([ \n*«»]{1,3}(an?|the|THE|x))?[ \"*»]{0,3}",
            quoted in any::<bool>(),
        ) {
            let mut connector = between(&[
                "or",
                "vs\\.?",
                "rather than",
                ",? ?(and )?not",
                "или",
                "[^.!?;:\\n]{1,4},",
            ]);
            connector.quoted = quoted;
            let contrast = contrast(connector);
            let checks = contrast.checks().unwrap();
            for between in checks.connectors.iter().flat_map(|c| &c.between) {
                if between.regex.is_match(&gap) {
                    prop_assert!(checks.may_fill(between, &Gap::new(&gap)), "{gap:?}");
                }
            }
        }

        /// The starts found one search each are every place from which the
        /// modifier pattern runs up to the term, nearest first, as a test
        /// of each place in turn finds them.
        #[test]
        fn side_modifier_starts_are_every_place_the_pattern_runs_to_the_term(
            words in proptest::collection::vec("(a|x|the|shop's|firm's|ёж's|客户|, | |  )", 0..12),
            from in 0usize..40,
        ) {
            let contrast = contrast(between(&["or"]));
            let text = format!("{} clients", words.concat());
            let term = Span::new(text.len() - "clients".len(), text.len());
            let regex = contrast.checks().unwrap().side_modifier.as_ref().unwrap();
            let regex = regex.get().unwrap();
            let lower = floor_char_boundary(&text, from.max(term.start.saturating_sub(CONTEXT_WINDOW)));
            let before = &text[..term.start];
            let mut expected: Vec<usize> = (lower..term.start)
                .filter(|&at| before.is_char_boundary(at))
                .filter(|&at| {
                    let input = Input::new(before).range(at..).anchored(regex_automata::Anchored::Yes);
                    regex.is_match(input)
                })
                .collect();
            expected.reverse();
            prop_assert_eq!(contrast.side_modifier_starts(&text, from, term), expected);
        }
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
        assert!(joins(&or, "| a client or a client | a cell |"));
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
    fn an_open_connector_lets_the_second_term_start_a_clause() {
        let not = contrast(ConnectorSource {
            open: true,
            ..between(&[",?\\s?not"])
        });
        assert!(joins(&not, "A client, not a client pays."));
        assert!(joins(&not, "A client not a **client** pays."));
        assert!(!joins(&not, "A client, not a client-side check."));
        assert!(!joins(&not, "A client, not a client B2B."));
        assert!(!joins(&not, "A client, not a client the end."));
        assert!(!joins(&not, "A client, not **a client list**."));
        // Past a comma, only a comma modifier makes a kind of the term.
        assert!(joins(&not, "A client, not a client, in every page."));
        assert!(joins(&not, "A client, not a client, B2B or not."));
        assert!(!joins(&not, "A client, not a client, paying twice."));
        let or = contrast(between(&["or"]));
        assert!(!joins(&or, "A client or a client pays."));
    }

    #[test]
    fn a_connector_word_before_the_first_term_is_no_qualifier() {
        let nor = contrast(ConnectorSource {
            before: strings(&["new"]),
            ..between(&["nor"])
        });
        assert!(joins(&nor, "new client nor client."));
        let or = contrast(between(&["or"]));
        assert!(!joins(&or, "new client or client."));
    }

    #[test]
    fn blank_lines_are_found_between_lines_only() {
        assert!(crosses_blank_line(" or\n\nx"));
        assert!(crosses_blank_line(" or\n  \t\nx"));
        assert!(!crosses_blank_line(" or\nx"));
        assert!(!crosses_blank_line("\n"));
    }
}
