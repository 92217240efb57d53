//! The vocabulary clientele knows: languages, terms with their paradigms,
//! technical and fixed phrases, sense cues, and business types.
//!
//! Everything here is data from term packs (`rules/*.toml`, embedded, and
//! later user packs), loaded by one `LexiconBuilder`. The builder checks
//! every cross-reference — a paradigm has one form per slot, a placeholder
//! names a term, a business type names roles that exist — so that the rules
//! can rely on the lexicon without checking again.

mod agreement;
mod business_cues;
mod contrast;
mod cues;
mod fold;
mod frame;
mod han;
mod inflect;
mod lazy_regex;
mod look;
mod matcher;
mod names;
mod pack;
mod phrases;
mod reach;
mod segment;
mod template;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use foldhash::HashMap as FastMap;

use crate::error::{Error, LocatedError, Result};
use crate::span::Span;

pub(crate) use business_cues::{BusinessCueHit, BusinessCueId, BusinessCues};
pub(crate) use contrast::Contrast;
pub(crate) use contrast::MAX_GAP as MAX_CONTRAST_GAP;
pub(crate) use cues::{CueHit, Cues, Reason, Scope};
pub(crate) use inflect::NoReplacement;
pub(crate) use matcher::Matcher;
pub use matcher::{Occurrence, Sense};
pub(crate) use names::NameList;
pub(crate) use pack::{ExampleEntry, PackExamples, Spanned};
pub(crate) use pack::{Gender, Segmenter};
use phrases::{PhraseSource, PhraseTable};

pub(crate) use fold::Folded;
pub(crate) use fold::fold;
pub(crate) use fold::{is_cjk, is_invisible, is_word_char, joins_words};
pub(crate) use han::{has_traditional, simplify};
pub(crate) use lazy_regex::LazyRegex;
pub(crate) use look::Look;

/// The built-in packs, embedded in the binary: `(path, text)`.
pub(crate) const BUILTIN_PACKS: [(&str, &str); 4] = [
    ("rules/en.toml", include_str!("../../rules/en.toml")),
    ("rules/ru.toml", include_str!("../../rules/ru.toml")),
    ("rules/zh.toml", include_str!("../../rules/zh.toml")),
    (
        "rules/business.toml",
        include_str!("../../rules/business.toml"),
    ),
];

/// The built-in packs as the build script read them, in the order of
/// [`BUILTIN_PACKS`]: the pack types in postcard, which take a fifth of the
/// time their TOML takes to read at every start.
const BUILTIN_PACKS_READ: [&[u8]; 4] = [
    include_bytes!(concat!(env!("OUT_DIR"), "/en.pack")),
    include_bytes!(concat!(env!("OUT_DIR"), "/ru.pack")),
    include_bytes!(concat!(env!("OUT_DIR"), "/zh.pack")),
    include_bytes!(concat!(env!("OUT_DIR"), "/business.pack")),
];

/// The most grammatical form slots a language may declare.
const MAX_SLOTS: usize = 32;

/// Index of a language in the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LangId(u16);

/// Index of a term in the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TermId(u32);

/// Index of a business type in the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct BusinessId(u16);

/// A set of grammatical form slots (a form such as `клиента` fills more than one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SlotSet(u32);

impl SlotSet {
    /// The set holding only `slot`.
    pub(crate) fn single(slot: usize) -> Self {
        Self(1 << slot)
    }

    /// The union of two sets.
    pub(crate) fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// Whether the two sets share a slot.
    pub(crate) fn intersects(self, other: Self) -> bool {
        self.0 & other.0 != 0
    }

    /// The slots in the set, in order.
    pub fn iter(self) -> impl Iterator<Item = usize> {
        (0..MAX_SLOTS).filter(move |slot| self.0 & (1 << slot) != 0)
    }
}

/// A language and the way its terms are written.
#[derive(Debug, Clone)]
pub struct Language {
    /// Code such as `en`.
    pub(crate) code: String,
    /// Human name such as `English`.
    pub(crate) name: String,
    /// Names of the form slots every term of this language fills.
    pub slots: Vec<String>,
    /// Whether a term must stand as a whole word.
    pub(crate) word_boundaries: bool,
    /// The segmenter that tells where its words end, if it writes no spaces.
    pub(crate) segmenter: Option<Segmenter>,
    /// The Traditional spelling of each form a fix may write.
    traditional: HashMap<String, String>,
    preferred: BTreeMap<String, TermId>,
    contrast: Contrast,
    agreement: agreement::Agreement,
}

impl Language {
    /// Whether one of the language's contrast connectors sets the term at
    /// `first` against the term at `second` (in text order) of `text`.
    pub(crate) fn contrasts(&self, text: &str, first: Span, second: Span) -> bool {
        self.contrast.joins(text, first, second)
    }

