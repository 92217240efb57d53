//! What must hold for every input, however hostile, checked in one place:
//! the fuzz targets in `fuzz/` call [`check_pipeline`] and
//! [`check_config`] on what the fuzzer makes up, and the tests call them on
//! generated documents and on every input the fuzzers kept
//! (`fuzz/regressions/`).
//!
//! A broken property panics and says which one broke, as a fuzzer needs.
//! The module is built for the tests and with the `fuzzing` feature only.

use std::path::Path;
use std::sync::{Arc, LazyLock};

use crate::config::packs::Lexicons;
use crate::config::{Config, Settings};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::lexicon::{Lexicon, LexiconBuilder};
use crate::lint::{BINARY_SNIFF_LEN, Checked, FileOutcome, check_bytes, lint_document, no_source};
use crate::lsp::position::{self, Encoding};
use crate::render::{self, Format, Notice, Summary, render_error, unified_diff};
use crate::source::SourceFile;
use crate::span::Span;
use crate::text_encoding::TextEncoding;

/// The configs a pipeline input is checked under: its first byte picks one.
pub(crate) const CONFIGS: [&str; 5] = [
    "",
    "business = \"relationship\"\n",
    "business = \"transactional\"\nfix-mixed-terms = true\n",
    "business = \"membership\"\n[rules]\nself-contrast = \"error\"\nmixed-terms = \"info\"\n",
    "business = \"mixed\"\nfix-mixed-terms = true\n[allow]\nphrases = [\"customer success\", \"клиент банка\"]\n",
];

/// Where the documents and configs being checked claim to live. Nothing
/// is read from or written to it.
const ROOT: &str = "/clientele-invariants";

static BUILTIN: LazyLock<Arc<Lexicon>> = LazyLock::new(|| match Lexicon::builtin() {
    Ok(lexicon) => Arc::new(lexicon),
    Err(error) => panic!("the built-in packs do not load: {error}"),
});

/// A builder that has read the built-in packs and nothing else.
static BUILTIN_PACKS_READ: LazyLock<LexiconBuilder> = LazyLock::new(|| {
    let mut builder = LexiconBuilder::default();
    match builder.add_builtin_packs() {
        Ok(()) => builder,
        Err(error) => panic!("the built-in packs do not load: {error}"),
    }
});

static LOADED_CONFIGS: LazyLock<Vec<Config>> = LazyLock::new(|| {
    CONFIGS
        .iter()
        .map(|text| match load_config(text) {
            Ok(config) => config,
            Err(error) => panic!("a built-in test config does not load: {error}"),
        })
        .collect()
});

fn load_config(text: &str) -> Result<Config, Error> {
    let path = Path::new(ROOT).join("clientele.toml");
    let mut lexicons = Lexicons::with_builtin(ROOT.into(), Arc::clone(&BUILTIN));
    Config::from_toml(&path, Path::new("clientele.toml"), text, &mut lexicons)
}

/// The whole pipeline on `data`: its first byte picks one of [`CONFIGS`],
/// the rest is a document's bytes. Checks that reading, linting, every
/// output format, the language server's positions and fixing hold their
/// promises; panics when one does not.
pub fn check_pipeline(data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let config = &LOADED_CONFIGS[usize::from(pick) % CONFIGS.len()];
    let path = Path::new(ROOT).join("doc.md");
    let checked = match check_bytes(&path, &path, bytes.to_vec(), config, &no_source, false) {
        FileOutcome::Checked(checked) => checked,
        outcome => {
            check_not_checked(bytes, &outcome);
            return;
        }
    };
    let text = checked.source.text();
    let encoding = TextEncoding::utf16_by_mark(bytes).unwrap_or_default();
    assert_eq!(encoding.encode(text), bytes, "linting changed the text");
    check_diagnostics(&checked.source, &checked.diagnostics);
    match check_bytes(&path, &path, bytes.to_vec(), config, &no_source, false) {
        FileOutcome::Checked(again) => assert_eq!(
            again.diagnostics, checked.diagnostics,
            "a second run found something else"
        ),
        outcome => panic!("a second run did not check the file: {outcome:?}"),
    }
    check_printers(&checked.source, &checked.diagnostics);
    check_fix(&path, config, &checked.source, &checked.diagnostics);
}

