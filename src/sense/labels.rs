//! UI labels are names too. Localised product documentation names the
//! pages, fields, menus and reports of the product in the reader's
//! language (`На странице **Карточка клиента**`, `在 **客户帐户** 字段中`,
//! `[Клиент - список продаж](…?report=119)`); the writer cannot rename
//! them without breaking the instructions. [`is_label`] recognises a label
//! by its shape:
//!
//! 1. a **menu path**: the term's segment touches a menu separator
//!    (`\>`, `&gt;`, or `>` with a space before it), and the segment is
//!    short (`Расчеты с клиентами > Настройка`, `转到 设置 >客户过帐模板`);
//! 2. a **bold span or link text** (`**…**`, `<strong>…</strong>`,
//!    `[…](…)`) that is short, holds no sentence punctuation, starts with
//!    a capital in a cased script (a lowercase bold word is emphasis) and
//!    either stands mid-sentence in Russian (which capitalises no word
//!    there but a name) or has a UI cue: a UI noun just before or after it (`поле`, `page`,
//!    `字段`), a step verb just before it (`выберите`, `click`, `选择`),
//!    or, for link text, a link to a page or report (`?page=`, `?report=`)
//!    or, in English, Title Case link text to a `.md` page;
//! 3. in a script without case, a **quoted term** (`选择“客户”`, `"客户"页`)
//!    with the same cues: a term alone in quotes after a step verb or
//!    before a UI noun is a button or a page, not a mention.
//!
//! Bold words at a sentence start with no cue (`**Клиенты** получают
//! скидку`) stay uses: emphasis looks the same, and only a cue tells a
//! label. The cue words are per language in the constants below.

use crate::source::{ceil_char_boundary, floor_char_boundary};
use crate::span::Span;

/// The most words a label holds in a script with spaces.
const MAX_WORDS: usize = 5;

/// The most characters a label holds in a script without spaces.
const MAX_CHARS: usize = 12;

/// How far a label's marks are looked for on either side of a term, in
/// bytes: far enough that the `**` pairs of a long line of Russian (two
/// bytes a letter) are counted from the line's start.
const REACH: usize = 1000;

/// The most words a page title holds in link text.
const MAX_TITLE_WORDS: usize = 12;

/// UI nouns, as word prefixes (Russian inflects them): a label stands
/// next to one.
const UI_NOUNS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "page",
            "field",
            "tab",
            "menu",
            "report",
            "button",
            "action",
            "list",
            "dialog",
            "pane",
            "window",
            "tile",
            "workspace",
            "column",
            "section",
        ],
    ),
    (
        "ru",
        &[
            "страниц",
            "поле",
            "поля",
            "полю",
            "вкладк",
            "экспресс-вкладк",
            "раздел",
            "меню",
            "отчет",
            "отчёт",
            "кнопк",
            "действи",
            "список",
            "списк",
            "окн",
            "диалог",
            "плитк",
            "рабоч",
            "столб",
            "модул",
        ],
    ),
    (
        "zh",
        &[
            "页",
            "页面",
            "字段",
            "选项卡",
            "菜单",
            "报表",
            "报告",
            "按钮",
            "列表",
            "对话框",
            "窗格",
            "磁贴",
            "工作区",
            "链接",
            "模块",
        ],
    ),
];

/// Step verbs: a label follows one.
const STEP_VERBS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "select", "choose", "open", "click", "go", "enter", "navigate", "tap",
        ],
    ),
    (
        "ru",
        &[
            "выберите",
            "нажмите",
            "откройте",
            "перейдите",
            "введите",
            "щелкните",
            "щёлкните",
            "укажите",
            "выбрать",
            "открыть",
        ],
    ),
    (
        "zh",
        &[
            "选择",
            "单击",
            "点击",
            "打开",
            "转到",
            "在",
            "输入",
            "选中",
            "依次选择",
        ],
    ),
];

