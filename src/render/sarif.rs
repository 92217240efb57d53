//! `--format sarif`: one SARIF 2.1.0 log, the format code scanning tools
//! (GitHub code scanning, the SARIF viewers of editors) take in.
//!
//! Columns count Unicode scalar values, as everywhere in clientele, and
//! the log says so (`columnKind: unicodeCodePoints`). A finding with a
//! suggestion carries it as a SARIF fix.
//!
//! GitHub code scanning reads a subset of SARIF, and the log keeps to
//! it: an alert follows a finding through `primaryLocationLineHash` alone,
//! shows related locations only where the message links to them, and
//! takes rule descriptions of at most 1,024 characters.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use super::{Notice, Printer, Summary, error_count};
use crate::baseline::finding_fingerprint;
use crate::diagnostic::{Diagnostic, Severity};
use crate::registry::{RULES, RuleMeta};
use crate::source::SourceFile;
use crate::span::Span;

/// The schema the log conforms to (the OASIS 2.1.0 standard with errata).
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The name of clientele's entry in `partialFingerprints`: file, rule,
/// matched text and the sentence around it, as a baseline records them.
const FINGERPRINT: &str = "clienteleFinding/v1";

/// The `partialFingerprints` entry GitHub code scanning matches alerts by
/// (it ignores the others); upload-sarif computes it from the line's text
/// only when the log does not give it.
const LINE_HASH: &str = "primaryLocationLineHash";

/// The most bytes of a `fullDescription` GitHub takes. GitHub says 1,024
/// characters without saying how it counts; bytes bound both readings.
const DESCRIPTION_LIMIT: usize = 1024;

/// Ends a `fullDescription` that leaves part of "What it does" out.
const MORE: &str = "The rule's help has the rest.";

/// Where relative paths start: the folder clientele ran in, which in CI is
/// the repository's root.
const SRCROOT: &str = "%SRCROOT%";

/// Bytes a relative URI keeps as they are: RFC 3986's unreserved
/// characters and the path separator.
const URI_PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation; 1],
    results: &'a [SarifResult],
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    markdown: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix {
    description: Text,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: [Replacement; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

/// Collects every finding and writes one SARIF log at the end.
#[derive(Default)]
pub(crate) struct SarifPrinter {
    results: Vec<SarifResult>,
    /// How many findings of each fingerprint the log holds so far.
    occurrences: HashMap<String, usize>,
}

impl SarifPrinter {
    /// The `partialFingerprints` of the next finding whose fingerprint is
    /// `fingerprint`. The line hash adds the occurrence, counted from 1, as
    /// GitHub's own does: identical findings in one file (the same sentence
    /// twice) stay apart, and the file's path in the fingerprint keeps
    /// values of different files apart.
    fn fingerprints(&mut self, fingerprint: String) -> BTreeMap<&'static str, String> {
        let occurrence = self.occurrences.entry(fingerprint.clone()).or_insert(0);
        *occurrence += 1;
        BTreeMap::from([
            (LINE_HASH, format!("{fingerprint}:{occurrence}")),
            (FINGERPRINT, fingerprint),
        ])
    }
}

impl Printer for SarifPrinter {
    fn file(
        &mut self,
        _out: &mut dyn Write,
        path: &str,
        source: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let artifact = artifact_location(path);
        for d in diagnostics {
            let region = region(source, d.span);
            let related_locations = d
                .related
                .iter()
                .enumerate()
                .map(|(index, related)| Location {
                    id: Some(related_id(index)),
                    physical_location: match &related.elsewhere {
                        Some(elsewhere) => PhysicalLocation {
                            artifact_location: artifact_location(&elsewhere.path),
                            region: Region {
                                start_line: elsewhere.start.line,
                                start_column: elsewhere.start.column,
                                end_line: elsewhere.end.line,
                                end_column: elsewhere.end.column,
                            },
                        },
                        None => PhysicalLocation {
                            artifact_location: artifact.clone(),
                            region: self::region(source, related.span),
                        },
                    },
                    message: Some(Text {
                        text: related.message.clone(),
                    }),
                })
                .collect();
            let fixes = d
                .suggestion
                .iter()
                .map(|replacement| Fix {
                    description: Text {
                        text: format!("Replace `{}` with `{replacement}`", d.replaced()),
                    },
                    artifact_changes: [ArtifactChange {
                        artifact_location: artifact.clone(),
                        replacements: [Replacement {
                            deleted_region: self::region(source, d.fix_span()),
                            inserted_content: Text {
                                text: replacement.clone(),
                            },
                        }],
                    }],
                })
                .collect();
            let partial_fingerprints =
                self.fingerprints(finding_fingerprint(path, source.text(), d));
            self.results.push(SarifResult {
                rule_id: d.rule.name(),
                // `RULES` lists the rules in `RuleId` order.
                rule_index: d.rule as usize,
                level: level(d.severity),
                message: Text {
                    text: message_text(d),
                },
                locations: [Location {
                    id: None,
                    physical_location: PhysicalLocation {
                        artifact_location: artifact.clone(),
                        region,
                    },
                    message: None,
                }],
                // Stable across edits elsewhere in the file, so that code
                // scanning keeps an alert when lines move.
                partial_fingerprints,
                related_locations,
                fixes,
            });
        }
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        _summary: &Summary,
        notices: &[Notice],
    ) -> io::Result<()> {
        let version = env!("CARGO_PKG_VERSION");
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "clientele",
                        version,
                        semantic_version: version,
                        rules: RULES.iter().map(descriptor).collect(),
                    },
                },
                invocations: [Invocation {
                    execution_successful: error_count(notices) == 0,
                    tool_execution_notifications: notices
                        .iter()
                        .map(|n| Notification {
                            level: if n.is_error { "error" } else { "note" },
                            message: Text {
                                text: n.message.clone(),
                            },
                        })
                        .collect(),
                }],
                results: &self.results,
                column_kind: "unicodeCodePoints",
            }],
        };
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

