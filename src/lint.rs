//! One document through the pipeline: front matter → prose spans →
//! occurrences → senses → rules → inline directives. Also reading a file
//! from disk into a `SourceFile`.
//!
//! Nothing here prints or decides exit codes; a batch run (`crate::run`),
//! the language server and `check-pack` all lint through here.

use std::path::Path;

use crate::config::front_matter::document_layer;
use crate::config::{Config, FailOn, Settings};
use crate::diagnostic::Diagnostic;
use crate::directives::Directives;
use crate::error::Error;
use crate::fix::{Fixed, fix_text};
use crate::lexicon::{BusinessCueHit, Folded, Lexicon, Look, Occurrence};
use crate::markdown::{Outline, ProseMap, outline_with};
use crate::rules::{self, Context, Paired};
use crate::source::SourceFile;
use crate::span::Span;
use crate::text_encoding::TextEncoding;

/// How many leading bytes are searched for a NUL to tell a binary file.
pub(crate) const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Every term occurrence in the prose of a Markdown text, with its sense
/// after the configured allow list.
pub fn occurrences(text: &str, lexicon: &Lexicon, settings: &Settings) -> Vec<Occurrence> {
    outline_and_occurrences(text, lexicon, settings).1
}

/// The vocabulary of a Markdown text's prose: what `clientele report` and
/// `clientele suggest` count.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    /// Every term occurrence, with its sense after the allow list.
    pub(crate) occurrences: Vec<Occurrence>,
    /// Every business cue, in order, with where it stands.
    pub(crate) business_cues: Vec<BusinessCueHit>,
}

/// The terms and business cues in the prose of a Markdown text.
pub(crate) fn vocabulary(text: &str, lexicon: &Lexicon, settings: &Settings) -> Vocabulary {
    let mut finder = Finder::new(text, lexicon, settings, Look::Anywhere);
    finder.business_cues = Some(Vec::new());
    let (_, occurrences, business_cues) = finder.scan();
    Vocabulary {
        occurrences,
        business_cues: business_cues.unwrap_or_default(),
    }
}

/// Whether `text` can have any finding at all: it holds a term form
/// somewhere, or the word `clientele` (a directive, or a front matter
/// entry, may be wrong without a term in sight). Many documentation files
/// hold neither, and this look at the raw bytes spares them the Markdown
/// parser.
pub fn may_have_findings(text: &str, lexicon: &Lexicon) -> bool {
    text.contains("clientele") || lexicon.matcher().look(text).any()
}

/// The terms' [`Look`] at `text`, or `None` when the text can have no
/// finding at all (see [`may_have_findings`]).
fn look_for_findings(text: &str, lexicon: &Lexicon) -> Option<Look> {
    let look = lexicon.matcher().look(text);
    (look.any() || text.contains("clientele")).then_some(look)
}

/// How many bytes of one prose span are folded and searched at a time, at
/// least, when the span is long.
const SEARCH_PIECE: usize = 64 << 10;

/// How far from a term a long prose span is never cut for searching: what
/// a term is read with (phrases, allowed phrases, words) is shorter.
const SEARCH_REACH: usize = 1 << 10;

/// Finds the terms in prose spans handed to it one at a time, so that a
/// document's spans need never be held all at once.
struct Finder<'a> {
    text: &'a str,
    lexicon: &'a Lexicon,
    settings: &'a Settings,
    /// Where terms may stand: prose elsewhere is not searched.
    look: Look,
    /// The folded span, in a buffer reused from span to span.
    folded: Folded,
    /// The prose: the sense reader takes cue words only from it.
    prose: ProseMap,
    found: Vec<Occurrence>,
    /// The business cues found, when they are looked for.
    business_cues: Option<Vec<BusinessCueHit>>,
}

