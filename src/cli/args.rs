//! The command line's arguments, as clap parses them, and how a run ends.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::FailOn;
use crate::render::Format;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing at or above `fail-on` (exit 0).
    Success,
    /// Findings at or above `fail-on` (exit 1).
    Failure,
    /// A usage, config or I/O error (exit 2).
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(match status {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        })
    }
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum ColorChoice {
    /// When the stream is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream that is (or is not) a terminal.
    pub(crate) fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "clientele",
    version,
    about = "Keep client / customer vocabulary right for your business, in English, Russian and Chinese Markdown.",
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub(super) command: Option<Command>,
    #[command(flatten)]
    pub(super) check: CheckArgs,
    /// The most bytes read from one file or stream: documents, configs,
    /// packs, baselines, standard input [default: 256M]
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size)]
    pub(super) max_file_size: Option<u64>,
}

/// A size such as `4096`, `512K`, `64M` or `1G` (powers of 1024; `KiB`,
/// `MiB`, `GiB` and lower case are accepted too).
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => Some(0),
        "k" | "kb" | "kib" => Some(10),
        "m" | "mb" | "mib" => Some(20),
        "g" | "gb" | "gib" => Some(30),
        _ => None,
    };
    shift
        .zip(number.parse::<u64>().ok())
        .and_then(|(shift, n)| n.checked_mul(1 << shift))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("`{text}` is not a size; use a number with K, M or G, such as 64M"))
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// Check Markdown files (the default when no subcommand is given).
    Check(CheckArgs),
    /// Explain a rule, or list the rules.
    Explain {
        /// The rule to explain, such as `wrong-term`.
        rule: Option<String>,
    },
    /// Write a commented clientele.toml.
    Init {
        /// Where to write it.
        #[arg(default_value = "clientele.toml")]
        path: PathBuf,
        /// Overwrite the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print the JSON Schema of clientele.toml, for editors.
    Schema,
    /// Serve the Language Server Protocol on stdin and stdout, for editors.
    Lsp,
    /// Record today's findings in a baseline file, so that only new ones
    /// are reported.
    Baseline(BaselineArgs),
    /// Count who the documents serve: the roles they name, per document,
    /// folder and language, and which documents mix client and customer.
    Report(ReportArgs),
    /// Tell from the documents' vocabulary what kind of business they
    /// describe, and print the `business` line for clientele.toml.
    Suggest(SuggestArgs),
    /// List the translations found and their sources, which
    /// `translation-collapse` compares, and the documents left unpaired.
    Translations(TranslationsArgs),
    /// Run a term pack's `[[examples]]`: load it on top of the built-in
    /// packs, check and fix each example's text, and compare.
    CheckPack {
        /// The pack (TOML).
        pack: PathBuf,
        /// When to colour errors.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
}

/// Output formats of `clientele translations`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum TranslationsFormat {
    /// One line per pair and per unpaired document.
    #[default]
    Human,
    /// One JSON document.
    Json,
}

/// Options of `clientele translations`.
#[derive(Debug, Args)]
pub(crate) struct TranslationsArgs {
    /// Files and folders to pair. Default: the current folder.
    pub(crate) paths: Vec<PathBuf>,
    /// Use this config file for every document instead of discovering one.
    #[arg(long, value_name = "PATH")]
    pub(crate) config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TranslationsFormat::Human)]
    pub(crate) format: TranslationsFormat,
    /// When to colour errors and notes.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,
}

/// Output formats of `clientele report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Markdown tables: documents most mixed first, folders, languages.
    #[default]
    Human,
    /// One JSON document, for dashboards.
    Json,
    /// One self-contained HTML page with a bar chart per folder.
    Html,
}

/// Output formats of `clientele suggest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum SuggestFormat {
    /// The verdict, its evidence and the line to paste.
    #[default]
    Human,
    /// One JSON document.
    Json,
}

/// Options of `clientele report`.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Files and folders to count. Default: the current folder.
    pub(crate) paths: Vec<PathBuf>,
    /// Use this config file for every document instead of discovering one.
    #[arg(long, value_name = "PATH")]
    pub(crate) config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub(crate) format: ReportFormat,
    /// When to colour errors and notes.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,
}

/// Options of `clientele suggest`.
#[derive(Debug, Args)]
pub(crate) struct SuggestArgs {
    /// Files and folders to read. Default: the current folder.
    pub(crate) paths: Vec<PathBuf>,
    /// Use this config file for every document instead of discovering one.
    #[arg(long, value_name = "PATH")]
    pub(crate) config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SuggestFormat::Human)]
    pub(crate) format: SuggestFormat,
    /// When to colour errors and notes.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,
}

/// Options of `clientele baseline`.
#[derive(Debug, Args)]
pub(crate) struct BaselineArgs {
    /// Files and folders to check. Default: the current folder.
    pub(crate) paths: Vec<PathBuf>,
    /// Use this config file for every document instead of discovering one.
    #[arg(long, value_name = "PATH")]
    pub(crate) config: Option<PathBuf>,
    /// The baseline file. Default: the `baseline` key of the config, or
    /// clientele-baseline.json in the current folder.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Only remove the findings that no longer occur; record no new ones.
    #[arg(long)]
    pub(crate) prune: bool,
}

/// Options of `clientele check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Files and folders to check (folders are searched for *.md, *.markdown,
    /// *.mdx); `-` reads standard input. Default: the current folder, or
    /// standard input with `--stdin-filename`.
    pub(crate) paths: Vec<PathBuf>,
    /// Use this config file for every document instead of discovering one.
    #[arg(long, value_name = "PATH")]
    pub(crate) config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,
    /// The lowest severity that fails the run, overriding the config.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub(crate) fail_on: Option<FailOn>,
    /// Correct what can be corrected in place, then report what remains
    /// (with `-`: the corrected text goes to standard output, the report to
    /// standard error).
    #[arg(long)]
    pub(crate) fix: bool,
    /// Print what `--fix` would change as a unified diff, and change nothing.
    #[arg(long)]
    pub(crate) diff: bool,
    /// Read standard input as the document at this path: its config
    /// applies, and output names it (implies `-`).
    #[arg(long, value_name = "PATH")]
    pub(crate) stdin_filename: Option<PathBuf>,
    /// Do not report the findings recorded in this baseline file (default:
    /// the config's `baseline` key).
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Also report the baseline's findings that no longer occur, and fail
    /// when there are any.
    #[arg(long)]
    pub(crate) check_baseline: bool,
    /// Report only findings on lines added or changed since the git
    /// revision REF (as `git diff REF...`, uncommitted edits and untracked
    /// files included).
    #[arg(long, value_name = "REF")]
    pub(crate) since: Option<String>,
}
