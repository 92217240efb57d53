//! Works out at compile time what would otherwise be worked out at every
//! start, from the Chinese segmenter's word list
//! (`src/lexicon/zh-words.txt`, `word frequency tag` lines after a header
//! of `#` lines):
//!
//! - `zh-pairs.bin`: the pairs of characters that stand side by side inside
//!   a word, sorted, as little-endian `u32`s of two 16-bit characters each;
//! - `zh-dictionary.bin`: the words and their frequencies, sorted, for
//!   looking a word up without loading anything (the layout is below, at
//!   [`dictionary`]);
//!
//! from the Chinese self-contrast model
//! (`src/rules/self_contrast/zh-model.tsv`, `feature<TAB>weight` lines
//! after its header):
//!
//! - `zh-model.bin`: its weights as a hash table, looked up in place
//!   ([`model_table`]);
//!
//! and from the built-in packs (`rules/*.toml`):
//!
//! - `en.pack`, `ru.pack`, `zh.pack`, `business.pack`: each pack read into
//!   the types of `src/lexicon/pack.rs` and written out in postcard, which
//!   reads in a fraction of the time TOML takes. A pack that does not read
//!   stops the build here.

use std::collections::BTreeMap;
use std::env;
use std::error::Error;
use std::fs;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    let words_path = "src/lexicon/zh-words.txt";
    println!("cargo::rerun-if-changed={words_path}");
    let text = fs::read_to_string(words_path)?;
    // A word listed twice keeps its last frequency.
    let mut words: BTreeMap<&str, u32> = BTreeMap::new();
    for line in text.lines().skip_while(|line| line.starts_with('#')) {
        let mut fields = line.split_whitespace();
        let Some(word) = fields.next() else { continue };
        let frequency = match fields.next() {
            Some(f) => f
                .parse()
                .map_err(|e| format!("{words_path}: `{line}`: {e}"))?,
            None => 0,
        };
        words.insert(word, frequency);
    }
    let model_path = "src/rules/self_contrast/zh-model.tsv";
    println!("cargo::rerun-if-changed={model_path}");
    let model =
        model_table(&fs::read_to_string(model_path)?).map_err(|e| format!("{model_path}: {e}"))?;
    let out = PathBuf::from(env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?);
    println!("cargo::rerun-if-changed=src/lexicon/pack.rs");
    let mut packs = Vec::new();
    for name in BUILTIN_PACKS {
        let path = format!("rules/{name}.toml");
        println!("cargo::rerun-if-changed={path}");
        let text = fs::read_to_string(&path)?;
        let pack: pack::PackFile = toml::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
        packs.push((format!("{name}.pack"), postcard::to_allocvec(&pack)?));
    }
    // Files of the build's own, not a user's: nothing to replace atomically.
    #[allow(clippy::disallowed_methods)]
    {
        fs::write(out.join("zh-pairs.bin"), pairs(words.keys())?)?;
        fs::write(out.join("zh-dictionary.bin"), dictionary(&words)?)?;
        fs::write(out.join("zh-model.bin"), model)?;
        for (file, bytes) in packs {
            fs::write(out.join(file), bytes)?;
        }
    }
    Ok(())
}

/// The built-in packs, `rules/NAME.toml`, in the order `src/lexicon/mod.rs`
/// lists them.
const BUILTIN_PACKS: [&str; 4] = ["en", "ru", "zh", "business"];

#[expect(
    dead_code,
    reason = "the build reads packs and writes them; the accessors are for the program"
)]
#[path = "src/lexicon/pack.rs"]
mod pack;

include!("src/rules/self_contrast/model_layout.rs");

