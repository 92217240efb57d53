//! The configured `[allow] phrases` and `[allow] names`: terms inside
//! them are never flagged.
//!
//! Technical and fixed senses come from the term packs through the
//! matcher; this is the per-configuration layer on top.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::lexicon::{Folded, NameList, Occurrence, Reason, Sense, at_word_boundaries, fold};
use crate::span::Span;

/// Compiled allow phrases and names.
#[derive(Debug, Clone, Default)]
pub(crate) struct AllowList {
    automaton: Option<AhoCorasick>,
    names: NameList,
}

impl AllowList {
    /// Compile `phrases` and `names`; blank ones are ignored.
    pub(crate) fn new(phrases: &[String], names: &[String]) -> Result<Self, String> {
        let names = NameList::new(names.iter().map(String::as_str))?;
        let folded: Vec<String> = phrases
            .iter()
            .map(|p| fold(p.trim()))
            .filter(|p| !p.is_empty())
            .collect();
        if folded.is_empty() {
            return Ok(Self {
                automaton: None,
                names,
            });
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&folded)
            .map_err(|e| format!("cannot compile the allowed phrases: {e}"))?;
        Ok(Self {
            automaton: Some(automaton),
            names,
        })
    }

    /// Mark every occurrence inside an allowed phrase of the prose span
    /// `span` of `text` as allowed; `folded` holds `text[span]` folded and
    /// `occurrences` lie in the span. Terms inside a listed name are marked as part of a name instead.
    pub(crate) fn mark(
        &self,
        text: &str,
        span: Span,
        folded: &Folded,
        occurrences: &mut [Occurrence],
    ) {
        // A name is the more precise reason: it says what the text is.
        self.names.mark(text, span, occurrences);
        let Some(automaton) = &self.automaton else {
            return;
        };
        if occurrences.is_empty() {
            return;
        }
        let allowed: Vec<Span> = automaton
            .find_iter(folded.bytes())
            .map(|m| {
                Span::new(
                    span.start + folded.start(m.start()),
                    span.start + folded.end(m.end()),
                )
            })
            .filter(|s| at_word_boundaries(text, s.start, s.end))
            .collect();
        for occurrence in occurrences {
            if occurrence.reason != Reason::Name
                && allowed.iter().any(|a| a.contains(occurrence.span))
            {
                occurrence.sense = Sense::Allowed;
                occurrence.reason = Reason::Allowed;
            }
        }
    }
}
