//! Reports named with their number. Product documentation cites a report
//! by its name and its object number (`Клиент - оборотная ведомость (отчет
//! 12439)`, `Customer Turnover (report 12439)`, `客户帐龄（报表 120）`):
//! the words before the number are the report's name in the product, and
//! a term among them is part of it.

use crate::source::ceil_char_boundary;
use crate::span::Span;

/// How far the number is looked for after a term, in bytes: a report's
/// name is a few words.
const REACH: usize = 160;

/// How far past the opening bracket the number is read, in bytes.
const NUMBER_REACH: usize = 32;

/// The words that say what the number is the number of.
const REPORT_WORDS: &[&str] = &["report", "отчет", "отчёт", "报表", "报告"];

/// Marks that end a clause: the number after one belongs to other words.
const CLAUSE_ENDS: &[char] = &[
    '.', ',', ';', ':', '!', '?', '|', '(', ')', '[', ']', '。', '，', '；', '：', '！', '？',
    '、', '（', '）',
];

/// Whether the term at `span` of `text` is part of a report's name that a
/// report number follows on the same line, within its clause.
pub(in crate::sense) fn names_a_report(text: &str, span: Span) -> bool {
    // Read no further than the number could stand: a page-long line costs
    // no more per term than a short one.
    let end = ceil_char_boundary(text, (span.end + REACH + NUMBER_REACH).min(text.len()));
    let rest = &text[span.end..end];
    let line = rest.find('\n').map_or(rest, |i| &rest[..i]);
    let Some(open) = line.find(['(', '（']) else {
        return false;
    };
    if open > REACH || line[..open].contains(CLAUSE_ENDS) {
        return false;
    }
    let inside = line[open..].trim_start_matches(['(', '（']);
    let Some(close) = inside.find([')', '）']) else {
        return false;
    };
    let inside = inside[..close].trim();
    let number_at = inside
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(inside.len());
    let (word, number) = inside.split_at(number_at);
    let word = word.trim_end().to_lowercase();
    REPORT_WORDS.contains(&word.as_str())
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::names_a_report;
    use crate::span::Span;

    fn at(text: &str, term: &str) -> bool {
        let start = text.find(term).unwrap();
        names_a_report(text, Span::new(start, start + term.len()))
    }

    #[test]
    fn a_term_before_a_report_number_is_part_of_the_name() {
        assert!(at("- Клиент - оборотная ведомость (отчет 12439)", "Клиент"));
        assert!(at("## Анализ операций клиента (Отчёт 12442)\n", "клиента"));
        assert!(at("Open Customer Turnover (Report 12439).", "Customer"));
        assert!(at("- 客户帐龄分析（报表 120）", "客户"));
        assert!(at("- 客户帐龄分析 (报表 120)", "客户"));
    }

    #[test]
    fn a_number_of_other_words_or_of_something_else_is_not() {
        // The clause ends before the number.
        assert!(!at(
            "Клиенты видят итоги, как в оборотной ведомости (отчет 12439).",
            "Клиенты"
        ));
        // Not a report's number.
        assert!(!at(
            "The customer pays within 30 days (page 12).",
            "customer"
        ));
        assert!(!at("The customer pays (report it to us).", "customer"));
        assert!(!at("The customer pays (report 12a).", "customer"));
        // On the next line.
        assert!(!at("The customer pays\n(report 12)", "customer"));
    }
}