    /// Whether one of the language's contrast connectors sets two different
    /// terms at `first` and `second` of `text` against each other, the
    /// second perhaps with a modifier before it ("unlike clients, a shop's
    /// customers"; `不同于客户，网店的顾客`).
    pub(crate) fn contrasts_roles(&self, text: &str, first: Span, second: Span) -> bool {
        let contrast = &self.contrast;
        if contrast.joins_words(text, first, second) {
            return true;
        }
        // Each side as it stands, and with each modifier it may have: read
        // only when the bare terms are no contrast.
        let sides = |from: usize, term: Span| {
            let modified = contrast.side_modifier_starts(text, from, term);
            std::iter::once(term).chain(modified.into_iter().map(move |at| Span::new(at, term.end)))
        };
        let seconds: Vec<Span> = sides(first.end, second).collect();
        sides(0, first).any(|a| {
            seconds
                .iter()
                .any(|&b| (a, b) != (first, second) && contrast.joins_words(text, a, b))
        })
    }

    /// The preposition right before the term at `term` of `text` (in
    /// `slots`) that must change with it when it becomes `replacement`
    /// (`о клиенте` → `об участнике`): its span and its new spelling.
    pub(crate) fn preposition_change(
        &self,
        text: &str,
        term: Span,
        slots: SlotSet,
        replacement: &str,
    ) -> Option<(Span, String)> {
        self.agreement.preposition(text, term, slots, replacement)
    }
}

/// A word of one role in one language, with all its forms.
#[derive(Debug, Clone)]
pub struct Term {
    /// Dictionary form.
    pub lemma: String,
    /// Role the term names.
    pub role: String,
    /// Language of the term.
    pub lang: LangId,
    /// Grammatical gender, where the language has one.
    pub(crate) gender: Option<Gender>,
    /// For a feminine term, its masculine counterpart.
    pub(crate) masculine: Option<TermId>,
    /// Per slot, the spelling variants; the first is canonical.
    forms: Vec<Vec<String>>,
}

impl Term {
    /// The canonical form in `slot`.
    pub(crate) fn form(&self, slot: usize) -> Option<&str> {
        self.forms.get(slot)?.first().map(String::as_str)
    }

    /// Every spelling of every slot, with its slot.
    pub(crate) fn all_forms(&self) -> impl Iterator<Item = (usize, &str)> {
        self.forms
            .iter()
            .enumerate()
            .flat_map(|(slot, variants)| variants.iter().map(move |v| (slot, v.as_str())))
    }
}

/// A kind of business and the vocabulary it calls for.
#[derive(Debug, Clone)]
pub(crate) struct BusinessType {
    /// Name used in configuration.
    pub(crate) name: String,
    /// Role the business calls the people it serves, if it has one.
    pub(crate) prefer: Option<String>,
    /// Roles that are wrong for this business.
    pub(crate) discourage: Vec<String>,
    /// One line on what kind of business this is.
    pub(crate) summary: String,
}

/// The loaded vocabulary and the matcher built over it.
#[derive(Debug)]
pub struct Lexicon {
    languages: Vec<Language>,
    terms: Vec<Term>,
    business: Vec<BusinessType>,
    matcher: Matcher,
    /// Per language: the phrase templates of its packs, and their table
    /// once expanded (see [`phrases`]).
    phrases: Vec<(Vec<PhraseSource>, OnceLock<PhraseTable>)>,
    cues: Cues,
    business_cues: BusinessCues,
    names: NameList,
}

impl Lexicon {
    /// The lexicon of the built-in packs.
    pub fn builtin() -> Result<Self> {
        let mut builder = LexiconBuilder::default();
        builder.add_builtin_packs()?;
        builder.build()
    }

    /// Build now the faster automata a run over many texts uses: the look
    /// at raw bytes, which spares most prose its folding, and the form
    /// automaton as a DFA. A few milliseconds, once; what is found is the
    /// same with or without them.
    pub fn prepare_for_many(&self) {
        self.matcher.prepare_for_many();
    }

    /// The matcher over every form and phrase.
    pub(crate) fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The phrases of `lang`, expanded on first use. The built-in
    /// templates are expanded whole by the tests, and a user's when their
    /// pack loads, so the fallback to no phrases is never taken.
    fn phrases(&self, lang: LangId) -> &PhraseTable {
        let (sources, table) = &self.phrases[usize::from(lang.0)];
        table.get_or_init(|| {
            PhraseTable::build(lang, sources, &self.terms, &self.matcher).unwrap_or_default()
        })
    }

    /// Append every term occurrence inside the prose span `span` of `text`
    /// to `found`, in text order. `folded` holds `text[span]` folded.
    pub(crate) fn find_in(
        &self,
        text: &str,
        span: Span,
        folded: &Folded,
        found: &mut Vec<Occurrence>,
    ) {
        self.matcher
            .find_in(text, span, folded, |lang| self.phrases(lang), found);
    }

    /// The sense cues, and which terms they classify.
    pub(crate) fn cues(&self) -> &Cues {
        &self.cues
    }

    /// The words that show what kind of business a text describes.
    pub(crate) fn business_cues(&self) -> &BusinessCues {
        &self.business_cues
    }

    /// The names the packs declare: a term inside one is never a use.
    pub(crate) fn names(&self) -> &NameList {
        &self.names
    }

