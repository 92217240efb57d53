//! Which bytes of a document are prose, one bit a byte.
//!
//! A list of spans would cost 16 bytes a span, and Markdown can make a span
//! of every other character (`*a* *a* …`): a document of 100 MB held 800 MB
//! of spans. A bit per byte holds any document in an eighth of its size.

use crate::span::Span;

/// Bits in a word of the map.
const WORD: usize = 64;

/// The prose bytes of a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ProseMap {
    /// Bit `i % 64` of word `i / 64` is set when byte `i` is prose.
    bits: Vec<u64>,
}

impl ProseMap {
    /// A map of a document of `len` bytes, with no prose yet.
    pub(crate) fn new(len: usize) -> Self {
        Self {
            bits: vec![0; len.div_ceil(WORD)],
        }
    }

    /// Mark the bytes of `span` as prose, growing the map if it is short.
    pub(crate) fn add(&mut self, span: Span) {
        if span.end <= span.start {
            return;
        }
        let words = span.end.div_ceil(WORD);
        if self.bits.len() < words {
            self.bits.resize(words, 0);
        }
        let (first, last) = (span.start / WORD, (span.end - 1) / WORD);
        for word in first..=last {
            let from = if word == first { span.start % WORD } else { 0 };
            let to = if word == last {
                (span.end - 1) % WORD + 1
            } else {
                WORD
            };
            self.bits[word] |= mask(from, to);
        }
    }

    /// Whether byte `at` is prose.
    pub(crate) fn contains(&self, at: usize) -> bool {
        self.bits
            .get(at / WORD)
            .is_some_and(|word| word & (1 << (at % WORD)) != 0)
    }

    /// Whether every byte of `span` is prose (an empty span is when the
    /// byte at it is).
    pub(crate) fn covers(&self, span: Span) -> bool {
        if span.end <= span.start {
            return self.contains(span.start);
        }
        (span.start..span.end).all(|at| self.contains(at))
    }

    /// The run of prose bytes that holds all of `span`, reaching at most
    /// `reach` bytes either side of it: what a reader of the words around
    /// a term needs, without walking a prose run of megabytes.
    pub(crate) fn run_around(&self, span: Span, reach: usize) -> Option<Span> {
        if !self.covers(span) {
            return None;
        }
        let floor = span.start.saturating_sub(reach);
        let mut start = span.start;
        while start > floor && self.contains(start - 1) {
            start -= 1;
        }
        let ceiling = span.end.saturating_add(reach);
        let mut end = span.end;
        while end < ceiling && self.contains(end) {
            end += 1;
        }
        Some(Span::new(start, end))
    }

    /// The runs of prose bytes, in order.
    #[cfg(test)]
    pub(crate) fn runs(&self) -> impl Iterator<Item = Span> + '_ {
        let mut at = 0;
        let len = self.bits.len() * WORD;
        std::iter::from_fn(move || {
            while at < len && !self.contains(at) {
                // Whole words without prose at a time.
                if at % WORD == 0 && self.bits[at / WORD] == 0 {
                    at += WORD;
                } else {
                    at += 1;
                }
            }
            if at >= len {
                return None;
            }
            let start = at;
            while at < len && self.contains(at) {
                at += 1;
            }
            Some(Span::new(start, at))
        })
    }
}

/// The bits `from..to` of a word.
fn mask(from: usize, to: usize) -> u64 {
    let high = if to == WORD { u64::MAX } else { (1 << to) - 1 };
    high & !((1 << from) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(spans: &[(usize, usize)]) -> ProseMap {
        let mut map = ProseMap::new(200);
        for &(start, end) in spans {
            map.add(Span::new(start, end));
        }
        map
    }

    #[test]
    fn runs_are_the_spans_with_touching_ones_joined() {
        let map = map(&[(3, 9), (9, 70), (75, 128), (130, 131)]);
        let runs: Vec<(usize, usize)> = map.runs().map(|r| (r.start, r.end)).collect();
        assert_eq!(runs, [(3, 70), (75, 128), (130, 131)]);
    }

    #[test]
    fn a_byte_or_span_is_prose_only_inside_a_run() {
        let map = map(&[(10, 20), (64, 130)]);
        assert!(!map.contains(9) && map.contains(10) && map.contains(19) && !map.contains(20));
        assert!(map.covers(Span::new(64, 130)));
        assert!(!map.covers(Span::new(60, 70)));
        assert!(map.covers(Span::new(19, 19)) && !map.covers(Span::new(20, 20)));
        assert!(!map.contains(10_000));
    }

    #[test]
    fn the_run_around_a_span_stops_at_the_reach() {
        let map = map(&[(10, 20), (64, 190)]);
        assert_eq!(
            map.run_around(Span::new(12, 14), 100),
            Some(Span::new(10, 20))
        );
        assert_eq!(
            map.run_around(Span::new(100, 104), 8),
            Some(Span::new(92, 112))
        );
        assert_eq!(map.run_around(Span::new(18, 22), 8), None);
    }

    proptest::proptest! {
        #[test]
        fn the_map_holds_exactly_the_bytes_added(
            spans in proptest::collection::vec((0usize..300, 0usize..40), 0..20)
        ) {
            let mut map = ProseMap::new(100);
            let mut bytes = vec![false; 400];
            for &(start, len) in &spans {
                map.add(Span::new(start, start + len));
                bytes[start..start + len].fill(true);
            }
            for (at, &prose) in bytes.iter().enumerate() {
                proptest::prop_assert_eq!(map.contains(at), prose, "{}", at);
            }
            let from_runs: usize = map.runs().map(|r| r.end - r.start).sum();
            proptest::prop_assert_eq!(from_runs, bytes.iter().filter(|&&b| b).count());
        }
    }
}
