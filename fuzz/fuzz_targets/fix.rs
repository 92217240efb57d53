//! `--fix` on a file on disk, made-up bytes in it: the file is afterwards
//! as it was or the fixed text in its own encoding, nothing else is left
//! beside it, and a second fix changes nothing. The first byte picks a
//! config; see `clientele::invariants::check_fix_file`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    clientele::invariants::check_fix_file(data);
});