    /// The business cues of every language in `text[from..]`, whose
    /// folded bytes are `folded`, into `out`.
    pub(crate) fn find_business_cues(
        &self,
        text: &str,
        from: usize,
        folded: &Folded,
        out: &mut Vec<BusinessCueHit>,
    ) {
        for (i, language) in self.languages.iter().enumerate() {
            let lang = LangId(i as u16);
            self.business_cues
                .find(text, from, folded, lang, language.word_boundaries, out);
        }
    }

    /// A term by id.
    pub fn term(&self, id: TermId) -> &Term {
        &self.terms[id.0 as usize]
    }

    /// All terms.
    pub(crate) fn terms(&self) -> impl Iterator<Item = (TermId, &Term)> {
        self.terms
            .iter()
            .enumerate()
            .map(|(i, term)| (TermId(i as u32), term))
    }

    /// A language by id.
    pub fn language(&self, id: LangId) -> &Language {
        &self.languages[usize::from(id.0)]
    }

    /// All languages.
    pub(crate) fn languages(&self) -> impl Iterator<Item = &Language> {
        self.languages.iter()
    }

    /// A business type by id.
    pub(crate) fn business(&self, id: BusinessId) -> &BusinessType {
        &self.business[usize::from(id.0)]
    }

    /// Every business type, in pack order.
    pub(crate) fn business_types(&self) -> impl Iterator<Item = &BusinessType> {
        self.business.iter()
    }

    /// The business type called `name`.
    pub(crate) fn find_business(&self, name: &str) -> Option<BusinessId> {
        self.business
            .iter()
            .position(|b| b.name == name)
            .map(|i| BusinessId(i as u16))
    }

    /// The language whose code is `code`.
    pub(crate) fn find_language(&self, code: &str) -> Option<LangId> {
        self.languages
            .iter()
            .position(|l| l.code == code)
            .map(|i| LangId(i as u16))
    }

    /// The preferred term of `role` in `lang`, in the gender of `like` where
    /// the language has a counterpart of that gender.
    pub(crate) fn preferred(&self, lang: LangId, role: &str, like: TermId) -> Option<TermId> {
        let preferred = *self.language(lang).preferred.get(role)?;
        Some(self.counterpart(preferred, like))
    }

    /// `target`, or its feminine counterpart when `like` is feminine.
    pub(crate) fn counterpart(&self, target: TermId, like: TermId) -> TermId {
        if self.term(like).gender != Some(Gender::Feminine) {
            return target;
        }
        self.terms()
            .find(|(_, t)| t.masculine == Some(target) && t.gender == Some(Gender::Feminine))
            .map_or(target, |(id, _)| id)
    }

    /// The lemma a term is counted under: its masculine counterpart's, if any.
    pub(crate) fn base_term(&self, id: TermId) -> TermId {
        self.term(id).masculine.unwrap_or(id)
    }

    /// The replacement of `matched`, an occurrence of `occurrence.term` in
    /// `occurrence.slots`, by `target` in the same form, capitalisation and
    /// script, keeping the invisible characters `matched` holds.
    pub(crate) fn replacement(
        &self,
        occurrence: &Occurrence,
        matched: &str,
        target: TermId,
    ) -> Result<String, NoReplacement> {
        let term = self.term(target);
        let from = self.term(occurrence.term).gender;
        if self
            .language(term.lang)
            .agreement
            .changes_gender(occurrence.slots, from, term.gender)
            && let (Some(from), Some(to)) = (from, term.gender)
        {
            return Err(NoReplacement::Gender { from, to });
        }
        let mut out = inflect::replacement(term, occurrence.slots, matched)?;
        if has_traditional(matched) {
            let language = self.language(term.lang);
            out = match language.traditional.get(&out) {
                Some(spelling) => spelling.clone(),
                None => return Err(NoReplacement::NoTraditional { form: out }),
            };
        }
        Ok(inflect::keep_invisible(matched, out))
    }
}

/// Where a pack came from, kept so that errors can point into it.
#[derive(Debug, Clone)]
struct PackSource {
    path: PathBuf,
    text: Cow<'static, str>,
}

/// A reference by name that can be checked only once every pack is loaded.
#[derive(Debug, Clone)]
struct Pending<T> {
    pack: usize,
    value: Spanned<String>,
    target: T,
}

/// Loads packs one by one, then checks and builds the [`Lexicon`].
#[derive(Debug, Default, Clone)]
pub(crate) struct LexiconBuilder {
    sources: Vec<PackSource>,
    languages: Vec<Language>,
    terms: Vec<Term>,
    business: Vec<BusinessType>,
    preferred: Vec<Pending<(LangId, String)>>,
    masculine: Vec<Pending<TermId>>,
    phrases: Vec<Pending<(LangId, Sense)>>,
    business_roles: Vec<Pending<()>>,
    /// Sense cues, compiled in `build`.
    cues: Vec<cues::CueSource>,
    /// Per language, the roles whose terms the cues classify.
    sense_roles: Vec<Pending<LangId>>,
    /// Business cues, by the name of their business type until `build`.
    business_cues: Vec<Pending<(LangId, String)>>,
    /// Per language: particle fragments and connectors, compiled in `build`.
    contrast: Vec<(LangId, contrast::ContrastSource)>,
    /// The names of every pack, as written.
    names: Vec<String>,
    /// Which term each folded form belongs to, to catch a form claimed twice.
    form_owner: FastMap<String, TermId>,
    /// Each term by language and lemma, so that finding one does not read
    /// them all (a pack of 100,000 terms loads in linear time).
    term_ids: FastMap<(LangId, String), TermId>,
    /// How many of the first packs are built in.
    builtin_packs: usize,
}