/// A file that was not checked was binary, not UTF-8, or has a bad
/// `clientele` entry in its front matter, and the error says so right.
fn check_not_checked(bytes: &[u8], outcome: &FileOutcome) {
    let sniffed = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    match outcome {
        FileOutcome::Skipped { .. } => {
            assert!(sniffed.contains(&0), "skipped a file without a NUL byte");
        }
        FileOutcome::Failed(Error::NotUtf16 { offset, .. }) => {
            let encoding = TextEncoding::utf16_by_mark(bytes);
            assert!(encoding.is_some(), "UTF-16 errors without a UTF-16 mark");
            assert!(*offset < bytes.len(), "an invalid offset past the end");
        }
        FileOutcome::Failed(Error::NotUtf8 { offset, .. }) => match std::str::from_utf8(bytes) {
            Ok(_) => panic!("valid UTF-8 reported as invalid"),
            Err(error) => assert_eq!(error.valid_up_to(), *offset, "wrong invalid offset"),
        },
        FileOutcome::Failed(error @ Error::FrontMatter(located)) => {
            let text = match TextEncoding::utf16_by_mark(bytes) {
                Some(encoding) => encoding.decode_utf16(bytes).unwrap_or_default(),
                None => String::from_utf8_lossy(bytes).into_owned(),
            };
            assert_eq!(located.text, text, "the error quotes another text");
            check_error(error);
        }
        outcome => panic!("unexpected outcome: {outcome:?}"),
    }
}

/// Every span lies in the text on character boundaries and holds what the
/// diagnostic says it matched; line and column agree with the bytes, in
/// the CLI's counting and in every LSP encoding; the order is by position.
fn check_diagnostics(source: &SourceFile, diagnostics: &[Diagnostic]) {
    let text = source.text();
    let mut previous: Option<Span> = None;
    for d in diagnostics {
        assert_eq!(d.span.slice(text), Some(d.matched.as_str()), "{d:?}");
        if let Some(widened) = &d.widened {
            assert_eq!(
                widened.span.slice(text),
                Some(widened.text.as_str()),
                "{d:?}"
            );
            assert!(
                widened.span.start <= d.span.start && d.span.end <= widened.span.end,
                "a fix span that does not hold the finding: {d:?}"
            );
            assert!(
                d.suggestion.is_some(),
                "widened without a suggestion: {d:?}"
            );
        }
        assert_ne!(d.suggestion.as_deref(), Some(""), "an empty suggestion");
        for span in std::iter::once(d.span).chain(
            d.related
                .iter()
                .filter(|r| r.elsewhere.is_none())
                .map(|r| r.span),
        ) {
            assert!(span.slice(text).is_some(), "{span:?} is not in the text");
            for offset in [span.start, span.end] {
                let found = source.line_column(offset);
                assert_eq!(
                    (found.line, found.column),
                    line_column_by_counting(text, offset),
                    "line and column of byte {offset}"
                );
                for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                    let at = position::position(source, offset, encoding);
                    assert_eq!(
                        position::offset(source, at, encoding),
                        offset,
                        "{encoding:?} position {at:?} of byte {offset}"
                    );
                }
            }
        }
        assert!(previous.is_none_or(|p| p <= d.span), "out of order");
        previous = Some(d.span);
    }
}

/// 1-based line and column of `offset`, counted from scratch: a line ends
/// at `\n`, `\r\n` or a lone `\r`; a column is a character; a BOM is not.
fn line_column_by_counting(text: &str, offset: usize) -> (usize, usize) {
    let (mut line, mut column) = (1, 1);
    for (i, c) in text[..offset].char_indices() {
        match c {
            '\n' => (line, column) = (line + 1, 1),
            '\r' if !text[i + 1..].starts_with('\n') => (line, column) = (line + 1, 1),
            '\u{feff}' if i == 0 => {}
            _ => column += 1,
        }
    }
    (line, column)
}

