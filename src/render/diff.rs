//! `--diff`: what `--fix` would change, as a unified diff that `git apply`
//! and `patch -p1` accept.

use similar::TextDiff;

/// Lines of unchanged context around each change, as `diff -u` shows.
const CONTEXT: usize = 3;

/// The unified diff from `old` to `new` of the file shown as `path`, with
/// `a/` and `b/` headers; empty when the texts are equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(CONTEXT)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
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
    fn equal_texts_have_no_diff() {
        assert_eq!(unified_diff("a.md", "client\n", "client\n"), "");
    }
}