/// The SARIF level of `severity`.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A rule as SARIF describes it.
fn descriptor(rule: &RuleMeta) -> ReportingDescriptor {
    ReportingDescriptor {
        id: rule.name,
        short_description: Text {
            text: rule.summary.to_owned(),
        },
        full_description: Text {
            text: full_description(rule),
        },
        help: Help {
            text: rule.explanation,
            markdown: rule.explanation,
        },
        default_configuration: Configuration {
            level: level(rule.default_severity),
        },
    }
}

/// The id of the related location at `index`: SARIF ids are what message
/// links point at, and start from 1 here.
fn related_id(index: usize) -> usize {
    index + 1
}

/// The text of a finding's message: the message, a `note:` line linking
/// each related location (`[its message](its id)`, the only way GitHub
/// shows them; other viewers show the brackets and the id, which still
/// read as a reference), and the advice.
fn message_text(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    for (index, related) in d.related.iter().enumerate() {
        text.push_str(&format!(
            "\nnote: [{}]({})",
            link_text(&related.message),
            related_id(index)
        ));
    }
    if let Some(advice) = d.advice() {
        text.push_str("\nhelp: ");
        text.push_str(&advice);
    }
    text
}

/// `text` as the text of a link in a plain-text SARIF message, where
/// brackets and backslashes are escaped with a backslash.
fn link_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// A rule's `fullDescription`: its "What it does" section on one line, or,
/// when that is over [`DESCRIPTION_LIMIT`], the leading paragraphs that fit
/// and a pointer to the help, which holds the whole explanation.
fn full_description(rule: &RuleMeta) -> String {
    let paragraphs = what_it_does(rule.explanation);
    let whole = paragraphs.join(" ");
    if !whole.is_empty() && whole.len() <= DESCRIPTION_LIMIT {
        return whole;
    }
    let mut kept = String::new();
    for paragraph in &paragraphs {
        let longer = if kept.is_empty() {
            paragraph.clone()
        } else {
            format!("{kept} {paragraph}")
        };
        if longer.len() + 1 + MORE.len() > DESCRIPTION_LIMIT {
            break;
        }
        kept = longer;
    }
    if kept.is_empty() {
        kept = rule.summary.to_owned();
    }
    format!("{kept} {MORE}")
}

/// The paragraphs of the "What it does" section of a rule's explanation,
/// each on one line. A paragraph that ends with a colon keeps the one
/// after it (the list it introduces).
fn what_it_does(explanation: &str) -> Vec<String> {
    let Some((_, rest)) = explanation.split_once("## What it does\n") else {
        return Vec::new();
    };
    let section = rest.split("\n## ").next().unwrap_or_default();
    let mut paragraphs: Vec<String> = Vec::new();
    for block in section.split("\n\n") {
        let words: Vec<&str> = block.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let line = words.join(" ");
        match paragraphs.last_mut() {
            Some(last) if last.ends_with(':') => {
                last.push(' ');
                last.push_str(&line);
            }
            _ => paragraphs.push(line),
        }
    }
    paragraphs
}

