//! `--format junit`: one JUnit XML test suite, for the CI systems that
//! show test reports (GitLab's, Jenkins, Azure Pipelines and others).
//!
//! Each checked file is a test case named by its path. A finding that
//! fails the run (at or above `fail-on` for that file) is a `<failure>`
//! whose `type` is its severity; the findings below `fail-on` are lines of
//! the test case's `<system-out>`, so the test case passes exactly when
//! the file does not fail the run. An error that stopped a file is an
//! `<error>` of that file's test case (one of its own when the file was
//! not checked). `failures` and `errors` count those elements.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Notice, Printer, Summary};
use crate::config::FailOn;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// One finding, as the report shows it.
struct Finding {
    severity: Severity,
    rule: &'static str,
    message: String,
    /// `path:line:col`.
    location: String,
    advice: Option<String>,
    fails: bool,
}

impl Finding {
    /// Where it is, and the advice on a second line.
    fn details(&self) -> String {
        match &self.advice {
            Some(advice) => format!("{}\nhelp: {advice}", self.location),
            None => self.location.clone(),
        }
    }

    /// The finding on a line of its own, as `--format concise` shows it,
    /// and the advice on a second line.
    fn line(&self) -> String {
        let line = format!(
            "{}: {}[{}] {}",
            self.location,
            self.severity.as_str(),
            self.rule,
            self.message
        );
        match &self.advice {
            Some(advice) => format!("{line}\n  help: {advice}"),
            None => line,
        }
    }
}

/// One test case: a file.
struct Case {
    path: String,
    findings: Vec<Finding>,
    /// Errors that stopped or concern the file.
    errors: Vec<String>,
}

/// Collects every file and writes one XML document at the end.
#[derive(Default)]
pub(crate) struct JunitPrinter {
    cases: Vec<Case>,
    fail_on: FailOn,
}

impl Printer for JunitPrinter {
    fn file(
        &mut self,
        _out: &mut dyn Write,
        path: &str,
        source: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let findings = diagnostics
            .iter()
            .map(|d| {
                let at = source.line_column(d.span.start);
                Finding {
                    severity: d.severity,
                    rule: d.rule.name(),
                    message: d.message.clone(),
                    location: format!("{path}:{}:{}", at.line, at.column),
                    advice: d.advice(),
                    fails: self.fail_on.is_failed_by(d.severity),
                }
            })
            .collect();
        self.cases.push(Case {
            path: path.to_owned(),
            findings,
            errors: Vec::new(),
        });
        Ok(())
    }

    fn set_fail_on(&mut self, fail_on: FailOn) {
        self.fail_on = fail_on;
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        _summary: &Summary,
        notices: &[Notice],
    ) -> io::Result<()> {
        // Errors without a file (git, for `--since`) are a test case named
        // `clientele`, the run's own.
        for notice in notices.iter().filter(|n| n.is_error) {
            let path = notice.path.as_deref().unwrap_or("clientele");
            let index = match self.cases.iter().position(|c| c.path == path) {
                Some(index) => index,
                None => {
                    self.cases.push(Case {
                        path: path.to_owned(),
                        findings: Vec::new(),
                        errors: Vec::new(),
                    });
                    self.cases.len() - 1
                }
            };
            self.cases[index].errors.push(notice.message.clone());
        }
        out.write_all(document(&self.cases, notices).as_bytes())
    }
}

/// The XML document for `cases`; the notes among `notices` (skipped
/// files) are the suite's `<system-err>`.
fn document(cases: &[Case], notices: &[Notice]) -> String {
    let tests = cases.len();
    let failures: usize = cases
        .iter()
        .map(|c| c.findings.iter().filter(|f| f.fails).count())
        .sum();
    let errors: usize = cases.iter().map(|c| c.errors.len()).sum();
    let counts = format!(r#"tests="{tests}" failures="{failures}" errors="{errors}""#);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(xml, r#"<testsuites name="clientele" {counts}>"#);
    let _ = writeln!(
        xml,
        r#"  <testsuite name="clientele" {counts} skipped="0">"#
    );
    for case in cases {
        let path = attribute(&case.path);
        let _ = write!(xml, r#"    <testcase classname="{path}" name="{path}""#);
        let passed: Vec<&Finding> = case.findings.iter().filter(|f| !f.fails).collect();
        if case.errors.is_empty() && case.findings.is_empty() {
            xml.push_str("/>\n");
            continue;
        }
        xml.push_str(">\n");
        // The schema puts errors before failures.
        for error in &case.errors {
            let _ = writeln!(
                xml,
                r#"      <error type="error" message="{}">{}</error>"#,
                attribute(error),
                text(error)
            );
        }
        for finding in case.findings.iter().filter(|f| f.fails) {
            let _ = writeln!(
                xml,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                finding.severity.as_str(),
                attribute(&format!("{}: {}", finding.rule, finding.message)),
                text(&finding.details())
            );
        }
        if !passed.is_empty() {
            let lines: Vec<String> = passed.iter().map(|f| f.line()).collect();
            let _ = writeln!(
                xml,
                "      <system-out>{}</system-out>",
                text(&lines.join("\n"))
            );
        }
        xml.push_str("    </testcase>\n");
    }
    let notes: Vec<&str> = notices
        .iter()
        .filter(|n| !n.is_error)
        .map(|n| n.message.as_str())
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(
            xml,
            "    <system-err>{}</system-err>",
            text(&notes.join("\n"))
        );
    }
    xml.push_str("  </testsuite>\n</testsuites>\n");
    xml
}

/// `value` for an attribute between double quotes: markup escaped, and
/// tabs and line breaks as references, which an attribute would otherwise
/// turn into spaces.
fn attribute(value: &str) -> String {
    escape(value, true)
}

/// `value` for element content.
fn text(value: &str) -> String {
    escape(value, false)
}

fn escape(value: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' if in_attribute => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            // `\r` would be read back as `\n`.
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            // XML 1.0 has no way to write these, not even as references:
            // they are shown as the line formats show them.
            '\0'..='\x1f' => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters_are_escaped() {
        assert_eq!(text("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(attribute("a\tb\nc\rd"), "a&#9;b&#10;c&#13;d");
        assert_eq!(text("a\tb\nc\rd"), "a\tb\nc&#13;d");
        assert_eq!(text("e\u{1b}[31m\0"), "e\\x1b[31m\\x00");
        assert_eq!(text("\u{fffe}\u{ffff}"), "\\u{fffe}\\u{ffff}");
        assert_eq!(text("доки/客户 \u{85}"), "доки/客户 \u{85}");
    }
}
