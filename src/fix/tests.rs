//! The edits on their own, and the fix loop with the linter.

use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::invariants::{new_findings, replacements};
use crate::lint::{fix_document, lint_document, lint_text};
use crate::registry::RuleId;
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
        widened: None,
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
        let mut edits: Vec<(Span, &str)> = found
            .iter()
            .filter(|d| d.fixable)
            .map(|d| (d.span, d.suggestion.as_deref().unwrap_or_default()))
            .collect();
        edits.sort();
        let (spans, words): (Vec<Span>, Vec<&str>) = edits.into_iter().unzip();
        let once = fix_document(path, &text, &LEXICON, &settings, found.clone()).unwrap();
        let replaced = replacements(&text, &once.text, &spans, &words);
        prop_assert!(replaced.is_some(), "{:?}\n{:?}", text, once.text);
        let created = new_findings(&found, &once.diagnostics, &replaced.unwrap_or_default());
        prop_assert!(created.is_empty(), "{:?}\n{:?}\n{:#?}", text, once.text, created);
        prop_assert!(once.diagnostics.iter().all(|d| !d.fixable), "{:#?}", once.diagnostics);
        // A fresh lint knows nothing of the fixes refused: it offers
        // them again, and fixing again refuses them again.
        let mut fresh = lint_document(path, &once.text, &LEXICON, &settings).unwrap();
        let refused: Vec<Refusal> = once
            .diagnostics
            .iter()
            .filter_map(|d| {
                let why = d.help.as_ref().filter(|h| h.starts_with("not fixed: "))?;
                Some(Refusal { span: d.span, why: why.clone() })
            })
            .collect();
        mark_refused(&mut fresh, &refused);
        prop_assert_eq!(&fresh, &once.diagnostics);
        let twice = fix_document(path, &once.text, &LEXICON, &settings, once.diagnostics.clone()).unwrap();
        prop_assert_eq!(twice.fixed, 0);
        prop_assert_eq!(twice.text, once.text);
    }
}
