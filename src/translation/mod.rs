//! Translations and their sources: which documents pair up
//! ([`pairing`]), and which stretches of a pair correspond ([`align`]).
//! The `translation-collapse` rule compares the pairs.

pub(crate) mod align;
pub(crate) mod pairing;