/// Lines and columns of `span` in `source` (1-based; the end exclusive).
fn region(source: &SourceFile, span: Span) -> Region {
    let start = source.line_column(span.start);
    let end = source.line_column(span.end);
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
    }
}

/// The artifact at `path` (as output shows it, with `/` separators): a
/// relative URI from the source root, or a `file:` URI for an absolute path.
fn artifact_location(path: &str) -> ArtifactLocation {
    let encoded = utf8_percent_encode(path, URI_PATH).to_string();
    if path.starts_with('/') {
        ArtifactLocation {
            uri: format!("file://{encoded}"),
            uri_base_id: None,
        }
    } else if path.as_bytes().get(1) == Some(&b':') {
        // A Windows path with a drive letter keeps the colon after it.
        let drive = &path[..2];
        let rest = utf8_percent_encode(&path[2..], URI_PATH);
        ArtifactLocation {
            uri: format!("file:///{drive}{rest}"),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: encoded,
            uri_base_id: Some(SRCROOT),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_become_relative_uris_from_the_source_root() {
        let at = artifact_location("docs/guide.md");
        assert_eq!(at.uri, "docs/guide.md");
        assert_eq!(at.uri_base_id, Some(SRCROOT));
    }

    #[test]
    fn uris_percent_encode_what_a_uri_cannot_hold() {
        assert_eq!(
            artifact_location("docs/my notes#1.md").uri,
            "docs/my%20notes%231.md"
        );
        assert_eq!(
            artifact_location("доки/客户.md").uri,
            "%D0%B4%D0%BE%D0%BA%D0%B8/%E5%AE%A2%E6%88%B7.md"
        );
    }

    #[test]
    fn absolute_paths_become_file_uris() {
        let at = artifact_location("/srv/docs/a b.md");
        assert_eq!(at.uri, "file:///srv/docs/a%20b.md");
        assert_eq!(at.uri_base_id, None);
        assert_eq!(
            artifact_location("C:/docs/a.md").uri,
            "file:///C:/docs/a.md"
        );
    }

    #[test]
    fn every_rule_has_a_full_description_from_its_explanation() {
        for rule in RULES {
            let paragraphs = what_it_does(rule.explanation);
            let full = full_description(rule);
            assert!(
                full.starts_with(paragraphs.first().map_or("-", String::as_str)),
                "{}: {full}",
                rule.name
            );
            assert!(full.len() > rule.summary.len(), "{}: {full}", rule.name);
        }
    }

    #[test]
    fn every_full_description_fits_github_s_limit() {
        for rule in RULES {
            let full = full_description(rule);
            // Bytes: GitHub does not say how it counts, and no more bytes
            // than 1,024 means no more characters either.
            assert!(full.chars().count() <= 1024, "{}: {full}", rule.name);
            assert!(full.len() <= 1024, "{}: {} bytes", rule.name, full.len());
        }
    }

    #[test]
    fn a_shortened_description_keeps_whole_paragraphs_and_says_so() {
        let mut shortened = 0;
        for rule in RULES {
            let paragraphs = what_it_does(rule.explanation);
            let full = full_description(rule);
            if full == paragraphs.join(" ") {
                continue;
            }
            shortened += 1;
            let kept = full.strip_suffix(&format!(" {MORE}")).unwrap();
            assert!(paragraphs.join(" ").starts_with(kept), "{}", rule.name);
            assert!(
                paragraphs.iter().any(|p| kept.ends_with(p.as_str())),
                "{}: {kept}",
                rule.name
            );
        }
        // self-contrast and translation-collapse say more than fits.
        assert_eq!(shortened, 2);
    }

    #[test]
    fn a_paragraph_that_introduces_a_list_keeps_it() {
        let explanation = "## What it does\nFlags:\n\n- one\n- two\n\nThen.\n\n## Why\n";
        assert_eq!(what_it_does(explanation), ["Flags: - one - two", "Then."]);
    }

    #[test]
    fn link_texts_escape_brackets_and_backslashes() {
        assert_eq!(link_text(r"see [a]\b"), r"see \[a\]\\b");
        assert_eq!(link_text("the source's `клиент`"), "the source's `клиент`");
    }
}
