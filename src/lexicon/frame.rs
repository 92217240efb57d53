//! The frame two parallel sides share. A contrast often says the words
//! around the term twice and changes only what comes before them: "the
//! firm **serves the** client, while the shop **serves the** client",
//! `для фирмы **главное —** клиент, тогда как для магазина **главное —**
//! клиент`, `律所**面对的是**客户，超市**面对的则是**客户`, `**以**客户**身份**还是**以**客户**身份**`.
//! [`unframed`] takes the words the gap shares with the text before the
//! first term (its end) and with the text after the second (its start)
//! out of the gap, so that a connector can be matched against what is
//! left: `, while the shop`, `，超市则`, `还是`.

use super::is_cjk;

/// Adverbs a script without spaces puts inside the second copy of a frame
/// (`面对的是` → `面对的则是`): skipped once while the frames are compared,
/// and kept with what is left of the gap, where a connector may ask for
/// them.
const FRAME_ADVERBS: &[char] = &['则', '則', '却', '卻', '也', '就', '还', '還'];

/// The fewest letters the longest word of a frame has in a script with
/// spaces: "serves the" or "главное —" frame a contrast, "to the" does
/// not.
const MIN_FRAME_WORD: usize = 4;

/// The fewest characters of a script without spaces that the two frames
/// hold together.
const MIN_FRAME_CJK: usize = 2;

/// The most characters a frame holds on either side: "serves the",
/// `главное —`, `面对的是` are short, and a bound keeps a gap of repeated
/// text from costing its length squared.
const MAX_FRAME_CHARS: usize = 48;

/// The most ways a frame is cut off the gap: from the longest shared end
/// down, as the words of a connector may end the frame too (`是以` before
/// the term, `…还是以` in the gap: the frame is `以`, the connector `还是`).
const MAX_CUTS: usize = 8;

/// The gap between two terms without a frame the sides share, with any
/// adverb skipped inside the frame appended: each way to cut the frame off
/// that leaves enough of it to make the sides parallel, the longest frame
/// first. Empty when there is no such frame or nothing else is left.
pub(super) fn unframed(before: &str, gap: &str, after: &str) -> Vec<String> {
    // Most gaps share nothing with what is around them.
    let (Some(last), Some(first)) = (gap.chars().next_back(), gap.chars().next()) else {
        return Vec::new();
    };
    let shares_head = before.ends_with(last) || FRAME_ADVERBS.contains(&last);
    if !shares_head && !after.starts_with(first) {
        return Vec::new();
    }
    let gap_chars: Vec<char> = gap.chars().collect();
    // The longest frame before each term: the end of `before` and of the
    // gap.
    let mut longest = 0;
    let mut skipped: Option<(usize, char)> = None;
    let mut before_chars: Vec<char> = Vec::new();
    let mut before_rev = before.chars().rev();
    let mut next_before = before_rev.next();
    while longest < gap_chars.len().min(MAX_FRAME_CHARS) {
        let g = gap_chars[gap_chars.len() - 1 - longest];
        match next_before {
            Some(b) if b == g => {
                before_chars.push(b);
                next_before = before_rev.next();
                longest += 1;
            }
            _ if skipped.is_none() && FRAME_ADVERBS.contains(&g) => {
                skipped = Some((longest, g));
                longest += 1;
            }
            _ => break,
        }
    }
    // The frame after each term: the start of the gap and of `after`.
    let mut tail = gap_chars
        .iter()
        .zip(after.chars())
        .take_while(|(g, a)| **g == *a)
        .take(MAX_FRAME_CHARS)
        .count()
        .min(gap_chars.len() - longest);
    // A frame ends between words: back off to the last break.
    let next_after = after.chars().nth(tail);
    if gap_chars.get(tail).is_some_and(|c| is_letter(*c)) || next_after.is_some_and(is_letter) {
        while tail > 0 && is_letter(gap_chars[tail - 1]) {
            tail -= 1;
        }
    }
    let mut rests: Vec<String> = Vec::new();
    for head in (0..=longest).rev() {
        if rests.len() == MAX_CUTS {
            break;
        }
        let head_start = gap_chars.len() - head;
        // The character before the frame in the gap, and in the text
        // before the first term (which the gap's frame copies, less an
        // adverb skipped in it).
        let preceding = head_start.checked_sub(1).map(|i| gap_chars[i]);
        let copied = head - usize::from(skipped.is_some_and(|(at, _)| at < head));
        let other = before_chars
            .get(copied)
            .copied()
            .or(if copied == before_chars.len() {
                next_before
            } else {
                None
            });
        let frame = &gap_chars[head_start..];
        if !whole_words(frame, preceding, other) {
            continue;
        }
        let framing: Vec<char> = gap_chars[..tail].iter().chain(frame).copied().collect();
        if !frames(&framing) {
            // A shorter frame holds less: none is enough either.
            break;
        }
        let mut rest: String = gap_chars[tail..head_start].iter().collect();
        if let Some((at, adverb)) = skipped
            && at < head
        {
            rest.push(adverb);
        }
        if !rest.trim().is_empty() && !rests.contains(&rest) {
            rests.push(rest);
        }
    }
    rests
}

