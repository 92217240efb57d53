//! A regex compiled the first time it is used, for checks that most runs
//! never reach.

use std::sync::OnceLock;

use regex_automata::meta::{Builder, Config, Regex};

/// A pattern and, once asked for, its compiled regex.
///
/// Only the backtracker and the Pike VM are built: these regexes run over
/// windows of a few hundred bytes, where a DFA or a literal prefilter buys
/// nothing, and building them costs several times more than the rest. A
/// regex made by [`LazyRegex::searching`] gets a lazy DFA too.
#[derive(Debug, Clone)]
pub(crate) struct LazyRegex {
    pattern: String,
    lazy_dfa: bool,
    compiled: OnceLock<Result<Regex, String>>,
}

impl LazyRegex {
    /// `pattern`, not yet compiled.
    pub(crate) fn new(pattern: String) -> Self {
        Self {
            pattern,
            lazy_dfa: false,
            compiled: OnceLock::new(),
        }
    }

    /// `pattern`, not yet compiled, for searches that start at many places
    /// of a window: the backtracker would try every start of the rest of
    /// the window each time, the lazy DFA reads it once.
    pub(crate) fn searching(pattern: String) -> Self {
        Self {
            lazy_dfa: true,
            ..Self::new(pattern)
        }
    }

    /// The regex, compiling it on the first call.
    pub(crate) fn get(&self) -> Result<&Regex, &str> {
        self.compiled
            .get_or_init(|| compile(&self.pattern, self.lazy_dfa))
            .as_ref()
            .map_err(String::as_str)
    }

    /// Whether the regex matches somewhere in `haystack`. A pattern that
    /// does not compile matches nothing; [`LazyRegex::get`] tells why.
    pub(crate) fn is_match(&self, haystack: &str) -> bool {
        self.get().is_ok_and(|r| r.is_match(haystack))
    }
}

fn compile(pattern: &str, lazy_dfa: bool) -> Result<Regex, String> {
    let config = Config::new()
        .hybrid(lazy_dfa)
        .dfa(false)
        .onepass(false)
        .auto_prefilter(false);
    Builder::new()
        .configure(config)
        .build(pattern)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_once_and_matches_like_a_regex() {
        let regex = LazyRegex::new(r"\b{start-half}(?i:клиент)\s*$".to_owned());
        assert!(regex.is_match("наш КЛИЕНТ "));
        assert!(!regex.is_match("суперклиент"));
        assert!(regex.get().is_ok());
    }

    #[test]
    fn a_pattern_that_does_not_compile_matches_nothing_and_says_why() {
        let regex = LazyRegex::new("(?:a".to_owned());
        assert!(!regex.is_match("a"));
        assert!(regex.get().is_err_and(|e| !e.is_empty()));
    }
}
