//! Architecture checks: the crate reads its own sources under `src/`, builds
//! the import graph between its files and holds it to the intended layering.
//!
//! The reading is textual, not `rustc`'s: a macro can hide a path from it,
//! but it needs no dependency and sees every file, whatever its `cfg`.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot read the crate's sources should fail loudly"
)]

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::{fs, path::Path};

/// Modules under `src/cli/` shared by every subcommand, which any subcommand
/// may import: the arguments, the console (which owns stdout and stderr)
/// and the survey `report`, `suggest` and `init` share.
const CLI_SHARED: &[&str] = &["cli::args", "cli::console", "cli::survey"];

/// Files, or folders ending in `/`, that may write to stdout or stderr: the
/// printers, the console, the language server (its protocol is on stdio)
/// and the binary's `main`.
const STDIO_ALLOWED: &[&str] = &[
    "src/render/",
    "src/cli/console.rs",
    "src/lsp/",
    "src/main.rs",
];

/// Writing to stdout or stderr. `io::stdout()` matches `std::io::stdout()`;
/// `print!` does not match `eprint!`, glued to an identifier character.
const STDIO_CALLS: &[&str] = &[
    "io::stdout()",
    "io::stderr()",
    "println!",
    "eprintln!",
    "print!",
    "eprint!",
];

/// Parsing and linting that translation checks leave to the linter.
const NOT_IN_TRANSLATION: &[&str] = &["outline_and_occurrences", "outline_with", "lint_document"];

/// How the crate root is named in module paths and messages.
const ROOT: &str = "crate";

/// One source file of the crate.
struct Source {
    /// The path from the crate's folder, such as `src/cli/check.rs`.
    file: String,
    /// The module path, such as `cli::check`, or [`ROOT`] for `src/lib.rs`.
    module: String,
    /// The code with comments and the insides of literals blanked (so that a
    /// doc link or a message is not taken for code), line breaks kept.
    code: String,
}

/// A token of code and its byte offset.
type Token<'a> = (usize, &'a str);

/// A path written in a file: its segments, the name it binds if a `use`
/// (none inline, or for a glob), where it is (`file:line`), and the module
/// it is written in, counting inline `mod x { .. }`.
type Ref = (Vec<String>, Option<String>, String, Vec<String>);

/// Each module's edges: the modules it refers to, and where it first does.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

/// The crate's modules, and for each the names its `use` items bind (with
/// their crate paths), to resolve paths against.
struct Crate {
    /// Every module file's path, the crate root being empty.
    modules: BTreeSet<Vec<String>>,
    /// For each module, inline ones included, the names it imports.
    imports: BTreeMap<Vec<String>, BTreeMap<String, Vec<String>>>,
}

/// Reads every `.rs` file under `src/`, sorted by path, with test code
/// blanked and test files left out: a unit test may reach across layers
/// for its fixtures, and may print.
fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut folders, mut out, mut tests) = (vec![root.join("src")], Vec::new(), Vec::new());
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let file = path.strip_prefix(root).unwrap();
                let file = file.to_string_lossy().replace('\\', "/");
                let stem = file.trim_start_matches("src/").trim_end_matches(".rs");
                let stem = stem.trim_end_matches("/mod").replace('/', "::");
                let module = if stem == "lib" { ROOT.into() } else { stem };
                let mut code = blank(&fs::read_to_string(&path).unwrap());
                let children = hide_tests(&mut code).into_iter();
                tests.extend(children.map(|child| [segments(&module), vec![child]].concat()));
                out.push(Source { file, module, code });
            }
        }
    }
    // A test module's file, and any below it, holds only tests.
    out.retain(|s| !tests.iter().any(|t| segments(&s.module).starts_with(t)));
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

/// The segments of a module path, none for the crate root.
fn segments(module: &str) -> Vec<String> {
    let parts = module.split("::").filter(|s| *s != ROOT);
    parts.map(String::from).collect()
}

