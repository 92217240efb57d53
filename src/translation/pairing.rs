//! Which documents are translations of which: by a language folder
//! (`docs/en/…` ↔ `docs/ru/…`), by a language suffix (`guide.md` ↔
//! `guide.ru.md`), or by the pairs a config names.
//!
//! Documents are paired among those a run covers. A translation whose
//! source the run does not cover is paired with the source on disk, so
//! that a pre-commit hook handed one changed translation still compares
//! it.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// One document of a run, as pairing sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate<'a> {
    /// Its absolute path, `.` and `..` resolved.
    pub(crate) absolute: &'a Path,
    /// The code of the language its config says sources are written in.
    pub(crate) source_language: &'a str,
}

/// How a pair was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PairedBy {
    /// A folder named for each language: `en/guide.md`, `ru/guide.md`.
    Folder,
    /// A language suffix on the translation's name: `guide.ru.md`.
    Suffix,
    /// `[translations] pairs` in a config.
    Config,
}

impl PairedBy {
    /// How `clientele translations` says it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            PairedBy::Folder => "folder",
            PairedBy::Suffix => "suffix",
            PairedBy::Config => "config",
        }
    }
}

/// Where a translation's source is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Counterpart {
    /// Among the run's documents, at this index.
    InRun(usize),
    /// On disk only, at this absolute path.
    OnDisk(PathBuf),
}

/// A translation and its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pair {
    /// The translation: an index into the run's documents.
    pub(crate) translation: usize,
    /// Its source.
    pub(crate) source: Counterpart,
    /// The translation's language code, when its path names one.
    pub(crate) language: Option<String>,
    /// The source's language code.
    pub(crate) source_language: String,
    /// How the pair was found.
    pub(crate) by: PairedBy,
}

/// What an unpaired document lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Missing {
    /// A translation with no source, in the run or on disk.
    Source,
    /// A source (its path names the source language) that no document of
    /// the run translates.
    Translation,
}

/// A document whose path names a language but that has no counterpart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unpaired {
    /// An index into the run's documents.
    pub(crate) index: usize,
    /// The language its path names.
    pub(crate) language: String,
    /// What it lacks.
    pub(crate) missing: Missing,
}

/// The pairs among a run's documents and the documents left unpaired, in
/// the order of the documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Pairing {
    /// One per translation.
    pub(crate) pairs: Vec<Pair>,
    /// Documents that name a language and have no counterpart.
    pub(crate) unpaired: Vec<Unpaired>,
}

/// Where a path names its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// The folder at this component index.
    Folder(usize),
    /// A suffix before the extension of the file name.
    Suffix,
}

/// A document's path with its language taken out: documents with the same
/// key are one text in several languages.
#[derive(Debug)]
struct Keyed<'a> {
    key: String,
    language: Option<&'a str>,
    mark: Option<Mark>,
}

/// The language code among `languages` that a folder or suffix `name`
/// stands for: `ru`, `ru-RU`, `zh_CN`, `zh-Hans`, `zh-Hant-TW`.
pub(crate) fn language_tag<'a>(name: &str, languages: &[&'a str]) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    let mut parts = lower.split(['-', '_']);
    let primary = parts.next()?;
    let language = languages.iter().find(|code| **code == primary)?;
    let subtags: Vec<&str> = parts.collect();
    let well_formed = subtags.len() <= 2
        && subtags
            .iter()
            .all(|s| (2..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    well_formed.then_some(*language)
}

/// The name of a file without a language suffix, and the language of the
/// suffix: `guide.zh-CN.md` → (`guide.md`, `zh`).
fn strip_suffix<'a>(name: &str, languages: &[&'a str]) -> Option<(String, &'a str)> {
    let (rest, extension) = name.rsplit_once('.')?;
    let (stem, tag) = rest.rsplit_once('.')?;
    if stem.is_empty() {
        return None;
    }
    let language = language_tag(tag, languages)?;
    Some((format!("{stem}.{extension}"), language))
}

