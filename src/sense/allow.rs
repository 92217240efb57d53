//! The configured `[allow] phrases`: terms inside them are never flagged.
//!
//! Technical and fixed senses come from the term packs through the
//! matcher; this is the per-configuration layer on top.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::lexicon::{Folded, Occurrence, Reason, Sense, at_word_boundaries, fold};
use crate::span::Span;

/// Compiled allow phrases.
#[derive(Debug, Clone, Default)]
pub struct AllowList {
    automaton: Option<AhoCorasick>,
}

impl AllowList {
    /// Compile `phrases`; blank ones are ignored.
    pub fn new(phrases: &[String]) -> Result<Self, String> {
        let folded: Vec<String> = phrases
            .iter()
            .map(|p| fold(p.trim()))
            .filter(|p| !p.is_empty())
            .collect();
        if folded.is_empty() {
            return Ok(Self::default());
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&folded)
            .map_err(|e| format!("cannot compile the allowed phrases: {e}"))?;
        Ok(Self {
            automaton: Some(automaton),
        })
    }

    /// Mark every occurrence inside an allowed phrase of the prose span
    /// `span` of `text` as allowed; `folded` holds `text[span]` folded and
    /// `occurrences` lie in the span.
    pub fn mark(&self, text: &str, span: Span, folded: &Folded, occurrences: &mut [Occurrence]) {
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
            if allowed.iter().any(|a| a.contains(occurrence.span)) {
                occurrence.sense = Sense::Allowed;
                occurrence.reason = Reason::Allowed;
            }
        }
    }
}