/// The weights of the model: a power of two `n` of slots (`u64`), then
/// `n` slots of a feature's hash (`u64`, 0 for an empty slot) and its
/// weight (`f32`), each feature in the first free slot from its hash
/// modulo `n` on; all little-endian. At most half the slots are filled.
fn model_table(text: &str) -> Result<Vec<u8>, Box<dyn Error>> {
    let weights = text
        .lines()
        .filter(|l| !l.starts_with('#') && !MODEL_HEADERS.iter().any(|h| l.starts_with(h)))
        .map(|line| {
            let (feature, weight) = line
                .split_once('\t')
                .ok_or(format!("`{line}`: no weight"))?;
            let weight: f32 = weight.parse().map_err(|e| format!("`{line}`: {e}"))?;
            Ok((feature_hash(feature.as_bytes()), weight))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let size = (weights.len() * 2).next_power_of_two();
    let mut slots = vec![(0u64, 0f32); size];
    for (hash, weight) in weights {
        let mut at = usize::try_from(hash % size as u64)?;
        while slots[at].0 != 0 {
            if slots[at].0 == hash {
                return Err(format!("two features hash to {hash:#x}").into());
            }
            at = (at + 1) % size;
        }
        slots[at] = (hash, weight);
    }
    let mut out = Vec::with_capacity(8 + size * SLOT_BYTES);
    out.extend(u64::try_from(size)?.to_le_bytes());
    for (hash, weight) in slots {
        out.extend(hash.to_le_bytes());
        out.extend(weight.to_le_bytes());
    }
    Ok(out)
}

/// Every two characters side by side inside one of `words`.
fn pairs<'a>(words: impl Iterator<Item = &'a &'a str>) -> Result<Vec<u8>, String> {
    let mut pairs: Vec<u32> = Vec::new();
    for word in words {
        let chars: Vec<char> = word.chars().collect();
        for pair in chars.windows(2) {
            let code = |c: char| {
                u16::try_from(u32::from(c)).map_err(|_| {
                    format!("`{c}` in `{word}` is outside the Basic Multilingual Plane")
                })
            };
            pairs.push((u32::from(code(pair[0])?) << 16) | u32::from(code(pair[1])?));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    Ok(pairs.iter().flat_map(|p| p.to_le_bytes()).collect())
}

/// The total of the frequencies (`u64`), the number of words `n` (`u32`),
/// the length of the longest word in bytes (`u32`), the number of first
/// characters `k` (`u32`), `k` triples of a first character and the range
/// of the words that start with it (`u32` each), `n + 1` offsets where
/// each word starts in the text that follows and where the last ends
/// (`u32`), `n` frequencies (`u32`), then the words' text; all
/// little-endian, words in byte order.
fn dictionary(words: &BTreeMap<&str, u32>) -> Result<Vec<u8>, Box<dyn Error>> {
    let total: u64 = words.values().map(|&f| u64::from(f)).sum();
    let mut out = Vec::new();
    out.extend(total.to_le_bytes());
    out.extend(u32::try_from(words.len())?.to_le_bytes());
    let longest = words.keys().map(|w| w.len()).max().unwrap_or(0);
    out.extend(u32::try_from(longest)?.to_le_bytes());
    // Words in byte order are in order of their first character too, so
    // the words of one first character stand together.
    let mut firsts: Vec<(u32, u32, u32)> = Vec::new();
    for (i, word) in words.keys().enumerate() {
        let first = u32::from(word.chars().next().unwrap_or_default());
        let i = u32::try_from(i)?;
        match firsts.last_mut() {
            Some((c, _, end)) if *c == first => *end = i + 1,
            _ => firsts.push((first, i, i + 1)),
        }
    }
    out.extend(u32::try_from(firsts.len())?.to_le_bytes());
    for (first, start, end) in firsts {
        out.extend(first.to_le_bytes());
        out.extend(start.to_le_bytes());
        out.extend(end.to_le_bytes());
    }
    let mut offset = 0u32;
    for word in words.keys() {
        out.extend(offset.to_le_bytes());
        offset += u32::try_from(word.len())?;
    }
    out.extend(offset.to_le_bytes());
    for frequency in words.values() {
        out.extend(frequency.to_le_bytes());
    }
    for word in words.keys() {
        out.extend(word.as_bytes());
    }
    Ok(out)
}
