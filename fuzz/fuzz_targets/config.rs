//! Config, term pack and front matter parsing on made-up bytes: a
//! `clientele.toml`, a pack and a document, split at NUL bytes; see
//! `clientele::invariants::check_config`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    clientele::invariants::check_config(data);
});
