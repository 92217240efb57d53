//! What `clientele report` and `clientele suggest` count: per document,
//! per folder (rolled up) and per language, how often each role is named
//! in the business sense, how often a term is used in its technical sense
//! or in a fixed phrase (counted apart), which documents mix client and
//! customer, and how often each business cue occurs.
//!
//! Nothing here reads files or prints; [`crate::cli`] feeds documents in,
//! [`table`], [`html`] and serde give the results out, and [`infer`]
//! turns the counts into a business type.

pub(crate) mod infer;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::lexicon::{BusinessCueId, Lexicon, Sense};
use crate::lint::Vocabulary;

/// The two roles whose mix in one document is worth a look: the roles
/// `mixed-terms` compares.
pub(crate) const MIXED_ROLES: [&str; 2] = ["client", "customer"];

/// The roles the report shows one by one; the rest are added up as
/// "other roles".
pub(crate) const SHOWN_ROLES: [&str; 3] = ["client", "customer", "member"];

/// Counts of terms in one document, folder or language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Tally {
    /// Uses in the business sense, per role.
    pub(crate) roles: BTreeMap<String, usize>,
    /// Uses in the technical sense (`HTTP client`, `客户端`).
    pub(crate) technical: usize,
    /// Uses in fixed or allowed phrases (`customer service`).
    pub(crate) fixed: usize,
}

impl Tally {
    /// Business-sense uses of `role`.
    pub(crate) fn role(&self, role: &str) -> usize {
        self.roles.get(role).copied().unwrap_or(0)
    }

    /// Business-sense uses of every role.
    pub(crate) fn business(&self) -> usize {
        self.roles.values().sum()
    }

    /// Business-sense uses of the roles not in [`SHOWN_ROLES`].
    pub(crate) fn other_roles(&self) -> usize {
        self.roles
            .iter()
            .filter(|(role, _)| !SHOWN_ROLES.contains(&role.as_str()))
            .map(|(_, n)| n)
            .sum()
    }

    /// Whether client-role and customer-role terms are both used.
    pub(crate) fn mixes(&self) -> bool {
        MIXED_ROLES.iter().all(|role| self.role(role) > 0)
    }

    /// The share of the rarer of client and customer among the two: 0 for
    /// a tally that uses one or neither, up to 0.5 for an even mix.
    pub(crate) fn mix(&self) -> f64 {
        let [a, b] = MIXED_ROLES.map(|role| self.role(role));
        if a + b == 0 {
            0.0
        } else {
            a.min(b) as f64 / (a + b) as f64
        }
    }

    /// Add `other`'s counts to these.
    pub(crate) fn add(&mut self, other: &Tally) {
        for (role, n) in &other.roles {
            *self.roles.entry(role.clone()).or_default() += n;
        }
        self.technical += other.technical;
        self.fixed += other.fixed;
    }
}

/// The counts of one document.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocumentTally {
    /// Its path, as shown.
    pub(crate) path: String,
    /// Per language code, its terms.
    pub(crate) languages: BTreeMap<String, Tally>,
    /// Whether one of its languages mixes client and customer.
    pub(crate) mixed: bool,
    /// How mixed it is: the largest [`Tally::mix`] of its languages.
    pub(crate) mix: f64,
}

impl DocumentTally {
    /// Count `vocabulary`, the terms and cues of the document at `path`.
    pub(crate) fn new(path: &Path, vocabulary: &Vocabulary, lexicon: &Lexicon) -> Self {
        let mut languages: BTreeMap<String, Tally> = BTreeMap::new();
        for occurrence in &vocabulary.occurrences {
            let term = lexicon.term(occurrence.term);
            let tally = languages
                .entry(lexicon.language(term.lang).code.clone())
                .or_default();
            match occurrence.sense {
                Sense::Business => *tally.roles.entry(term.role.clone()).or_default() += 1,
                Sense::Technical => tally.technical += 1,
                Sense::Fixed | Sense::Allowed => tally.fixed += 1,
            }
        }
        let mixed = languages.values().any(Tally::mixes);
        let mix = languages.values().map(Tally::mix).fold(0.0, f64::max);
        Self {
            path: crate::walk::display_path(path),
            languages,
            mixed,
            mix,
        }
    }