/// Whether `ch` can be part of an identifier.
fn ident_char(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// Blanks comments (nested block comments too) and the insides of string,
/// raw string and character literals, keeping every line break.
fn blank(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let (mut out, mut i) = (c.clone(), 0);
    let glued = |i: usize| i > 0 && ident_char(c[i - 1]);
    while i < c.len() {
        let hashes = c[i + 1..].iter().take_while(|&&ch| ch == '#').count();
        // A raw string's `r` stands alone or after the `b` or `c` of a prefix.
        let raw = c[i] == 'r' && (!glued(i) || matches!(c[i - 1], 'b' | 'c') && !glued(i - 1));
        let quote = c[i] == '"'
            || c[i] == '\'' && (c.get(i + 1) == Some(&'\\') || c.get(i + 2) == Some(&'\''));
        let end = if c[i..].starts_with(&['/', '/']) {
            (i..c.len()).find(|&j| c[j] == '\n').unwrap_or(c.len())
        } else if c[i..].starts_with(&['/', '*']) {
            let (mut depth, mut j) = (1, i + 2);
            while depth > 0 && j < c.len() {
                (depth, j) = match [c[j], *c.get(j + 1).unwrap_or(&' ')] {
                    ['/', '*'] => (depth + 1, j + 2),
                    ['*', '/'] => (depth - 1, j + 2),
                    _ => (depth, j + 1),
                };
            }
            j.min(c.len())
        } else if raw && c.get(i + 1 + hashes) == Some(&'"') {
            // It ends at a quote followed by as many `#` as opened it.
            let mut close = vec!['"'];
            close.extend(std::iter::repeat_n('#', hashes));
            let found = (i + 2 + hashes..c.len()).find(|&j| c[j..].starts_with(&close));
            found.map_or(c.len(), |j| j + close.len())
        } else if quote {
            // A `'` neither escaped nor closed two characters on is a lifetime.
            let mut j = i + 1;
            while j < c.len() && c[j] != c[i] {
                j += if c[j] == '\\' { 2 } else { 1 };
            }
            (j + 1).min(c.len())
        } else {
            i += 1;
            continue;
        };
        // A literal keeps its delimiters, so `""` still reads as a value.
        let kept = usize::from(c[i] != '/');
        let inside = out[i + kept..end - kept].iter_mut();
        inside.filter(|ch| **ch != '\n').for_each(|ch| *ch = ' ');
        i = end;
    }
    out.into_iter().collect()
}

/// Splits code into identifiers, `::` and single punctuation marks.
fn tokens(code: &str) -> Vec<Token<'_>> {
    let (mut out, mut chars) = (Vec::new(), code.char_indices().peekable());
    while let Some((start, ch)) = chars.next() {
        let mut end = start + ch.len_utf8();
        if ident_char(ch) {
            while let Some((i, next)) = chars.next_if(|&(_, next)| ident_char(next)) {
                end = i + next.len_utf8();
            }
        } else if ch == ':' && chars.next_if(|&(_, next)| next == ':').is_some() {
            end += 1;
        }
        if !ch.is_whitespace() {
            out.push((start, &code[start..end]));
        }
    }
    out
}

/// Blanks every `#[cfg(test)]` item, and returns the names of the modules
/// declared as `#[cfg(test)] mod x;`, whose files hold only tests.
fn hide_tests(code: &mut String) -> Vec<String> {
    const CFG_TEST: [&str; 7] = ["#", "[", "cfg", "(", "test", ")", "]"];
    let (tokens, mut hidden, mut modules) = (tokens(code), Vec::new(), Vec::new());
    let text = |i: usize| tokens.get(i).map_or("", |t| t.1);
    for (i, window) in tokens.windows(7).enumerate() {
        if window.iter().map(|t| t.1).ne(CFG_TEST) {
            continue;
        }
        // The item ends at a `;` or a closing `}` outside any brackets.
        let (mut depth, mut end) = (0, i + 7);
        while end < tokens.len() {
            depth += i32::from(matches!(text(end), "(" | "[" | "{"));
            depth -= i32::from(matches!(text(end), ")" | "]" | "}"));
            if depth == 0 && matches!(text(end), ";" | "}") {
                break;
            }
            end += 1;
        }
        if text(end) == ";" && text(end - 2) == "mod" {
            modules.push(text(end - 1).to_string());
        }
        hidden.push(window[0].0..tokens.get(end).map_or(code.len(), |t| t.0 + 1));
    }
    for range in hidden {
        // Byte for byte, so that the other ranges stay where they were.
        let bytes = code[range.clone()].bytes();
        let spaces: String = bytes.map(|b| if b == b'\n' { '\n' } else { ' ' }).collect();
        code.replace_range(range, &spaces);
    }
    modules
}

