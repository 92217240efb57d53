//! Architecture checks: the crate reads its own sources under `src/`, builds
//! the import graph between its files and holds it to the intended layering.
//!
//! The parsing is textual, not `rustc`'s: it can be fooled by macros, but it
//! needs no dependency and sees every file, including ones behind `cfg`.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::{fs, path::Path};

/// Modules under `src/cli/` shared by every subcommand, which any subcommand
/// may import (they need not exist yet): `cli::console` owns stdout/stderr.
const CLI_SHARED: &[&str] = &["cli::console"];

/// Files, or folders ending in `/`, that may write to stdout or stderr: the
/// printers, the console, the language server (its protocol is on stdio) and
/// the binary's `main`.
const STDIO_ALLOWED: &[&str] = &["src/render/", "src/cli/console.rs", "src/lsp/", "src/main.rs"];

/// What writing to stdout or stderr looks like (`io::stdout()` also matches
/// `std::io::stdout()`).
const STDIO_CALLS: &[&str] = &["io::stdout()", "io::stderr()", "println!", "eprintln!", "print!", "eprint!"];

/// Identifiers of the parsing and linting that translation checks must reuse
/// through the linter rather than call themselves.
const NOT_IN_TRANSLATION: &[&str] = &["outline_and_occurrences", "outline_with", "lint_document"];

/// How the crate root is named in module paths and messages.
const ROOT: &str = "crate";

/// One source file of the crate.
struct Source {
    /// The path from the crate's folder, such as `src/cli/check.rs`.
    file: String,
    /// The module path, such as `cli::check`, or [`ROOT`] for `src/lib.rs`.
    module: String,
    /// The text with comments and the insides of literals blanked, so that a
    /// doc link or a message is never taken for code; line breaks are kept.
    code: String,
}

/// Each module's edges: the modules it refers to, and where it first does.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

/// A path as written, where it was written (`file:line`) and the module path
/// it was written in, inline `mod x { .. }` blocks included.
type RawPath = (Vec<String>, String, Vec<String>);