impl<'a> Finder<'a> {
    /// Outline the text, finding the terms (and the business cues, when
    /// looked for) in its prose, and read the terms' senses.
    fn scan(mut self) -> (Outline, Vec<Occurrence>, Option<Vec<BusinessCueHit>>) {
        let text = self.text;
        let mut outline = outline_with(text, |span| self.prose(span));
        crate::sense::classify(
            text,
            &outline.headings,
            &self.prose,
            self.lexicon,
            &mut self.found,
        );
        // After the senses are read, so that names change no vote of the
        // one-sense-per-discourse count.
        crate::sense::mark_names(
            text,
            &outline.headings,
            &self.prose,
            self.lexicon,
            &mut self.found,
        );
        crate::sense::contrasted::mark(text, self.lexicon, &mut self.found);
        // Held for the sense reader anyway; the rules read it too.
        outline.prose = self.prose;
        (outline, self.found, self.business_cues)
    }

    fn new(text: &'a str, lexicon: &'a Lexicon, settings: &'a Settings, look: Look) -> Self {
        Self {
            text,
            lexicon,
            settings,
            look,
            folded: Folded::default(),
            prose: ProseMap::new(text.len()),
            found: Vec::new(),
            business_cues: None,
        }
    }

    fn prose(&mut self, span: Span) {
        if span.slice(self.text).is_none() {
            return;
        }
        self.prose.add(span);
        // Business cues are words of their own, searched in all prose.
        if self.business_cues.is_none() && !self.look.may_hold(span) {
            return;
        }
        let mut at = span.start;
        while at < span.end {
            let end = self.piece_end(Span::new(at, span.end));
            self.search(Span::new(at, end));
            at = end;
        }
    }

    /// Where the next piece of the prose `rest` to search ends. A span of
    /// megabytes (a paragraph of short lines is one) is searched a piece
    /// at a time, so that its folded copy stays small: a piece ends at a
    /// space with no term within [`SEARCH_REACH`] of it, where nothing a
    /// term is read with (a phrase, an allowed phrase, a Chinese word) can
    /// cross. Only the look at raw bytes says where terms are not.
    fn piece_end(&self, rest: Span) -> usize {
        if rest.len() <= 2 * SEARCH_PIECE
            || self.business_cues.is_some()
            || !matches!(self.look, Look::Within(_))
        {
            return rest.end;
        }
        let bytes = self.text.as_bytes();
        let mut at = rest.start + SEARCH_PIECE;
        while at + SEARCH_PIECE < rest.end {
            let Some(space) = memchr::memchr3(b' ', b'\n', b'\t', &bytes[at..rest.end]) else {
                break;
            };
            at += space;
            let around = Span::new(at.saturating_sub(SEARCH_REACH), at + SEARCH_REACH);
            if !self.look.may_hold(around) {
                return at;
            }
            at += SEARCH_REACH;
        }
        rest.end
    }

    /// Find the terms in the prose `span`.
    fn search(&mut self, span: Span) {
        let Some(slice) = span.slice(self.text) else {
            return;
        };
        self.folded.fold(slice);
        let first = self.found.len();
        self.lexicon
            .find_in(self.text, span, &self.folded, &mut self.found);
        self.lexicon
            .names()
            .mark(self.text, span, &mut self.found[first..]);
        self.settings
            .allow()
            .mark(self.text, span, &self.folded, &mut self.found[first..]);
        if let Some(cues) = &mut self.business_cues {
            self.lexicon
                .find_business_cues(self.text, span.start, &self.folded, cues);
        }
    }
}

/// The outline of `text` and the terms in its prose, from one pass.
pub(crate) fn outline_and_occurrences(
    text: &str,
    lexicon: &Lexicon,
    settings: &Settings,
) -> (Outline, Vec<Occurrence>) {
    outline_and_occurrences_within(text, lexicon, settings, Look::Anywhere)
}

/// [`outline_and_occurrences`], searching only the prose `look` says may
/// hold a term.
fn outline_and_occurrences_within(
    text: &str,
    lexicon: &Lexicon,
    settings: &Settings,
    look: Look,
) -> (Outline, Vec<Occurrence>) {
    let (outline, found, _) = Finder::new(text, lexicon, settings, look).scan();
    (outline, found)
}

