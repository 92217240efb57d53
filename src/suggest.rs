//! "Did you mean …?": the closest known name to a misspelt one.
//!
//! Used for config keys, rule and business names, and the names in inline
//! directives, so that every "unknown …" error says what was probably meant.

use std::sync::LazyLock;

use regex::Regex;

/// The message serde gives for an unknown key or value:
/// "unknown field `buisness`, expected one of `business`, `fail-on`".
static SERDE_UNKNOWN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^unknown (?:field|variant) `([^`]*)`, expected (?:one of )?(.*)$").ok()
});

/// The candidate closest to `name`, if it is close enough to be a typo.
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let name = name.to_lowercase();
    // A typo changes a few letters; beyond a third of the word it is
    // another word. A cut-short name (`warn` for `warning`) is close too.
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| {
            let distance = if name.len() >= 3 && candidate.starts_with(&name) {
                1
            } else {
                strsim::damerau_levenshtein(&name, candidate)
            };
            (distance, candidate)
        })
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// "did you mean `x`?" for `name` among `candidates`, if one is close.
pub(crate) fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(name, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// The "did you mean" for a serde "unknown field" or "unknown variant"
/// message, if the message is one and a candidate is close.
pub(crate) fn for_serde_message(message: &str) -> Option<String> {
    let captures = SERDE_UNKNOWN.as_ref()?.captures(message.trim())?;
    let name = captures.get(1)?.as_str();
    let expected = captures.get(2)?.as_str();
    // serde quotes the candidates in backticks; some deserializers do not.
    let candidates: Vec<&str> = if expected.contains('`') {
        expected.split('`').skip(1).step_by(2).collect()
    } else {
        expected
            .split([','])
            .flat_map(|c| c.split(" or "))
            .map(str::trim)
            .collect()
    };
    did_you_mean(name, candidates.into_iter().filter(|c| !c.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transposition_or_a_missing_letter_is_a_typo() {
        let rules = ["wrong-term", "mixed-terms", "self-contrast"];
        assert_eq!(closest("mixd-terms", rules), Some("mixed-terms"));
        assert_eq!(closest("Wrong-Term", rules), Some("wrong-term"));
        assert_eq!(closest("spelling", rules), None);
    }

    #[test]
    fn serde_messages_give_their_own_candidates() {
        assert_eq!(
            for_serde_message(
                "unknown field `buisness`, expected one of `business`, `fail-on`, `rules`"
            )
            .as_deref(),
            Some("did you mean `business`?")
        );
        assert_eq!(
            for_serde_message("unknown variant `warn`, expected one of `error`, `warning`")
                .as_deref(),
            Some("did you mean `warning`?")
        );
        assert_eq!(
            for_serde_message("unknown field `paths`, expected `path`").as_deref(),
            Some("did you mean `path`?")
        );
        assert_eq!(
            for_serde_message("unknown field `rule`, expected `business` or `rules`").as_deref(),
            Some("did you mean `rules`?")
        );
        assert_eq!(
            for_serde_message("unknown field `busines`, expected one of business, rules")
                .as_deref(),
            Some("did you mean `business`?")
        );
        assert_eq!(for_serde_message("invalid type: integer `3`"), None);
    }
}