/// Every output format prints the findings without failing; JSON and
/// SARIF are well-formed JSON.
fn check_printers(source: &SourceFile, diagnostics: &[Diagnostic]) {
    let formats = [
        (Format::Human, true),
        (Format::Human, false),
        (Format::Json, false),
        (Format::Sarif, false),
        (Format::Github, false),
        (Format::Concise, false),
        (Format::Gitlab, false),
        (Format::Junit, false),
    ];
    let mut summary = Summary::default();
    summary.add(diagnostics);
    let notices = [Notice::note("doc.md: a note")];
    for (format, color) in formats {
        let mut out = Vec::new();
        let mut printer = render::printer(format, color);
        if let Err(error) = printer
            .file(&mut out, "doc.md", source, diagnostics)
            .and_then(|()| printer.finish(&mut out, &summary, &notices))
        {
            panic!("{format:?} could not print: {error}");
        }
        let printed = match String::from_utf8(out) {
            Ok(printed) => printed,
            Err(error) => panic!("{format:?} printed invalid UTF-8: {error}"),
        };
        if matches!(format, Format::Json | Format::Sarif | Format::Gitlab)
            && let Err(error) = serde_json::from_str::<serde_json::Value>(&printed)
        {
            panic!("{format:?} printed invalid JSON: {error}");
        }
    }
}

/// Fixing replaces only the fixable findings' spans, leaves nothing
/// fixable behind, and a second fix changes nothing.
fn check_fix(path: &Path, config: &Config, source: &SourceFile, diagnostics: &[Diagnostic]) {
    let text = source.text();
    let fixed = match check_bytes(
        path,
        path,
        text.as_bytes().to_vec(),
        config,
        &no_source,
        true,
    ) {
        FileOutcome::Checked(fixed) => fixed,
        outcome => panic!("fixing failed where checking did not: {outcome:?}"),
    };
    let Some(fixes) = &fixed.fixes else {
        assert_eq!(fixed.source.text(), text, "changed without a fix");
        return;
    };
    assert_eq!(fixes.original, text, "the original was not kept");
    let mut edits: Vec<(Span, &str)> = diagnostics
        .iter()
        .filter(|d| d.fixable)
        .map(|d| (d.fix_span(), d.suggestion.as_deref().unwrap_or_default()))
        .collect();
    edits.sort();
    let (spans, expected): (Vec<Span>, Vec<&str>) = edits.into_iter().unzip();
    let Some(replaced) = replacements(text, fixed.source.text(), &spans, &expected) else {
        panic!(
            "a fix changed bytes outside the fixable spans:\n{text:?}\n{:?}",
            fixed.source.text()
        );
    };
    // Only the replaced words changed, so the fix's own output can be
    // mapped back: every finding left must have been there before.
    let created = new_findings(diagnostics, &fixed.diagnostics, &replaced);
    assert!(
        created.is_empty(),
        "a fix made new findings:\n{text:?}\n{:?}\n{created:#?}",
        fixed.source.text()
    );
    check_diagnostics(&fixed.source, &fixed.diagnostics);
    assert!(
        fixed.diagnostics.iter().all(|d| !d.fixable),
        "something fixable is left: {:?}",
        fixed.diagnostics
    );
    let _ = unified_diff("doc.md", text, fixed.source.text());
    match check_bytes(
        path,
        path,
        fixed.source.text().as_bytes().to_vec(),
        config,
        &no_source,
        true,
    ) {
        FileOutcome::Checked(twice) => assert!(twice.fixes.is_none(), "a second fix changed more"),
        outcome => panic!("the fixed text could not be checked: {outcome:?}"),
    }
}

