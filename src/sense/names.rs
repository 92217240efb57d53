//! Names are not terms. A term that is part of a name — a product
//! (`Customer Identity Cloud`), a UI label (`Click "Customers"`), a bank
//! app (`«Клиент-Банк»`), a party a contract defines (`Заказчик`, `the
//! Client shall pay`) — is not the writer's word choice, and a fix that
//! renamed it would break the text. [`mark_names`] reads the shape of the
//! text around each business-sense term:
//!
//! 1. a term glued into a code name the matcher let through
//!    (`Customer.Name`, `Client#send`, `/api/customer-id/`) is technical;
//! 2. a term inside a short quoted name: at most five words, no sentence
//!    punctuation, and the first word capitalised or the term hyphenated
//!    into a compound (`"Customer Profiles"`, `«Клиент-Банк»`). A
//!    capitalised single word is a name too: a quoted `"Customers"` is
//!    most often the label of a button or a menu, which the writer cannot
//!    rename either. A lowercase quoted word (`the word "client"`) is a
//!    mention and stays a use. In a script without case, a quoted span
//!    holding more than the term (`「客户之声」`) is a name;
//! 3. a capitalised term in a run of capitalised words or acronyms
//!    (`open Customer Profiles`, `React DOM Client`). A sentence's first
//!    word is capitalised anyway, so a run that starts a sentence needs
//!    three words (`Customer Identity Cloud stores …`), and `Customers
//!    love us.` stays a use. A heading or table header written in Title
//!    Case capitalises every word, so runs there say nothing;
//! 4. a party a contract defines, capitalised mid-sentence: any such term
//!    in Russian (`Исполнитель передаёт Заказчику`), one after `the` in
//!    English (`the Customer agrees`), which capitalises names in runs
//!    otherwise. Chinese has no case. A contract names each party once:
//!    when parties of two roles appear (`the Client` and `the Customer`),
//!    one of them is a slip, and none is read as a name;
//! 5. a UI label: a menu path, a bold span with a UI cue, link text that
//!    titles something outside the docs set (see [`super::labels`]), a bold
//!    field given a marked value (see [`values`]), an item of a table
//!    cell under a header that names UI things, or an entity with a
//!    version (see [`cells`]), a quoted tree path (`"Отчеты\Платежи
//!    клиента"`), a lowercase quote a UI noun introduces (`модуля
//!    "расчеты с клиентами"`), a bold name that leads a list item or is
//!    listed beside other bold names (see [`lists`]);
//! 6. in Chinese, a term between a Latin brand and the noun that heads a
//!    product or document name (`Microsoft 客户协议`, see [`brands`]);
//! 7. a term in a report's name that its number follows (`Клиент -
//!    оборотная ведомость (отчет 12439)`, see [`reports`]);
//! 8. in Chinese, a term that opens a compound closed by a noun for a
//!    part of an accounting system (`客户付款日记帐`, `客户过帐模板`, see
//!    [`parts`]).
//!
//! Terms inside a name are marked [`Sense::Allowed`] for [`Reason::Name`]:
//! `wrong-term`, `mixed-terms` and `translation-collapse` pass them over,
//! `self-contrast` still sees them.

use crate::lexicon::{LangId, Lexicon, Occurrence, Reason, Sense};
use crate::markdown::ProseMap;
use crate::source::{ceil_char_boundary, floor_char_boundary};
use crate::span::Span;

use super::labels::table;
use super::window::{self, breaks_block};

mod brands;
mod cells;
mod lists;
mod parts;
mod reports;
mod values;

/// The most words a quoted name holds.
const MAX_QUOTED_WORDS: usize = 5;

/// The most characters a quoted name holds in a script without spaces.
const MAX_QUOTED_CHARS: usize = 12;

/// How far a line is read on either side of a term, in bytes.
const LINE_REACH: usize = 400;

/// How far a path or URL around a term is read on either side, in bytes.
const TOKEN_REACH: usize = 256;