/// Whether the term at `span` of `text`, in language `lang`, is part of a
/// UI label (see the module doc).
pub(super) fn is_label(text: &str, lang: &str, span: Span) -> bool {
    if menu_segment(text, span) {
        return true;
    }
    if let Some((inner, link_target)) = marked_span(text, span) {
        let label = &text[inner.start..inner.end];
        if link_target.is_some_and(|t| page_title(text, inner, t)) {
            return true;
        }
        if has_menu_separator(label) && short(label, true) {
            return true;
        }
        if !short(label, false) || !starts_capitalised(label) {
            return false;
        }
        if cued(text, lang, inner)
            || field_value(text, inner)
            || capitalised_mid_sentence(text, lang, inner)
        {
            return true;
        }
        if let Some(target) = link_target {
            if target.contains("?page=") || target.contains("?report=") {
                return true;
            }
            if lang == "en" && target.ends_with(".md") && title_case(label) {
                return true;
            }
        }
        return false;
    }
    if lang == "zh"
        && let Some(inner) = quoted_term(text, span)
    {
        return cued(text, lang, inner);
    }
    false
}

/// The part of the line around `span` that is read, at most [`REACH`]
/// bytes on either side.
fn around(text: &str, span: Span) -> Span {
    let from = floor_char_boundary(text, span.start.saturating_sub(REACH));
    let to = ceil_char_boundary(text, (span.end + REACH).min(text.len()));
    let start = text[from..span.start]
        .rfind('\n')
        .map_or(from, |i| from + i + 1);
    let end = text[span.end..to].find('\n').map_or(to, |i| span.end + i);
    Span::new(start, end)
}

/// Whether `label` is short enough to be a label: at most [`MAX_WORDS`]
/// words and no sentence punctuation; a script without spaces counts
/// characters instead. A menu path may hold more words, one label a step.
fn short(label: &str, path: bool) -> bool {
    let plain: String = label
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '"' | '“' | '”' | '«' | '»'))
        .collect();
    let words = plain.split_whitespace().count();
    let cjk = plain.chars().filter(|c| is_cjk(*c)).count();
    let (max_words, max_chars) = if path {
        (MAX_WORDS * 3, MAX_CHARS * 3)
    } else {
        (MAX_WORDS, MAX_CHARS)
    };
    words > 0 && words <= max_words && cjk <= max_chars && !sentence_punctuation(&plain)
}

/// Whether `s` holds punctuation that ends or parts sentences.
fn sentence_punctuation(s: &str) -> bool {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '!' | '?' | ';' | '。' | '！' | '？' | '；' | '，' | '…' => return true,
            '.' | ',' | ':' if chars.peek().is_none_or(|n| n.is_whitespace()) => return true,
            _ => {}
        }
    }
    false
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Whether the first letter of `label` is a capital, or has no case.
fn starts_capitalised(label: &str) -> bool {
    label
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_uppercase() || !c.is_lowercase())
}

/// Whether every word of `label` of three letters or more is capitalised.
fn title_case(label: &str) -> bool {
    label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

fn has_menu_separator(s: &str) -> bool {
    s.contains("\\>") || s.contains("&gt;") || s.contains(" >") || s.contains("> ")
}

/// Whether `before` (text before a segment, marks stripped) ends with a
/// menu separator.
fn ends_with_separator(before: &str) -> bool {
    let before = strip_marks_end(before);
    if before.ends_with("\\>") || before.ends_with("&gt;") {
        return true;
    }
    // `>` after a space is a separator; after a letter it closes a tag,
    // and at the line start it is a block quote.
    let Some(rest) = before.strip_suffix('>') else {
        return false;
    };
    rest.ends_with(char::is_whitespace) && !rest.trim().is_empty()
}

/// Whether `after` (text after a segment, marks stripped) starts with a
/// menu separator.
fn starts_with_separator(after: &str) -> bool {
    let after = strip_marks_start(after);
    after.starts_with("\\>") || after.starts_with("&gt;") || after.starts_with('>')
}

/// `s` without the white space, emphasis, quotes and HTML tags at its end.
fn strip_marks_end(mut s: &str) -> &str {
    loop {
        let trimmed = s.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '*' | '_' | '"' | '“' | '”' | '«' | '»')
        });
        let trimmed = match trimmed.strip_suffix('>') {
            Some(rest) if rest.ends_with(|c: char| c.is_ascii_alphabetic()) => {
                match rest.rfind('<') {
                    Some(i) if !rest[i..].contains(char::is_whitespace) => &rest[..i],
                    _ => trimmed,
                }
            }
            _ => trimmed,
        };
        if trimmed.len() == s.len() {
            return s;
        }
        s = trimmed;
    }
}

