//! Integration tests: one binary, driving the real `clientele` command.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot unwrap should fail loudly"
)]
#![allow(
    clippy::disallowed_methods,
    reason = "tests write their own fixture files"
)]

mod adoption;
mod broken_pipe;
mod check_pack;
mod cli;
mod commands;
mod config;
mod errors;
mod evaluation;
mod fix;
mod formats;
mod gitlab_junit;
mod hostile;
mod language_server;
mod layers;
mod markup;
mod names;
mod output_names;
mod packs;
mod readme;
mod replace;
mod report;
mod russian_agreement;
mod same_file;
mod seeds;
mod self_contrast;
mod since_paths;
mod snapshots;
mod special_files;
mod support;
mod translations;
mod typography;
mod ui_labels;
mod zh_words;