/// `absolute` with its language taken out. A folder marks the language
/// when it is the innermost folder named for one, so that a language
/// folder above the documentation (`/home/en/…`) does not count.
fn keyed<'a>(absolute: &Path, languages: &[&'a str]) -> Keyed<'a> {
    let parts: Vec<String> = absolute
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let Some((name, folders)) = parts.split_last() else {
        return Keyed {
            key: String::new(),
            language: None,
            mark: None,
        };
    };
    let mut key: Vec<&str> = folders.iter().map(String::as_str).collect();
    let folder = folders
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, f)| Some((i, language_tag(f, languages)?)));
    if let Some((i, _)) = folder {
        key[i] = "\u{0}";
    }
    let suffix = strip_suffix(name, languages);
    let base = suffix.as_ref().map_or(name.as_str(), |(base, _)| base);
    key.push(base);
    let key = key.join("/");
    let (language, mark) = match (suffix, folder) {
        (Some((_, language)), _) => (Some(language), Some(Mark::Suffix)),
        (None, Some((i, language))) => (Some(language), Some(Mark::Folder(i))),
        (None, None) => (None, None),
    };
    Keyed {
        key,
        language,
        mark,
    }
}

/// Pair the documents of a run: first the pairs the configs name
/// (`explicit`, `(source, translation)`, absolute), then by the languages
/// the paths name. `languages` are the codes clientele has packs for.
pub(crate) fn pair(
    documents: &[Candidate<'_>],
    explicit: &[(PathBuf, PathBuf)],
    languages: &[&str],
) -> Pairing {
    let index: HashMap<&Path, usize> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.absolute, i))
        .collect();
    let mut pairing = Pairing::default();
    let mut settled = vec![false; documents.len()];
    for (source, translation) in explicit {
        let Some(&t) = index.get(translation.as_path()) else {
            continue;
        };
        if settled[t] {
            continue;
        }
        settled[t] = true;
        let counterpart = match index.get(source.as_path()) {
            Some(&s) => {
                settled[s] = true;
                Counterpart::InRun(s)
            }
            None => Counterpart::OnDisk(source.clone()),
        };
        let keyed = keyed(translation, languages);
        pairing.pairs.push(Pair {
            translation: t,
            source: counterpart,
            language: keyed.language.map(str::to_owned),
            source_language: documents[t].source_language.to_owned(),
            by: PairedBy::Config,
        });
    }

    let mut groups: HashMap<String, Vec<(usize, Keyed<'_>)>> = HashMap::new();
    for (i, document) in documents.iter().enumerate() {
        if settled[i] {
            continue;
        }
        let keyed = keyed(document.absolute, languages);
        groups
            .entry(keyed.key.clone())
            .or_default()
            .push((i, keyed));
    }
    let mut folders = LanguageFolders::default();
    for members in groups.values() {
        pair_group(documents, members, languages, &mut folders, &mut pairing);
    }
    pairing.pairs.sort_by_key(|p| p.translation);
    pairing.unpaired.sort_by_key(|u| u.index);
    pairing
}