/// Expands the use tree at `tokens[*at..]` below `prefix` into full paths,
/// each with the name it binds (none for a glob), and moves `at` past it.
fn use_tree(tokens: &[Token], at: &mut usize, prefix: &[String], out: &mut Vec<Ref>) {
    let text = |at: usize| tokens.get(at).map_or("", |t| t.1);
    let mut path = prefix.to_vec();
    while *at < tokens.len() {
        let token = text(*at);
        *at += 1;
        match token {
            "::" => {}
            "{" => {
                use_tree(tokens, at, &path, out);
                while text(*at) == "," {
                    *at += 1;
                    use_tree(tokens, at, &path, out);
                }
                *at += usize::from(text(*at) == "}");
                return;
            }
            "*" => return out.push((path, None, String::new(), Vec::new())),
            _ if token.starts_with(ident_char) => {
                // `{self}` binds the name of the module it stands for.
                let module = path.last().filter(|_| token == "self");
                let mut name = module.map_or(token, |m| m).to_string();
                path.push(token.into());
                if text(*at) == "as" {
                    (*at, name) = (*at + 2, text(*at + 1).into());
                } else if text(*at) == "::" {
                    continue;
                }
                return out.push((path, Some(name), String::new(), Vec::new()));
            }
            // A `,`, `}` or `;` ends this tree and belongs to the caller.
            _ => return *at -= 1,
        }
    }
}

/// Collects the paths a file writes: in `use` items, and inline in code.
fn refs(source: &Source) -> Vec<Ref> {
    let tokens = tokens(&source.code);
    let text = |i: usize| tokens.get(i).map_or("", |t| t.1);
    let lines: Vec<usize> = source.code.match_indices('\n').map(|(i, _)| i).collect();
    let mut scope = segments(&source.module);
    // The brace depth at which each enclosing inline `mod x {` opened.
    let (mut inline_mods, mut depth, mut out, mut i) = (Vec::new(), 0, Vec::new(), 0);
    while i < tokens.len() {
        let line = lines.partition_point(|&n| n < tokens[i].0) + 1;
        let at = format!("{}:{line}", source.file);
        // A path starts at neither `::` nor `.`; `pub(in crate::x)` is a visibility.
        let before = (text(i.wrapping_sub(2)), text(i.wrapping_sub(1)));
        let path = text(i).starts_with(ident_char) && text(i + 1) == "::";
        let path = path && !matches!(before.1, "::" | ".") && before != ("(", "in");
        match text(i) {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if inline_mods.last() == Some(&depth) {
                    inline_mods.pop();
                    scope.pop();
                }
            }
            // Inside an inline `mod x { .. }`, `self` is `x` and `super` its file.
            "mod" if text(i + 2) == "{" => {
                inline_mods.push(depth);
                scope.push(text(i + 1).into());
            }
            "use" if text(i + 1) != "::" => {
                let (start, mut end) = (out.len(), i + 1);
                use_tree(&tokens, &mut end, &[], &mut out);
                for r in &mut out[start..] {
                    (r.2, r.3) = (at.clone(), scope.clone());
                }
                i = end;
                continue;
            }
            first if path => {
                let mut path = vec![first.to_string()];
                while text(i + 1) == "::" && text(i + 2).starts_with(ident_char) {
                    path.push(text(i + 2).into());
                    i += 2;
                }
                out.push((path, None, at, scope.clone()));
            }
            _ => {}
        }
        i += 1;
    }
    out
}

impl Crate {
    /// Turns a written path into one from the crate root, or none when it
    /// names another crate's item. With `follow`, it may also start with a
    /// name that a `use` bound.
    fn absolute(&self, (path, _, _, scope): &Ref, follow: bool) -> Option<Vec<String>> {
        let first = path.first()?;
        let child = [scope.as_slice(), std::slice::from_ref(first)].concat();
        let (mut out, rest) = match first.as_str() {
            "crate" => (Vec::new(), &path[1..]),
            "self" | "super" => (scope.clone(), &path[..]),
            _ if self.modules.contains(&child) => (scope.clone(), &path[..]),
            _ if follow => (self.imports.get(scope)?.get(first)?.clone(), &path[1..]),
            _ => return None,
        };
        for segment in rest {
            match segment.as_str() {
                "self" => {}
                "super" => _ = out.pop(),
                _ => out.push(segment.clone()),
            }
        }
        Some(out)
    }