/// `--fix` on a file on disk: the first byte of `data` picks one of
/// [`CONFIGS`], the rest is the file. Afterwards the file holds either its
/// bytes as they were or the fixed text in the file's own encoding,
/// nothing else is left in its folder, and fixing it again changes
/// nothing.
pub fn check_fix_file(data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let config = &LOADED_CONFIGS[usize::from(pick) % CONFIGS.len()];
    let folder = match tempfile::tempdir() {
        Ok(folder) => folder,
        Err(error) => panic!("no temporary folder to fix a file in: {error}"),
    };
    let path = folder.path().join("doc.md");
    let read_back = |what: &str| match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => panic!("the file cannot be read back {what}: {error}"),
    };
    // The fixture, not a user's file: written as is.
    #[allow(clippy::disallowed_methods)]
    let written = std::fs::write(&path, bytes);
    if let Err(error) = written {
        panic!("the file cannot be written: {error}");
    }
    let (outcome, error) = crate::run::fix_file(&path, &path, config, &no_source);
    if let Some(error) = error {
        panic!("fixing a file nobody else touches failed: {error}");
    }
    let after = read_back("after a fix");
    match &outcome {
        FileOutcome::Checked(Checked {
            source,
            fixes: Some(fixes),
            ..
        }) => assert_eq!(
            after,
            fixes.encoding.encode(source.text()),
            "the file is not the fixed text"
        ),
        _ => assert_eq!(after, bytes, "a file without fixes changed"),
    }
    let left: Vec<_> = std::fs::read_dir(folder.path())
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.file_name()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(left, ["doc.md"], "something besides the file was left");
    let (again, error) = crate::run::fix_file(&path, &path, config, &no_source);
    assert!(error.is_none(), "fixing the fixed file failed: {error:?}");
    if let FileOutcome::Checked(checked) = again {
        assert!(checked.fixes.is_none(), "a second fix changed more");
    }
    assert_eq!(
        read_back("after a second fix"),
        after,
        "a second fix changed the file"
    );
}

/// Whether `after` is `before` with only the bytes of `spans` (sorted,
/// disjoint) replaced by anything: the stretches between the spans must
/// appear in `after` in order, the first at its start and the last at its
/// end.
#[cfg(test)]
pub(crate) fn only_spans_changed(before: &str, after: &str, spans: &[Span]) -> bool {
    replacements(before, after, spans, &[]).is_some()
}

/// Where each of `spans` (sorted, disjoint) of `before` was put in
/// `after`, as `(old, new)` pairs, if `after` is `before` with only the
/// bytes of `spans` replaced; found by looking for the kept stretches
/// between them in order. `expected[i]`, when given, is what span `i` was
/// meant to become: it (or the span's own text, for an edit left out) is
/// tried first, so that two spans with nothing between them are told
/// apart.
pub(crate) fn replacements(
    before: &str,
    after: &str,
    spans: &[Span],
    expected: &[&str],
) -> Option<Vec<(Span, Span)>> {
    let mut kept = Vec::new();
    let mut from = 0;
    for span in spans {
        kept.push(before.get(from..span.start)?);
        from = span.end;
    }
    kept.push(before.get(from..)?);
    let (first, rest) = kept.split_first()?;
    let mut at = after.strip_prefix(first).map(|_| first.len())?;
    let Some((last, middle)) = rest.split_last() else {
        return (at == after.len()).then(Vec::new);
    };
    let mut pairs = Vec::with_capacity(spans.len());
    for (i, (span, stretch)) in spans.iter().zip(middle).enumerate() {
        let rest = after.get(at..)?;
        let fits = |word: &str| {
            rest.strip_prefix(word)
                .is_some_and(|then| then.starts_with(stretch))
                .then_some(at + word.len())
        };
        let found = match expected
            .get(i)
            .and_then(|word| fits(word))
            .or_else(|| fits(span.slice(before)?))
        {
            Some(found) => found,
            None => at + rest.find(stretch)?,
        };
        pairs.push((*span, Span::new(at, found)));
        at = found + stretch.len();
    }
    let end = after
        .len()
        .checked_sub(last.len())
        .filter(|&end| end >= at)?;
    if !after.ends_with(last) {
        return None;
    }
    pairs.push((*spans.last()?, Span::new(at, end)));
    Some(pairs)
}