/// How far a quote mark is looked for on either side of a term, in bytes.
const QUOTE_REACH: usize = 160;

/// Opening quote marks and the marks that close each.
const QUOTES: &[(char, &[char])] = &[
    ('«', &['»']),
    ('“', &['”']),
    ('„', &['“', '”']),
    ('「', &['」']),
    ('『', &['』']),
    ('《', &['》']),
];

/// Marks that only close a quote: met before a term, it is not inside one.
const CLOSERS: &[char] = &['»', '”', '」', '』', '》'];

/// Short words that a Title Case heading leaves lowercase.
const TITLE_CASE_MINOR: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "per", "the", "to", "vs", "via", "with", "и", "в", "во", "на", "с", "со", "к", "о", "об",
    "по", "для", "или", "от", "из",
];

/// Nouns for a word, per language: a quoted term right after one (`the
/// word "customer"`, `слово «заказчик»`, `术语“客户”`) is mentioned, not
/// used. Russian nouns are given in their case forms.
const WORD_NOUNS_BEFORE: &[(&str, &[&str])] = &[
    ("en", &["word", "words", "term", "terms"]),
    (
        "ru",
        &[
            "слово",
            "слова",
            "слову",
            "словом",
            "слове",
            "термин",
            "термина",
            "термину",
            "термином",
            "термине",
            "термины",
            "терминов",
        ],
    ),
    ("zh", &["词", "术语", "字眼", "说法", "称呼"]),
];

/// The same after the quote, in Chinese (`“顾客”一词`).
const WORD_NOUNS_AFTER: &[(&str, &[&str])] = &[(
    "zh",
    &[
        "一词",
        "这个词",
        "这一词",
        "二字",
        "这个字眼",
        "这个说法",
        "这一说法",
        "这个称呼",
    ],
)];

/// Mark the business-sense terms among `occurrences` of the Markdown
/// `text` (whose headings are `headings` and whose prose is `prose`, sorted
/// spans) that are part of a name, and the ones glued into a code name.
pub(crate) fn mark_names(
    text: &str,
    headings: &[(u8, Span)],
    prose: &ProseMap,
    lexicon: &Lexicon,
    occurrences: &mut [Occurrence],
) {
    // In text order, the term nearest before a span's end is the one that
    // may overlap it.
    let mut spans: Vec<Span> = occurrences.iter().map(|o| o.span).collect();
    spans.sort_unstable_by_key(|s| s.start);
    let holds_term = |s: Span| {
        let before_end = spans.partition_point(|o| o.start < s.end);
        spans[..before_end].last().is_some_and(|o| o.end > s.start)
    };
    let shapes: Vec<Option<Shape>> = occurrences
        .iter()
        .map(|o| {
            let lang = lexicon.language(lexicon.term(o.term).lang);
            (o.sense == Sense::Business)
                .then(|| name_shape(text, headings, &lang.code, o.span))
                .flatten()
        })
        .collect();
    let parties_disagree = parties_disagree(
        lexicon,
        occurrences
            .iter()
            .zip(&shapes)
            .filter(|(_, shape)| **shape == Some(Shape::Party))
            .map(|(o, _)| o),
    );
    for (occurrence, shape) in occurrences.iter_mut().zip(shapes) {
        if occurrence.sense != Sense::Business {
            continue;
        }
        if in_code_name(text, prose, occurrence.span) {
            occurrence.sense = Sense::Technical;
            occurrence.reason = Reason::Identifier;
            continue;
        }
        let lang = lexicon.language(lexicon.term(occurrence.term).lang);
        if mentioned(text, &lang.code, occurrence.span) {
            occurrence.sense = Sense::Allowed;
            occurrence.reason = Reason::Mention;
            continue;
        }
        let coordinated = || {
            let siblings = lists::coordinated_siblings(text, occurrence.span);
            !siblings.is_empty() && !siblings.iter().any(|&s| holds_term(s))
        };
        let named = match shape {
            Some(Shape::Party) => !parties_disagree,
            Some(Shape::Other) => true,
            None => false,
        };
        if named || coordinated() {
            occurrence.sense = Sense::Allowed;
            occurrence.reason = Reason::Name;
        }
    }
}

