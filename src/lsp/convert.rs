//! clientele's findings and errors as LSP diagnostics.

use std::path::{Path, PathBuf};

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range, Url,
};

use super::position::{Encoding, range};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::source::SourceFile;

/// The `source` every diagnostic carries.
pub(crate) const SOURCE: &str = "clientele";

/// `d`, found in the document at `uri` whose text is `source`.
pub(crate) fn diagnostic(
    uri: &Url,
    source: &SourceFile,
    d: &Diagnostic,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let related = d
        .related
        .iter()
        // The language server lints one document at a time: its findings
        // refer to no other document.
        .filter(|r| r.elsewhere.is_none())
        .map(|r| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: range(source, r.span, encoding),
            },
            message: r.message.clone(),
        })
        .collect::<Vec<_>>();
    lsp_types::Diagnostic {
        range: range(source, d.span, encoding),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.name().to_owned())),
        source: Some(SOURCE.to_owned()),
        message: d.message_with_advice(),
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    }
}

/// The one diagnostic of a document of `size` bytes, over
/// [`super::MAX_DOCUMENT`]: at its start, saying it was not checked.
pub(crate) fn too_large(size: usize) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::WARNING),
        code: Some(NumberOrString::String("too-large".to_owned())),
        source: Some(SOURCE.to_owned()),
        message: format!(
            "not checked: this document is {size} bytes, over the {} bytes the language \
             server checks; run `clientele` on it from the command line",
            super::MAX_DOCUMENT
        ),
        ..lsp_types::Diagnostic::default()
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// An error that stops a document from being checked, as a diagnostic on
/// the file it is about (a config, a pack, the document's front matter),
/// with that file's path; paths in `error` are relative to `root`.
pub(crate) fn error(
    error: &Error,
    root: &Path,
    encoding: Encoding,
) -> (PathBuf, lsp_types::Diagnostic) {
    let (path, range) = match error {
        Error::Config(located) | Error::Pack(located) | Error::FrontMatter(located) => {
            let source = SourceFile::new(located.text.clone());
            let range = located
                .span
                .map(|span| range(&source, span, encoding))
                .unwrap_or_default();
            (located.path.clone(), range)
        }
        Error::NotUtf8 { path, .. }
        | Error::NotUtf16 { path, .. }
        | Error::Io { path, .. }
        | Error::Write { path, .. }
        | Error::Changed { path }
        | Error::Walk { path, .. }
        | Error::Baseline { path, .. } => (path.clone(), Range::default()),
        Error::Git { .. } => (PathBuf::new(), Range::default()),
    };
    let message = match error.located() {
        Some(located) => match &located.help {
            Some(help) => format!("{}\nhelp: {help}", located.message),
            None => located.message.clone(),
        },
        None => error.to_string(),
    };
    let diagnostic = lsp_types::Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_owned()),
        message,
        ..lsp_types::Diagnostic::default()
    };
    (root.join(path), diagnostic)
}