    /// The module a crate path lands in: its longest prefix naming a module
    /// file, following a name that module imports to where it comes from
    /// (so `crate::Result`, re-exported by `lib.rs`, lands in `error`).
    fn resolve(&self, path: &[String], hops: usize) -> String {
        let mut at = Vec::new();
        for (i, segment) in path.iter().enumerate() {
            let next = [at.as_slice(), std::slice::from_ref(segment)].concat();
            let names = self.imports.get(&at);
            if self.modules.contains(&next) {
                at = next;
            } else if let Some(to) = names.and_then(|n| n.get(segment)).filter(|_| hops < 8) {
                return self.resolve(&[to.as_slice(), &path[i + 1..]].concat(), hops + 1);
            } else {
                break;
            }
        }
        let name = at.join("::");
        if name.is_empty() { ROOT.into() } else { name }
    }
}

/// Builds the import graph between the library's files (not `main.rs`, the
/// binary's own crate); a module's references to itself are no edges.
fn graph(sources: &[Source]) -> Graph {
    let library: Vec<&Source> = sources.iter().filter(|s| s.file != "src/main.rs").collect();
    let (modules, imports) = (
        library.iter().map(|s| segments(&s.module)).collect(),
        BTreeMap::new(),
    );
    let mut krate = Crate { modules, imports };
    let refs: Vec<(&Source, Vec<Ref>)> = library.iter().map(|s| (*s, refs(s))).collect();
    // First what each `use` binds, so that paths can go through the names.
    for r in refs.iter().flat_map(|(_, refs)| refs) {
        if let (Some(name), Some(path)) = (&r.1, krate.absolute(r, false)) {
            let names = krate.imports.entry(r.3.clone()).or_default();
            names.insert(name.clone(), path);
        }
    }
    let mut graph = Graph::new();
    for (source, refs) in &refs {
        let edges = graph.entry(source.module.clone()).or_default();
        for (r, path) in refs
            .iter()
            .filter_map(|r| Some((r, krate.absolute(r, true)?)))
        {
            let to = krate.resolve(&path, 0);
            if to != source.module {
                edges.entry(to).or_insert_with(|| r.2.clone());
            }
        }
    }
    graph
}

/// The strongly connected components of the graph (Tarjan's algorithm).
fn components(graph: &Graph) -> Vec<Vec<String>> {
    /// The walk so far.
    #[derive(Default)]
    struct Walk<'g> {
        /// Each module's visit number, and the lowest one it reaches.
        order: BTreeMap<&'g str, (usize, usize)>,
        /// The modules visited and not yet in a component.
        stack: Vec<&'g str>,
        /// The components found.
        found: Vec<Vec<String>>,
    }
    /// Visits `v`, then emits its component if `v` is the component's root.
    fn visit<'g>(graph: &'g Graph, v: &'g str, walk: &mut Walk<'g>) {
        walk.order.insert(v, (walk.order.len(), walk.order.len()));
        walk.stack.push(v);
        for w in graph[v].keys().map(String::as_str) {
            let low = match walk.order.get(w) {
                None => {
                    visit(graph, w, walk);
                    walk.order[w].1
                }
                Some(&(number, _)) if walk.stack.contains(&w) => number,
                Some(_) => continue,
            };
            walk.order
                .entry(v)
                .and_modify(|(_, own)| *own = low.min(*own));
        }
        if let Some(&(number, low)) = walk.order.get(v)
            && number == low
            && let Some(start) = walk.stack.iter().rposition(|&m| m == v)
        {
            let component = walk.stack.drain(start..).map(String::from).collect();
            walk.found.push(component);
        }
    }
    let mut walk = Walk::default();
    for v in graph.keys() {
        if !walk.order.contains_key(v.as_str()) {
            visit(graph, v, &mut walk);
        }
    }
    walk.found
}

