//! Byte ranges into a source text.
//!
//! Every position inside clientele is a [`Span`]: a byte range, end
//! exclusive. Lines and columns are derived from spans only at the edges
//! (see [`crate::source`]).

use std::ops::Range;

/// A byte range into a source text, `start..end`, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the range.
    pub(crate) start: usize,
    /// One past the last byte of the range.
    pub(crate) end: usize,
}

impl Span {
    /// A span from `start` to `end`; an inverted range collapses to `start..start`.
    pub(crate) fn new(start: usize, end: usize) -> Self {
        Self {
            start,
            end: end.max(start),
        }
    }

    /// Length in bytes.
    pub(crate) fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub(crate) fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely inside `self`.
    pub(crate) fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span moved `by` bytes to the right.
    pub(crate) fn shift(self, by: usize) -> Self {
        Self::new(self.start + by, self.end + by)
    }

    /// The text the span covers, or `None` if it is out of bounds or not on
    /// character boundaries.
    pub fn slice(self, text: &str) -> Option<&str> {
        text.get(self.start..self.end)
    }

    /// The span as a standard range.
    pub(crate) fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Self::new(range.start, range.end)
    }
}
