//! Phrase templates: the small notation packs use to list collocations.
//!
//! `{lemma}` stands for every form of the term with that lemma, `(a|b|)`
//! for one of the alternatives (an empty one included), anything else is
//! literal text. A template holds at most one placeholder, so each expanded
//! phrase knows exactly where its term sits.

use std::ops::Range;

/// Upper bound on the phrases one template may expand to, so that a pack
/// cannot make the matcher explode.
const MAX_EXPANSIONS: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Choice(Vec<String>),
    Term(String),
}

/// A parsed phrase template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template {
    parts: Vec<Part>,
}

/// One phrase a template stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expansion {
    /// The phrase.
    pub(crate) text: String,
    /// Where the placeholder's form sits in `text`, and which form it is.
    pub(crate) term: Option<(Range<usize>, usize)>,
}

impl Template {
    /// Parse a template, or say what is wrong with it.
    pub(crate) fn parse(source: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = source.chars();
        let mut placeholders = 0;
        while let Some(c) = chars.next() {
            let close = match c {
                '{' => '}',
                '(' => ')',
                ')' | '}' => return Err(format!("`{c}` without its opening bracket")),
                _ => {
                    literal.push(c);
                    continue;
                }
            };
            let mut inner = String::new();
            loop {
                match chars.next() {
                    Some(next) if next == close => break,
                    Some('{' | '(' | ')' | '}') => {
                        return Err("brackets cannot nest in a phrase template".to_owned());
                    }
                    Some(next) => inner.push(next),
                    None => return Err(format!("`{c}` is never closed by `{close}`")),
                }
            }
            if !literal.is_empty() {
                parts.push(Part::Literal(std::mem::take(&mut literal)));
            }
            if c == '{' {
                placeholders += 1;
                if placeholders > 1 {
                    return Err("a phrase template may name only one `{term}`".to_owned());
                }
                let lemma = inner.trim();
                if lemma.is_empty() {
                    return Err("`{}` names no term".to_owned());
                }
                parts.push(Part::Term(lemma.to_owned()));
            } else {
                parts.push(Part::Choice(inner.split('|').map(str::to_owned).collect()));
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Literal(literal));
        }
        if parts.is_empty() {
            return Err("the phrase is empty".to_owned());
        }
        Ok(Self { parts })
    }

    /// The template with `map` applied to its literal text and every
    /// alternative; the placeholder is left as it is. Mapping each piece
    /// once gives the phrases what mapping each phrase would, for a `map`
    /// that works character by character (such as folding), at a fraction
    /// of the cost.
    pub(crate) fn map_text(self, map: impl Fn(&str) -> String) -> Self {
        let parts = self
            .parts
            .into_iter()
            .map(|part| match part {
                Part::Literal(text) => Part::Literal(map(&text)),
                Part::Choice(options) => Part::Choice(options.iter().map(|o| map(o)).collect()),
                Part::Term(lemma) => Part::Term(lemma),
            })
            .collect();
        Self { parts }
    }

    /// The lemma the placeholder names, if there is one.
    pub(crate) fn placeholder(&self) -> Option<&str> {
        self.parts.iter().find_map(|part| match part {
            Part::Term(lemma) => Some(lemma.as_str()),
            _ => None,
        })
    }

    /// Every phrase the template stands for, the placeholder filled with
    /// each of `forms` in turn: the first part's choice varies slowest.
    pub(crate) fn expand(&self, forms: &[impl AsRef<str>]) -> Result<Vec<Expansion>, String> {
        let mut choices: Vec<Vec<(&str, Option<usize>)>> = Vec::with_capacity(self.parts.len());
        let mut count = 1usize;
        for part in &self.parts {
            let options: Vec<(&str, Option<usize>)> = match part {
                Part::Literal(text) => vec![(text.as_str(), None)],
                Part::Choice(options) => options.iter().map(|o| (o.as_str(), None)).collect(),
                Part::Term(_) => forms
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (f.as_ref(), Some(i)))
                    .collect(),
            };
            count = count.saturating_mul(options.len());
            if count > MAX_EXPANSIONS {
                return Err(format!(
                    "the template stands for more than {MAX_EXPANSIONS} phrases"
                ));
            }
            choices.push(options);
        }
        // Each phrase is written once, choosing from each part in turn as
        // the digits of a number count up.
        let mut out = Vec::with_capacity(count);
        let mut picks = vec![0; choices.len()];
        for _ in 0..count {
            let len = choices.iter().zip(&picks).map(|(o, &p)| o[p].0.len()).sum();
            let mut text = String::with_capacity(len);
            let mut term = None;
            for (options, &pick) in choices.iter().zip(&picks) {
                let (piece, form) = options[pick];
                let start = text.len();
                text.push_str(piece);
                if let Some(index) = form {
                    term = Some((start..text.len(), index));
                }
            }
            out.push(Expansion { text, term });
            for (options, pick) in choices.iter().zip(picks.iter_mut()).rev() {
                *pick += 1;
                if *pick < options.len() {
                    break;
                }
                *pick = 0;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(template: &str, forms: &[&str]) -> Vec<String> {
        let forms: Vec<String> = forms.iter().map(|f| (*f).to_owned()).collect();
        Template::parse(template)
            .unwrap()
            .expand(&forms)
            .unwrap()
            .into_iter()
            .map(|e| e.text)
            .collect()
    }

    #[test]
    fn alternatives_and_placeholder_multiply() {
        assert_eq!(
            texts("(HTTP|web) {client}", &["client", "clients"]),
            ["HTTP client", "HTTP clients", "web client", "web clients"]
        );
    }

    #[test]
    fn mapping_the_text_leaves_the_placeholder() {
        let template = Template::parse("(HTTP|Web) {Client} Call").unwrap();
        let mapped = template.map_text(str::to_lowercase);
        assert_eq!(mapped.placeholder(), Some("Client"));
        let forms = ["client".to_owned()];
        let texts: Vec<String> = mapped
            .expand(&forms)
            .unwrap()
            .into_iter()
            .map(|e| e.text)
            .collect();
        assert_eq!(texts, ["http client call", "web client call"]);
    }

    #[test]
    fn an_empty_alternative_is_allowed() {
        assert_eq!(texts("сервер(|а) x", &[]), ["сервер x", "сервера x"]);
    }

    #[test]
    fn the_placeholder_position_is_recorded() {
        let template = Template::parse("на стороне {клиент}").unwrap();
        assert_eq!(template.placeholder(), Some("клиент"));
        let expanded = template.expand(&["клиента".to_owned()]).unwrap();
        let (range, form) = expanded[0].term.clone().unwrap();
        assert_eq!(&expanded[0].text[range], "клиента");
        assert_eq!(form, 0);
    }

    #[test]
    fn malformed_templates_are_explained() {
        assert!(
            Template::parse("(a|b")
                .unwrap_err()
                .contains("never closed")
        );
        assert!(Template::parse("{a} {b}").unwrap_err().contains("only one"));
        assert!(Template::parse("a)").unwrap_err().contains("without"));
        assert!(Template::parse("({a})").unwrap_err().contains("nest"));
        assert!(Template::parse("{ }").unwrap_err().contains("no term"));
    }
}