/// Whether `parties`, the terms read as parties a contract defines, name
/// two roles in one language: a contract names each party once, so one of
/// them is a slip and neither is a name.
fn parties_disagree<'a>(lexicon: &Lexicon, parties: impl Iterator<Item = &'a Occurrence>) -> bool {
    let mut role_of: Vec<(LangId, &str)> = Vec::new();
    for party in parties {
        let term = lexicon.term(party.term);
        match role_of.iter().find(|(lang, _)| *lang == term.lang) {
            Some((_, role)) if *role != term.role => return true,
            Some(_) => {}
            None => role_of.push((term.lang, &term.role)),
        }
    }
    false
}

/// Which kind of name a term is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A party a contract defines, and nothing else.
    Party,
    /// Any other shape of the module doc.
    Other,
}

/// Whether the term at `span` is part of a name (see the module doc).
pub(super) fn is_name(text: &str, headings: &[(u8, Span)], lang: &str, span: Span) -> bool {
    name_shape(text, headings, lang, span).is_some()
}

/// The kind of name the term at `span` is part of, if any.
fn name_shape(text: &str, headings: &[(u8, Span)], lang: &str, span: Span) -> Option<Shape> {
    if quoted_name(text, lang, span)
        || super::labels::is_label(text, lang, span)
        || values::field_given_value(text, lang, span)
        || cells::in_table_name(text, lang, span)
        || lists::leads_list_item(text, span)
        || reports::names_a_report(text, span)
        || (lang == "zh" && (brands::branded(text, span) || parts::names_a_part(&text[span.end..])))
    {
        return Some(Shape::Other);
    }
    let first = text[span.start..].chars().next()?;
    // Names by case need a capitalised term; a caseless script has none.
    if !first.is_uppercase() {
        return None;
    }
    let heading = heading_of(headings, span);
    let line = line_of(text, span);
    let title_case = match heading {
        Some(heading) => is_title_case(&text[heading.start..heading.end]),
        None => table_header_cell(text, line, span).is_some_and(is_title_case),
    };
    let starts = |at: usize| starts_sentence(text, headings, at);
    if !title_case && capitalised_run(text, wrapped_line_of(text, headings, line), span, starts) {
        return Some(Shape::Other);
    }
    (heading.is_none() && !starts(word_start(text, span.start)) && is_party(text, lang, span))
        .then_some(Shape::Party)
}

/// Whether the term at `span` stands alone in quotes that a noun for a
/// word introduces: the text is about the word (`Слово «заказчик»
/// встречается только в договорах`), and a fix would make it about another.
fn mentioned(text: &str, lang: &str, span: Span) -> bool {
    let Some(inner) = quoted(text, span) else {
        return false;
    };
    if text[inner.start..inner.end].trim_matches(|c: char| c.is_whitespace() || c == '*')
        != &text[span.start..span.end]
    {
        return false;
    }
    let line = line_of(text, span);
    let Some(open) = text[..inner.start].chars().next_back() else {
        return false;
    };
    let before = text[line.start..inner.start - open.len_utf8()]
        .trim_end_matches(|c: char| c.is_whitespace() || c == '*');
    let after_close = text[inner.end..line.end]
        .chars()
        .next()
        .map_or("", |close| &text[inner.end + close.len_utf8()..line.end]);
    let noun_before = if lang == "zh" {
        table(WORD_NOUNS_BEFORE, lang)
            .iter()
            .any(|noun| before.ends_with(noun))
    } else {
        let last = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        table(WORD_NOUNS_BEFORE, lang).contains(&last.as_str())
    };
    noun_before
        || table(WORD_NOUNS_AFTER, lang)
            .iter()
            .any(|noun| after_close.trim_start().starts_with(noun))
}