/// The shortest path of edges from `from` to `to` (a cycle when they are
/// the same module), or none.
fn shortest_path(graph: &Graph, from: &str, to: &str) -> Option<Vec<String>> {
    let (mut came_from, mut queue) = (BTreeMap::<&str, &str>::new(), VecDeque::from([from]));
    while let Some(u) = queue.pop_front() {
        for v in graph[u].keys() {
            if v == to {
                let mut path = vec![to, u];
                while let Some(&w) = path.last().filter(|&&w| w != from) {
                    path.push(came_from[w]);
                }
                return Some(path.into_iter().rev().map(String::from).collect());
            } else if v != from && !came_from.contains_key(v.as_str()) {
                came_from.insert(v, u);
                queue.push_back(v);
            }
        }
    }
    None
}

/// A cycle through `members` in turn, from the first back to it, or none:
/// whether the given modules are tangled together.
fn cycle_through(graph: &Graph, members: &[&str]) -> Option<Vec<String>> {
    let mut cycle = vec![members.first()?.to_string()];
    for (i, from) in members.iter().enumerate() {
        let path = shortest_path(graph, from, members[(i + 1) % members.len()])?;
        cycle.extend(path.into_iter().skip(1));
    }
    Some(cycle)
}

/// Renders a path of modules, each step with where it is written.
fn describe(graph: &Graph, path: &[String]) -> String {
    let mut out = path.first().cloned().unwrap_or_default();
    for step in path.windows(2) {
        _ = write!(out, "\n    -> {} ({})", step[1], graph[&step[0]][&step[1]]);
    }
    out
}

/// The lines (from 1) of `code` holding `pattern` not glued to an
/// identifier, where the rest of the line passes `then`.
fn lines_with(code: &str, pattern: &str, then: impl Fn(&str) -> bool) -> Vec<usize> {
    // An identifier character at a pattern's edge must not touch another.
    let clear = |edge: Option<char>, next: Option<char>| {
        !(edge.is_some_and(ident_char) && next.is_some_and(ident_char))
    };
    let found = |line: &str| {
        line.match_indices(pattern).any(|(i, _)| {
            let (before, after) = (&line[..i], &line[i + pattern.len()..]);
            clear(pattern.chars().next(), before.chars().next_back())
                && clear(pattern.chars().next_back(), after.chars().next())
                && then(after)
        })
    };
    let lines = code.lines().enumerate().filter(|(_, line)| found(line));
    lines.map(|(n, _)| n + 1).collect()
}

/// The module that holds `enum RuleId`: the rule registry.
fn registry(sources: &[Source]) -> String {
    let holds = |s: &&Source| !lines_with(&s.code, "enum RuleId", |_| true).is_empty();
    let found: Vec<&Source> = sources.iter().filter(holds).collect();
    let files: Vec<&str> = found.iter().map(|s| s.file.as_str()).collect();
    assert_eq!(files.len(), 1, "not one `enum RuleId`: {files:?}");
    found[0].module.clone()
}

/// Subcommands stay independent: `cli/check.rs` never reaches into
/// `cli/report.rs`; what they share lives in `cli` or a shared helper.
#[test]
fn cli_subcommands_do_not_import_each_other() {
    let graph = graph(&sources());
    // `cli::check::x` belongs to the subcommand `check`.
    let command = |m: &str| Some(m.strip_prefix("cli::")?.split("::").next()?.to_string());
    let mut crossings = Vec::new();
    for (from, edges) in &graph {
        for (to, at) in edges {
            if let (Some(a), Some(b)) = (command(from), command(to))
                && a != b
                && !CLI_SHARED.contains(&format!("cli::{b}").as_str())
            {
                crossings.push(format!("{from} -> {to} ({at})"));
            }
        }
    }
    let crossings = crossings.join("\n  ");
    assert!(
        crossings.is_empty(),
        "subcommands import each other:\n  {crossings}"
    );
}

/// No circle of imports among the files of `src/cli/`, `mod.rs` included:
/// the subcommands import what they share, and `cli` only dispatches.
#[test]
fn no_circle_among_the_cli_files() {
    let graph = graph(&sources());
    assert_in_no_circle(&graph, "the command line", |m| {
        m == "cli" || m.starts_with("cli::")
    });
}

/// Fixing may call linting, or linting fixing, but not both ways round.
#[test]
fn fix_and_lint_do_not_import_each_other() {
    let graph = graph(&sources());
    if let Some(cycle) = cycle_through(&graph, &["fix", "lint"]) {
        let cycle = describe(&graph, &cycle);
        panic!("fix and lint reach each other:\n  {cycle}");
    }
}

