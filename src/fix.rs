//! `--fix`: the suggestions of fixable diagnostics put in place of their
//! spans.
//!
//! An edit replaces exactly one diagnostic's span with its suggestion, so
//! every byte outside the spans (line endings, a byte-order mark, the final
//! newline or its absence) stays as it was. The fixed text is linted again,
//! and an edit that made a finding that was not there before (`clients, not
//! customers` read as `clients, not clients`; a Chinese replacement that
//! makes a new word with the character after it) is taken back: the finding
//! it would have fixed stays, unfixable, and says why.

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::lexicon::MAX_CONTRAST_GAP;
use crate::span::Span;

/// Lint-and-fix passes over one document at most. One pass fixes all that
/// today's rules offer; a later one catches a fix that uncovers another, or
/// one refused until the fixes around it were made. Every pass fixes at
/// least one finding and makes none, so passes end on their own; the
/// bound keeps a large document from being linted once per finding.
const MAX_PASSES: usize = 8;

/// How often one pass lints its text again after taking back the edits
/// that made new findings. Each try takes back at least one edit; past the
/// bound, the pass applies nothing rather than lint a large file once per
/// edit.
const MAX_TRIES: usize = 8;

/// A document after its fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fixed {
    /// The fixed text.
    pub(crate) text: String,
    /// How many fixes were applied.
    pub(crate) fixed: usize,
    /// What the rules still find in the fixed text, sorted by position.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// A suggestion that may be applied: the span it replaces and its text.
#[derive(Debug, Clone, Copy)]
struct Candidate<'a> {
    span: Span,
    replacement: &'a str,
}

/// One applied edit: which candidate, and where its replacement lies in
/// the new text.
#[derive(Debug, Clone, Copy)]
struct Edit {
    candidate: usize,
    old: Span,
    new: Span,
}

/// The suggestions of the fixable diagnostics whose spans lie in `text`,
/// in text order, leaving out any that overlaps one before it.
fn candidates<'a>(text: &str, diagnostics: &'a [Diagnostic]) -> Vec<Candidate<'a>> {
    let mut all: Vec<Candidate<'a>> = diagnostics
        .iter()
        .filter(|d| d.fixable && d.fix_span().slice(text).is_some())
        .filter_map(|d| {
            Some(Candidate {
                span: d.fix_span(),
                replacement: d.suggestion.as_deref()?,
            })
        })
        .collect();
    all.sort_by_key(|c| c.span);
    let mut end = 0;
    all.retain(|c| {
        let keep = c.span.start >= end;
        if keep {
            end = c.span.end;
        }
        keep
    });
    all
}