/// Whether the term at `span` is glued into a code name that the
/// matcher's word boundaries let through, for a term of any role (the
/// sense reader looks at the roles it classifies only):
/// `Customer.Name`, `Customer::new`, `Client#send`, `$customer`, or a path
/// or URL (`/api/customer-id/`).
fn in_code_name(text: &str, prose: &ProseMap, span: Span) -> bool {
    // Outside the prose a mark is Markdown: `_customers_` is emphasis,
    // `customer_id` one name.
    let Some(around) = prose_around(text, prose, span) else {
        return false;
    };
    let text = &text[..around.end];
    let local = Span::new(span.start - around.start, span.end - around.start);
    if super::in_identifier(&text[around.start..], local) {
        return true;
    }
    let after = &text[span.end..];
    let mut chars = after.chars();
    if chars.next() == Some('#') && chars.next().is_some_and(|c| c.is_ascii_alphanumeric()) {
        return true;
    }
    // Glued to a path's `/` or a query's `?` or `&`, in a token that is a
    // path or URL: `vendor/client` offers a choice, and text written
    // without spaces is no token.
    let glued = matches!(
        text[..span.start].chars().next_back(),
        Some('/' | '?' | '&')
    );
    if !glued {
        return false;
    }
    // A path or URL is short: looking no further than this keeps a line
    // written without spaces (Chinese) from being read once per term.
    let from = floor_char_boundary(
        text,
        span.start.saturating_sub(TOKEN_REACH).max(around.start),
    );
    let to = ceil_char_boundary(text, (span.end + TOKEN_REACH).min(text.len()));
    let token_start = text[from..span.start]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || "([<>\"'`".contains(c))
        .map_or(from, |(i, c)| from + i + c.len_utf8());
    let token_end = span.end
        + text[span.end..to]
            .find(|c: char| c.is_whitespace() || ")]<>\"'`".contains(c))
            .unwrap_or(to - span.end);
    let token = &text[token_start..token_end];
    ["/", "./", "../", "~/", "?"]
        .iter()
        .any(|p| token.starts_with(p))
        || token.contains("://")
}

/// The run of `prose` that holds `span`, as far as [`TOKEN_REACH`] either
/// side of it: all that [`in_code_name`] reads.
fn prose_around(text: &str, prose: &ProseMap, span: Span) -> Option<Span> {
    // A run cut short by the reach may end inside a character.
    let run = prose.run_around(span, TOKEN_REACH + 4)?;
    Some(Span::new(
        ceil_char_boundary(text, run.start),
        floor_char_boundary(text, run.end),
    ))
}

/// Whether the term at `span` stands in a short quoted name, in language
/// `lang`.
fn quoted_name(text: &str, lang: &str, span: Span) -> bool {
    let Some(inner) = quoted(text, span) else {
        return false;
    };
    let quote = &text[inner.start..inner.end];
    if tree_path(quote) {
        return true;
    }
    let words = quote.split_whitespace().count();
    if words == 0 || words > MAX_QUOTED_WORDS || ends_sentences(quote) {
        return false;
    }
    let Some(first) = quote.chars().find(|c| c.is_alphanumeric()) else {
        return false;
    };
    if first.is_uppercase() {
        return true;
    }
    if first.is_lowercase() {
        // A compound such as `Клиент-Банк` is a name in any case, and so
        // is a quote a UI noun introduces (`модуля "расчеты с
        // клиентами"`); a lowercase word by itself is a mention.
        return hyphenated(text, span) || super::labels::quote_after_noun(text, lang, inner);
    }
    // No case: a name holds more than the term, once (`“客户或客户”` sets
    // two words against each other), and stays short.
    let term = &text[span.start..span.end];
    quote.trim() != term
        && quote.matches(term).count() == 1
        && quote.chars().count() <= MAX_QUOTED_CHARS
}

