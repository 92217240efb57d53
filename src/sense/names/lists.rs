//! Bold labels in lists. Documentation lists a page's fields and options
//! as bold names, each followed by what it does, and names several
//! records or pages in one breath:
//!
//! 1. a **list item's lead**: a list item that opens with a short bold
//!    span, followed by a dash or a colon and its description, or by
//!    nothing (`- **Платежи клиентов** — суммируются платежи`, `- **客户订阅
//!    详细信息**：客户、订阅和套餐的详细视图`). The span must hold more
//!    than the term, and more than the term and a possessive: `- **客户**：
//!    购买商品的人` and `- **Our clients** — everyone who pays` define the
//!    role the way a glossary does, and are the writer's word choice;
//! 2. **coordinated bold spans**: the term's short bold span joined to
//!    another bold span by a comma or a conjunction (`**客户**、**联系人** 和
//!    **供应商** 记录`, `**Vendors** and **Customers**`). Only a span whose
//!    siblings hold no term of any role counts: `**客户**和**顾客**` sets
//!    two words side by side, and the rules should see it.
//!
//! Both need a capitalised span in a script with case; a lowercase bold
//! word is emphasis.

use crate::lexicon::is_cjk;
use crate::sense::labels::{around, marked_span, short, starts_capitalised};
use crate::span::Span;

/// Possessives of the three languages: with the term alone they make no
/// name.
const POSSESSIVES: &[&str] = &[
    "our",
    "your",
    "their",
    "my",
    "наш",
    "наши",
    "наших",
    "нашим",
    "нашими",
    "ваш",
    "ваши",
    "ваших",
    "вашим",
    "вашими",
    "их",
    "мои",
    "свои",
    "我们的",
    "您的",
    "你的",
    "他们的",
];

/// What joins two coordinated bold spans.
/// A join that ends another is listed first (`以及` before `及`).
const JOINS: &[&str] = &[
    "、", ",", "，", "and", "or", "или", "и", "和", "或", "与", "以及", "及",
];

/// Marks that close a bold span, and the marks that open one.
const CLOSE_MARKS: &[&str] = &["**", "</strong>"];
const OPEN_MARKS: &[&str] = &["**", "<strong>"];

/// Whether the term at `span` of `text` leads a list item as a short,
/// capitalised bold span holding more than the term (see the module doc).
pub(in crate::sense) fn leads_list_item(text: &str, span: Span) -> bool {
    let Some(inner) = bold_label(text, span) else {
        return false;
    };
    if !more_than_term(&text[inner.start..inner.end], text, span) {
        return false;
    }
    let line = around(text, inner);
    let Some(lead) = strip_any_suffix(&text[line.start..inner.start], OPEN_MARKS) else {
        return false;
    };
    if !is_list_marker(lead.trim()) {
        return false;
    }
    let Some(rest) = strip_any_prefix(&text[inner.end..line.end], CLOSE_MARKS) else {
        return false;
    };
    let rest = rest.trim_start();
    rest.is_empty()
        || rest.starts_with(['—', '–', ':', '：'])
        || rest.strip_prefix('-').is_some_and(|r| r.starts_with(' '))
}

/// The bold spans joined to the term's short, capitalised bold span by a
/// comma or a conjunction, nearest first on either side; none when the
/// term is in no such span.
pub(in crate::sense) fn coordinated_siblings(text: &str, span: Span) -> Vec<Span> {
    let Some(inner) = bold_label(text, span) else {
        return Vec::new();
    };
    let line = around(text, inner);
    let mut siblings = Vec::new();
    if let Some(open) = strip_any_suffix(&text[line.start..inner.start], OPEN_MARKS)
        && let Some(sibling) = bold_before(text, line.start, line.start + open.len())
    {
        siblings.push(sibling);
    }
    if let Some(close) = strip_any_prefix(&text[inner.end..line.end], CLOSE_MARKS)
        && let Some(sibling) = bold_after(text, line.end - close.len(), line.end)
    {
        siblings.push(sibling);
    }
    siblings
}

