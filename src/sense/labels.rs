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
//! 2. a **bold span** (`**…**`, `<strong>…</strong>`) that is short,
//!    holds no sentence punctuation, starts with a capital in a cased
//!    script (a lowercase bold word is emphasis) and either stands
//!    mid-sentence in Russian (which capitalises no word there but a name)
//!    or has a UI cue: a UI noun just before or after it (`поле`, `page`,
//!    `字段`), a step verb just before it (`выберите`, `click`, `选择`). In
//!    Chinese a row, column or table noun counts after a space (`与
//!    **客户** 行关联`, where a touching `行` starts `行为`), and `从 **…**
//!    选择` (choose from) is a step too. A bold span longer than five words
//!    is a label when a UI noun stands just before it (`для свойства
//!    **Заблокировать регистрацию в программе лояльности для клиента**`):
//!    fields have long names, emphasis has no such noun. Three more
//!    shapes need no cue: a lowercase bold span right after a UI noun
//!    (machine translation lowercases field names: `В поле **счет
//!    клиента**`), a Russian one that opens with an infinitive (the name
//!    of an action or a feature: `**Создать клиента**`, `**Включить
//!    изменение клиентов**`), and a short Chinese one in which a noun of
//!    [`NAME_HEADS`] follows the term (`**客户帐户**`, `**客户帐龄数据存储**`).
//!    A bold span after an equals sign is a value (`字段 = **客户/供应商**`);
//! 3. **link text** (`[…](…)`) that titles something outside the docs set
//!    (a URL or a site-root path, see [`titles_outside`]), or that is
//!    short and capitalised and links to a page or report of the product
//!    (`?page=`, `?report=`), or in English is Title Case linking to a
//!    `.md` page. Link text to a page of the same docs set is prose
//!    otherwise, UI noun or not: that page's title is checked where it
//!    stands;
//! 4. in a script without case, a **quoted term** (`选择“客户”`, `"客户"页`)
//!    with the same cues: a term alone in quotes after a step verb or
//!    before a UI noun is a button or a page, not a mention.
//!
//! The lowercase quote a UI noun introduces ([`quote_after_noun`]) and the
//! column headers that name UI things ([`names_ui_thing`]) are read here
//! for the quote and table shapes of [`super::names`].
//!
//! Bold words at a sentence start with no cue (`**Клиенты** получают
//! скидку`) stay uses: emphasis looks the same, and only a cue tells a
//! label. The cue words are per language in the constants below.

use crate::source::{ceil_char_boundary, floor_char_boundary};
use crate::span::Span;

/// The most words a label holds in a script with spaces.
pub(super) const MAX_WORDS: usize = 5;

/// The most characters a label holds in a script without spaces.
pub(super) const MAX_CHARS: usize = 12;

/// How far a label's marks are looked for on either side of a term, in
/// bytes: far enough that the `**` pairs of a long line of Russian (two
/// bytes a letter) are counted from the line's start.
const REACH: usize = 1000;

/// The most words a page title holds in link text.
pub(super) const MAX_TITLE_WORDS: usize = 12;

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
            "table",
            "template",
            "entity",
            "entities",
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
            "свойств",
            "параметр",
            "узел",
            "узл",
            "визуализац",
            "таблиц",
            "шаблон",
            "сущност",
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
            "选项",
            "节点",
            "视觉对象",
            "实体",
            "模板",
            "表单",
            "表格",
        ],
    ),
];

/// Words for a name, as word prefixes: a table column headed by one
/// (`Display name`, `Отображаемое имя`, `页面名称`) lists names.
const NAME_WORDS: &[(&str, &[&str])] = &[
    ("en", &["name", "title"]),
    ("ru", &["имя", "имен", "назван"]),
    ("zh", &["名称"]),
];

/// UI nouns a Chinese label is parted from by a space only (`与 **客户**
/// 行关联`, a row; `**客户** 表`, a table): touching the label they start
/// other words (`行为`, behaviour; `表示`, to express), which
/// [`SPACED_NOUN_WORDS`] tells apart.
const SPACED_NOUNS: &[&str] = &["行", "列", "表"];