/// `text` with every candidate not `refused` in place, and the edits made.
fn splice(text: &str, candidates: &[Candidate<'_>], refused: &[bool]) -> (String, Vec<Edit>) {
    let mut out = String::with_capacity(text.len());
    let mut edits = Vec::new();
    let mut copied = 0;
    for (i, c) in candidates.iter().enumerate() {
        if refused[i] {
            continue;
        }
        out.push_str(&text[copied..c.span.start]);
        let start = out.len();
        out.push_str(c.replacement);
        edits.push(Edit {
            candidate: i,
            old: c.span,
            new: Span::new(start, out.len()),
        });
        copied = c.span.end;
    }
    out.push_str(&text[copied..]);
    (out, edits)
}

/// `text` with the suggestion of every fixable diagnostic in place of its
/// span, and how many were applied. An edit that overlaps one already
/// taken, or whose span is not a slice of `text`, is left out.
#[cfg(test)]
pub(crate) fn apply(text: &str, diagnostics: &[Diagnostic]) -> (String, usize) {
    let candidates = candidates(text, diagnostics);
    let (out, edits) = splice(text, &candidates, &vec![false; candidates.len()]);
    (out, edits.len())
}

/// Whether two spans share a byte.
fn overlap(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Where `span` of the edited text was before `edits`: a span that
/// starts or ends at a replacement's edge maps to that edge of the span it
/// replaced, other text shifts back by what the edits before it added.
/// `None` for a span with an end inside a replacement: nothing like it was
/// there before.
fn before_edits(span: Span, edits: &[Edit]) -> Option<Span> {
    let back = |at: usize| -> Option<usize> {
        let mut shift: isize = 0;
        for edit in edits {
            if edit.new.start < at && at < edit.new.end {
                return None;
            }
            if at == edit.new.start {
                return Some(edit.old.start);
            }
            if at == edit.new.end {
                return Some(edit.old.end);
            }
            if edit.new.end < at {
                shift += edit.new.len() as isize - edit.old.len() as isize;
            }
        }
        at.checked_add_signed(-shift)
    };
    Some(Span::new(back(span.start)?, back(span.end)?))
}

/// The edits to take back: for each finding of `after` that `before` does
/// not have at the same place, the edits that made it (those it touches,
/// else those within a contrast's reach of it, else all), with the finding.
fn blame<'a>(
    before: &[Diagnostic],
    after: &'a [Diagnostic],
    edits: &[Edit],
) -> Vec<(usize, &'a Diagnostic)> {
    let mut blamed = Vec::new();
    for d in after {
        let existed = before_edits(d.span, edits)
            .is_some_and(|old| before.iter().any(|b| b.rule == d.rule && b.span == old));
        if existed {
            continue;
        }
        let places: Vec<Span> = std::iter::once(d.span)
            .chain(
                d.related
                    .iter()
                    .filter(|r| r.elsewhere.is_none())
                    .map(|r| r.span),
            )
            .collect();
        let near = |edit: &Edit, reach: usize| {
            places.iter().any(|p| {
                edit.new.start < p.end.saturating_add(reach)
                    && p.start < edit.new.end.saturating_add(reach)
            })
        };
        let mut culprits: Vec<usize> = (0..edits.len()).filter(|&i| near(&edits[i], 0)).collect();
        if culprits.is_empty() {
            culprits = (0..edits.len())
                .filter(|&i| near(&edits[i], MAX_CONTRAST_GAP))
                .collect();
        }
        if culprits.is_empty() {
            culprits = (0..edits.len()).collect();
        }
        blamed.extend(culprits.into_iter().map(|i| (edits[i].candidate, d)));
    }
    blamed
}

/// A suggestion taken back, at its span in the current text.
#[derive(Debug, Clone)]
struct Refusal {
    span: Span,
    why: String,
}

/// Turn the fixable diagnostics at a refused span into findings without a
/// suggestion that say why, as rules do when they have none to offer.
fn mark_refused(diagnostics: &mut [Diagnostic], refused: &[Refusal]) {
    for d in diagnostics.iter_mut().filter(|d| d.fixable) {
        if let Some(refusal) = refused.iter().find(|r| r.span == d.fix_span()) {
            d.fixable = false;
            d.suggestion = None;
            d.label = format!("{} term", d.role);
            d.help = Some(refusal.why.clone());
        }
    }
}

/// Fix `text`, whose diagnostics are `diagnostics`: apply the fixable ones
/// that make no new finding, `lint` the result, and repeat while fixes
/// remain. `lint` is the pipeline that found `diagnostics`; it is passed
/// in so that this module knows edits, not how a document is linted.
pub(crate) fn fix_text(
    text: &str,
    diagnostics: Vec<Diagnostic>,
    mut lint: impl FnMut(&str) -> Result<Vec<Diagnostic>, Error>,
) -> Result<Fixed, Error> {
    let mut fixed = Fixed {
        text: text.to_owned(),
        fixed: 0,
        diagnostics,
    };
    let mut refusals: Vec<Refusal> = Vec::new();
    for _ in 0..MAX_PASSES {
        let candidates = candidates(&fixed.text, &fixed.diagnostics);
        let mut refused = vec![false; candidates.len()];
        let mut accepted = None;
        for tries in 0..=MAX_TRIES {
            if tries == MAX_TRIES {
                refused.fill(true);
            }
            let (text, edits) = splice(&fixed.text, &candidates, &refused);
            if edits.is_empty() {
                break;
            }
            let after = lint(&text)?;
            let blamed = blame(&fixed.diagnostics, &after, &edits);
            if blamed.is_empty() {
                accepted = Some((text, edits, after));
                break;
            }
            for (candidate, created) in blamed {
                if !refused[candidate] {
                    refused[candidate] = true;
                    let span = candidates[candidate].span;
                    // Refused again in a later pass: the newer reason holds.
                    refusals.retain(|r| r.span != span);
                    refusals.push(Refusal {
                        span,
                        why: format!(
                            "not fixed: `{}` here would make a new finding ({}: {}); rewrite it by hand",
                            candidates[candidate].replacement,
                            created.rule.name(),
                            created.message
                        ),
                    });
                }
            }
        }
        let Some((text, edits, after)) = accepted else {
            break;
        };
        // The refused spans were left as they were: they move with the
        // edits before them.
        refusals.retain_mut(|r| match after_edits(r.span, &edits) {
            Some(span) => {
                r.span = span;
                true
            }
            None => false,
        });
        fixed.text = text;
        fixed.fixed += edits.len();
        fixed.diagnostics = after;
        // What was refused is tried again in the next pass: the fixes
        // made since may have changed what it would make (a repeated
        // heading fixed away), and leaving it would let a second `--fix`
        // fix more than the first.
    }
    mark_refused(&mut fixed.diagnostics, &refusals);
    Ok(fixed)
}

/// Where `span` of the text before `edits` is after them, or `None` when
/// an edit replaced part of it.
fn after_edits(span: Span, edits: &[Edit]) -> Option<Span> {
    let mut shift: isize = 0;
    for edit in edits {
        if overlap(edit.old, span) {
            return None;
        }
        if edit.old.end <= span.start {
            shift += edit.new.len() as isize - edit.old.len() as isize;
        }
    }
    let move_by = |at: usize| at.checked_add_signed(shift);
    Some(Span::new(move_by(span.start)?, move_by(span.end)?))
}

#[cfg(test)]
mod tests;
