//! Declared names: product names and labels a pack or a configuration
//! lists (`Customer Identity Cloud`, `Клиент-Банк`, `客户之声`). A term
//! inside one is part of the name, which the writer cannot rename.
//!
//! Unlike an allowed phrase, a name is matched exactly as written, case
//! included: `Customer Profiles` is the product, `customer profiles` is
//! prose about customers. Only the spacing may differ, since Markdown
//! wraps a paragraph wherever its lines end.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{Occurrence, Reason, Sense, at_word_boundaries};
use crate::span::Span;

/// Compiled names, matched case-sensitively as whole words.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameList {
    automaton: Option<AhoCorasick>,
}

impl NameList {
    /// Compile `names`; blank ones are ignored, and a run of spaces inside
    /// one matches any run of whitespace.
    pub(crate) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        let patterns: Vec<String> = names
            .into_iter()
            .map(|name| squeeze(name.trim()).0)
            .filter(|name| !name.is_empty())
            .collect();
        if patterns.is_empty() {
            return Ok(Self::default());
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| format!("cannot compile the names: {e}"))?;
        Ok(Self {
            automaton: Some(automaton),
        })
    }

    /// Whether no name is listed.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.automaton.is_none()
    }

    /// Mark every business-sense occurrence inside a listed name in the
    /// span `span` of `text` as part of a name; `occurrences` lie in the
    /// span.
    pub(crate) fn mark(&self, text: &str, span: Span, occurrences: &mut [Occurrence]) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        if !occurrences.iter().any(|o| o.sense == Sense::Business) {
            return;
        }
        let Some(slice) = span.slice(text) else {
            return;
        };
        let (squeezed, starts) = squeeze(slice);
        let at = |i: usize| span.start + starts.get(i).copied().unwrap_or(slice.len());
        let names: Vec<Span> = automaton
            .find_iter(squeezed.as_bytes())
            // A name never ends in a space, so its last byte ends a
            // character, which ends one byte after that byte's source.
            .map(|m| Span::new(at(m.start()), at(m.end() - 1) + 1))
            .filter(|s| at_word_boundaries(text, s.start, s.end))
            .collect();
        for occurrence in occurrences {
            if occurrence.sense == Sense::Business
                && names.iter().any(|n| n.contains(occurrence.span))
            {
                occurrence.sense = Sense::Allowed;
                occurrence.reason = Reason::Name;
            }
        }
    }
}

/// `text` with each run of whitespace made one space, and for each byte of
/// the result the offset in `text` of the byte it came from.
fn squeeze(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut starts = Vec::with_capacity(text.len());
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
                starts.push(i);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        out.push(c);
        starts.extend((0..c.len_utf8()).map(|k| i + k));
    }
    (out, starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squeezing_keeps_where_each_byte_came_from() {
        let (text, starts) = squeeze("a \n  bé");
        assert_eq!(text, "a bé");
        assert_eq!(starts, vec![0, 1, 5, 6, 7]);
    }

    #[test]
    fn a_blank_list_compiles_to_nothing() {
        assert!(NameList::new(["", "  "]).unwrap().is_empty());
        assert!(!NameList::new(["Клиент-Банк"]).unwrap().is_empty());
    }
}