/// Whether `quote` is a path through a tree of the UI: capitalised
/// segments parted by `\` with no space around it, each short enough to
/// be a name (`"Модель накладной клиента\Модель накладной клиента
/// (настраиваемая)"`).
fn tree_path(quote: &str) -> bool {
    let segments: Vec<&str> = quote.split('\\').collect();
    segments.len() > 1
        && segments.iter().all(|s| {
            let words = s.split_whitespace().count();
            !s.starts_with(' ')
                && !s.ends_with(' ')
                && words > 0
                && words <= MAX_QUOTED_WORDS
                && !ends_sentences(s)
                && s.chars()
                    .find(|c| c.is_alphanumeric())
                    .is_some_and(|c| !c.is_lowercase())
        })
}

/// The text between the quote marks around `span`, on its line.
fn quoted(text: &str, span: Span) -> Option<Span> {
    let line = line_of(text, span);
    let from = line.start.max(floor_char_boundary(
        text,
        span.start.saturating_sub(QUOTE_REACH),
    ));
    let to = line.end.min(ceil_char_boundary(
        text,
        (span.end + QUOTE_REACH).min(text.len()),
    ));
    let before = text.get(from..span.start)?;
    let (open_at, open) = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c == '"' || CLOSERS.contains(&c) || QUOTES.iter().any(|q| q.0 == c))?;
    let open_at = from + open_at;
    if CLOSERS.contains(&open) {
        return None;
    }
    let after = text.get(span.end..to)?;
    if open == '"' {
        // Straight quotes open and close alike: an odd count before the
        // term on its line puts it inside a pair.
        let count = text[line.start..span.start].matches('"').count();
        if count.is_multiple_of(2) {
            return None;
        }
        let close = after.find('"')?;
        return Some(Span::new(open_at + 1, span.end + close));
    }
    let closers = QUOTES.iter().find(|q| q.0 == open)?.1;
    let close = after.find(|c: char| closers.contains(&c))?;
    Some(Span::new(open_at + open.len_utf8(), span.end + close))
}

/// Whether `quote` holds sentence punctuation: it is a sentence or a list,
/// not a name. A dot inside a word (`Node.js`) is not one.
fn ends_sentences(quote: &str) -> bool {
    let mut chars = quote.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '!' | '?' | ';' | '。' | '！' | '？' | '；' | '，' | '、' | '…' => return true,
            '.' | ',' | ':' if chars.peek().is_none_or(|n| n.is_whitespace()) => return true,
            _ => {}
        }
    }
    false
}

/// Whether the term at `span` is joined to another word by a hyphen.
fn hyphenated(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().rev();
    let after = text[span.end..].chars();
    let joined = |mut chars: Box<dyn Iterator<Item = char> + '_>| {
        chars.next() == Some('-') && chars.next().is_some_and(char::is_alphanumeric)
    };
    joined(Box::new(before)) || joined(Box::new(after))
}

/// The line that holds `span`, without its line break, and no more than
/// [`LINE_REACH`] bytes on either side of it: a page-long line costs no
/// more per term than a normal one.
fn line_of(text: &str, span: Span) -> Span {
    let from = floor_char_boundary(text, span.start.saturating_sub(LINE_REACH));
    let to = ceil_char_boundary(text, (span.end + LINE_REACH).min(text.len()));
    let start = text[from..span.start]
        .rfind('\n')
        .map_or(from, |i| from + i + 1);
    let end = text[span.end..to].find('\n').map_or(to, |i| span.end + i);
    Span::new(start, end)
}