/// The diagnostics for a Markdown text under `settings` as they are,
/// sorted by position. Inline directives apply; the `clientele` entry of
/// the front matter does not (see `lint_document`).
pub fn lint_text(text: &str, lexicon: &Lexicon, settings: &Settings) -> Vec<Diagnostic> {
    let Some(look) = look_for_findings(text, lexicon) else {
        return Vec::new();
    };
    let (outline, found) = outline_and_occurrences_within(text, lexicon, settings, look);
    lint_outlined(text, &outline, found, lexicon, settings, None)
}

/// The diagnostics for the document at `path` whose contents are `text`,
/// under `settings` with the document's front matter on top, sorted by
/// position. A bad `clientele` entry in the front matter is an error
/// pointing into the document.
pub(crate) fn lint_document(
    path: &Path,
    text: &str,
    lexicon: &Lexicon,
    settings: &Settings,
) -> Result<Vec<Diagnostic>, Error> {
    lint_translation(path, text, lexicon, settings, &no_source)
}

/// A translation's source, asked for only when the translation may have a
/// finding: most documents hold no term, and their sources need not be
/// read. [`no_source`] for a document that is no translation.
pub(crate) type SourceOf<'s> = &'s dyn Fn() -> Option<&'s Paired>;

/// The [`SourceOf`] a document that is no translation has.
pub(crate) fn no_source<'s>() -> Option<&'s Paired> {
    None
}

/// [`lint_document`] for a document that may be a translation of
/// `source`, which `translation-collapse` compares it with.
pub(crate) fn lint_translation(
    path: &Path,
    text: &str,
    lexicon: &Lexicon,
    settings: &Settings,
    source: SourceOf<'_>,
) -> Result<Vec<Diagnostic>, Error> {
    let Some(look) = look_for_findings(text, lexicon) else {
        return Ok(Vec::new());
    };
    // The front matter sets the business and rule levels, never the allow
    // list, so the terms can be found before it is read.
    let (outline, found) = outline_and_occurrences_within(text, lexicon, settings, look);
    let paired = source();
    match with_front_matter(path, text, &outline, lexicon, settings)? {
        Some(settings) => Ok(lint_outlined(
            text, &outline, found, lexicon, &settings, paired,
        )),
        None => Ok(lint_outlined(
            text, &outline, found, lexicon, settings, paired,
        )),
    }
}

/// `settings` with the `clientele` entry of the document's front matter on
/// top, or `None` when it has none.
pub(crate) fn with_front_matter(
    path: &Path,
    text: &str,
    outline: &Outline,
    lexicon: &Lexicon,
    settings: &Settings,
) -> Result<Option<Settings>, Error> {
    let layer = document_layer(text, outline.front_matter.as_ref(), lexicon)
        .map_err(|e| Error::FrontMatter(Box::new(e.locate(path, text))))?;
    Ok(layer.map(|layer| {
        let mut settings = settings.clone();
        settings.apply(&layer);
        settings
    }))
}

fn lint_outlined(
    text: &str,
    outline: &Outline,
    found: Vec<Occurrence>,
    lexicon: &Lexicon,
    settings: &Settings,
    paired: Option<&Paired>,
) -> Vec<Diagnostic> {
    let directives = Directives::parse(text, &outline.html);
    let ctx = Context {
        text,
        lexicon,
        settings,
        outline,
        occurrences: &found,
        directives: &directives,
        paired,
    };
    let mut diagnostics = rules::run(&ctx);
    diagnostics.sort_by_key(|d| (d.span, d.rule));
    diagnostics
}

/// Fix the document at `path` whose contents are `text` and whose
/// diagnostics under `settings` are `diagnostics` (see [`fix_text`]),
/// linting each fixed text again as [`lint_document`] does.
pub(crate) fn fix_document(
    path: &Path,
    text: &str,
    lexicon: &Lexicon,
    settings: &Settings,
    diagnostics: Vec<Diagnostic>,
) -> Result<Fixed, Error> {
    fix_translation(path, text, lexicon, settings, &no_source, diagnostics)
}

/// [`fix_document`] for a document that may be a translation of `source`.
fn fix_translation(
    path: &Path,
    text: &str,
    lexicon: &Lexicon,
    settings: &Settings,
    source: SourceOf<'_>,
    diagnostics: Vec<Diagnostic>,
) -> Result<Fixed, Error> {
    fix_text(text, diagnostics, |text| {
        lint_translation(path, text, lexicon, settings, source)
    })
}