/// Words that start with a [`SPACED_NOUNS`] character and are no UI noun.
const SPACED_NOUN_WORDS: &[&str] = &[
    "行为", "行业", "行动", "行使", "列出", "列为", "列入", "表示", "表明", "表达", "表现", "表扬",
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
            "设置为",
            "设为",
            "设定为",
            "更改为",
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
        if has_menu_separator(label) && short(label, true) {
            return true;
        }
        return match link_target {
            Some(target) => linked_label(text, lang, inner, span, target),
            None => bold_label(text, lang, inner, span),
        };
    }
    if lang == "zh"
        && let Some(inner) = quoted_term(text, span)
    {
        return cued(text, lang, inner);
    }
    false
}

/// Whether the bold span at `inner`, around the term at `span`, is a UI
/// label (see the module doc).
fn bold_label(text: &str, lang: &str, inner: Span, span: Span) -> bool {
    let label = &text[inner.start..inner.end];
    if label.trim_start().starts_with('№') && short(label, false) {
        // A number sign opens the name of a number field (`заполните
        // **№ клиента плательщика**`), whatever the case after it.
        return true;
    }
    if infinitive_name(label, lang) && short_within(label, MAX_TITLE_WORDS, MAX_CHARS * 2) {
        return true;
    }
    if !starts_capitalised(label) {
        // Machine translation writes many field names in lowercase (`В
        // поле **счет клиента**`); a word stressed in prose has no UI
        // noun just before it (`только с **заказчиками**`).
        return short(label, false) && noun_just_before(text, lang, inner);
    }
    if lang == "zh" && short(label, false) && headed_by_term(text, span, inner) {
        return true;
    }
    if !short(label, false) {
        // A field's name may be long; the UI noun just before it says it
        // is one (`для свойства **Заблокировать регистрацию в программе
        // лояльности для клиента**`).
        return short_within(label, MAX_TITLE_WORDS, MAX_CHARS * 2)
            && noun_just_before(text, lang, inner);
    }
    cued(text, lang, inner)
        || chosen_from(text, lang, inner)
        || field_value(text, inner)
        || capitalised_mid_sentence(text, lang, inner)
}

/// The nouns a Chinese name puts after a term it opens (`客户帐户`,
/// `客户发票`, `客户帐龄数据存储`): a short bold span that holds such a
/// compound names a field, a page or a document type of the product.
/// Emphasis stresses a clause or a kind (`**顾客可随时退货**`,
/// `**新客户**`), not a compound noun.
const NAME_HEADS: &[&str] = &[
    "帐户",
    "账户",
    "帐号",
    "账号",
    "发票",
    "余额",
    "帐龄",
    "账龄",
    "数据",
    "订单",
    "付款",
    "信息",
    "主数据",
    "类型",
    "编号",
    "代码",
    "名称",
    "地址",
    "合同",
    "交易",
    "结算",
    "过帐",
    "过账",
    "折扣",
    "价格",
    "联系人",
    "记录",
    "门户",
    "设置",
    "参数",
    "属性",
    "日记帐",
    "日记账",
    "对帐单",
    "对账单",
    "存款",
    "预付款",
    "资格",
    "搜索",
    "层级",
    "方案",
    "模型",
    "模式",
    "集合",
    "来源",
    "渠道",
];

/// Whether the Chinese term at `span`, inside the bold span at `inner`,
/// is followed there by a noun of [`NAME_HEADS`], in either script
/// (`**客戶帳戶**`).
fn headed_by_term(text: &str, span: Span, inner: Span) -> bool {
    let rest = crate::lexicon::simplify(text.get(span.end..inner.end).unwrap_or_default());
    NAME_HEADS.iter().any(|noun| rest.starts_with(noun))
}

/// Whether the link text at `inner`, around the term at `span` and
/// linking to `target`, names something the writer cannot rename: the
/// title of something outside the docs set, a page or report of the
/// product (`?page=`, `?report=`), or in English a Title Case page title.
/// Link text to a page of the same docs set is prose otherwise, whatever
/// UI noun stands before it (`см. в разделе [Скидки для клиентов](…)`):
/// that page's own title is checked where it stands.
fn linked_label(text: &str, lang: &str, inner: Span, span: Span, target: &str) -> bool {
    let label = &text[inner.start..inner.end];
    if titles_outside(text, inner, span, target) {
        return true;
    }
    if !starts_capitalised(label) || !short(label, false) {
        return false;
    }
    target.contains("?page=")
        || target.contains("?report=")
        || (lang == "en" && target.ends_with(".md") && title_case(label))
}

