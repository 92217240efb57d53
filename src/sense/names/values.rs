//! A field given a value is a label. A step sets a field or an option to
//! a value, and both are written as the product shows them: `将 **客户类型**
//! 设置为 **B2B**`, `set **Customer type** to **Business**`, `для свойства
//! **…** значение **Да**`, `Для **журнала накладных клиента** введите
//! **Контекст накладной**`, `- **客户帐户**：*US-001*`. The bold span that
//! receives a marked value names a field whatever its case, and may be as
//! long as a page title: the value, not the span, tells the shape.
//!
//! A lowercase bold span counts only when its value is capitalised or has
//! no case (`**Да**`, `**B2B**`, `**是**`) or is code: `Для **постоянных
//! клиентов** укажите **скидку 5 %**` stresses whom a discount is for.

use crate::sense::labels::{
    MAX_CHARS, MAX_TITLE_WORDS, MAX_WORDS, around, marked_span, short_within, starts_capitalised,
};
use crate::span::Span;

/// Words that set a field to the value after them, per language: Russian
/// puts one or two of them between the field and its value.
const SETTERS: &[(&str, &[&str])] = &[
    ("en", &["to"]),
    (
        "ru",
        &[
            "значение",
            "значения",
            "введите",
            "выберите",
            "укажите",
            "установите",
            "задайте",
            "выбрано",
            "установлено",
        ],
    ),
    (
        "zh",
        &[
            "设置为",
            "设为",
            "设置成",
            "更改为",
            "选项设置为",
            "字段设置为",
        ],
    ),
];

/// The most words between a field and its value in a script with spaces.
const MAX_BETWEEN: usize = 2;

/// Whether the term at `span` of `text`, in language `lang`, is in a bold
/// span that is given a value (see the module doc).
pub(in crate::sense) fn field_given_value(text: &str, lang: &str, span: Span) -> bool {
    let Some((inner, None)) = marked_span(text, span) else {
        return false;
    };
    let label = &text[inner.start..inner.end];
    // The colon may stand inside the bold span: `**Счет клиента:** *US-007*`.
    let colon_inside = label.strip_suffix([':', '：']);
    if !short_within(
        colon_inside.unwrap_or(label),
        MAX_TITLE_WORDS,
        MAX_CHARS * 2,
    ) {
        return false;
    }
    let line = around(text, inner);
    let Some(after) = after_close(&text[inner.end..line.end]) else {
        return false;
    };
    let value = if colon_inside.is_some() {
        line_value(after)
    } else {
        colon_value(after).or_else(|| set_value(text, lang, inner, after))
    };
    let Some((value, code)) = value else {
        return false;
    };
    code || starts_capitalised(label) || starts_capitalised(value)
}

/// `after` without the bold span's closing mark, or `None` when the span
/// was not closed by one.
fn after_close(after: &str) -> Option<&str> {
    after
        .strip_prefix("**")
        .or_else(|| after.strip_prefix("</strong>"))
}

/// The value after a colon that fills the rest of the line: `**Field**:
/// *value*` in a list of fields.
fn colon_value(after: &str) -> Option<(&str, bool)> {
    let rest = after
        .strip_prefix(':')
        .or_else(|| after.strip_prefix('：'))?;
    line_value(rest)
}

/// The marked value that fills the rest of the line `rest`, but for a
/// closing full stop.
fn line_value(rest: &str) -> Option<(&str, bool)> {
    let (value, tail) = marked_value(rest.trim_start())?;
    let tail = tail.trim_end().trim_end_matches(['.', '。', ';', '；']);
    tail.is_empty().then_some(value)
}

/// The value a setter word gives the field: after the field in Chinese
/// and Russian, after `set **Field** to` in English.
fn set_value<'t>(
    text: &'t str,
    lang: &str,
    inner: Span,
    after: &'t str,
) -> Option<(&'t str, bool)> {
    let setters = SETTERS
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(&[][..], |(_, words)| words);
    if lang == "zh" {
        let rest = after.trim_start();
        let rest = setters.iter().find_map(|s| rest.strip_prefix(s))?;
        return marked_value(rest.trim_start()).map(|(value, _)| value);
    }
    if lang == "en" {
        let line = around(text, inner);
        let before = text[line.start..inner.start]
            .trim_end()
            .trim_end_matches("**")
            .trim_end_matches("<strong>")
            .trim_end()
            .to_lowercase();
        let before = before.strip_suffix(" the").unwrap_or(&before);
        if !(before.ends_with(" set") || before == "set") {
            return None;
        }
    }
    // Up to MAX_BETWEEN words, one of them a setter, then the value.
    let mut rest = after.trim_start();
    let mut setter = false;
    for _ in 0..MAX_BETWEEN {
        if setter && let Some(value) = marked_value(rest) {
            return Some(value.0);
        }
        let end = rest.find(char::is_whitespace)?;
        let word = &rest[..end];
        if !word.chars().all(char::is_alphabetic) {
            return None;
        }
        setter |= setters.contains(&word.to_lowercase().as_str());
        rest = rest[end..].trim_start();
    }
    if setter {
        marked_value(rest).map(|(value, _)| value)
    } else {
        None
    }
}

/// The short marked value at the start of `s` (`**…**`, `*…*`, `` `…` ``
/// or `<strong>…</strong>`), whether it is code, and the text after it.
fn marked_value(s: &str) -> Option<((&str, bool), &str)> {
    for (open, close) in [
        ("**", "**"),
        ("<strong>", "</strong>"),
        ("`", "`"),
        ("*", "*"),
    ] {
        let Some(rest) = s.strip_prefix(open) else {
            continue;
        };
        let end = rest.find(close)?;
        let value = &rest[..end];
        if value.trim().is_empty() || !short_within(value, MAX_WORDS, MAX_CHARS) {
            return None;
        }
        return Some(((value, open == "`"), &rest[end + close.len()..]));
    }
    None
}