    /// Its counts in every language together.
    pub(crate) fn tally(&self) -> Tally {
        let mut all = Tally::default();
        for tally in self.languages.values() {
            all.add(tally);
        }
        all
    }
}

/// The counts of a folder and everything below it.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct FolderTally {
    /// Its path, as shown (`.` for the current folder).
    pub(crate) path: String,
    /// How many documents below it name a term.
    pub(crate) documents: usize,
    /// How many of them mix client and customer.
    pub(crate) mixed: usize,
    /// Their terms, every language together.
    pub(crate) tally: Tally,
}

/// The counts of one language over every document.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct LanguageTally {
    /// How many documents name a term of the language.
    pub(crate) documents: usize,
    /// How many of them mix client and customer in it.
    pub(crate) mixed: usize,
    /// Its terms.
    pub(crate) tally: Tally,
}

/// A business cue as counted across documents: by name, since documents
/// under different configs may have their cues in different lexicons.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct CueKey {
    /// The business type it points to.
    pub(crate) business: String,
    /// Its language code.
    pub(crate) lang: String,
    /// The word, as its pack writes it.
    pub(crate) word: String,
}

/// What one document holds: its terms and its business cues.
#[derive(Debug, Clone)]
pub(crate) struct Survey {
    /// Its terms.
    pub(crate) document: DocumentTally,
    /// How often each business cue occurs in it.
    pub(crate) cues: Vec<(CueKey, usize)>,
    /// How often each cue occurs in each form, lowercased: a cue written
    /// as a stem (`доставк*`) is shown as the word met most often.
    pub(crate) forms: Vec<(CueKey, String, usize)>,
}

impl Survey {
    /// Count `vocabulary`, the terms and cues of the document `text` at
    /// `path`, found with `lexicon`.
    pub(crate) fn new(path: &Path, text: &str, vocabulary: &Vocabulary, lexicon: &Lexicon) -> Self {
        let mut counts: BTreeMap<BusinessCueId, BTreeMap<String, usize>> = BTreeMap::new();
        for &(cue, span) in &vocabulary.business_cues {
            let form = span
                .slice(text)
                .map(|said| said.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default()
                .to_lowercase();
            *counts.entry(cue).or_default().entry(form).or_default() += 1;
        }
        let mut cues = Vec::with_capacity(counts.len());
        let mut forms = Vec::new();
        for (id, said) in counts {
            let cue = lexicon.business_cues().cue(id);
            let key = CueKey {
                business: lexicon.business(cue.business).name.clone(),
                lang: lexicon.language(cue.lang).code.clone(),
                word: cue.word.clone(),
            };
            cues.push((key.clone(), said.values().sum()));
            forms.extend(said.into_iter().map(|(form, n)| (key.clone(), form, n)));
        }
        Self {
            document: DocumentTally::new(path, vocabulary, lexicon),
            cues,
            forms,
        }
    }
}

/// The counts of a whole run.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Inventory {
    /// How many documents were read.
    pub(crate) read: usize,
    /// The documents that name a term, most mixed first.
    pub(crate) documents: Vec<DocumentTally>,
    /// Every folder that holds such a document, in path order.
    pub(crate) folders: Vec<FolderTally>,
    /// Per language code.
    pub(crate) languages: BTreeMap<String, LanguageTally>,
    /// How often each business cue occurs.
    #[serde(skip)]
    pub(crate) cues: BTreeMap<CueKey, usize>,
    /// How often each business cue occurs in each form.
    #[serde(skip)]
    pub(crate) forms: BTreeMap<CueKey, BTreeMap<String, usize>>,
}

