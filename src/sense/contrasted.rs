//! Two terms a connector sets against each other: "clients, not
//! customers", «не клиенты, а покупатели», 「不是客户，而是顾客」. A page that
//! explains the difference between two words is about the words, so
//! neither side is a business use to flag: replacing one would make the
//! sentence contrast a word with itself.

use crate::lexicon::{Lexicon, Occurrence, Reason, Sense};

/// Mark every business-sense term of `occurrences` (in text order) of
/// `text` that a connector of its language sets against a different term
/// as [`Sense::Allowed`] for [`Reason::Contrast`].
///
/// Both sides must be bare terms: a phrase such as `customer service` is
/// no side of a contrast between roles. Forms of one word on both sides
/// are `self-contrast`'s concern, not a contrast between two words.
pub(crate) fn mark(text: &str, lexicon: &Lexicon, occurrences: &mut [Occurrence]) {
    // A connector fills the whole gap and holds no term: only neighbours
    // in text order can be the two sides.
    for i in 1..occurrences.len() {
        let (first, second) = (occurrences[i - 1], occurrences[i]);
        if !sides_of_a_contrast(text, lexicon, &first, &second) {
            continue;
        }
        for side in [i - 1, i] {
            let occurrence = &mut occurrences[side];
            if occurrence.sense == Sense::Business {
                occurrence.sense = Sense::Allowed;
                occurrence.reason = Reason::Contrast;
            }
        }
    }
}

/// Whether `first` and `second` are two different bare terms of one
/// language that a connector joins.
fn sides_of_a_contrast(
    text: &str,
    lexicon: &Lexicon,
    first: &Occurrence,
    second: &Occurrence,
) -> bool {
    let bare = |o: &Occurrence| o.phrase == o.span;
    let (a, b) = (lexicon.term(first.term), lexicon.term(second.term));
    bare(first)
        && bare(second)
        && a.lang == b.lang
        && lexicon.base_term(first.term) != lexicon.base_term(second.term)
        && crate::lexicon::within_contrast_reach(first, second)
        && lexicon
            .language(a.lang)
            .contrasts_roles(text, first.span, second.span)
}