/// The findings of a fixed text (`after`) that the text before the fix
/// did not have at the same place, given where each replaced span went
/// (`(old, new)` pairs from [`replacements`]): a finding on a replacement
/// must have been on the word it replaced, and one elsewhere must have
/// been there, shifted by what the replacements before it added.
pub(crate) fn new_findings<'a>(
    before: &[Diagnostic],
    after: &'a [Diagnostic],
    replaced: &[(Span, Span)],
) -> Vec<&'a Diagnostic> {
    // An end inside a replacement has nothing to map to: a finding that
    // takes in part of a new word was not there before.
    let back = |at: usize| -> Option<usize> {
        let mut shift = 0isize;
        for &(old, new) in replaced {
            if new.start < at && at < new.end {
                return None;
            }
            if at == new.start {
                return Some(old.start);
            }
            if at == new.end {
                return Some(old.end);
            }
            if new.end < at {
                shift += new.len() as isize - old.len() as isize;
            }
        }
        at.checked_add_signed(-shift)
    };
    after
        .iter()
        .filter(|d| {
            let old = back(d.span.start).zip(back(d.span.end));
            old.is_none_or(|(start, end)| {
                !before
                    .iter()
                    .any(|b| b.rule == d.rule && b.span == Span::new(start, end))
            })
        })
        .collect()
}

/// Config and pack parsing on `data`: up to three parts split at NUL
/// bytes, read as a `clientele.toml`, a term pack and a document (whose
/// front matter is a config too). Each either loads or gives an error
/// whose span lies in the text it quotes and which renders; what loads,
/// lints the document within the pipeline's promises.
pub fn check_config(data: &[u8]) {
    let mut parts = data.splitn(3, |&b| b == 0);
    let config_text = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let pack_text = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let document = parts.next().unwrap_or_default();

    // The built-in packs parse the same for every input: start from a copy
    // of them, so that a pack that does not parse costs next to nothing.
    let mut builder = BUILTIN_PACKS_READ.clone();
    let lexicon = builder
        .add_pack("rules/fuzz.toml", &pack_text)
        .and_then(|()| builder.build());
    match lexicon {
        Ok(lexicon) => {
            if let Ok(text) = std::str::from_utf8(document) {
                let source = SourceFile::new(text.to_owned());
                let path = Path::new(ROOT).join("doc.md");
                match lint_document(&path, text, &lexicon, &Settings::default()) {
                    Ok(diagnostics) => check_diagnostics(&source, &diagnostics),
                    Err(error) => check_error(&error),
                }
            }
        }
        Err(error) => check_error(&error),
    }

    match load_config(&config_text) {
        Ok(config) => {
            let path = Path::new(ROOT).join("doc.md");
            match check_bytes(&path, &path, document.to_vec(), &config, &no_source, false) {
                FileOutcome::Checked(checked) => {
                    check_diagnostics(&checked.source, &checked.diagnostics);
                }
                outcome => check_not_checked(document, &outcome),
            }
        }
        Err(error) => check_error(&error),
    }
}