impl LexiconBuilder {
    /// Add the built-in packs; call before adding any other.
    pub(crate) fn add_builtin_packs(&mut self) -> Result<()> {
        debug_assert!(self.sources.is_empty(), "built-in packs come first");
        self.builtin_packs = BUILTIN_PACKS.len();
        for ((path, text), read) in BUILTIN_PACKS.into_iter().zip(BUILTIN_PACKS_READ) {
            let pack_index = self.sources.len();
            self.sources.push(PackSource {
                path: PathBuf::from(path),
                text: Cow::Borrowed(text),
            });
            // The build script wrote these bytes from `text`, so this
            // fails only in a build whose bytes came from other types.
            let pack: pack::PackFile = postcard::from_bytes(read).map_err(|e| {
                self.error(
                    pack_index,
                    None,
                    format!("the built-in pack's prebuilt form does not read: {e}"),
                )
            })?;
            self.add_read_pack(pack_index, pack)?;
        }
        Ok(())
    }

    /// Parse a pack and add what it declares.
    pub(crate) fn add_pack(&mut self, path: impl AsRef<Path>, text: &str) -> Result<()> {
        let pack_index = self.sources.len();
        self.sources.push(PackSource {
            path: path.as_ref().to_path_buf(),
            text: Cow::Owned(text.to_owned()),
        });
        let pack: pack::PackFile = toml::from_str(text).map_err(|e| {
            self.error(
                pack_index,
                e.span().map(Span::from),
                e.message().trim().to_owned(),
            )
        })?;
        self.add_read_pack(pack_index, pack)
    }

    /// Add what the pack at `pack_index` of the sources declares.
    fn add_read_pack(&mut self, pack_index: usize, pack: pack::PackFile) -> Result<()> {
        let lang = self.add_language(pack_index, &pack)?;
        if let Some(lang) = lang {
            self.add_terms(pack_index, lang, &pack)?;
            self.add_traditional(pack_index, lang, &pack.traditional)?;
            for (role, lemma) in pack.preferred {
                self.preferred.push(Pending {
                    pack: pack_index,
                    value: lemma,
                    target: (lang, role),
                });
            }
            let groups = [
                (Sense::Technical, &pack.technical),
                (Sense::Fixed, &pack.fixed),
            ];
            for (sense, groups) in groups {
                for phrase in groups.iter().flat_map(|g| &g.phrases) {
                    self.phrases.push(Pending {
                        pack: pack_index,
                        value: phrase.clone(),
                        target: (lang, sense),
                    });
                }
            }
        }
        if let (Some(lang), Some(section)) = (lang, &pack.contrast) {
            self.add_contrast(pack_index, lang, section)?;
        }
        if let (Some(lang), Some(section)) = (lang, &pack.sense) {
            self.add_sense(pack_index, lang, section)?;
        }
        if let Some(lang) = lang {
            self.add_business_cues(pack_index, lang, &pack.business_cues)?;
        }
        if let (Some(lang), Some(section)) = (lang, &pack.agreement) {
            self.add_agreement(pack_index, lang, section)?;
        }
        for entry in pack.business {
            self.add_business(pack_index, entry)?;
        }
        for name in &pack.names {
            if name.get_ref().trim().is_empty() {
                return Err(self.error(
                    pack_index,
                    Some(name.span().into()),
                    "a name is empty".into(),
                ));
            }
            self.names.push(name.get_ref().clone());
        }
        Ok(())
    }

    /// The Traditional spellings of forms of `lang`. Each must be its form
    /// in the other script: the same characters once folded.
    fn add_traditional(
        &mut self,
        pack: usize,
        lang: LangId,
        spellings: &BTreeMap<String, Spanned<String>>,
    ) -> Result<()> {
        for (form, spelling) in spellings {
            if has_traditional(form) || fold(spelling.get_ref()) != fold(form) {
                return Err(self.error(
                    pack,
                    Some(spelling.span().into()),
                    format!(
                        "`{}` is not `{form}` in Traditional characters; give each Simplified form its Traditional spelling",
                        spelling.get_ref()
                    ),
                ));
            }
            self.languages[usize::from(lang.0)]
                .traditional
                .insert(form.clone(), spelling.get_ref().clone());
        }
        Ok(())
    }

