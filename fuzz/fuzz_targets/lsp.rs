//! The language server on made-up bytes as its standard input: framing,
//! the `initialize` handshake and the handling of every message, in
//! process. It must not panic (a panic caught inside a handler aborts
//! under the fuzzer too), and the loop must end when the bytes do; see
//! `clientele::lsp::serve_bytes`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    clientele::lsp::serve_bytes(data);
});