/// What became of one file.
#[derive(Debug)]
pub(crate) enum FileOutcome {
    /// The file was checked (and fixed, when asked).
    Checked(Checked),
    /// The file was passed over, for a reason worth a note.
    Skipped {
        /// Why.
        reason: String,
    },
    /// The file could not be checked.
    Failed(Error),
}

/// A checked file.
#[derive(Debug)]
pub(crate) struct Checked {
    /// Its text; after fixes, the fixed text.
    pub(crate) source: SourceFile,
    /// What the rules found (after fixes: what remains), sorted by position.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The lowest severity that fails the run for this file.
    pub(crate) fail_on: FailOn,
    /// The fixes applied, when there were any.
    pub(crate) fixes: Option<Fixes>,
}

/// What fixing changed in a file.
#[derive(Debug)]
pub(crate) struct Fixes {
    /// The text before the fixes.
    pub(crate) original: String,
    /// How many fixes were applied.
    pub(crate) count: usize,
    /// The encoding the file was in, and is written back in.
    pub(crate) encoding: TextEncoding,
}

/// Read the file at `path` and check it under `config`'s settings for
/// `absolute` (the same file, for matching `[[overrides]]`), comparing it
/// with its `source` when it is a translation; with `fix`, apply the fixes
/// to the text (the file itself is not written).
pub(crate) fn check_file(
    path: &Path,
    absolute: &Path,
    config: &Config,
    source: SourceOf<'_>,
    fix: bool,
) -> FileOutcome {
    match crate::read::read_file(path) {
        Ok(bytes) => check_bytes(path, absolute, bytes, config, source, fix),
        Err(source) => FileOutcome::Failed(Error::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Why a file has no text to check.
#[derive(Debug)]
pub(crate) enum Unreadable {
    /// It is passed over, for this reason (a binary file).
    Skipped(String),
    /// It could not be read as text.
    Failed(Error),
}

impl From<Unreadable> for FileOutcome {
    fn from(unreadable: Unreadable) -> Self {
        match unreadable {
            Unreadable::Skipped(reason) => FileOutcome::Skipped { reason },
            Unreadable::Failed(error) => FileOutcome::Failed(error),
        }
    }
}

/// Whether a NUL byte stands in the first [`BINARY_SNIFF_LEN`] bytes: the
/// mark of a binary file.
fn has_nul_early(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0)
}

/// The text of `bytes`, the contents of the file at `path`, unless it is
/// binary or neither UTF-8 nor UTF-16 with a byte order mark.
pub(crate) fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Unreadable> {
    decode_with_encoding(path, bytes).map(|(text, _)| text)
}

/// The largest file whose UTF-8 [`decode_with_encoding`] checks with
/// simdutf8 and then copies.
const COPIED_CHECK_LIMIT: usize = 1 << 20;

/// [`decode`], and the encoding the text was in.
pub(crate) fn decode_with_encoding(
    path: &Path,
    bytes: Vec<u8>,
) -> Result<(String, TextEncoding), Unreadable> {
    if let Some(encoding) = TextEncoding::utf16_by_mark(&bytes) {
        let text = encoding.decode_utf16(&bytes).map_err(|bad| {
            Unreadable::Failed(Error::NotUtf16 {
                path: path.to_path_buf(),
                encoding: bad.encoding.name(),
                offset: bad.offset,
            })
        })?;
        // UTF-16 is full of zero bytes; a NUL character is what makes a
        // binary file in it, as a NUL byte does in UTF-8, so that a file
        // and the same text saved in another encoding are read alike.
        if has_nul_early(text.as_bytes()) {
            return Err(Unreadable::Skipped(
                "binary file (it contains NUL characters)".to_owned(),
            ));
        }
        return Ok((text, encoding));
    }
    if has_nul_early(&bytes) {
        return Err(Unreadable::Skipped(
            "binary file (it contains NUL bytes)".to_owned(),
        ));
    }
    // simdutf8 checks Cyrillic and Chinese text some eight times as fast
    // as the standard library, but hands back a borrowed `str`: a small
    // file's text is copied out of it, a large one is checked in place so
    // that it is never held twice.
    if bytes.len() <= COPIED_CHECK_LIMIT
        && let Ok(text) = simdutf8::basic::from_utf8(&bytes)
    {
        return Ok((text.to_owned(), TextEncoding::Utf8));
    }
    String::from_utf8(bytes)
        .map(|text| (text, TextEncoding::Utf8))
        .map_err(|error| {
            Unreadable::Failed(Error::NotUtf8 {
                path: path.to_path_buf(),
                offset: error.utf8_error().valid_up_to(),
            })
        })
}

/// Check `bytes`, the contents of the file at `path` (or of standard input
/// named so), as [`check_file`] does.
pub(crate) fn check_bytes(
    path: &Path,
    absolute: &Path,
    bytes: Vec<u8>,
    config: &Config,
    source: SourceOf<'_>,
    fix: bool,
) -> FileOutcome {
    let (text, encoding) = match decode_with_encoding(path, bytes) {
        Ok(decoded) => decoded,
        Err(unreadable) => return unreadable.into(),
    };
    let settings = config.settings_for(absolute);
    let lexicon = config.lexicon();
    let diagnostics = match lint_translation(path, &text, lexicon, &settings, source) {
        Ok(diagnostics) => diagnostics,
        Err(error) => return FileOutcome::Failed(error),
    };
    let checked = |text, diagnostics, fixes| {
        FileOutcome::Checked(Checked {
            source: SourceFile::new(text),
            diagnostics,
            fail_on: settings.fail_on(),
            fixes,
        })
    };
    if !fix || !diagnostics.iter().any(|d| d.fixable) {
        return checked(text, diagnostics, None);
    }
    match fix_translation(path, &text, lexicon, &settings, source, diagnostics) {
        Ok(fixed) if fixed.fixed > 0 => checked(
            fixed.text,
            fixed.diagnostics,
            Some(Fixes {
                original: text,
                count: fixed.fixed,
                encoding,
            }),
        ),
        Ok(fixed) => checked(text, fixed.diagnostics, None),
        Err(error) => FileOutcome::Failed(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_and_large_files_decode_alike_and_fail_at_the_same_byte() {
        let path = Path::new("a.md");
        let line = "Клиент 客户 client\n";
        for size in [COPIED_CHECK_LIMIT / 2, COPIED_CHECK_LIMIT * 2] {
            let text = line.repeat(size / line.len());
            let decoded = decode_with_encoding(path, text.clone().into_bytes());
            assert!(matches!(decoded, Ok((t, TextEncoding::Utf8)) if t == text));
            // A Cyrillic letter cut after its first byte, near the end.
            let mut bytes = text.into_bytes();
            let cut = bytes.len() - line.len();
            bytes.truncate(cut + 1);
            bytes.extend_from_slice(b" tail");
            let failed = decode_with_encoding(path, bytes);
            assert!(
                matches!(failed, Err(Unreadable::Failed(Error::NotUtf8 { offset, .. })) if offset == cut),
                "{size}"
            );
        }
    }

    #[test]
    fn a_text_without_terms_still_has_its_directives_and_front_matter_checked() {
        let lexicon = Lexicon::builtin().unwrap();
        let settings = Settings::default();
        let text = "# Setup\n\n<!-- clientele-disabel -->\n\nInstall it.\n";
        assert!(may_have_findings(text, &lexicon));
        let found = lint_text(text, &lexicon, &settings);
        assert_eq!(found.len(), 1, "{found:?}");
        let text = "---\nclientele:\n  business: shopp\n---\n\nInstall it.\n";
        assert!(lint_document(Path::new("a.md"), text, &lexicon, &settings).is_err());
        let text = "# Setup\n\nInstall it, then run it.\n";
        assert!(!may_have_findings(text, &lexicon));
        assert!(lint_text(text, &lexicon, &settings).is_empty());
    }

    /// Pieces of Markdown with terms in every case and script, invisible
    /// and wide characters, and markup between and around them.
    const PIECES: &[&str] = &[
        "client",
        "CLIENTS",
        "Customer",
        "cli\u{ad}ent",
        "customer\u{a0}service",
        "клиент",
        "КЛИЕНТАМИ",
        "кЛиЕнТу",
        "заказчик",
        "на\u{a0}стороне клиента",
        "客户",
        "客戶",
        "顧客",
        "客户端",
        "照顾客户",
        "\u{212a}it",
        "soft\u{ad}ware",
        " ",
        "\n",
        "\n\n",
        ". ",
        ", ",
        "**",
        "`",
        "[",
        "](x)",
        "# ",
        "- ",
        "|",
        "\n```\nclient\n```\n",
        "<!-- client -->",
        "vs",
        "и",
        "或",
        "the",
        "наши",
    ];

    proptest::proptest! {
        /// The look at raw bytes only spares prose that holds no term: a
        /// lexicon with it prepared finds exactly what one without finds.
        #[test]
        fn the_raw_look_finds_what_folding_everything_finds(
            picks in proptest::collection::vec(0..PIECES.len(), 0..40)
        ) {
            use std::sync::LazyLock;
            static FOLDING: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::builtin().unwrap());
            static LOOKING: LazyLock<Lexicon> = LazyLock::new(|| {
                let lexicon = Lexicon::builtin().unwrap();
                lexicon.matcher().prepare_for_many();
                lexicon
            });
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let settings = Settings::default();
            proptest::prop_assert_eq!(
                may_have_findings(&text, &FOLDING),
                may_have_findings(&text, &LOOKING)
            );
            proptest::prop_assert_eq!(
                lint_text(&text, &FOLDING, &settings),
                lint_text(&text, &LOOKING, &settings)
            );
        }
    }

    #[test]
    fn a_long_paragraph_searched_in_pieces_gives_what_one_search_gives() {
        let folding = Lexicon::builtin().unwrap();
        let looking = Lexicon::builtin().unwrap();
        looking.prepare_for_many();
        let settings = Settings::default();
        // One paragraph of 400 KB (under the size that prepares the look
        // by itself), with terms, phrases and Chinese words far apart.
        let mut text = String::new();
        for i in 0..10_000 {
            text.push_str(match i % 2_000 {
                0 => "Our clients pay the customer service desk\n",
                700 => "客户端与客户、顾客在此\n",
                1_400 => "на стороне клиента работают заказчики\n",
                _ => "lorem ipsum dolor sit amet, consectetur\n",
            });
        }
        let found = |lexicon: &Lexicon| occurrences_of(&text, lexicon, &settings);
        let (everywhere, around) = (found(&folding), found(&looking));
        assert!(everywhere.len() >= 25, "{}", everywhere.len());
        assert_eq!(everywhere, around);
        assert_eq!(
            lint_text(&text, &folding, &settings),
            lint_text(&text, &looking, &settings)
        );
    }

    /// The occurrences in `text` as a lint finds them, with the look.
    fn occurrences_of(text: &str, lexicon: &Lexicon, settings: &Settings) -> Vec<Occurrence> {
        let look = look_for_findings(text, lexicon).unwrap();
        outline_and_occurrences_within(text, lexicon, settings, look).1
    }

    #[test]
    fn only_prose_around_a_term_is_searched_once_the_raw_look_is_prepared() {
        let lexicon = Lexicon::builtin().unwrap();
        let text = "Install it.\n\nOur clients pay.\n\nRun it.\n";
        assert_eq!(lexicon.matcher().look(text), Look::Anywhere);
        lexicon.matcher().prepare_for_many();
        let Look::Within(regions) = lexicon.matcher().look(text) else {
            panic!("{:?}", lexicon.matcher().look(text));
        };
        assert_eq!(regions.len(), 1);
        assert!(text[regions[0].start..].starts_with("client"));
        let prose = |span: Span| lexicon.matcher().look(text).may_hold(span);
        assert!(!prose(Span::new(0, 11)));
        assert!(prose(Span::new(13, 29)));
        assert!(!prose(Span::new(31, 38)));
    }
}
