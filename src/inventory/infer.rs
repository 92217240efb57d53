//! From counts to a business type: `clientele suggest`.
//!
//! Each business type scores the square root of each of its cues' counts,
//! and half the square root of the business-sense uses of the role it
//! prefers. The root lets a word repeated on every page count for more
//! than a word said once, but not a hundred times more: ten different
//! cues said once outweigh one said fifty times. The cues say what the
//! documents describe, the role what they already call people, which may
//! be the very thing that is wrong, so the role weighs less.
//!
//! The type with the highest score is the verdict, unless the runner-up
//! scores at least [`MIXED_RATIO`] of it: then the documents describe both
//! kinds of business, and the verdict is `mixed`.
//!
//! The confidence runs from 0 to 1. It is the share of the evidence
//! needed that the winner has (at most 1), times how clear its lead is: 0
//! at the `mixed` line, growing with the logarithm of the winner's score
//! over the runner-up's, and full from [`CLEAR_RATIO`]. A large tree
//! gathers some cues of every type (any manual says "trust" or "ongoing"
//! somewhere), so its runner-up is never near zero; a lead measured as a
//! ratio rather than a difference keeps that from reading as doubt. A
//! `mixed` verdict stays in the low band, below 0.4, however even the
//! split: documents in both vocabularies are also what a team that never
//! decided writes, and only a person can tell the two apart.
//!
//! The evidence needed is [`ENOUGH`] points, or [`ENOUGH_PER_ROOT`] per
//! square root of the documents read if that is more: a tutorial of four
//! hundred pages whose examples mention a shop a dozen times is about
//! something else, where a dozen cues in a page about a shop are plenty.
//! The root matches the scores', which grow as roots of counts.
//!
//! The constants were set on labelled documentation trees
//! (`scripts/suggest-trees.py`, `tests/data/suggest-trees.tsv`): on
//! their `tune` half the winner was the labelled type in every tree with a
//! suggestion, down to a lead of 1.5 times, and the bands were placed so
//! that trees the size of a real manual with a lead of 4 come out high.
use std::collections::BTreeMap;

use serde::Serialize;

use super::Inventory;
use crate::lexicon::Lexicon;

/// What the uses of a preferred role are worth, against a cue said as
/// often.
pub(crate) const ROLE_WEIGHT: f64 = 0.5;

/// From how many points on the evidence is full.
pub(crate) const ENOUGH: f64 = 20.0;

/// How many points of evidence per square root of the documents read are
/// enough, when that is more than [`ENOUGH`].
pub(crate) const ENOUGH_PER_ROOT: f64 = 4.0;

/// The runner-up's score, as a share of the winner's, from which the
/// verdict is `mixed`.
pub(crate) const MIXED_RATIO: f64 = 0.4;

/// The winner's score over the runner-up's from which its lead is clear.
pub(crate) const CLEAR_RATIO: f64 = 4.0;

/// Where the low band of confidence ends.
const LOW: f64 = 0.4;

/// Where the high band of confidence starts.
const HIGH: f64 = 0.7;

/// Below this score nothing is suggested.
pub(crate) const MIN_SCORE: f64 = 2.0;

/// The name of the business type for documents that describe both kinds.
pub(crate) const MIXED: &str = "mixed";

/// How far a suggestion can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Level {
    /// Little evidence, or a close call: read the evidence first.
    Low,
    /// Some evidence and a clear lead.
    Medium,
    /// Plenty of evidence and a clear lead.
    High,
}

impl Level {
    /// The level of a confidence from 0 to 1.
    pub(crate) fn of(confidence: f64) -> Self {
        if confidence >= HIGH {
            Level::High
        } else if confidence >= LOW {
            Level::Medium
        } else {
            Level::Low
        }
    }

    /// The level's name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }
}

/// How often one cue word occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct CueCount {
    /// The word, as its pack writes it (without a stem's `*`).
    pub(crate) word: String,
    /// The form it was met in most often, lowercased: `доставки` for
    /// the stem `доставк`.
    pub(crate) form: String,
    /// Its language code.
    pub(crate) lang: String,
    /// How often.
    pub(crate) count: usize,
}