/// The inner span of the short, capitalised bold span (not link text)
/// the term at `span` stands in.
fn bold_label(text: &str, span: Span) -> Option<Span> {
    let (inner, None) = marked_span(text, span)? else {
        return None;
    };
    let label = &text[inner.start..inner.end];
    (short(label, false) && starts_capitalised(label)).then_some(inner)
}

/// The inner span of a bold span that ends, before a join, at `end`
/// (where the term's own bold span opens), reading no further back than
/// `from`.
fn bold_before(text: &str, from: usize, end: usize) -> Option<Span> {
    let before = strip_join_end(text[from..end].trim_end())?;
    let close = CLOSE_MARKS.iter().find(|m| before.ends_with(*m))?;
    let inner_end = from + before.len() - close.len();
    let open = OPEN_MARKS
        .iter()
        .filter_map(|m| text[from..inner_end].rfind(m).map(|i| (i, m.len())))
        .max()?;
    let inner = Span::new(from + open.0 + open.1, inner_end);
    bold_word(&text[inner.start..inner.end]).then_some(inner)
}

/// The inner span of a bold span that opens, after a join, at `start`
/// (where the term's own bold span closes), reading no further than `to`.
fn bold_after(text: &str, start: usize, to: usize) -> Option<Span> {
    let after = strip_join_start(text[start..to].trim_start())?;
    let open = OPEN_MARKS.iter().find(|m| after.starts_with(*m))?;
    let inner_start = to - after.len() + open.len();
    let close = CLOSE_MARKS
        .iter()
        .filter_map(|m| text[inner_start..to].find(m))
        .min()?;
    let inner = Span::new(inner_start, inner_start + close);
    bold_word(&text[inner.start..inner.end]).then_some(inner)
}

/// `s` without a join at its end and the space before it, or `None` when
/// it ends with no join. A word join needs no letter before it.
fn strip_join_end(s: &str) -> Option<&str> {
    JOINS.iter().find_map(|join| {
        let rest = s.strip_suffix(join)?;
        (!is_word(join) || rest.ends_with(char::is_whitespace)).then(|| rest.trim_end())
    })
}

/// `s` without a join at its start and the space after it, or `None`.
fn strip_join_start(s: &str) -> Option<&str> {
    JOINS.iter().find_map(|join| {
        let rest = s.strip_prefix(join)?;
        (!is_word(join) || rest.starts_with(char::is_whitespace)).then(|| rest.trim_start())
    })
}

/// Whether `join` is a word of a spaced script (`and`, `или`), which a
/// space must part from the bold spans; punctuation and Chinese joins
/// touch them.
fn is_word(join: &str) -> bool {
    join.chars().all(char::is_alphabetic) && !join.chars().any(is_cjk)
}

/// Whether a sibling's text is a short name, not a sentence in bold.
fn bold_word(s: &str) -> bool {
    !s.trim().is_empty() && short(s, false)
}

/// Whether `lead`, the text before a bold span on its line, is a list
/// marker: `-`, `*`, `+`, or a number with `.` or `)`.
fn is_list_marker(lead: &str) -> bool {
    if matches!(lead, "-" | "*" | "+") {
        return true;
    }
    let number = lead
        .strip_suffix('.')
        .or_else(|| lead.strip_suffix(')'))
        .unwrap_or("");
    !number.is_empty() && number.chars().all(|c| c.is_ascii_digit())
}

/// Whether `label` holds a word besides the term at `span` of `text` and
/// possessives.
fn more_than_term(label: &str, text: &str, span: Span) -> bool {
    let term = &text[span.start..span.end];
    let rest = label.replacen(term, " ", 1);
    rest.split(|c: char| !c.is_alphanumeric() && c != '№')
        .filter(|w| !w.is_empty())
        .any(|w| !POSSESSIVES.contains(&w.to_lowercase().as_str()))
}

fn strip_any_suffix<'a>(s: &'a str, marks: &[&str]) -> Option<&'a str> {
    marks.iter().find_map(|m| s.strip_suffix(m))
}

fn strip_any_prefix<'a>(s: &'a str, marks: &[&str]) -> Option<&'a str> {
    marks.iter().find_map(|m| s.strip_prefix(m))
}
