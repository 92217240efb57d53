//! `--fix`: the suggestions of fixable diagnostics put in place of their
//! spans.
//!
//! An edit replaces exactly one diagnostic's span with its suggestion, so
//! every byte outside the spans (line endings, a byte-order mark, the final
//! newline or its absence) stays as it was.

use std::path::Path;

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::lexicon::Lexicon;
use crate::lint::lint_document;

/// Lint-and-fix passes over one document at most. One pass fixes all that
/// today's rules offer; a second would catch a fix that uncovers another,
/// and the bound keeps a pair of fixes that undo each other from looping.
const MAX_PASSES: usize = 4;

/// A document after its fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The fixed text.
    pub text: String,
    /// How many fixes were applied.
    pub fixed: usize,
    /// What the rules still find in the fixed text, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// `text` with the suggestion of every fixable diagnostic in place of its
/// span, and how many were applied. An edit that overlaps one already
/// taken, or whose span is not a slice of `text`, is left out.
pub fn apply(text: &str, diagnostics: &[Diagnostic]) -> (String, usize) {
    let mut edits: Vec<(&Diagnostic, &str)> = diagnostics
        .iter()
        .filter(|d| d.fixable && d.span.slice(text).is_some())
        .filter_map(|d| Some((d, d.suggestion.as_deref()?)))
        .collect();
    edits.sort_by_key(|(d, _)| d.span);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut applied = 0;
    for (d, replacement) in edits {
        if d.span.start < copied {
            continue;
        }
        out.push_str(&text[copied..d.span.start]);
        out.push_str(replacement);
        copied = d.span.end;
        applied += 1;
    }
    out.push_str(&text[copied..]);
    (out, applied)
}

/// Fix the document at `path` whose contents are `text` and whose
/// diagnostics under `settings` are `diagnostics`: apply the fixable ones,
/// lint the result, and repeat while fixes remain.
pub fn fix_document(
    path: &Path,
    text: &str,
    lexicon: &Lexicon,
    settings: &Settings,
    diagnostics: Vec<Diagnostic>,
) -> Result<Fixed, Error> {
    let mut fixed = Fixed {
        text: text.to_owned(),
        fixed: 0,
        diagnostics,
    };
    for _ in 0..MAX_PASSES {
        let (text, applied) = apply(&fixed.text, &fixed.diagnostics);
        if applied == 0 {
            break;
        }
        fixed.diagnostics = lint_document(path, &text, lexicon, settings)?;
        fixed.text = text;
        fixed.fixed += applied;
    }
    Ok(fixed)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::invariants::only_spans_changed;
    use crate::lint::lint_text;
    use crate::rules::RuleId;
    use crate::span::Span;
    use crate::testing::{LEXICON, document, settings};

    fn diagnostic(span: Span, suggestion: &str, fixable: bool) -> Diagnostic {
        Diagnostic {
            rule: RuleId::WrongTerm,
            severity: crate::Severity::Error,
            span,
            message: String::new(),
            label: String::new(),
            lang: "en".to_owned(),
            role: "customer".to_owned(),
            term: "customer".to_owned(),
            matched: String::new(),
            suggestion: Some(suggestion.to_owned()),
            fixable,
            help: None,
            related: Vec::new(),
            sense: None,
        }
    }

    #[test]
    fn edits_replace_their_spans_and_nothing_else() {
        let text = "\u{feff}a customer\r\nCUSTOMERS";
        let found = [
            diagnostic(Span::new(15, 24), "CLIENTS", true),
            diagnostic(Span::new(5, 13), "client", true),
        ];
        assert_eq!(
            apply(text, &found),
            ("\u{feff}a client\r\nCLIENTS".to_owned(), 2)
        );
    }

    #[test]
    fn unfixable_overlapping_and_out_of_bounds_edits_are_left_out() {
        let text = "customer";
        let found = [
            diagnostic(Span::new(0, 8), "client", false),
            diagnostic(Span::new(0, 4), "x", true),
            diagnostic(Span::new(2, 8), "y", true),
            diagnostic(Span::new(6, 99), "z", true),
        ];
        assert_eq!(apply(text, &found), ("xomer".to_owned(), 1));
    }

    #[test]
    fn a_document_is_fixed_and_relinted() {
        let text = "Customers' needs. Заказчикам и покупательницам. 顾客\n";
        let settings = settings("business = \"relationship\"");
        let found = lint_text(text, &LEXICON, &settings);
        let fixed = fix_document(Path::new("a.md"), text, &LEXICON, &settings, found).unwrap();
        assert_eq!(fixed.text, "Clients' needs. Клиентам и клиенткам. 客户\n");
        assert_eq!(fixed.fixed, 4);
        assert!(fixed.diagnostics.is_empty(), "{:#?}", fixed.diagnostics);
    }

    #[test]
    fn mixed_terms_are_fixed_only_when_the_config_says_so() {
        let text = "A client, a client, a customer.";
        for (config, expected) in [
            ("", text),
            ("fix-mixed-terms = true", "A client, a client, a client."),
        ] {
            let settings = settings(config);
            let found = lint_text(text, &LEXICON, &settings);
            let fixed = fix_document(Path::new("a.md"), text, &LEXICON, &settings, found).unwrap();
            assert_eq!(fixed.text, expected, "{config}");
        }
    }

    proptest! {
        #[test]
        fn fixing_is_idempotent_and_touches_only_the_spans(text in document(), business in 0..3usize) {
            let config = ["fix-mixed-terms = true", "business = \"relationship\"", "business = \"transactional\""][business];
            let settings = settings(config);
            let path = Path::new("a.md");
            let Ok(found) = lint_document(path, &text, &LEXICON, &settings) else {
                return Ok(());
            };
            let mut spans: Vec<Span> = found.iter().filter(|d| d.fixable).map(|d| d.span).collect();
            spans.sort();
            let once = fix_document(path, &text, &LEXICON, &settings, found).unwrap();
            prop_assert!(only_spans_changed(&text, &once.text, &spans), "{:?}\n{:?}", text, once.text);
            prop_assert!(once.diagnostics.iter().all(|d| !d.fixable), "{:#?}", once.diagnostics);
            prop_assert_eq!(&lint_document(path, &once.text, &LEXICON, &settings).unwrap(), &once.diagnostics);
            let twice = fix_document(path, &once.text, &LEXICON, &settings, once.diagnostics.clone()).unwrap();
            prop_assert_eq!(twice.fixed, 0);
            prop_assert_eq!(twice.text, once.text);
        }
    }
}