/// Reads every `.rs` file under `src/`, sorted by path.
fn sources() -> Vec<Source> {
    fn walk(dir: &Path, out: &mut Vec<Source>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let file = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
                let file = file.to_string_lossy().replace('\\', "/");
                let stem = file.trim_start_matches("src/").trim_end_matches(".rs");
                let stem = stem.trim_end_matches("/mod");
                let module = if stem == "lib" { ROOT.into() } else { stem.replace('/', "::") };
                out.push(Source { code: blank(&fs::read_to_string(&path).unwrap()), file, module });
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

/// Blanks comments (nested block comments too) and the insides of string,
/// raw string and character literals, keeping every line break.
fn blank(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    // Pushes `c[from..to]` as spaces and line breaks.
    let hide = |out: &mut String, from: usize, to: usize| {
        out.extend(c[from..to.min(c.len())].iter().map(|&ch| if ch == '\n' { '\n' } else { ' ' }));
    };
    while i < c.len() {
        let ident_before = i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_');
        let hashes = c[i + 1..].iter().take_while(|&&ch| ch == '#').count();
        let end = if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            (i..c.len()).find(|&j| c[j] == '\n').unwrap_or(c.len())
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let (mut depth, mut j) = (0, i);
            while j < c.len() {
                match (c[j], c.get(j + 1)) {
                    ('/', Some('*')) => (depth, j) = (depth + 1, j + 2),
                    ('*', Some('/')) => (depth, j) = (depth - 1, j + 2),
                    _ => j += 1,
                }
                if depth == 0 {
                    break;
                }
            }
            j
        } else if c[i] == 'r' && !ident_before && c.get(i + 1 + hashes) == Some(&'"') {
            // A raw string ends at a quote followed by as many `#` as opened it.
            let close: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let body = i + 2 + hashes;
            (body..c.len()).find(|&j| c[j..].starts_with(&close)).map_or(c.len(), |j| j + close.len())
        } else if c[i] == '"' || (c[i] == '\'' && (c.get(i + 1) == Some(&'\\') || c.get(i + 2) == Some(&'\''))) {
            let mut j = i + 1;
            while j < c.len() && c[j] != c[i] {
                j += if c[j] == '\\' { 2 } else { 1 };
            }
            j + 1
        } else {
            out.push(c[i]);
            i += 1;
            continue;
        };
        // Keeps a literal's delimiters, so that `"..."` still reads as an expression.
        let quoted = c[i] != '/';
        out.push(if quoted { c[i] } else { ' ' });
        hide(&mut out, i + 1, end.saturating_sub(usize::from(quoted)));
        if quoted && end <= c.len() {
            out.push(c[end - 1]);
        }
        i = end;
    }
    out
}

/// Whether `ch` can be part of an identifier.
fn ident_char(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// Splits code into identifiers, `::` and single punctuation, with line numbers.
fn tokens(code: &str) -> Vec<(&str, usize)> {
    let (mut out, mut line) = (Vec::new(), 1);
    let mut chars = code.char_indices().peekable();
    while let Some((start, ch)) = chars.next() {
        let mut end = start + ch.len_utf8();
        if ch == '\n' {
            line += 1;
            continue;
        } else if ch.is_whitespace() {
            continue;
        } else if ident_char(ch) {
            while let Some(&(i, next)) = chars.peek().filter(|&&(_, next)| ident_char(next)) {
                (end, _) = (i + next.len_utf8(), chars.next());
            }
        } else if ch == ':' && chars.peek().is_some_and(|&(_, next)| next == ':') {
            (end, _) = (end + 1, chars.next());
        }
        out.push((&code[start..end], line));
    }
    out
}

/// Expands the use tree at `tokens[*at..]` below `prefix` into full paths,
/// each with the name it binds (none for a glob).
fn use_tree(tokens: &[(&str, usize)], at: &mut usize, prefix: &[String], out: &mut Vec<(Vec<String>, Option<String>)>) {
    let mut path = prefix.to_vec();
    let next = |at: usize| tokens.get(at).map_or("", |t| t.0);
    while *at < tokens.len() {
        let token = next(*at);
        *at += 1;
        match token {
            "::" => {}
            "{" => {
                loop {
                    use_tree(tokens, at, &path, out);
                    if next(*at) != "," {
                        break;
                    }
                    *at += 1;
                }
                *at += usize::from(next(*at) == "}");
                return;
            }
            "*" => return out.push((path, None)),
            _ if token.starts_with(ident_char) => {
                path.push(token.to_string());
                // `{self}` binds the name of the module it stands for.
                let name = if token == "self" && path.len() > 1 { path[path.len() - 2].clone() } else { token.into() };
                if next(*at) == "as" {
                    *at += 2;
                    return out.push((path, Some(next(*at - 1).into())));
                } else if next(*at) != "::" {
                    return out.push((path, Some(name)));
                }
            }
            _ => return *at -= 1,
        }
    }
}

/// Collects the paths a file writes, in `use` items and inline in code.
fn paths(source: &Source) -> (Vec<RawPath>, Vec<RawPath>) {
    let tokens = tokens(&source.code);
    let here: Vec<String> = source.module.split("::").filter(|s| *s != ROOT).map(String::from).collect();
    let (mut uses, mut inline, mut inner, mut depth) = (Vec::new(), Vec::new(), Vec::<usize>::new(), 0);
    let text = |i: usize| tokens.get(i).map_or("", |t| t.0);
    let mut i = 0;
    while i < tokens.len() {
        let at = format!("{}:{}", source.file, tokens[i].1);
        let scope: Vec<String> = here.iter().cloned().chain(inner.iter().map(|&j| text(j + 1).into())).collect();
        match text(i) {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                inner.retain(|&j| tokens[j].1 == usize::MAX || depth_at(&tokens, j) < depth + 1);
            }
            // An inline `mod x { .. }` changes what `self` and `super` mean inside it.
            "mod" if text(i + 2) == "{" => inner.push(i),
            "use" if text(i + 1) != "::" => {
                let mut tree = Vec::new();
                i += 1;
                use_tree(&tokens, &mut i, &[], &mut tree);
                uses.extend(tree.into_iter().map(|(path, name)| (path, name, at.clone(), scope.clone())));
                continue;
            }
            // `pub(in crate::x)` is a visibility, not a reference.
            first if first.starts_with(ident_char) && text(i + 1) == "::" && !matches!(text(i.wrapping_sub(1)), "::" | "." | "in") => {
                let mut path = vec![first.to_string()];
                while text(i + 1) == "::" && text(i + 2).starts_with(ident_char) {
                    path.push(text(i + 2).into());
                    i += 2;
                }
                inline.push((path, at, scope));
            }
            _ => {}
        }
        i += 1;
    }
    let _ = depth;
    (uses.into_iter().map(|(p, n, a, s)| (p, a, s, n)).map(|(p, a, s, n)| (with_name(p, n), a, s)).collect(), inline)
}