    /// The language the pack declares or extends, if it has terms or phrases.
    fn add_language(&mut self, pack: usize, file: &pack::PackFile) -> Result<Option<LangId>> {
        let has_vocabulary = !file.term.is_empty()
            || file.contrast.is_some()
            || file.sense.is_some()
            || !file.business_cues.is_empty()
            || !file.technical.is_empty()
            || !file.fixed.is_empty()
            || !file.preferred.is_empty()
            || !file.traditional.is_empty()
            || file.agreement.is_some();
        let Some(code) = &file.lang else {
            if has_vocabulary {
                return Err(self.error(
                    pack,
                    None,
                    "a pack with terms or phrases must say which language they are in: add `lang = \"…\"`".into(),
                ));
            }
            return Ok(None);
        };
        if let Some(i) = self
            .languages
            .iter()
            .position(|l| &l.code == code.get_ref())
        {
            if let Some(slots) = &file.slots
                && slots.get_ref() != &self.languages[i].slots
            {
                return Err(self.error(
                    pack,
                    Some(slots.span().into()),
                    format!(
                        "language `{}` already has the slots {:?}; a pack that extends it must use the same",
                        code.get_ref(),
                        self.languages[i].slots
                    ),
                ));
            }
            if file.segmenter.is_some() {
                self.languages[i].segmenter = file.segmenter;
            }
            return Ok(Some(LangId(i as u16)));
        }
        let Some(slots) = &file.slots else {
            return Err(self.error(
                pack,
                Some(code.span().into()),
                format!(
                    "language `{}` is new: list its grammatical form slots in `slots = [...]`",
                    code.get_ref()
                ),
            ));
        };
        if slots.get_ref().is_empty() || slots.get_ref().len() > MAX_SLOTS {
            return Err(self.error(
                pack,
                Some(slots.span().into()),
                format!("a language has 1 to {MAX_SLOTS} form slots"),
            ));
        }
        self.languages.push(Language {
            code: code.get_ref().clone(),
            name: file.name.clone().unwrap_or_else(|| code.get_ref().clone()),
            slots: slots.get_ref().clone(),
            word_boundaries: file.word_boundaries.unwrap_or(true),
            segmenter: file.segmenter,
            traditional: HashMap::new(),
            preferred: BTreeMap::new(),
            contrast: Contrast::default(),
            agreement: agreement::Agreement::default(),
        });
        Ok(Some(LangId((self.languages.len() - 1) as u16)))
    }

    fn add_terms(&mut self, pack: usize, lang: LangId, file: &pack::PackFile) -> Result<()> {
        let slots = self.languages[usize::from(lang.0)].slots.clone();
        let apostrophes = self.languages[usize::from(lang.0)].word_boundaries;
        for entry in &file.term {
            let lemma = entry.lemma.get_ref().trim();
            let what = |message: String| format!("term `{lemma}`: {message}");
            if lemma.is_empty() {
                return Err(self.error(
                    pack,
                    Some(entry.lemma.span().into()),
                    what("the lemma is empty".into()),
                ));
            }
            if self.find_term(lang, lemma).is_some() {
                return Err(self.error(
                    pack,
                    Some(entry.lemma.span().into()),
                    what("is defined twice".into()),
                ));
            }
            let forms = entry.forms.get_ref();
            if forms.len() != slots.len() {
                return Err(self.error(
                    pack,
                    Some(entry.forms.span().into()),
                    what(format!(
                        "expected {} forms, one per slot ({}), found {}",
                        slots.len(),
                        slots.join(", "),
                        forms.len()
                    )),
                ));
            }
            let mut variants = Vec::with_capacity(forms.len());
            for (slot, form) in slots.iter().zip(forms) {
                let mut spellings: Vec<String> =
                    form.split('|').map(|s| s.trim().to_owned()).collect();
                if spellings.iter().any(String::is_empty) {
                    return Err(self.error(
                        pack,
                        Some(entry.forms.span().into()),
                        what(format!("the form for slot `{slot}` is empty")),
                    ));
                }
                // Typographic apostrophes are as common as straight ones in
                // possessives; recognise both without making packs list both.
                if apostrophes {
                    let curly: Vec<String> = spellings
                        .iter()
                        .filter(|s| s.contains('\''))
                        .map(|s| s.replace('\'', "\u{2019}"))
                        .collect();
                    spellings.extend(curly);
                }
                variants.push(spellings);
            }
            let role = entry.role.get_ref().trim();
            if role.is_empty() {
                return Err(self.error(
                    pack,
                    Some(entry.role.span().into()),
                    what("the role is empty".into()),
                ));
            }
            let id = TermId(self.terms.len() as u32);
            for form in variants.iter().flatten() {
                match self.form_owner.get(&fold(form)) {
                    Some(&owner) if owner != id => {
                        return Err(self.error(
                            pack,
                            Some(entry.forms.span().into()),
                            what(format!(
                                "the form `{form}` belongs to both `{}` and `{lemma}`",
                                self.terms[owner.0 as usize].lemma
                            )),
                        ));
                    }
                    _ => {
                        self.form_owner.insert(fold(form), id);
                    }
                }
            }
            if let Some(masculine) = &entry.masculine {
                self.masculine.push(Pending {
                    pack,
                    value: masculine.clone(),
                    target: id,
                });
            }
            self.term_ids.insert((lang, lemma.to_owned()), id);
            self.terms.push(Term {
                lemma: lemma.to_owned(),
                role: role.to_owned(),
                lang,
                gender: entry.gender,
                masculine: None,
                forms: variants,
            });
        }
        Ok(())
    }

