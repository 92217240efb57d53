//! What a rule reports: a [`Diagnostic`] with byte spans, never lines or
//! columns (those are computed by the printers, from the source).

use serde::Serialize;

use crate::lexicon::{Scope, Sense};
use crate::registry::RuleId;
pub use crate::registry::Severity;
use crate::source::LineColumn;
use crate::span::Span;

/// In which sense the term of a finding was read, and what decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SenseNote {
    /// The sense.
    pub(crate) sense: Sense,
    /// What decided it: `default` (nothing said otherwise), `phrase`,
    /// `identifier`, `cue`, `document`, `allowed` or `name`.
    pub(crate) by: &'static str,
    /// The deciding cue word, when a cue decided.
    pub(crate) cue: Option<String>,
    /// Where that cue was: the sentence, paragraph or heading.
    pub(crate) scope: Option<Scope>,
}

/// A second place a diagnostic refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The bytes referred to: in the finding's own document, unless
    /// `elsewhere` names another one.
    pub(crate) span: Span,
    /// What they have to do with the finding.
    pub(crate) message: String,
    /// The other document `span` is in, when it is not the finding's own.
    pub(crate) elsewhere: Option<Elsewhere>,
}

impl Related {
    /// A place in the finding's own document.
    pub(crate) fn here(span: Span, message: String) -> Self {
        Self {
            span,
            message,
            elsewhere: None,
        }
    }
}

/// A place in another document than the finding's (a translation's
/// source): its path and positions, worked out where its text was at hand,
/// since the printers see one document at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Elsewhere {
    /// The other document's path, as shown.
    pub(crate) path: String,
    /// Where the place starts there.
    pub(crate) start: LineColumn,
    /// Where it ends there (exclusive).
    pub(crate) end: LineColumn,
}

/// The text a suggestion replaces when it is more than the finding's
/// span: the span holds the finding's, and `text` is what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Widened {
    /// The bytes replaced.
    pub span: Span,
    /// The text at `span`.
    pub text: String,
}

/// One finding in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: RuleId,
    /// How serious it is, after configuration.
    pub severity: Severity,
    /// The bytes it is about.
    pub span: Span,
    /// One sentence saying what is wrong.
    pub message: String,
    /// A short label under the underlined text.
    pub label: String,
    /// Language code of the term.
    pub lang: String,
    /// Role of the term.
    pub role: String,
    /// Lemma of the term.
    pub term: String,
    /// The exact source text.
    pub matched: String,
    /// The replacement for `span` (or for `widened`, when set), when there
    /// is a safe one.
    pub suggestion: Option<String>,
    /// More text than `span` that `suggestion` replaces, when a word
    /// next to the term must change with it (`о клиенте` → `об
    /// участнике`): the finding stays about the term, the fix takes both.
    pub widened: Option<Widened>,
    /// Whether `--fix` applies `suggestion` (a `mixed-terms` suggestion
    /// only with `fix-mixed-terms = true`).
    pub fixable: bool,
    /// Advice shown beside the finding (why there is no suggestion, how to settle it).
    pub help: Option<String>,
    /// Other places the finding refers to.
    pub related: Vec<Related>,
    /// For a finding about one term: the sense it was read in, and why.
    pub sense: Option<SenseNote>,
}

impl Diagnostic {
    /// The message, and the advice on a second line, for formats that
    /// show a finding as text alone.
    pub(crate) fn message_with_advice(&self) -> String {
        match self.advice() {
            Some(advice) => format!("{}\nhelp: {advice}", self.message),
            None => self.message.clone(),
        }
    }

    /// The advice shown with the finding: its help, or else what to
    /// replace the matched text with.
    pub(crate) fn advice(&self) -> Option<String> {
        self.help.clone().or_else(|| {
            self.suggestion
                .as_ref()
                .map(|replacement| format!("replace `{}` with `{replacement}`", self.replaced()))
        })
    }

    /// The bytes a fix replaces with `suggestion`: the span, or the wider
    /// one a word next to the term takes it to.
    pub fn fix_span(&self) -> Span {
        self.widened.as_ref().map_or(self.span, |w| w.span)
    }

    /// The text a fix replaces with `suggestion` (at [`Self::fix_span`]).
    pub fn replaced(&self) -> &str {
        self.widened.as_ref().map_or(&self.matched, |w| &w.text)
    }
}