/// The part of the line around `span` that is read, at most [`REACH`]
/// bytes on either side.
pub(super) fn around(text: &str, span: Span) -> Span {
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
pub(super) fn short(label: &str, path: bool) -> bool {
    if path {
        short_within(label, MAX_WORDS * 3, MAX_CHARS * 3)
    } else {
        short_within(label, MAX_WORDS, MAX_CHARS)
    }
}

/// Whether `label` holds at most `max_words` words, or `max_chars`
/// characters in a script without spaces, and no sentence punctuation.
pub(super) fn short_within(label: &str, max_words: usize, max_chars: usize) -> bool {
    let plain: String = label
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '"' | '“' | '”' | '«' | '»'))
        .collect();
    let words = plain.split_whitespace().count();
    let cjk = plain.chars().filter(|c| is_cjk(*c)).count();
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
pub(super) fn starts_capitalised(label: &str) -> bool {
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
pub(super) fn marked_span(text: &str, span: Span) -> Option<(Span, Option<&str>)> {
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
        let spaced = spaced_noun(&text[inner.end..line.end]);
        let after = after.trim_start_matches("快速");
        return nouns
            .iter()
            .any(|n| after.starts_with(n) || before.ends_with(n))
            || verbs.iter().any(|v| before.ends_with(v))
            || spaced;
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

/// Whether `after`, the text after a Chinese label, is its closing mark,
/// a space and one of the [`SPACED_NOUNS`]: `**客户** 行`, not `**客户**行为`.
pub(super) fn spaced_noun(after: &str) -> bool {
    let after = after
        .strip_prefix("**")
        .or_else(|| after.strip_prefix("</strong>"))
        .unwrap_or(after);
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    SPACED_NOUNS.iter().any(|n| rest.starts_with(n))
        && !SPACED_NOUN_WORDS.iter().any(|w| rest.starts_with(w))
}

/// Whether the word just before the label at `inner` (its marks aside) is
/// a UI noun: `свойства **…**`, `the property **…**`, `字段 **…**`.
pub(super) fn noun_just_before(text: &str, lang: &str, inner: Span) -> bool {
    let nouns = table(UI_NOUNS, lang);
    let line = around(text, inner);
    let before = strip_marks_end(&text[line.start..inner.start]).to_lowercase();
    if lang == "zh" {
        return nouns.iter().any(|n| before.ends_with(n));
    }
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("");
    !last.is_empty() && nouns.iter().any(|n| last.starts_with(n))
}

/// Whether a Chinese label at `inner` is what a step chooses from:
/// `从 **客户发票上下文模型** 选择`, with `从` (from) before it and a step
/// verb after it. `从**客户**选择的商品中` (from the goods customers chose)
/// and `**客户**选择了` are prose: a verb followed by `的` or `了` is not a
/// step.
pub(super) fn chosen_from(text: &str, lang: &str, inner: Span) -> bool {
    if lang != "zh" {
        return false;
    }
    let line = around(text, inner);
    let before = strip_marks_end(&text[line.start..inner.start]);
    let after = strip_marks_start(&text[inner.end..line.end]);
    let after = after.strip_prefix('中').unwrap_or(after);
    before.ends_with('从')
        && table(STEP_VERBS, lang).iter().any(|v| {
            after
                .strip_prefix(v)
                .is_some_and(|rest| !rest.starts_with(['的', '了']))
        })
}

/// Whether `header`, a table's column header, names UI things or names
/// (`Страница отчета`, `Visuals`, `报表`, `Display name`): a word of it
/// starts with a UI noun or a word for a name, or in Chinese it holds one.
pub(super) fn names_ui_thing(header: &str, lang: &str) -> bool {
    let nouns = table(UI_NOUNS, lang);
    let names = table(NAME_WORDS, lang);
    let header = header.to_lowercase();
    if lang == "zh" {
        return nouns.iter().chain(names).any(|n| header.contains(n));
    }
    header
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| !w.is_empty() && nouns.iter().chain(names).any(|n| w.starts_with(n)))
}

/// Whether the quoted span at `inner` follows a UI noun, directly or after
/// other quoted spans joined to it by a comma or a conjunction: `модуля
/// "расчеты с поставщиками" и "расчеты с клиентами"`, `the "customers"
/// option`. A lowercase quoted word after any other word is a mention.
pub(super) fn quote_after_noun(text: &str, lang: &str, inner: Span) -> bool {
    const JOINS: &[&str] = &["и", "или", "and", "or", ","];
    let nouns = table(UI_NOUNS, lang);
    let line = around(text, inner);
    let mut before = text[line.start..inner.start].trim_end_matches(['"', '«', '“', '„']);
    // Step back over quoted spans joined to this one, a few at most.
    for _ in 0..4 {
        let trimmed = before.trim_end();
        let Some(join) = JOINS.iter().find(|j| {
            trimmed.ends_with(*j)
                && trimmed[..trimmed.len() - j.len()].ends_with(|c: char| !c.is_alphanumeric())
        }) else {
            break;
        };
        let rest = trimmed[..trimmed.len() - join.len()].trim_end();
        let Some(close) = rest
            .chars()
            .next_back()
            .filter(|c| matches!(c, '"' | '»' | '”' | '“'))
        else {
            break;
        };
        let rest = &rest[..rest.len() - close.len_utf8()];
        let open = ['"', '«', '“', '„'];
        let Some(at) = rest.rfind(open) else {
            break;
        };
        before = &rest[..at];
    }
    let last = before
        .trim_end()
        .to_lowercase()
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("")
        .to_owned();
    !last.is_empty() && nouns.iter().any(|n| last.starts_with(n))
}

/// The words `tables` lists for `lang`, none for a language it leaves out.
pub(super) fn table(
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
/// a dash, a colon or an equals sign stands between them. After an equals
/// sign it is a value whatever names the field (`**借方类型** 字段 =
/// **客户/供应商**`): prose does not assign.
fn field_value(text: &str, inner: Span) -> bool {
    let line = around(text, inner);
    let marked = text[line.start..inner.start].trim_end_matches(['*', ' ']);
    if marked.ends_with('=') && !marked.ends_with("==") {
        return true;
    }
    let before = marked.trim_end_matches(['—', '–', ':', '=', '-']);
    before.len() < marked.len() && before.trim_end().ends_with("**")
}

/// Whether a Russian bold label starts with an infinitive and holds more
/// words: the name of an action or a feature (`**Создать клиента**`,
/// `**Включить изменение клиентов в асинхронном режиме**`). Stressed prose
/// does not open with an infinitive.
fn infinitive_name(label: &str, lang: &str) -> bool {
    if lang != "ru" {
        return false;
    }
    let mut words = label.split_whitespace();
    let first = words.next().unwrap_or_default().to_lowercase();
    let infinitive = first.chars().count() >= 5
        && first.chars().all(|c| matches!(c, 'а'..='я' | 'ё'))
        && ["ить", "ать", "ять", "еть", "уть", "ыть"]
            .iter()
            .any(|ending| first.ends_with(ending));
    infinitive && words.next().is_some()
}

/// Whether the link text at `inner`, linking to `target`, reproduces the
/// title of something outside the documentation set: a page of another
/// site or of another docs set (a URL, or a path from the site's root), a
/// report opened in the product, a video. The writer cannot retitle it.
/// A link to a page of the same docs set (`page.md`, `#section`) is not
/// one: that page's own title is checked where it stands, and a fix keeps
/// the two in step. A link text that is the term alone is a word of the
/// sentence, and an image's alt text is prose.
fn titles_outside(text: &str, inner: Span, span: Span, target: &str) -> bool {
    let outside = target.starts_with('/')
        || target
            .split_once("://")
            .is_some_and(|(scheme, _)| matches!(scheme, "http" | "https"));
    let image = text[..inner.start].ends_with("![");
    let label = text[inner.start..inner.end].trim_matches(|c: char| c.is_whitespace() || c == '*');
    outside && !image && label != &text[span.start..span.end]
}

/// Whether the capitalised bold span at `inner` stands in
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