/// An error's span lies in the text it quotes, and it renders.
fn check_error(error: &Error) {
    if let Some(located) = error.located() {
        if let Some(span) = located.span {
            assert!(
                span.slice(&located.text).is_some(),
                "{span:?} is not in the quoted text: {error}"
            );
        }
        let _ = located.line_column();
    }
    let _ = error.to_string();
    let _ = render_error(error, false);
    let _ = render_error(error, true);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use std::path::PathBuf;

    use super::*;
    use crate::registry::RuleId;
    use crate::testing::FRAGMENTS;

    /// Run `check` on every input the fuzzer of `target` kept: the
    /// failures it found (fixed since) and a sample of what it reached.
    fn replay(target: &str, check: fn(&[u8])) {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions")
            .join(target);
        let mut inputs: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        inputs.sort();
        assert!(inputs.len() >= 10, "{} inputs in {folder:?}", inputs.len());
        for path in inputs {
            println!("{}", path.display());
            check(&std::fs::read(&path).unwrap());
        }
    }

    #[test]
    fn the_pipeline_inputs_the_fuzzer_kept_still_pass() {
        replay("pipeline", check_pipeline);
    }

    #[test]
    fn the_fix_inputs_the_fuzzer_kept_still_pass() {
        replay("fix", check_fix_file);
    }

    #[test]
    fn the_config_inputs_the_fuzzer_kept_still_pass() {
        replay("config", check_config);
    }

    /// Every Markdown or text file under `folder`, recursively.
    fn documents_under(folder: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                documents_under(&path, found);
            } else if path
                .extension()
                .is_some_and(|e| ["md", "markdown", "mdx", "txt"].iter().any(|x| e == *x))
            {
                found.push(path);
            }
        }
    }

    /// Every fixture and example, under every config of the pipeline
    /// check: fixing changes only the replaced words and never makes a
    /// finding that was not there (a contrast fixed into a self-contrast, a
    /// heading fixed into a repeated one), and the rest of the pipeline's
    /// promises hold.
    #[test]
    fn every_fixture_and_example_keeps_the_pipeline_promises() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut documents = Vec::new();
        documents_under(&root.join("tests/fixtures"), &mut documents);
        documents_under(&root.join("examples"), &mut documents);
        documents.sort();
        assert!(documents.len() >= 40, "{} documents", documents.len());
        for path in documents {
            let bytes = std::fs::read(&path).unwrap();
            for pick in 0..CONFIGS.len() {
                println!("{} under config {pick}", path.display());
                let mut data = vec![u8::try_from(pick).unwrap()];
                data.extend(&bytes);
                check_pipeline(&data);
            }
        }
    }

    #[test]
    fn new_findings_are_told_from_moved_ones() {
        let finding = |rule, start, end| Diagnostic {
            rule,
            severity: crate::Severity::Error,
            span: Span::new(start, end),
            message: String::new(),
            label: String::new(),
            lang: "en".to_owned(),
            role: "client".to_owned(),
            term: "client".to_owned(),
            matched: String::new(),
            suggestion: None,
            widened: None,
            fixable: false,
            help: None,
            related: Vec::new(),
            sense: None,
        };
        // "a customer or clients" became "a client or clients": the
        // self-contrast on the second word is new, the wrong-term gone.
        let before = [finding(RuleId::WrongTerm, 2, 10)];
        let replaced = [(Span::new(2, 10), Span::new(2, 8))];
        let after = [finding(RuleId::SelfContrast, 12, 19)];
        assert_eq!(new_findings(&before, &after, &replaced).len(), 1);
        // A finding after the edit that was there before, shifted back.
        let before = [
            finding(RuleId::WrongTerm, 2, 10),
            finding(RuleId::SelfContrast, 14, 21),
        ];
        assert!(new_findings(&before, &after, &replaced).is_empty());
        // One on the replacement that was on the replaced word.
        let before = [finding(RuleId::SelfContrast, 2, 10)];
        let after = [finding(RuleId::SelfContrast, 2, 8)];
        assert!(new_findings(&before, &after, &replaced).is_empty());
        // One that takes in part of a replacement is always new.
        let after = [finding(RuleId::WrongTerm, 6, 12)];
        assert_eq!(new_findings(&before, &after, &replaced).len(), 1);
    }

    #[test]
    fn replacements_are_found_even_with_nothing_between_them() {
        let spans = [Span::new(0, 6), Span::new(6, 12)];
        assert_eq!(
            replacements("客户顾客", "客户客户", &spans, &["客户", "客户"]),
            Some(vec![
                (spans[0], Span::new(0, 6)),
                (spans[1], Span::new(6, 12))
            ])
        );
        assert_eq!(
            replacements("ab cd", "xyz cd", &[Span::new(0, 2)], &["xyz"]),
            Some(vec![(Span::new(0, 2), Span::new(0, 3))])
        );
        assert_eq!(
            replacements("ab cd", "xyz ce", &[Span::new(0, 2)], &[]),
            None
        );
    }

    #[test]
    fn counting_lines_knows_every_line_ending_and_the_bom() {
        let text = "\u{feff}a\r\nbc\rd\ne";
        assert_eq!(line_column_by_counting(text, 3), (1, 1));
        assert_eq!(line_column_by_counting(text, 4), (1, 2));
        assert_eq!(line_column_by_counting(text, 5), (1, 3));
        assert_eq!(line_column_by_counting(text, 8), (2, 3));
        assert_eq!(line_column_by_counting(text, 9), (3, 1));
        assert_eq!(line_column_by_counting(text, 11), (4, 1));
    }

    #[test]
    fn the_span_check_tells_a_change_outside_the_spans() {
        let spans = [Span::new(2, 10)];
        assert!(only_spans_changed("a customer.", "a client.", &spans));
        assert!(!only_spans_changed("a customer.", "a client!", &spans));
        assert!(!only_spans_changed("a customer.", "A client.", &spans));
        assert!(only_spans_changed("abc", "abc", &[]));
        assert!(!only_spans_changed("abc", "abd", &[]));
    }

    /// Bytes that break a text: a lone CR, a NUL, bytes that are not
    /// UTF-8 and characters cut short.
    const NOT_TEXT: &[&[u8]] = &[b"\r", b"\0", b"\xff", b"\xd0", b"\xe5\xae"];

    /// Bytes a document is made of: the fragments of the other property
    /// tests, any character, and bytes that are not text at all.
    fn piece() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            6 => prop::sample::select(FRAGMENTS).prop_map(|f| f.as_bytes().to_vec()),
            2 => any::<char>().prop_map(|c| c.to_string().into_bytes()),
            1 => prop::sample::select(NOT_TEXT).prop_map(<[u8]>::to_vec),
        ]
    }

    proptest! {
        #[test]
        fn the_pipeline_keeps_its_promises(
            pick in any::<u8>(),
            pieces in prop::collection::vec(piece(), 0..48),
        ) {
            let mut data = vec![pick];
            data.extend(pieces.concat());
            check_pipeline(&data);
        }

        #[test]
        fn config_and_pack_parsing_keep_their_promises(
            config in prop::sample::select(&CONFIGS[..]),
            config_cut in any::<prop::sample::Index>(),
            config_noise in "[ -~\n]{0,12}",
            pack_cut in any::<prop::sample::Index>(),
            pack_noise in "[ -~\n]{0,12}",
            document in crate::testing::document(),
        ) {
            let mut data = with_noise(config, config_cut, &config_noise);
            data.push(0);
            data.extend(with_noise(PACK, pack_cut, &pack_noise));
            data.push(0);
            data.extend(document.as_bytes());
            check_config(&data);
        }
    }

    /// A user pack in the format of the built-in ones.
    const PACK: &str = "lang = \"en\"\n\n[[term]]\nlemma = \"patron\"\nrole = \"patron\"\nforms = [\"patron\", \"patrons\", \"patron's\", \"patrons'\"]\n\n[[business]]\nname = \"library\"\nprefer = \"patron\"\nsummary = \"a library\"\n\n[contrast]\nqualifiers = [\"new\"]\n";

    /// `text` with the bytes from a point picked by `cut` replaced by `noise`.
    fn with_noise(text: &str, cut: prop::sample::Index, noise: &str) -> Vec<u8> {
        let at = cut.index(text.len() + 1);
        let mut out = text.as_bytes()[..at].to_vec();
        out.extend_from_slice(noise.as_bytes());
        out.extend_from_slice(text.as_bytes()[at..].get(noise.len()..).unwrap_or_default());
        out
    }
}
