//! Branded names in Chinese. Chinese has no capitals to mark a name, but a
//! brand written in Latin letters does: a term between a brand and a noun
//! that heads a product or a document (`Microsoft 客户协议`, `Dynamics 365
//! 客户服务`, `Google 客户评价`) is that product's or document's name, and
//! renaming the term would name something that does not exist. A brand
//! with the term and no such head (`Shopify 客户`, `Shopify 客户同步到…`)
//! is the brand's customers, a use.

use crate::source::floor_char_boundary;
use crate::span::Span;

/// How far a brand is looked for before a term, in bytes.
const REACH: usize = 120;

/// Nouns that head the name of a product, a program or a document.
const HEADS: &[&str] = &[
    "协议",
    "合约",
    "门户",
    "中心",
    "服务",
    "见解",
    "洞察",
    "体验",
    "计划",
    "平台",
    "之声",
    "参与",
    "支持",
    "评价",
    "评论",
    "成功",
    "管理器",
];

/// The most Latin words a brand holds (`Dynamics 365 Commerce`).
const MAX_BRAND_WORDS: usize = 4;

/// Whether the Chinese term at `span` of `text` is part of a branded name
/// (see the module doc).
pub(in crate::sense) fn branded(text: &str, span: Span) -> bool {
    let after = &text[span.end..];
    if !HEADS.iter().any(|h| after.starts_with(h)) {
        return false;
    }
    let from = floor_char_boundary(text, span.start.saturating_sub(REACH));
    let before = &text[from..span.start];
    // The Latin run just before the term: letters, digits, spaces and the
    // marks a brand may hold, back to the first other character.
    let run_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.' | '&')))
        .map_or(0, |(i, c)| i + c.len_utf8());
    if run_start == 0 && from > 0 {
        // The run goes on past what is read: no brand is that long.
        return false;
    }
    // A list marker or a dash may open the run (`- Microsoft 客户协议`):
    // words without a letter or digit are not part of the brand.
    let words: Vec<&str> = before[run_start..]
        .split_whitespace()
        .skip_while(|w| !w.chars().any(|c| c.is_ascii_alphanumeric()))
        .collect();
    let capitalised = words
        .iter()
        .any(|w| w.starts_with(|c: char| c.is_ascii_uppercase()));
    !words.is_empty()
        && words.len() <= MAX_BRAND_WORDS
        && capitalised
        && words
            .iter()
            .all(|w| w.chars().any(|c| c.is_ascii_alphanumeric()))
}
