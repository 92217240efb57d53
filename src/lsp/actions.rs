//! Code actions (a quick fix per suggestion, "fix all" per document) and
//! hovers (the rule's explanation) over a linted document.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DocumentChanges, Hover, HoverContents,
    MarkupContent, MarkupKind, OneOf, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit,
    TextEdit, Url, WorkspaceEdit,
};

use super::convert;
use super::position::{Encoding, range};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::span::Span;

/// The kind of the "fix all" action: editors run `source.fixAll` actions
/// on save when asked to.
pub(crate) fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.clientele")
}

/// How many bytes of text one code-action request may lint to check its
/// quick fixes: each is checked by linting the whole document with it
/// applied, so a selection over thousands of findings in a large document
/// would lint it thousands of times. Past this, the findings further on
/// get no quick fix in that request ("fix all" still covers them); the
/// first always gets its check, however large the document.
pub(crate) const QUICK_FIX_BUDGET: usize = 2 << 20;

/// A document as last linted: what the actions work on.
pub(crate) struct Linted<'a> {
    /// The document.
    pub(crate) uri: &'a Url,
    /// Its text.
    pub(crate) source: &'a SourceFile,
    /// The version of that text, for a client that takes edits naming
    /// the version they apply to (and refuses them on another).
    pub(crate) version: Option<i32>,
    /// What the rules found in it, sorted by position.
    pub(crate) diagnostics: &'a [Diagnostic],
    /// The negotiated position encoding.
    pub(crate) encoding: Encoding,
}

impl Linted<'_> {
    /// A quick fix for each finding with a suggestion that touches `span`,
    /// but for a suggestion that would make a new finding, which `--fix`
    /// refuses too, and for those whose check would take the bytes linted
    /// past `budget` ([`QUICK_FIX_BUDGET`] for a request). `lint` lints a
    /// text as the document's was.
    pub(crate) fn quick_fixes(
        &self,
        span: Span,
        budget: usize,
        lint: impl Fn(&str) -> Option<Vec<Diagnostic>>,
    ) -> Vec<CodeActionOrCommand> {
        let checks = (budget / self.source.text().len().max(1)).max(1);
        self.diagnostics
            .iter()
            .filter(|d| d.span.start <= span.end && span.start <= d.span.end)
            .filter_map(|d| Some((d, d.suggestion.as_ref()?)))
            .take(checks)
            .filter_map(|(d, replacement)| {
                if self.makes_a_new_finding(d.fix_span(), replacement, &lint) {
                    return None;
                }
                let edit = TextEdit {
                    range: range(self.source, d.fix_span(), self.encoding),
                    new_text: replacement.clone(),
                };
                Some(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Replace `{}` with `{replacement}`", d.replaced()),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![convert::diagnostic(
                        self.uri,
                        self.source,
                        d,
                        self.encoding,
                    )]),
                    edit: Some(self.edit(vec![edit])),
                    // Safe enough for `--fix` is safe enough to be the
                    // editor's first choice.
                    is_preferred: Some(d.fixable),
                    ..CodeAction::default()
                }))
            })
            .collect()
    }

    /// "Fix all" for the document: what `--fix` would write, as one edit
    /// over the part that changes; `None` when nothing is fixable. `fix`
    /// fixes a text given its findings, as `--fix` does
    /// ([`crate::fix::fix_document`] with the document's path and settings).
    pub(crate) fn fix_all(
        &self,
        fix: impl FnOnce(&str, Vec<Diagnostic>) -> Option<String>,
    ) -> Option<CodeActionOrCommand> {
        if !self.diagnostics.iter().any(|d| d.fixable) {
            return None;
        }
        let fixed = fix(self.source.text(), self.diagnostics.to_vec())?;
        let changed = changed_span(self.source.text(), &fixed)?;
        let new_text =
            fixed[changed.start..fixed.len() - (self.source.text().len() - changed.end)].to_owned();
        let edit = TextEdit {
            range: range(self.source, changed, self.encoding),
            new_text,
        };
        Some(CodeActionOrCommand::CodeAction(CodeAction {
            title: "Fix all clientele problems in this file".to_owned(),
            kind: Some(fix_all_kind()),
            edit: Some(self.edit(vec![edit])),
            ..CodeAction::default()
        }))
    }

    /// The explanation of the findings at byte `offset`, if any.
    pub(crate) fn hover(&self, offset: usize) -> Option<Hover> {
        let here: Vec<&Diagnostic> = self
            .diagnostics
            .iter()
            .filter(|d| d.span.start <= offset && offset <= d.span.end)
            .collect();
        let first = here.first()?;
        let mut text = String::new();
        for d in &here {
            text.push_str(&format!(
                "**{}** `{}`: {}\n\n",
                convert::SOURCE,
                d.rule.name(),
                d.message
            ));
            if let Some(advice) = d.advice() {
                text.push_str(&format!("help: {advice}\n\n"));
            }
        }
        for d in &here {
            text.push_str("---\n\n");
            text.push_str(d.rule.meta().explanation);
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text,
            }),
            range: Some(range(self.source, first.span, self.encoding)),
        })
    }

    /// Whether `replacement` in place of `span` makes a finding that was
    /// not there before (or the text cannot be linted), as
    /// [`crate::fix::fix_document`] checks each of its edits.
    fn makes_a_new_finding(
        &self,
        span: Span,
        replacement: &str,
        lint: impl Fn(&str) -> Option<Vec<Diagnostic>>,
    ) -> bool {
        let text = self.source.text();
        let Some((before, after)) = text.get(..span.start).zip(text.get(span.end..)) else {
            return true;
        };
        let Some(found) = lint(&[before, replacement, after].concat()) else {
            return true;
        };
        let new = Span::new(span.start, span.start + replacement.len());
        // Where an offset of the edited text was before the edit; none
        // inside the replacement, where nothing was.
        let back = |at: usize| {
            if new.start < at && at < new.end {
                None
            } else if at == new.start {
                Some(span.start)
            } else if at == new.end {
                Some(span.end)
            } else if at > new.end {
                Some(at - new.end + span.end)
            } else {
                Some(at)
            }
        };
        // The findings are sorted by position: those at one start are
        // found by a binary search, not by reading them all per finding.
        let known = |d: &Diagnostic, old: Span| {
            let from = self
                .diagnostics
                .partition_point(|b| b.span.start < old.start);
            self.diagnostics[from..]
                .iter()
                .take_while(|b| b.span.start == old.start)
                .any(|b| b.rule == d.rule && b.span == old)
        };
        found.iter().any(|d| {
            let old = back(d.span.start).zip(back(d.span.end));
            old.is_none_or(|(start, end)| !known(d, Span::new(start, end)))
        })
    }

    /// `edits` to the document, for its version when the client takes
    /// versioned edits.
    fn edit(&self, edits: Vec<TextEdit>) -> WorkspaceEdit {
        match self.version {
            Some(version) => WorkspaceEdit {
                document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                    text_document: OptionalVersionedTextDocumentIdentifier {
                        uri: self.uri.clone(),
                        version: Some(version),
                    },
                    edits: edits.into_iter().map(OneOf::Left).collect(),
                }])),
                ..WorkspaceEdit::default()
            },
            None => WorkspaceEdit {
                changes: Some(HashMap::from([(self.uri.clone(), edits)])),
                ..WorkspaceEdit::default()
            },
        }
    }
}