/// `s` without the white space, emphasis, quotes and HTML tags at its
/// start.
fn strip_marks_start(mut s: &str) -> &str {
    loop {
        let trimmed = s.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '*' | '_' | '"' | '“' | '”' | '«' | '»')
        });
        let trimmed = match trimmed.strip_prefix('<') {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') => {
                match rest.find('>') {
                    Some(i) if !rest[..i].contains(char::is_whitespace) => &rest[i + 1..],
                    _ => trimmed,
                }
            }
            _ => trimmed,
        };
        if trimmed.len() == s.len() {
            return s;
        }
        s = trimmed;
    }
}

/// Characters that end a menu segment.
fn segment_boundary(c: char) -> bool {
    matches!(
        c,
        '|' | '*'
            | '"'
            | '“'
            | '”'
            | '«'
            | '»'
            | '<'
            | '>'
            | '('
            | ')'
            | '['
            | ']'
            | ':'
            | '：'
            | '，'
            | '。'
            | '、'
            | ','
            | ';'
            | '；'
            | '\\'
            | '&'
            // A sentence end closes the last segment: "Go to Sales >
            // Customers."
            | '.'
            | '!'
            | '?'
            | '！'
            | '？'
    )
}

/// Whether the term at `span` is in a short segment of a menu path.
fn menu_segment(text: &str, span: Span) -> bool {
    let line = around(text, span);
    let before = &text[line.start..span.start];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| segment_boundary(c))
        .map_or(line.start, |(i, c)| line.start + i + c.len_utf8());
    let after = &text[span.end..line.end];
    let end = after
        .find(segment_boundary)
        .map_or(line.end, |i| span.end + i);
    let segment = text[start..end].trim();
    let touches = ends_with_separator(&text[line.start..start])
        || starts_with_separator(&text[end..line.end]);
    touches && short(segment, false) && starts_capitalised(segment)
}

/// The inner span of the bold span or the link text around `span`, with
/// the link's target if it is link text.
fn marked_span(text: &str, span: Span) -> Option<(Span, Option<&str>)> {
    let line = around(text, span);
    let before = &text[line.start..span.start];
    let after = &text[span.end..line.end];
    // `**…**`: an odd count of `**` before the term on its line.
    if before.matches("**").count() % 2 == 1 {
        let open = line.start + before.rfind("**")? + 2;
        let close = span.end + after.find("**")?;
        return Some((Span::new(open, close), None));
    }
    if let (Some(o), Some(c)) = (before.rfind("<strong>"), after.find("</strong>"))
        && !before[o..].contains("</strong>")
    {
        return Some((Span::new(line.start + o + 8, span.end + c), None));
    }
    // `[…](target)`: an opening bracket not closed before the term, a
    // closing one after it followed by `(`.
    let o = before.rfind('[')?;
    if before[o..].contains(']') {
        return None;
    }
    let c = after.find(']')?;
    let rest = &after[c + 1..];
    let target = rest.strip_prefix('(')?;
    let target = &target[..target.find(')')?];
    Some((Span::new(line.start + o + 1, span.end + c), Some(target)))
}

/// The inner span of quote marks around a term standing alone in them
/// (bold marks and spaces aside).
fn quoted_term(text: &str, span: Span) -> Option<Span> {
    let line = around(text, span);
    let before =
        text[line.start..span.start].trim_end_matches(|c: char| c.is_whitespace() || c == '*');
    let after =
        text[span.end..line.end].trim_start_matches(|c: char| c.is_whitespace() || c == '*');
    let open = before.chars().next_back()?;
    let close = after.chars().next()?;
    let pair = matches!(
        (open, close),
        ('"', '"') | ('“', '”') | ('「', '」') | ('『', '』') | ('《', '》') | ('«', '»')
    );
    // Both trimmed texts are slices of `text`: their lengths say where
    // the marks stand.
    let open_at = line.start + before.len() - open.len_utf8();
    let close_at = span.end + (text[span.end..line.end].len() - after.len());
    pair.then(|| Span::new(open_at + open.len_utf8(), close_at))
}