    /// Check every regex of a `[contrast]` section on its own, so that an
    /// error points at the fragment, and keep them for `build`.
    fn add_contrast(
        &mut self,
        pack: usize,
        lang: LangId,
        section: &pack::ContrastSection,
    ) -> Result<()> {
        // The built-in fragments are checked by the tests, not at every start.
        let trusted = pack < self.builtin_packs;
        let checked = |fragments: &[Spanned<String>]| -> Result<Vec<String>> {
            fragments
                .iter()
                .map(|f| {
                    if trusted {
                        return Ok(f.get_ref().clone());
                    }
                    contrast::check_fragment(f.get_ref())
                        .map(|()| f.get_ref().clone())
                        .map_err(|e| {
                            self.error(
                                pack,
                                Some(f.span().into()),
                                format!("not a valid regular expression: {e}"),
                            )
                        })
                })
                .collect()
        };
        let mut source = contrast::ContrastSource {
            pack,
            particles: checked(&section.particles)?,
            ends: checked(&section.ends)?,
            qualifiers: checked(&section.qualifiers)?,
            modifiers: checked(&section.modifiers)?,
            comma_modifiers: checked(&section.comma_modifiers)?,
            side_modifiers: checked(&section.side_modifiers)?,
            clause_starts: checked(&section.clause_starts)?,
            connectors: Vec::new(),
        };
        for entry in &section.connector {
            if entry.between.is_empty() {
                return Err(self.error(
                    pack,
                    None,
                    "a contrast connector needs at least one `between` pattern".into(),
                ));
            }
            source.connectors.push((
                pack,
                contrast::ConnectorSource {
                    before: checked(&entry.before)?,
                    between: checked(&entry.between)?,
                    after: checked(&entry.after)?,
                    quoted: entry.quoted,
                    clause: entry.clause,
                    open: entry.open,
                    roles_only: entry.roles_only,
                    framed: entry.framed,
                },
            ));
        }
        match self.contrast.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, known)) => known.extend(source),
            None => self.contrast.push((lang, source)),
        }
        Ok(())
    }

    /// Keep the roles and cues of a `[sense]` section, checking each cue.
    fn add_sense(&mut self, pack: usize, lang: LangId, section: &pack::SenseSection) -> Result<()> {
        for role in &section.roles {
            self.sense_roles.push(Pending {
                pack,
                value: role.clone(),
                target: lang,
            });
        }
        for group in &section.cues {
            let weight = *group.weight.get_ref();
            if !(1..=9).contains(&weight) {
                return Err(self.error(
                    pack,
                    Some(group.weight.span().into()),
                    "a cue weight is a whole number from 1 to 9".into(),
                ));
            }
            for word in self.cue_words(pack, &group.words, "cue")? {
                self.cues.push(cues::CueSource {
                    word,
                    lang,
                    sense: match group.sense {
                        pack::CueSense::Technical => Sense::Technical,
                        pack::CueSense::Business => Sense::Business,
                    },
                    weight,
                });
            }
        }
        Ok(())
    }

    /// Add an `[agreement]` section to `lang`'s rules, checking that its
    /// slots are the language's and its spellings are words.
    fn add_agreement(
        &mut self,
        pack: usize,
        lang: LangId,
        section: &pack::AgreementSection,
    ) -> Result<()> {
        let gendered = self.slot_set(pack, lang, &section.gendered_slots)?;
        let mut prepositions = Vec::with_capacity(section.preposition.len());
        for entry in &section.preposition {
            let spelling = |spelling: &Spanned<String>| {
                let word = spelling.get_ref().trim();
                if word.is_empty() || !word.chars().all(char::is_alphabetic) {
                    return Err(self.error(
                        pack,
                        Some(spelling.span().into()),
                        format!("a preposition is one word of letters, not `{word}`"),
                    ));
                }
                Ok(word.to_lowercase())
            };
            let before_consonant = spelling(&entry.before_consonant)?;
            let before_vowel = spelling(&entry.before_vowel)?;
            let vowels: Vec<char> = entry.vowels.get_ref().to_lowercase().chars().collect();
            if vowels.is_empty() || !vowels.iter().all(|c| c.is_alphabetic()) {
                return Err(self.error(
                    pack,
                    Some(entry.vowels.span().into()),
                    "`vowels` lists the letters that call for `before-vowel`, with nothing between them".into(),
                ));
            }
            prepositions.push(agreement::Preposition {
                before_consonant,
                before_vowel,
                vowels,
                slots: self.slot_set(pack, lang, &entry.slots)?,
            });
        }
        let rules = &mut self.languages[usize::from(lang.0)].agreement;
        rules.gendered = rules.gendered.union(gendered);
        rules.prepositions.extend(prepositions);
        Ok(())
    }

    /// The slots of `lang` that `names` name, or an error at the first
    /// name that is not one.
    fn slot_set(&self, pack: usize, lang: LangId, names: &[Spanned<String>]) -> Result<SlotSet> {
        let slots = &self.languages[usize::from(lang.0)].slots;
        names.iter().try_fold(SlotSet::default(), |set, name| {
            match slots.iter().position(|s| s == name.get_ref()) {
                Some(slot) => Ok(set.union(SlotSet::single(slot))),
                None => Err(self.error(
                    pack,
                    Some(name.span().into()),
                    format!(
                        "`{}` is not a slot of language `{}` ({})",
                        name.get_ref(),
                        self.languages[usize::from(lang.0)].code,
                        slots.join(", ")
                    ),
                )),
            }
        })
    }

    /// The words of a cue group, trimmed, or an error naming the first
    /// that is not a valid `what`.
    fn cue_words(&self, pack: usize, words: &[Spanned<String>], what: &str) -> Result<Vec<String>> {
        words
            .iter()
            .map(|word| {
                let text = word.get_ref().trim();
                match cue_word_problem(text) {
                    Some(problem) => Err(self.error(
                        pack,
                        Some(word.span().into()),
                        format!("{what} `{text}` {problem}"),
                    )),
                    None => Ok(text.to_owned()),
                }
            })
            .collect()
    }

    /// Keep the words of `[[business-cues]]` groups, checking each; their
    /// business types are looked up in `build`, once every pack is loaded.
    fn add_business_cues(
        &mut self,
        pack: usize,
        lang: LangId,
        groups: &[pack::BusinessCueGroup],
    ) -> Result<()> {
        for group in groups {
            for word in self.cue_words(pack, &group.words, "business cue")? {
                self.business_cues.push(Pending {
                    pack,
                    value: group.business.clone(),
                    target: (lang, word),
                });
            }
        }
        Ok(())
    }

    fn add_business(&mut self, pack: usize, entry: pack::BusinessEntry) -> Result<()> {
        let name = entry.name.get_ref().trim().to_owned();
        if name.is_empty() || self.business.iter().any(|b| b.name == name) {
            return Err(self.error(
                pack,
                Some(entry.name.span().into()),
                format!("business type `{name}` is empty or defined twice"),
            ));
        }
        for role in entry.prefer.iter().chain(&entry.discourage) {
            self.business_roles.push(Pending {
                pack,
                value: role.clone(),
                target: (),
            });
        }
        self.business.push(BusinessType {
            name,
            prefer: entry.prefer.map(|r| r.into_inner()),
            discourage: entry
                .discourage
                .into_iter()
                .map(|r| r.into_inner())
                .collect(),
            summary: entry.summary,
        });
        Ok(())
    }

    /// Check every cross-reference and build the matcher.
    pub(crate) fn build(mut self) -> Result<Lexicon> {
        for pending in std::mem::take(&mut self.masculine) {
            let lang = self.terms[pending.target.0 as usize].lang;
            let id = self.resolve_term(&pending, lang, "masculine counterpart")?;
            self.terms[pending.target.0 as usize].masculine = Some(id);
        }
        for pending in std::mem::take(&mut self.preferred) {
            let (lang, role) = &pending.target;
            let id = self.resolve_term(&pending, *lang, "preferred term")?;
            if &self.terms[id.0 as usize].role != role {
                return Err(self.error(
                    pending.pack,
                    Some(pending.value.span().into()),
                    format!(
                        "the preferred `{role}` term `{}` has role `{}`",
                        pending.value.get_ref(),
                        self.terms[id.0 as usize].role
                    ),
                ));
            }
            self.languages[usize::from(lang.0)]
                .preferred
                .insert(role.clone(), id);
        }
        for pending in &self.business_roles {
            let role = pending.value.get_ref();
            if !self.terms.iter().any(|t| &t.role == role) {
                return Err(self.error(
                    pending.pack,
                    Some(pending.value.span().into()),
                    format!("no term has the role `{role}`"),
                ));
            }
        }
        let mut classified = vec![false; self.terms.len()];
        for pending in &self.sense_roles {
            let role = pending.value.get_ref();
            let mut any = false;
            for (i, term) in self.terms.iter().enumerate() {
                if term.lang == pending.target && &term.role == role {
                    classified[i] = true;
                    any = true;
                }
            }
            if !any {
                return Err(self.error(
                    pending.pack,
                    Some(pending.value.span().into()),
                    format!(
                        "no term of language `{}` has the role `{role}`",
                        self.languages[usize::from(pending.target.0)].code
                    ),
                ));
            }
        }
        // The built-in packs are compiled whole by the tests; a user's are
        // compiled now, so that an error in them is reported at load, and
        // otherwise each language's part is compiled when first needed.
        let user_packs = self.sources.len() > self.builtin_packs;
        let cues = Cues::new(
            std::mem::take(&mut self.cues),
            classified,
            self.languages.len(),
        );
        if user_packs {
            cues.compile_now()
                .map_err(|message| self.error(0, None, message))?;
        }
        let mut business_cues = Vec::with_capacity(self.business_cues.len());
        for pending in &self.business_cues {
            let name = pending.value.get_ref().trim();
            let Some(business) = self.business.iter().position(|b| b.name == name) else {
                let known = self.business.iter().map(|b| b.name.as_str());
                let hint = crate::suggest::closest(name, known)
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                return Err(self.error(
                    pending.pack,
                    Some(pending.value.span().into()),
                    format!("no business type is called `{name}`{hint}"),
                ));
            };
            let (lang, word) = &pending.target;
            business_cues.push(business_cues::BusinessCueSource {
                word: word.clone(),
                lang: *lang,
                business: BusinessId(business as u16),
            });
        }
        let business_cues = BusinessCues::new(business_cues, self.languages.len());
        if user_packs {
            business_cues
                .compile_now()
                .map_err(|message| self.error(0, None, message))?;
        }
        let matcher = Matcher::new(&self.languages, &self.terms)
            .map_err(|message| self.error(0, None, message))?;
        let mut phrases: Vec<(Vec<PhraseSource>, OnceLock<PhraseTable>)> =
            (0..self.languages.len())
                .map(|_| (Vec::new(), OnceLock::new()))
                .collect();
        for pending in &self.phrases {
            let (lang, sense) = pending.target;
            phrases[usize::from(lang.0)].0.push(PhraseSource {
                text: pending.value.get_ref().clone(),
                sense,
                pack: pending.pack,
                span: Span::from(pending.value.span()),
            });
        }
        if user_packs {
            for (lang, (sources, table)) in phrases.iter().enumerate() {
                let built = PhraseTable::build(LangId(lang as u16), sources, &self.terms, &matcher)
                    .map_err(|e| {
                        let source = &sources[e.source];
                        self.error(
                            source.pack,
                            Some(source.span),
                            format!("phrase `{}`: {}", source.text, e.message),
                        )
                    })?;
                let _ = table.set(built);
            }
        }
        for (lang, source) in std::mem::take(&mut self.contrast) {
            let language = &self.languages[usize::from(lang.0)];
            let section_pack = source.pack;
            let blame = |(blamed, e): contrast::CompileError| {
                let message = format!(
                    "the contrast patterns of language `{}` do not compile together: {e}",
                    language.code
                );
                self.error(blamed.unwrap_or(section_pack), None, message)
            };
            let user_pack = section_pack >= self.builtin_packs;
            let compiled = Contrast::new(source, language.word_boundaries);
            if user_pack {
                compiled.compile_now().map_err(blame)?;
            }
            self.languages[usize::from(lang.0)].contrast = compiled;
        }
        let names = NameList::new(self.names.iter().map(String::as_str))
            .map_err(|message| self.error(0, None, message))?;
        Ok(Lexicon {
            names,
            languages: self.languages,
            terms: self.terms,
            business: self.business,
            matcher,
            phrases,
            cues,
            business_cues,
        })
    }

    fn find_term(&self, lang: LangId, lemma: &str) -> Option<TermId> {
        self.term_ids.get(&(lang, lemma.to_owned())).copied()
    }

    fn resolve_term<T>(&self, pending: &Pending<T>, lang: LangId, what: &str) -> Result<TermId> {
        let lemma = pending.value.get_ref();
        self.find_term(lang, lemma).ok_or_else(|| {
            self.error(
                pending.pack,
                Some(pending.value.span().into()),
                format!(
                    "the {what} `{lemma}` is not a term of language `{}`",
                    self.languages[usize::from(lang.0)].code
                ),
            )
        })
    }

    fn error(&self, pack: usize, span: Option<Span>, message: String) -> Error {
        let (path, text) = self
            .sources
            .get(pack)
            .map(|s| (s.path.clone(), s.text.to_string()))
            .unwrap_or_default();
        Error::Pack(Box::new(LocatedError::new(path, &text, span, message)))
    }
}