impl Inventory {
    /// Count one more document.
    pub(crate) fn add(&mut self, survey: Survey) {
        self.read += 1;
        for (key, n) in survey.cues {
            *self.cues.entry(key).or_default() += n;
        }
        for (key, form, n) in survey.forms {
            *self.forms.entry(key).or_default().entry(form).or_default() += n;
        }
        if !survey.document.languages.is_empty() {
            self.documents.push(survey.document);
        }
    }

    /// Roll the documents up into folders and languages, and sort them most
    /// mixed first; call once every document is in.
    pub(crate) fn finish(&mut self) {
        let business = |d: &DocumentTally| d.languages.values().map(Tally::business).sum::<usize>();
        self.documents.sort_by(|a, b| {
            b.mix
                .total_cmp(&a.mix)
                .then_with(|| business(b).cmp(&business(a)))
                .then_with(|| a.path.cmp(&b.path))
        });
        let mut folders: BTreeMap<String, FolderTally> = BTreeMap::new();
        let mut languages: BTreeMap<String, LanguageTally> = BTreeMap::new();
        // The folders every document is in, outermost first.
        let mut common: Option<Vec<String>> = None;
        for document in &self.documents {
            let tally = document.tally();
            let chain = folders_of(&document.path);
            common = Some(match common {
                None => chain.clone(),
                Some(mut common) => {
                    let same = common
                        .iter()
                        .zip(&chain)
                        .take_while(|(a, b)| a == b)
                        .count();
                    common.truncate(same);
                    common
                }
            });
            for folder in chain {
                let entry = folders
                    .entry(folder.clone())
                    .or_insert_with(|| FolderTally {
                        path: folder,
                        ..FolderTally::default()
                    });
                entry.documents += 1;
                entry.mixed += usize::from(document.mixed);
                entry.tally.add(&tally);
            }
            for (code, tally) in &document.languages {
                let entry = languages.entry(code.clone()).or_default();
                entry.documents += 1;
                entry.mixed += usize::from(tally.mixes());
                entry.tally.add(tally);
            }
        }
        // The folders above the innermost one that holds every document
        // (`..` and `../docs` for `../docs/en/…`) add nothing to it.
        if let Some((_, above)) = common.as_deref().and_then(<[String]>::split_last) {
            for folder in above {
                folders.remove(folder);
            }
        }
        self.folders = folders.into_values().collect();
        self.languages = languages;
    }

    /// The form `key` was met in most often (the first in order on a
    /// tie), or its word as the pack writes it if none was recorded.
    pub(crate) fn usual_form(&self, key: &CueKey) -> String {
        self.forms
            .get(key)
            .and_then(|forms| {
                forms
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(form, _)| form.clone())
            })
            .unwrap_or_else(|| key.word.clone())
    }

    /// Every document's terms together.
    pub(crate) fn tally(&self) -> Tally {
        let mut all = Tally::default();
        for language in self.languages.values() {
            all.add(&language.tally);
        }
        all
    }

    /// How many documents mix client and customer.
    pub(crate) fn mixed(&self) -> usize {
        self.documents.iter().filter(|d| d.mixed).count()
    }

    /// One line on what was counted: "14 documents read, 12 with role
    /// terms, 3 mixing client and customer".
    pub(crate) fn summary(&self) -> String {
        format!(
            "{} read, {} with role terms, {} mixing {} and {}",
            crate::render::plural(self.read, "document"),
            self.documents.len(),
            self.mixed(),
            MIXED_ROLES[0],
            MIXED_ROLES[1],
        )
    }
}

/// The folders that hold the document at `path` (as shown, `/`-separated),
/// nearest last: `a/b/c.md` is in `a` and `a/b`; a document with no folder
/// is in `.`.
fn folders_of(path: &str) -> Vec<String> {
    let mut folders: Vec<String> = path
        .match_indices('/')
        .map(|(i, _)| path[..i].to_owned())
        .filter(|folder| !folder.is_empty())
        .collect();
    if folders.is_empty() {
        folders.push(".".to_owned());
    }
    folders
}

#[cfg(test)]
mod tests;
