//! The whole pipeline on made-up bytes: reading, Markdown, matching, rules,
//! every output format, the language server's positions, and fixing. The
//! first byte picks a config; see `clientele::invariants::check_pipeline`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    clientele::invariants::check_pipeline(data);
});
