//! Parts of an accounting system named in Chinese. Chinese writes no
//! capitals, but a compound that a term opens and a noun for a part of
//! such a system closes (`客户付款日记帐`, a journal; `客户过帐模板`, a
//! posting profile; `客户工作区`, a workspace) is that part's name, and
//! renaming the term would name a journal that does not exist. The words
//! between are at most two characters and no verb: in
//! `从现有客户创建日记帐行` the customers are the ones a journal line is
//! made from. A portal, a handbook or a workflow is not among the heads: a
//! business names its own (`顾客门户会显示…`), and the word it calls its
//! people belongs in that name too.

use crate::lexicon::is_cjk;

/// Nouns that close the name of a part of an accounting system.
const HEADS: &[&str] = &["日记帐", "日记账", "过帐模板", "过账模板", "工作区"];

/// The most characters between the term and the head.
const MAX_BETWEEN: usize = 2;

/// Characters that end a compound: particles, conjunctions, prepositions
/// and a few verbs of one character.
const BREAKS: &str = "的和与或及在把将向为对从被是有会能要可并而但也都就给让";

/// Two-character verbs that take the term as their subject or object
/// rather than extend it.
const VERBS: &[&str] = &[
    "创建", "使用", "提交", "查看", "选择", "添加", "删除", "生成", "设置", "配置", "输入", "打开",
    "访问", "登录", "管理", "需要", "可以", "通过", "进入", "填写", "发送", "收到",
];

/// Whether the Chinese term that ends where `after` starts opens the name
/// of a part of an accounting system (see the module doc).
pub(in crate::sense) fn names_a_part(after: &str) -> bool {
    let head = after
        .char_indices()
        .take(MAX_BETWEEN + 1)
        .find(|&(i, _)| HEADS.iter().any(|h| after[i..].starts_with(h)));
    let Some((at, _)) = head else {
        return false;
    };
    let between = &after[..at];
    between.chars().all(|c| is_cjk(c) && !BREAKS.contains(c)) && !VERBS.contains(&between)
}

#[cfg(test)]
mod tests {
    use super::names_a_part;

    #[test]
    fn a_compound_closed_by_a_part_of_an_accounting_system_is_its_name() {
        for after in ["付款日记帐。", "过帐模板", "扣缴日记账", "工作区中"] {
            assert!(names_a_part(after), "{after}");
        }
    }

    #[test]
    fn a_verb_or_a_particle_between_or_another_head_keeps_the_term_a_use() {
        // A business names its own portal and handbook with its word.
        for after in [
            "创建日记帐行",
            "门户中查看",
            "手册",
            "工作流程",
            "的日记帐",
            "可以在门户中付款",
            "在日记帐中",
            "下单后收到模板",
            "门 户",
            "",
        ] {
            assert!(!names_a_part(after), "{after}");
        }
    }
}