/// Whether the frame `frame` (its characters in order) starts at a word
/// break: `preceding` is the character of the gap before it and `other`
/// the one before its copy in the text before the first term; a letter on
/// either side glued to a letter that starts the frame splits a word.
fn whole_words(frame: &[char], preceding: Option<char>, other: Option<char>) -> bool {
    !(frame.first().is_some_and(|c| is_letter(*c))
        && (preceding.is_some_and(is_letter) || other.is_some_and(is_letter)))
}

/// Whether the characters of both frames together are enough to make two
/// sides parallel: [`MIN_FRAME_CJK`] characters of a script without
/// spaces, or two words or dashes, one a word of [`MIN_FRAME_WORD`]
/// letters. One word alone is most often the rest of a compound the term
/// ends ("team member … team member"), no frame.
fn frames(framing: &[char]) -> bool {
    let cjk = framing.iter().filter(|c| is_cjk(**c)).count();
    if cjk >= MIN_FRAME_CJK {
        return true;
    }
    let text: String = framing.iter().collect();
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '"' | '«' | '»'))
        .filter(|t| !t.is_empty())
        .collect();
    let long_word = tokens
        .iter()
        .any(|t| t.chars().filter(|c| is_letter(*c)).count() >= MIN_FRAME_WORD);
    tokens.len() >= 2 && long_word
}

/// A letter or digit of a script with spaces: Han characters are words of
/// their own and never glue a frame to the next one.
fn is_letter(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

#[cfg(test)]
mod tests {
    use super::unframed;

    #[test]
    fn a_frame_said_twice_is_taken_out_of_the_gap() {
        assert_eq!(
            unframed("The firm serves the ", ", while the shop serves the ", ".").first(),
            Some(&", while the shop".to_owned())
        );
        assert_eq!(
            unframed(
                "Для юридической фирмы главное — ",
                ", тогда как для магазина главное — ",
                "."
            )
            .first(),
            Some(&", тогда как для магазина".to_owned())
        );
        assert_eq!(
            unframed("律师事务所面对的是", "，超市面对的则是", "。").first(),
            Some(&"，超市则".to_owned())
        );
        // The longest frame takes `是以` and leaves `还`; a shorter one
        // leaves the connector whole.
        assert!(unframed("您是以", "身份还是以", "身份登录本系统？").contains(&"还是".to_owned()));
    }

    #[test]
    fn a_frame_of_small_words_or_part_of_a_word_is_none() {
        assert!(unframed("send it to the ", ", but to the ", ".").is_empty());
        // "observes the" and "serves the" share "serves the", which is not
        // a whole word in the first.
        assert!(unframed("He observes the ", ", while she serves the ", ".").is_empty());
        assert!(unframed("请把", "，再把", "。").is_empty());
        // One word before both terms is the rest of a compound.
        assert!(unframed("new team ", " but it keeps the generic team ", ".").is_empty());
    }
}
