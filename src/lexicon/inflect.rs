//! Putting a replacement term in the form and capitalisation of the text it
//! replaces.
//!
//! The form comes from the aligned paradigms: the matched text fills some
//! slots of its term (`клиента` is genitive and accusative singular), and
//! the replacement is the target term's form in those slots. When those
//! slots disagree in the target, there is no safe replacement.

use std::fmt;

use super::{Gender, SlotSet, Term, is_invisible};

/// Why no replacement can be offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NoReplacement {
    /// The matched text is several forms, and the target spells them differently.
    Ambiguous {
        /// The candidate replacements.
        candidates: Vec<String>,
    },
    /// The target term has no form in the matched slot.
    MissingForm,
    /// The text is in Traditional Chinese, and no pack gives the
    /// replacement's Traditional spelling.
    NoTraditional {
        /// The replacement, in Simplified characters.
        form: String,
    },
    /// The preferred term has another gender, which the words agreeing
    /// with the term would not follow.
    Gender {
        /// The gender of the matched term.
        from: Gender,
        /// The gender of the preferred term.
        to: Gender,
    },
}

impl fmt::Display for NoReplacement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoReplacement::Ambiguous { candidates } => write!(
                f,
                "the form is ambiguous here (it could be {}); rewrite it by hand",
                candidates
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            NoReplacement::MissingForm => {
                f.write_str("the preferred term has no matching form; rewrite it by hand")
            }
            NoReplacement::NoTraditional { form } => write!(
                f,
                "the text is in Traditional characters and no term pack gives `{form}` in them; rewrite it by hand"
            ),
            NoReplacement::Gender { from, to } => write!(
                f,
                "the preferred term is {}, and the words that agree with this {} one would keep its gender; rewrite it by hand",
                gender_name(*to),
                gender_name(*from)
            ),
        }
    }
}

/// A gender as a message names it.
fn gender_name(gender: Gender) -> &'static str {
    match gender {
        Gender::Masculine => "masculine",
        Gender::Feminine => "feminine",
    }
}

/// How a word is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Capitalisation {
    /// `customer`.
    Lower,
    /// `Customer`.
    Title,
    /// `CUSTOMERS`.
    Upper,
    /// Anything else, or a script without case.
    Other,
}

impl Capitalisation {
    /// How `word` is capitalised.
    pub(crate) fn of(word: &str) -> Self {
        let mut letters = word
            .chars()
            .filter(|c| c.is_lowercase() || c.is_uppercase());
        let Some(first) = letters.next() else {
            return Self::Other;
        };
        let rest: Vec<char> = letters.collect();
        let rest_upper = rest.iter().all(|c| c.is_uppercase());
        let rest_lower = rest.iter().all(|c| c.is_lowercase());
        match (first.is_uppercase(), rest_upper, rest_lower) {
            (true, true, _) if !rest.is_empty() => Self::Upper,
            (true, _, true) => Self::Title,
            (false, _, true) => Self::Lower,
            _ => Self::Other,
        }
    }

    /// `word` (written in lower case) capitalised this way.
    pub(crate) fn apply(self, word: &str) -> String {
        match self {
            Self::Lower | Self::Other => word.to_owned(),
            Self::Upper => word.to_uppercase(),
            Self::Title => {
                let mut chars = word.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_uppercase().chain(chars).collect()
                })
            }
        }
    }
}

/// `replacement` with the invisible characters of `matched` (soft hyphens,
/// zero-width spaces and joiners) put back: each after as many visible
/// characters as it followed in `matched`, or at the end of a shorter
/// word. A fix never drops a character the writer typed on purpose.
pub(crate) fn keep_invisible(matched: &str, replacement: String) -> String {
    if !matched.chars().any(is_invisible) {
        return replacement;
    }
    let mut kept: Vec<(usize, char)> = Vec::new();
    let mut visible = 0;
    for c in matched.chars() {
        if is_invisible(c) {
            kept.push((visible, c));
        } else {
            visible += 1;
        }
    }
    let mut out = String::with_capacity(replacement.len() + 3 * kept.len());
    let mut pending = kept.into_iter().peekable();
    for (i, c) in replacement.chars().enumerate() {
        while let Some((_, invisible)) = pending.next_if(|&(at, _)| at == i) {
            out.push(invisible);
        }
        out.push(c);
    }
    out.extend(pending.map(|(_, c)| c));
    out
}

/// `target` in the slots `slots` and the capitalisation and apostrophe of `matched`.
pub(crate) fn replacement(
    target: &Term,
    slots: SlotSet,
    matched: &str,
) -> Result<String, NoReplacement> {
    let mut candidates: Vec<&str> = Vec::new();
    for slot in slots.iter() {
        let form = target.form(slot).ok_or(NoReplacement::MissingForm)?;
        if !candidates.contains(&form) {
            candidates.push(form);
        }
    }
    let form = match candidates.as_slice() {
        [] => return Err(NoReplacement::MissingForm),
        [one] => *one,
        _ => {
            return Err(NoReplacement::Ambiguous {
                candidates: candidates.into_iter().map(str::to_owned).collect(),
            });
        }
    };
    let mut out = Capitalisation::of(matched).apply(form);
    if matched.contains('\u{2019}') {
        out = out.replace('\'', "\u{2019}");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalisation_is_detected() {
        assert_eq!(Capitalisation::of("customer"), Capitalisation::Lower);
        assert_eq!(Capitalisation::of("Customer's"), Capitalisation::Title);
        assert_eq!(Capitalisation::of("CUSTOMERS'"), Capitalisation::Upper);
        assert_eq!(Capitalisation::of("КЛИЕНТАМИ"), Capitalisation::Upper);
        assert_eq!(Capitalisation::of("cUstomer"), Capitalisation::Other);
        assert_eq!(Capitalisation::of("客户"), Capitalisation::Other);
    }

    #[test]
    fn a_single_capital_is_title_case() {
        assert_eq!(Capitalisation::of("I"), Capitalisation::Title);
    }

    #[test]
    fn capitalisation_is_applied() {
        assert_eq!(Capitalisation::Title.apply("покупателями"), "Покупателями");
        assert_eq!(Capitalisation::Upper.apply("clients'"), "CLIENTS'");
        assert_eq!(Capitalisation::Other.apply("顾客"), "顾客");
    }
}