/// The evidence for one business type.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Evidence {
    /// The business type.
    pub(crate) business: String,
    /// Its score.
    pub(crate) score: f64,
    /// Its cues found, most frequent first.
    pub(crate) cues: Vec<CueCount>,
    /// The role it prefers, if any.
    pub(crate) role: Option<String>,
    /// Business-sense uses of that role.
    pub(crate) role_count: usize,
}

/// What `clientele suggest` concludes.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Suggestion {
    /// The business type suggested; none without evidence.
    pub(crate) business: Option<String>,
    /// From 0 to 1.
    pub(crate) confidence: f64,
    /// The confidence in words.
    pub(crate) level: Level,
    /// The line to paste into `clientele.toml`.
    pub(crate) line: Option<String>,
    /// The evidence per business type, highest score first.
    pub(crate) evidence: Vec<Evidence>,
}

/// The business type `inventory` points to, with its evidence; the
/// business types are those of `lexicon`.
pub(crate) fn infer(inventory: &Inventory, lexicon: &Lexicon) -> Suggestion {
    let mut per_business: BTreeMap<String, Vec<CueCount>> = BTreeMap::new();
    for (key, &count) in &inventory.cues {
        per_business
            .entry(key.business.clone())
            .or_default()
            .push(CueCount {
                form: inventory.usual_form(key),
                word: key.word.clone(),
                lang: key.lang.clone(),
                count,
            });
    }
    let roles = inventory.tally();
    let mut evidence: Vec<Evidence> = lexicon
        .business_types()
        .filter_map(|b| {
            let found = per_business.remove(&b.name);
            (b.prefer.is_some() || found.is_some()).then(|| (b, found.unwrap_or_default()))
        })
        .map(|(b, mut found)| {
            found.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.word.cmp(&y.word)));
            let role_count = b.prefer.as_deref().map_or(0, |role| roles.role(role));
            let score = found.iter().map(|c| (c.count as f64).sqrt()).sum::<f64>()
                + ROLE_WEIGHT * (role_count as f64).sqrt();
            Evidence {
                business: b.name.clone(),
                score,
                cues: found,
                role: b.prefer.clone(),
                role_count,
            }
        })
        .collect();
    evidence.sort_by(|a, b| b.score.total_cmp(&a.score));
    let (first, second) = match evidence.as_slice() {
        [] => (0.0, 0.0),
        [only] => (only.score, 0.0),
        [first, second, ..] => (first.score, second.score),
    };
    if first < MIN_SCORE {
        return Suggestion {
            business: None,
            confidence: 0.0,
            level: Level::Low,
            line: None,
            evidence,
        };
    }
    let needed = ENOUGH.max(ENOUGH_PER_ROOT * (inventory.read as f64).sqrt());
    let strength = (first / needed).min(1.0);
    let balance = second / first;
    let mixed = lexicon.find_business(MIXED).is_some() && balance >= MIXED_RATIO;
    let (business, confidence) = if mixed {
        let evenness = (balance - MIXED_RATIO) / (1.0 - MIXED_RATIO);
        // Just under the low band's end, however even the split.
        (MIXED.to_owned(), strength * evenness * (LOW - 0.01))
    } else {
        (evidence[0].business.clone(), strength * clearness(balance))
    };
    let confidence = round(confidence);
    Suggestion {
        line: Some(format!("business = \"{business}\"")),
        business: Some(business),
        confidence,
        level: Level::of(confidence),
        evidence,
    }
}

/// How clear a lead is, from 0 at the `mixed` line to 1 from
/// [`CLEAR_RATIO`], for a runner-up scoring `balance` of the winner
/// (below [`MIXED_RATIO`]).
fn clearness(balance: f64) -> f64 {
    if balance <= 0.0 {
        return 1.0;
    }
    let lead = (1.0 / balance).ln() - (1.0 / MIXED_RATIO).ln();
    (lead / (CLEAR_RATIO * MIXED_RATIO).ln()).clamp(0.0, 1.0)
}

/// `x` to two decimals, as it is shown.
fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
