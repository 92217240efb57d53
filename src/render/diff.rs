//! `--diff`: what `--fix` would change, as a unified diff that `git apply`
//! and `patch -p1` accept.

use std::ops::Range;

use similar::{DiffTag, TextDiff};

use super::{Summary, plural};

/// The closing line of `--diff`, for stderr: what `--fix` would fix.
pub(crate) fn would_fix(summary: &Summary) -> String {
    if summary.fixed == 0 {
        format!("Nothing to fix in {}.", plural(summary.files, "file"))
    } else {
        format!(
            "Would fix {} in {}.",
            plural(summary.fixed, "problem"),
            plural(summary.fixed_files, "file")
        )
    }
}

/// Lines of unchanged context around each change, as `diff -u` shows.
const CONTEXT: usize = 3;

/// The unified diff from `old` to `new` of the file shown as `path`, with
/// `a/` and `b/` headers; empty when the texts are equal.
///
/// Lines end at `\n` only, as `diff -u` and `git apply` read them: a bare
/// `\r` (old Mac line endings) stays inside its line rather than ending
/// one, so every line of the diff ends with `\n` and what follows it (the
/// summary on a terminal) starts on a line of its own.
pub(crate) fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let old: Vec<&str> = old.split_inclusive('\n').collect();
    let new: Vec<&str> = new.split_inclusive('\n').collect();
    let hunks = TextDiff::configure()
        .diff_slices(&old, &new)
        .grouped_ops(CONTEXT);
    if hunks.is_empty() {
        return String::new();
    }
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    for hunk in hunks {
        let (Some(first), Some(last)) = (hunk.first(), hunk.last()) else {
            continue;
        };
        let old_range = first.old_range().start..last.old_range().end;
        let new_range = first.new_range().start..last.new_range().end;
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            hunk_range(&old_range),
            hunk_range(&new_range)
        ));
        for op in &hunk {
            let (tag, old_lines, new_lines) = op.as_tag_tuple();
            match tag {
                DiffTag::Equal => push_lines(&mut out, ' ', &old[old_lines]),
                DiffTag::Delete => push_lines(&mut out, '-', &old[old_lines]),
                DiffTag::Insert => push_lines(&mut out, '+', &new[new_lines]),
                DiffTag::Replace => {
                    push_lines(&mut out, '-', &old[old_lines]);
                    push_lines(&mut out, '+', &new[new_lines]);
                }
            }
        }
    }
    out
}

/// A hunk header's range: `start,count`, `start` alone for one line, and
/// the line before for none, as `diff -u` writes them.
fn hunk_range(lines: &Range<usize>) -> String {
    match lines.len() {
        1 => format!("{}", lines.start + 1),
        0 => format!("{},0", lines.start),
        count => format!("{},{count}", lines.start + 1),
    }
}

/// `lines` marked with `sign`; a last line without `\n` gets one, and the
/// marker that says the file has none.
fn push_lines(out: &mut String, sign: char, lines: &[&str]) {
    for line in lines {
        out.push(sign);
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_shown_with_its_context() {
        let old = "# Guide\n\nOur customers\nget reports.\n";
        let new = "# Guide\n\nOur clients\nget reports.\n";
        assert_eq!(
            unified_diff("docs/guide.md", old, new),
            "--- a/docs/guide.md\n+++ b/docs/guide.md\n@@ -1,4 +1,4 @@\n # Guide\n \n-Our customers\n+Our clients\n get reports.\n"
        );
    }

    #[test]
    fn a_missing_final_newline_is_marked() {
        let diff = unified_diff("a.md", "customer", "client");
        assert!(
            diff.ends_with("+client\n\\ No newline at end of file\n"),
            "{diff}"
        );
    }

    #[test]
    fn a_bare_carriage_return_does_not_end_a_line() {
        assert_eq!(
            unified_diff("a.md", "a\rcustomer\r", "a\rclient\r"),
            "--- a/a.md\n+++ b/a.md\n@@ -1 +1 @@\n-a\rcustomer\r\n\\ No newline at end of file\n\
             +a\rclient\r\n\\ No newline at end of file\n"
        );
    }

    #[test]
    fn lines_ending_in_newlines_diff_as_similar_writes_them() {
        // Hunks at the start, the end, far apart, lines added and removed.
        let old = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\n";
        let cases = [
            "zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\n",
            "two\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\n",
            "one\nTWO\nthree\nfour\nfive\nsix\nseven\neight\nnine\nTEN\neleven\n",
            "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve",
            "one\r\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\n",
            "",
        ];
        for new in cases {
            let expected = TextDiff::from_lines(old, new)
                .unified_diff()
                .context_radius(CONTEXT)
                .header("a/a.md", "b/a.md")
                .to_string();
            assert_eq!(unified_diff("a.md", old, new), expected, "{new:?}");
            let back = TextDiff::from_lines(new, old)
                .unified_diff()
                .context_radius(CONTEXT)
                .header("a/a.md", "b/a.md")
                .to_string();
            assert_eq!(unified_diff("a.md", new, old), back, "{new:?}");
        }
    }

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified_diff("a.md", "client\n", "client\n"), "");
    }
}
