//! Works out at compile time what would otherwise be worked out at every
//! start, from the Chinese segmenter's word list
//! (`src/lexicon/zh-words.txt`, `word frequency tag` lines after a header
//! of `#` lines):
//!
//! - `zh-pairs.bin`: the pairs of characters that stand side by side inside
//!   a word, sorted, as little-endian `u32`s of two 16-bit characters each;
//! - `zh-dictionary.bin`: the words and their frequencies, sorted, for
//!   looking a word up without loading anything (the layout is below, at
//!   [`dictionary`]).

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
    let out = PathBuf::from(env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?);
    // Files of the build's own, not a user's: nothing to replace atomically.
    #[allow(clippy::disallowed_methods)]
    {
        fs::write(out.join("zh-pairs.bin"), pairs(words.keys())?)?;
        fs::write(out.join("zh-dictionary.bin"), dictionary(&words)?)?;
    }
    Ok(())
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