/// The bytes of `old` that differ from `new`: everything between their
/// common prefix and common suffix, on character boundaries; `None` when
/// they are equal.
fn changed_span(old: &str, new: &str) -> Option<Span> {
    if old == new {
        return None;
    }
    let prefix: usize = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let suffix: usize = old[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    Some(Span::new(prefix, old.len() - suffix))
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::path::Path;

    use super::*;
    use crate::lint::lint_document;
    use crate::testing::{LEXICON, settings};

    /// The quick fixes for every finding of `text` (one selection over all
    /// of it), and how many times the document was linted to check them.
    fn quick_fixes_over_all(text: &str, budget: usize) -> (usize, usize) {
        let settings = settings("business = \"relationship\"\n");
        let path = Path::new("/tmp/doc.md");
        let diagnostics = lint_document(path, text, &LEXICON, &settings).unwrap();
        let source = SourceFile::new(text.to_owned());
        let uri = Url::parse("file:///tmp/doc.md").unwrap();
        let linted = Linted {
            uri: &uri,
            source: &source,
            version: None,
            diagnostics: &diagnostics,
            encoding: Encoding::Utf16,
        };
        let lints = Cell::new(0);
        let lint = |text: &str| {
            lints.set(lints.get() + 1);
            lint_document(path, text, &LEXICON, &settings).ok()
        };
        let actions = linted.quick_fixes(Span::new(0, text.len()), budget, lint);
        (actions.len(), lints.get())
    }

    #[test]
    fn a_selection_over_a_small_document_gets_every_quick_fix() {
        let text = "Our customers sign.\n\nTheir customers pay.\n";
        assert_eq!(quick_fixes_over_all(text, QUICK_FIX_BUDGET), (2, 2));
    }

    #[test]
    fn a_selection_over_many_findings_lints_within_the_budget() {
        // Each finding's check lints the whole text: without the budget,
        // this selection would lint it once per finding, 100 times.
        let text = "Our customers sign the papers at the front desk. ".repeat(100);
        let (actions, lints) = quick_fixes_over_all(&text, 4 * text.len());
        assert_eq!((actions, lints), (4, 4));
        // The first finding is checked whatever the size.
        assert_eq!(quick_fixes_over_all(&text, 1), (1, 1));
    }

    #[test]
    fn the_changed_span_is_between_the_common_ends() {
        assert_eq!(changed_span("a client b", "a client b"), None);
        assert_eq!(
            changed_span("Our customers and customers.", "Our clients and clients."),
            Some(Span::new(5, 26))
        );
        // Common ends are whole characters, even when bytes agree.
        assert_eq!(changed_span("клиент", "клиента"), Some(Span::new(12, 12)));
        assert_eq!(changed_span("顾客们", "客户们"), Some(Span::new(0, 6)));
    }
}