/// Whether the label at `inner` (its marks may lie just outside) has a UI
/// noun just before or after it, or a step verb just before it.
fn cued(text: &str, lang: &str, inner: Span) -> bool {
    let nouns = table(UI_NOUNS, lang);
    let verbs = table(STEP_VERBS, lang);
    let line = around(text, inner);
    let before = strip_marks_end(&text[line.start..inner.start]);
    let before = before.trim_end_matches(['[', '(']);
    let after = strip_marks_start(&text[inner.end..line.end]);
    let after = after.trim_start_matches([']']);
    if lang == "zh" {
        // No spaces: the cue touches the label.
        let after = after.trim_start_matches("快速");
        return nouns
            .iter()
            .any(|n| after.starts_with(n) || before.ends_with(n))
            || verbs.iter().any(|v| before.ends_with(v));
    }
    let lower_before = before.to_lowercase();
    let previous: Vec<&str> = lower_before
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .rev()
        .take(2)
        .collect();
    let lower_after = after.to_lowercase();
    let next = lower_after
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .find(|w| !w.is_empty());
    let noun = |w: &str| nouns.iter().any(|n| w.starts_with(n));
    previous.iter().any(|w| noun(w) || verbs.contains(w)) || next.is_some_and(noun)
}

fn table(
    tables: &'static [(&str, &'static [&'static str])],
    lang: &str,
) -> &'static [&'static str] {
    tables
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(&[], |(_, words)| words)
}

/// Whether the bold span at `inner` is the value given to a bold field
/// (`**Тип** — **Ценовая группа клиента**`, `**Type**: **Customer**`): only
/// a dash, a colon or an equals sign stands between them.
fn field_value(text: &str, inner: Span) -> bool {
    let line = around(text, inner);
    let before = text[line.start..inner.start].trim_end_matches(['*', ' ']);
    let before = before.trim_end_matches(['—', '–', ':', '=', '-']);
    before.len()
        < text[line.start..inner.start]
            .trim_end_matches(['*', ' '])
            .len()
        && before.trim_end().ends_with("**")
}

/// Whether the link text at `inner`, linking to `target`, is the title of
/// a page: the link fills its heading or list item (a table of contents),
/// and `target` is a page of the documentation set.
fn page_title(text: &str, inner: Span, target: &str) -> bool {
    let line = around(text, inner);
    let lead = &text[line.start..inner.start];
    let lead = lead.strip_suffix('[').unwrap_or(lead).trim();
    let marker = lead.is_empty()
        || lead.chars().all(|c| c == '#')
        || matches!(lead, "-" | "*" | "+")
        || lead
            .trim_end_matches('.')
            .chars()
            .all(|c| c.is_ascii_digit());
    let rest = &text[inner.end..line.end];
    let rest = rest.strip_prefix("](").unwrap_or(rest);
    let tail = rest.strip_prefix(target).unwrap_or(rest);
    let tail = tail.strip_prefix(')').unwrap_or(tail).trim();
    let label = &text[inner.start..inner.end];
    let local = !target.contains("://") && (target.ends_with(".md") || target.contains(".md#"));
    marker && tail.is_empty() && local && label.split_whitespace().count() <= MAX_TITLE_WORDS
}

/// Whether the capitalised bold span or link text at `inner` stands in
/// the middle of a sentence, in Russian: Russian capitalises no word
/// mid-sentence but a name, and emphasis keeps the word's case, so
/// `выбрано сопоставление **Накладная клиента**` is a name. English
/// capitalises for emphasis and Title Case more freely, so it needs a cue.
fn capitalised_mid_sentence(text: &str, lang: &str, inner: Span) -> bool {
    if lang != "ru" {
        return false;
    }
    let line = around(text, inner);
    let before = strip_marks_end(&text[line.start..inner.start]);
    let before = before.trim_end_matches(['[', '(']).trim_end();
    let Some(last) = before.chars().next_back() else {
        return false;
    };
    // After a sentence end, a colon or a dash, or with only a list marker,
    // a heading mark or a table's `|` before it, a capital says nothing.
    let start = matches!(
        last,
        '.' | '!' | '?' | ':' | '—' | '–' | '-' | '|' | '#' | '>' | ')'
    ) || !before.chars().any(char::is_alphabetic);
    !start
}