/// `line` with the lines of its paragraph on either side, where the text
/// wraps: a name such as "Microsoft Project Client" may be cut by a line
/// break as well as any other words, but not by one that ends a block
/// (see [`super::window::breaks_block`]).
fn wrapped_line_of(text: &str, headings: &[(u8, Span)], line: Span) -> Span {
    let mut out = line;
    // Only a whole line reaches its neighbours: `line_of` cuts a long one
    // anywhere, even inside a character.
    let bytes = text.as_bytes();
    if line.start > 0
        && bytes[line.start - 1] == b'\n'
        && !breaks_block(text, headings, line.start - 1)
    {
        out.start = line_of(text, Span::new(line.start - 1, line.start - 1)).start;
    }
    if bytes.get(line.end) == Some(&b'\n') && !breaks_block(text, headings, line.end) {
        out.end = line_of(text, Span::new(line.end + 1, line.end + 1)).end;
    }
    out
}

/// The heading that holds `span`, if any.
fn heading_of(headings: &[(u8, Span)], span: Span) -> Option<Span> {
    let after = headings.partition_point(|(_, h)| h.start <= span.start);
    let (_, heading) = headings.get(after.checked_sub(1)?)?;
    heading.contains(span).then_some(*heading)
}

/// The text of the table header cell that holds `span` on `line`, if
/// `line` is a table's header row: a row of cells followed by the
/// delimiter row.
fn table_header_cell(text: &str, line: Span, span: Span) -> Option<&str> {
    let row = &text[line.start..line.end];
    if !row.trim_start().starts_with('|') {
        return None;
    }
    let next = text.get(line.end + 1..)?.lines().next()?.trim();
    let delimiter = next.contains('-')
        && next
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
    if !delimiter {
        return None;
    }
    let cell_start = text[line.start..span.start]
        .rfind('|')
        .map_or(line.start, |i| line.start + i + 1);
    let cell_end = text[span.end..line.end]
        .find('|')
        .map_or(line.end, |i| span.end + i);
    Some(&text[cell_start..cell_end])
}

/// Whether every word of `text` that is not a short minor word is
/// capitalised: Title Case, where capitals mark no names.
fn is_title_case(text: &str) -> bool {
    let mut any = false;
    for word in words(text) {
        let Some(first) = word.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() {
            continue;
        }
        if first.is_lowercase() && !TITLE_CASE_MINOR.contains(&word) {
            return false;
        }
        any = true;
    }
    any
}

/// The words of `text`: whitespace-parted tokens without the punctuation
/// around them.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

/// A word of a run: where it is, and whether punctuation parts it from
/// the words before and after.
#[derive(Debug, Clone, Copy)]
struct Word {
    span: Span,
    open_before: bool,
    open_after: bool,
}

/// Whether the term at `span` is in a run of capitalised words or
/// acronyms on `line` long enough to be a name; `starts(at)` tells
/// whether a word at `at` starts a sentence.
fn capitalised_run(text: &str, line: Span, span: Span, starts: impl Fn(usize) -> bool) -> bool {
    let tokens = line_words(text, line);
    let Some(at) = tokens
        .iter()
        .position(|w| w.span.start <= span.start && span.end <= w.span.end)
    else {
        return false;
    };
    let latin = is_latin(&text[span.start..span.end]);
    // A name is written in one script: in `Клиенты Dynamics 365
    // используют` the customers are not part of the product's name.
    let member = |w: &Word| {
        let word = &text[w.span.start..w.span.end];
        in_name(word) && (word.chars().all(|c| !c.is_alphabetic()) || is_latin(word) == latin)
    };
    // A term in capitals is shouted, and so are the words beside it.
    let shouted = !text[span.start..span.end].chars().any(char::is_lowercase);
    if shouted || !member(&tokens[at]) {
        return false;
    }
    let mut first = at;
    while first > 0
        && tokens[first].open_before
        && tokens[first - 1].open_after
        && member(&tokens[first - 1])
    {
        first -= 1;
    }
    let mut last = at;
    while last + 1 < tokens.len()
        && tokens[last].open_after
        && tokens[last + 1].open_before
        && member(&tokens[last + 1])
    {
        last += 1;
    }
    let length = last - first + 1;
    // A sentence's first word is capitalised whatever it is: it counts
    // only with two capitalised words after it.
    let needed = if starts(tokens[first].span.start) {
        3
    } else {
        2
    };
    length >= needed
}

