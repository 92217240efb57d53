//! `--format json`: one object on stdout, the machine contract of SPEC §6.

use std::io::{self, Write};

use serde::Serialize;

use super::{Notice, Printer, Summary};
use crate::diagnostic::{Diagnostic, SenseNote, Severity};
use crate::source::SourceFile;

/// Version of the JSON contract.
const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: &'a [JsonDiagnostic],
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    fixed: usize,
    baselined: usize,
    unchanged: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic {
    path: String,
    rule: &'static str,
    severity: Severity,
    message: String,
    /// `null` for findings that are not about a term (`invalid-directive`).
    lang: Option<String>,
    role: Option<String>,
    term: Option<String>,
    matched: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    suggestion: Option<String>,
    /// Only when `suggestion` replaces more than `matched`.
    #[serde(skip_serializing_if = "Option::is_none")]
    replaces: Option<JsonReplaces>,
    fixable: bool,
    related: Vec<JsonRelated>,
    /// `null` for findings that are not about a term.
    sense: Option<SenseNote>,
}

/// The text a suggestion replaces when it takes in a word next to the term.
#[derive(Serialize)]
struct JsonReplaces {
    text: String,
    byte_start: usize,
    byte_end: usize,
}

#[derive(Serialize)]
struct JsonRelated {
    /// Only for a place in another file than the finding's.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    line: usize,
    column: usize,
    message: String,
}

/// Collects every finding and writes one JSON document at the end.
#[derive(Default)]
pub(crate) struct JsonPrinter {
    diagnostics: Vec<JsonDiagnostic>,
}

impl Printer for JsonPrinter {
    fn file(
        &mut self,
        _out: &mut dyn Write,
        path: &str,
        source: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            let start = source.line_column(d.span.start);
            let end = source.line_column(d.span.end);
            self.diagnostics.push(JsonDiagnostic {
                path: path.to_owned(),
                rule: d.rule.name(),
                severity: d.severity,
                message: d.message.clone(),
                lang: non_empty(&d.lang),
                role: non_empty(&d.role),
                term: non_empty(&d.term),
                matched: d.matched.clone(),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                byte_start: d.span.start,
                byte_end: d.span.end,
                suggestion: d.suggestion.clone(),
                replaces: d.widened.as_ref().map(|w| JsonReplaces {
                    text: w.text.clone(),
                    byte_start: w.span.start,
                    byte_end: w.span.end,
                }),
                fixable: d.fixable,
                related: d
                    .related
                    .iter()
                    .map(|r| {
                        let (path, at) = match &r.elsewhere {
                            Some(elsewhere) => (Some(elsewhere.path.clone()), elsewhere.start),
                            None => (None, source.line_column(r.span.start)),
                        };
                        JsonRelated {
                            path,
                            line: at.line,
                            column: at.column,
                            message: r.message.clone(),
                        }
                    })
                    .collect(),
                sense: d.sense.clone(),
            });
        }
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        summary: &Summary,
        _notices: &[Notice],
    ) -> io::Result<()> {
        let document = Document {
            version: VERSION,
            diagnostics: &self.diagnostics,
            summary: JsonSummary {
                files: summary.files,
                errors: summary.errors,
                warnings: summary.warnings,
                infos: summary.infos,
                fixed: summary.fixed,
                baselined: summary.baselined,
                unchanged: summary.unchanged,
            },
        };
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)
    }
}

/// `Some(text)` unless it is empty.
fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}