/// Pair the members of one group, documents whose paths differ only in
/// the language they name.
fn pair_group(
    documents: &[Candidate<'_>],
    members: &[(usize, Keyed<'_>)],
    languages: &[&str],
    folders: &mut LanguageFolders,
    pairing: &mut Pairing,
) {
    let Some((first, _)) = members.first() else {
        return;
    };
    let source_language = documents[*first].source_language;
    // A document named in the source language, else (a `guide.md` beside
    // its `guide.ru.md`) one that names no language.
    let source = members
        .iter()
        .find(|(_, k)| k.language == Some(source_language))
        .or_else(|| members.iter().find(|(_, k)| k.language.is_none()))
        .map(|(i, _)| *i);
    let mut translated = false;
    for (i, keyed) in members {
        let (Some(language), Some(mark)) = (keyed.language, keyed.mark) else {
            continue;
        };
        if language == source_language {
            continue;
        }
        let by = match mark {
            Mark::Folder(_) => PairedBy::Folder,
            Mark::Suffix => PairedBy::Suffix,
        };
        let counterpart = match source {
            Some(s) => Some(Counterpart::InRun(s)),
            None => source_on_disk(
                documents[*i].absolute,
                mark,
                source_language,
                languages,
                folders,
            )
            .map(Counterpart::OnDisk),
        };
        match counterpart {
            Some(counterpart) => {
                translated = true;
                pairing.pairs.push(Pair {
                    translation: *i,
                    source: counterpart,
                    language: Some(language.to_owned()),
                    source_language: source_language.to_owned(),
                    by,
                });
            }
            None => pairing.unpaired.push(Unpaired {
                index: *i,
                language: language.to_owned(),
                missing: Missing::Source,
            }),
        }
    }
    if !translated
        && let Some((i, keyed)) = members
            .iter()
            .find(|(_, k)| k.language == Some(source_language))
    {
        pairing.unpaired.push(Unpaired {
            index: *i,
            language: keyed.language.unwrap_or(source_language).to_owned(),
            missing: Missing::Translation,
        });
    }
}

/// The folders named for a language inside a folder, listed once per
/// folder: a tree of translations without their sources would otherwise
/// list the same folder for each of its files.
#[derive(Debug, Default)]
struct LanguageFolders {
    listed: HashMap<(PathBuf, String), Vec<PathBuf>>,
}

impl LanguageFolders {
    /// The folders in `parent` named for `language`: the shortest name
    /// first (`en` before `en-us`), then in byte order.
    fn named_for(&mut self, parent: PathBuf, language: &str, languages: &[&str]) -> &[PathBuf] {
        self.listed
            .entry((parent, language.to_owned()))
            .or_insert_with_key(|(parent, language)| {
                let mut found: Vec<PathBuf> = std::fs::read_dir(parent)
                    .into_iter()
                    .flatten()
                    .filter_map(|entry| {
                        let entry = entry.ok()?;
                        let name = entry.file_name();
                        (language_tag(name.to_str()?, languages) == Some(language.as_str()))
                            .then(|| entry.path())
                    })
                    .collect();
                found.sort_by_key(|f| (f.as_os_str().len(), f.clone()));
                found
            })
    }
}

/// The source on disk of the translation at `absolute`, whose path names
/// its language at `mark`: the same path under a sibling folder named for
/// `source_language`, or the file name without (or with the source
/// language's) suffix.
fn source_on_disk(
    absolute: &Path,
    mark: Mark,
    source_language: &str,
    languages: &[&str],
    folders: &mut LanguageFolders,
) -> Option<PathBuf> {
    match mark {
        Mark::Folder(at) => {
            let components: Vec<Component<'_>> = absolute.components().collect();
            let parent: PathBuf = components[..at].iter().collect();
            let rest: PathBuf = components[at + 1..].iter().collect();
            folders
                .named_for(parent, source_language, languages)
                .iter()
                .map(|folder| folder.join(&rest))
                .find(|candidate| candidate.is_file())
        }
        Mark::Suffix => {
            let name = absolute.file_name()?.to_str()?;
            let (base, _) = strip_suffix(name, languages)?;
            let (stem, extension) = base.rsplit_once('.')?;
            [
                base.clone(),
                format!("{stem}.{source_language}.{extension}"),
            ]
            .into_iter()
            .map(|candidate| absolute.with_file_name(candidate))
            .find(|candidate| candidate.is_file())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGUAGES: [&str; 3] = ["en", "ru", "zh"];

    /// `(source, translation, how)` of each pair.
    type Pairs = Vec<(String, String, PairedBy)>;

    fn run(paths: &[&str]) -> (Pairs, Vec<(String, Missing)>) {
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        let documents: Vec<Candidate<'_>> = paths
            .iter()
            .map(|p| Candidate {
                absolute: p,
                source_language: "en",
            })
            .collect();
        let pairing = pair(&documents, &[], &LANGUAGES);
        let shown = |i: usize| paths[i].display().to_string();
        let pairs = pairing
            .pairs
            .iter()
            .map(|p| {
                let Counterpart::InRun(s) = p.source else {
                    panic!("a source on disk: {p:?}");
                };
                (shown(s), shown(p.translation), p.by)
            })
            .collect();
        let unpaired = pairing
            .unpaired
            .iter()
            .map(|u| (shown(u.index), u.missing))
            .collect();
        (pairs, unpaired)
    }

    #[test]
    fn language_tags_take_regions_and_scripts_in_any_case() {
        for tag in [
            "ru",
            "RU",
            "ru-RU",
            "ru_ru",
            "zh-CN",
            "zh-Hans",
            "zh-Hant-TW",
        ] {
            assert!(language_tag(tag, &LANGUAGES).is_some(), "{tag}");
        }
        for tag in ["fr", "russian", "ru-", "en-verylong", "enx", "zh-CN-x-y"] {
            assert_eq!(language_tag(tag, &LANGUAGES), None, "{tag}");
        }
        assert_eq!(language_tag("zh-hans", &LANGUAGES), Some("zh"));
    }

    #[test]
    fn folders_named_for_languages_pair_at_any_depth() {
        let (pairs, unpaired) = run(&[
            "/repo/docs/en/guide/start.md",
            "/repo/docs/ru-ru/guide/start.md",
            "/repo/docs/zh-cn/guide/start.md",
            "/repo/en/intro.md",
            "/repo/ru/intro.md",
        ]);
        assert_eq!(
            pairs,
            [
                (
                    "/repo/docs/en/guide/start.md".into(),
                    "/repo/docs/ru-ru/guide/start.md".into(),
                    PairedBy::Folder
                ),
                (
                    "/repo/docs/en/guide/start.md".into(),
                    "/repo/docs/zh-cn/guide/start.md".into(),
                    PairedBy::Folder
                ),
                (
                    "/repo/en/intro.md".into(),
                    "/repo/ru/intro.md".into(),
                    PairedBy::Folder
                ),
            ]
        );
        assert!(unpaired.is_empty(), "{unpaired:?}");
    }

    #[test]
    fn a_suffix_pairs_a_translation_with_the_unsuffixed_file() {
        let (pairs, unpaired) = run(&[
            "/repo/README.md",
            "/repo/README.ru.md",
            "/repo/README.zh-CN.md",
            "/repo/notes.md",
        ]);
        assert_eq!(
            pairs,
            [
                (
                    "/repo/README.md".into(),
                    "/repo/README.ru.md".into(),
                    PairedBy::Suffix
                ),
                (
                    "/repo/README.md".into(),
                    "/repo/README.zh-CN.md".into(),
                    PairedBy::Suffix
                ),
            ]
        );
        // A file that names no language is nobody's business here.
        assert!(unpaired.is_empty(), "{unpaired:?}");
    }

    #[test]
    fn documents_without_a_counterpart_are_listed() {
        let (pairs, unpaired) = run(&[
            "/nowhere/en/only-english.md",
            "/nowhere/ru/only-russian.md",
            "/nowhere/guide.zh.md",
        ]);
        assert!(pairs.is_empty(), "{pairs:?}");
        assert_eq!(
            unpaired,
            [
                ("/nowhere/en/only-english.md".into(), Missing::Translation),
                ("/nowhere/ru/only-russian.md".into(), Missing::Source),
                ("/nowhere/guide.zh.md".into(), Missing::Source),
            ]
        );
    }

    #[test]
    fn the_innermost_language_folder_marks_the_language() {
        let keyed = keyed(Path::new("/home/en/site/ru/page.md"), &LANGUAGES);
        assert_eq!(keyed.language, Some("ru"));
        assert_eq!(
            keyed.key,
            ["/", "home", "en", "site", "\u{0}", "page.md"].join("/")
        );
    }

    #[test]
    fn config_pairs_come_first_and_may_name_a_source_outside_the_run() {
        let documents = [
            Candidate {
                absolute: Path::new("/repo/README-RU.md"),
                source_language: "en",
            },
            Candidate {
                absolute: Path::new("/repo/ru/README-RU.md"),
                source_language: "en",
            },
        ];
        let explicit = [(
            PathBuf::from("/repo/README.md"),
            PathBuf::from("/repo/README-RU.md"),
        )];
        let pairing = pair(&documents, &explicit, &LANGUAGES);
        assert_eq!(pairing.pairs.len(), 1);
        assert_eq!(pairing.pairs[0].by, PairedBy::Config);
        assert_eq!(
            pairing.pairs[0].source,
            Counterpart::OnDisk(PathBuf::from("/repo/README.md"))
        );
        assert_eq!(pairing.unpaired.len(), 1);
        assert_eq!(pairing.unpaired[0].index, 1);
    }

    #[test]
    fn a_lone_translation_finds_its_source_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "docs/en-US/a.md",
            "docs/ru/a.md",
            "b.md",
            "b.ru.md",
            "c.en.md",
            "c.zh.md",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            #[allow(clippy::disallowed_methods, reason = "a test fixture")]
            std::fs::write(path, "text").unwrap();
        }
        let lone = |file: &str| {
            let absolute = root.join(file);
            let documents = [Candidate {
                absolute: &absolute,
                source_language: "en",
            }];
            let pairing = pair(&documents, &[], &LANGUAGES);
            match &pairing.pairs[..] {
                [pair] => match &pair.source {
                    Counterpart::OnDisk(path) => path.strip_prefix(root).unwrap().to_path_buf(),
                    other => panic!("{other:?}"),
                },
                other => panic!("{file}: {other:?}"),
            }
        };
        assert_eq!(lone("docs/ru/a.md"), Path::new("docs/en-US/a.md"));
        assert_eq!(lone("b.ru.md"), Path::new("b.md"));
        assert_eq!(lone("c.zh.md"), Path::new("c.en.md"));
    }
}