/// What is wrong with a cue word as a pack writes it, if anything.
fn cue_word_problem(text: &str) -> Option<&'static str> {
    let word = text.strip_suffix('*').unwrap_or(text).trim();
    if word.is_empty() || text.contains('\n') {
        Some("is empty or spans lines")
    } else if word.contains('*') {
        Some("has a `*` before its end; only a trailing `*` allows any ending")
    } else {
        None
    }
}

/// Whether `text[start..end]` stands as a whole word. Invisible characters
/// that join a word are looked past: `client\u{ad}ele` is one word.
pub(crate) fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    at_word_boundaries_where(text, start, end, |_, c| is_word_char(c))
}

/// [`at_word_boundaries`], where `continues(at, c)` tells whether the
/// character `c` at byte `at` beside the span continues its word.
pub(crate) fn at_word_boundaries_where(
    text: &str,
    start: usize,
    end: usize,
    continues: impl Fn(usize, char) -> bool,
) -> bool {
    let before = text
        .get(..start)
        .and_then(|s| s.char_indices().rev().find(|&(_, c)| !joins_words(c)));
    let after = text.get(end..).and_then(|s| {
        s.char_indices()
            .find(|&(_, c)| !joins_words(c))
            .map(|(i, c)| (end + i, c))
    });
    !before.is_some_and(|(at, c)| continues(at, c))
        && !after.is_some_and(|(at, c)| continues(at, c))
}

/// Whether `second` (later in the text) is close enough to `first` for a
/// contrast connector to join them; scans over occurrences stop here.
pub(crate) fn within_contrast_reach(first: &Occurrence, second: &Occurrence) -> bool {
    second.phrase.start.saturating_sub(first.phrase.end) <= MAX_CONTRAST_GAP
}

#[cfg(test)]
mod tests;