/// The rule registry is a leaf: it imports no module of the crate, so
/// that config, directives, diagnostics and printers can name rules
/// without importing the rules themselves.
#[test]
fn the_rule_registry_is_a_leaf() {
    let sources = sources();
    let (graph, registry) = (graph(&sources), registry(&sources));
    let imports: Vec<String> = graph[&registry]
        .iter()
        .map(|(to, at)| format!("{to} ({at})"))
        .collect();
    let imports = imports.join("\n  ");
    assert!(
        imports.is_empty(),
        "the registry `{registry}` imports:\n  {imports}"
    );
}

/// No circle of modules, however long, runs through the rule registry.
#[test]
fn no_circle_through_the_rule_registry() {
    let sources = sources();
    let (graph, registry) = (graph(&sources), registry(&sources));
    assert_in_no_circle(&graph, "the registry", |m| m == registry);
}

/// Fails, naming the circle and one cycle in it, when a module `picked`
/// (said as `what`) is in a circle of imports.
fn assert_in_no_circle(graph: &Graph, what: &str, picked: impl Fn(&str) -> bool) {
    let circles = components(graph).into_iter().filter(|c| c.len() > 1);
    for circle in circles {
        if let Some(start) = circle.iter().find(|m| picked(m)) {
            let cycle = cycle_through(graph, &[start]).unwrap_or_default();
            let (n, members, cycle) = (circle.len(), circle.join(", "), describe(graph, &cycle));
            panic!("{what} is in a circle of {n}: {members}\n  one cycle:\n  {cycle}");
        }
    }
}

/// Translation checks reuse the linter's findings: they neither parse and
/// lint documents themselves nor change a finding's severity.
#[test]
fn translation_module_does_not_parse_or_relevel() {
    // `.severity = x` assigns; `.severity == x` compares.
    let assigns = |after: &str| {
        let value = after.trim_start().strip_prefix('=');
        !after.starts_with(ident_char) && value.is_some_and(|v| !v.starts_with('='))
    };
    let (sources, mut hits) = (sources(), Vec::new());
    let translation = |s: &&Source| s.file.starts_with("src/translation/");
    for Source { file, code, .. } in sources.iter().filter(translation) {
        for word in NOT_IN_TRANSLATION {
            let lines = lines_with(code, word, |_| true);
            hits.extend(lines.iter().map(|n| format!("{file}:{n}: {word}")));
        }
        let lines = lines_with(code, ".severity", assigns);
        hits.extend(lines.iter().map(|n| format!("{file}:{n}: .severity =")));
    }
    let hits = hits.join("\n  ");
    assert!(
        hits.is_empty(),
        "translation parses, lints or re-levels:\n  {hits}"
    );
}

/// One writer per stream: only the printers, the console, the language
/// server and `main` touch stdout and stderr.
#[test]
fn only_printers_and_the_console_touch_stdout_and_stderr() {
    let allowed = |s: &&Source| STDIO_ALLOWED.iter().any(|a| s.file.starts_with(a));
    let mut hits = Vec::new();
    for source in sources().iter().filter(|s| !allowed(s)) {
        for call in STDIO_CALLS {
            let lines = lines_with(&source.code, call, |_| true);
            hits.extend(lines.into_iter().map(|n| (source.file.clone(), n, call)));
        }
    }
    hits.sort();
    let hits: Vec<String> = hits
        .iter()
        .map(|(f, n, call)| format!("{f}:{n}: {call}"))
        .collect();
    let hits = hits.join("\n  ");
    assert!(
        hits.is_empty(),
        "stdout/stderr outside {STDIO_ALLOWED:?}:\n  {hits}"
    );
}

/// Prints every circle of modules that import each other, with the edges
/// inside it. It asserts nothing, so it runs only on demand:
/// `cargo test --test architecture -- --ignored --nocapture`.
#[test]
#[ignore = "prints the import cycles for a developer; asserts nothing"]
fn print_every_cycle() {
    let graph = graph(&sources());
    for mut circle in components(&graph).into_iter().filter(|c| c.len() > 1) {
        circle.sort();
        println!("circle of {} modules: {}", circle.len(), circle.join(", "));
        for from in &circle {
            for (to, at) in graph[from].iter().filter(|(to, _)| circle.contains(to)) {
                println!("  {from} -> {to} ({at})");
            }
        }
    }
}
