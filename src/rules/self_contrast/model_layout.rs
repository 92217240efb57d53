// What the build script and the Chinese self-contrast model share about
// `zh-model.tsv` and the table made of it; both include this file.

/// The prefixes of the lines of `zh-model.tsv` that are not weights.
const MODEL_HEADERS: [&str; 4] = ["mask\t", "bias\t", "threshold\t", "check\t"];

/// The bytes of one slot of the weight table: a feature's hash (`u64`, 0
/// for an empty slot) and its weight (`f32`).
const SLOT_BYTES: usize = 12;

/// Where the 64-bit FNV-1a hash of a feature of the model starts.
const FEATURE_HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// The FNV-1a `hash` so far, carried on over `bytes`: a feature's hash may
/// be taken a part at a time (its prefix, then each character).
const fn feature_hash_over(mut hash: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

/// A finished hash as the table keeps it: never 0, which marks an empty
/// slot.
const fn feature_hash_done(hash: u64) -> u64 {
    if hash == 0 { 1 } else { hash }
}

/// The hash of a whole feature.
#[allow(dead_code, reason = "the build script hashes whole features; the model, parts")]
const fn feature_hash(feature: &[u8]) -> u64 {
    feature_hash_done(feature_hash_over(FEATURE_HASH_START, feature))
}