/// The words of `line`, with whether each is open to its neighbours: no
/// punctuation but a possessive between them.
fn line_words(text: &str, line: Span) -> Vec<Word> {
    let mut out = Vec::new();
    let slice = &text[line.start..line.end];
    for token in slice.split(char::is_whitespace) {
        // Each token is a slice of `slice`: its address says where.
        if token.is_empty() {
            // Two white-space characters in a row (`Project \nClient`).
            continue;
        }
        let start = line.start + (token.as_ptr() as usize - slice.as_ptr() as usize);
        let inner = token.trim_matches(|c: char| !c.is_alphanumeric());
        if inner.is_empty() {
            // A dash, a bullet, a lone mark: nothing joins across it.
            if let Some(last) = out.last_mut() {
                let last: &mut Word = last;
                last.open_after = false;
            }
            continue;
        }
        let offset = token.find(inner).unwrap_or(0);
        let lead = &token[..offset];
        let tail = &token[offset + inner.len()..];
        out.push(Word {
            span: Span::new(start + offset, start + offset + inner.len()),
            open_before: lead.is_empty(),
            open_after: tail.is_empty() || tail == "’s" || tail == "'s",
        });
    }
    out
}

/// Whether `word` may stand in a name: capitalised (`Customer`), an
/// acronym or a code (`DOM`, `iOS`, `360`). The pronoun `I` is neither.
fn in_name(word: &str) -> bool {
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    let Some(first) = word.chars().next() else {
        return false;
    };
    if word == "I" {
        return false;
    }
    let capitalised = first.is_uppercase();
    let coded = word.chars().count() >= 2
        && (word.chars().skip(1).any(char::is_uppercase)
            || word.chars().all(|c| c.is_ascii_digit()));
    capitalised || coded
}

/// Whether the first letter of `word` is a Latin one.
fn is_latin(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c))
}

/// Where the word holding the byte `at` starts.
fn word_start(text: &str, at: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric() && c != '-')
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Whether the word at `at` starts a sentence, or may: nothing but white
/// space and Markdown marks (a list marker, emphasis, a table's `|`, an
/// opening quote) stand between it and a sentence end, a colon, the start
/// of its block or the start of its line. A wrapped line's first word may
/// well be mid-sentence, but a line may also start a sentence after HTML
/// or a hard break, and then its capital says nothing.
fn starts_sentence(text: &str, headings: &[(u8, Span)], at: usize) -> bool {
    let sentence = window::sentence(text, headings, Span::new(at, at));
    let before = &text[sentence.span.start.min(at)..at];
    let before = before.rsplit('|').next().unwrap_or(before);
    let lead = before.trim_end_matches(|c: char| (c.is_whitespace() && c != '\n') || is_mark(c));
    if lead.is_empty() || lead.ends_with(':') || lead.ends_with('\n') {
        return true;
    }
    // Only a list marker before it on its line: `1. `, `- `, `• `.
    let line_start = line_of(text, Span::new(at, at)).start;
    !text[line_start..at].chars().any(char::is_alphabetic)
}

/// Markdown and quote marks that may stand before a sentence's first word.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '*' | '_'
            | '`'
            | '~'
            | '['
            | '('
            | '<'
            | '"'
            | '\''
            | '«'
            | '“'
            | '„'
            | '‘'
            | '>'
            | '#'
            | '-'
            | '+'
            | '|'
            | '—'
            | '–'
    )
}

/// Whether the capitalised term at `span`, not at a sentence start, names
/// a party a contract defines, in language `lang`.
fn is_party(text: &str, lang: &str, span: Span) -> bool {
    let term = &text[span.start..span.end];
    // All capitals are emphasis or a heading's style, not a definition.
    if term
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        return false;
    }
    match lang {
        "ru" => true,
        "en" => {
            let before = text[..span.start].trim_end();
            let article = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            article.eq_ignore_ascii_case("the")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
