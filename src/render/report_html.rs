//! The report as one self-contained HTML page: a bar per folder of the
//! roles' shares, drawn in inline SVG, then the tables. No script, no
//! style sheet or font to fetch: the page opens the same from a CI
//! artefact, a mail attachment or a file on disk.

use std::fmt::Write as _;

use super::plural;
use crate::inventory::{FolderTally, Inventory, SHOWN_ROLES, Tally};

/// The colour of each of [`SHOWN_ROLES`], in order; the other roles are
/// drawn together in [`OTHER_COLOUR`].
const ROLE_COLOURS: [&str; 3] = ["#2f6db5", "#e07b22", "#3a9a5b"];

/// The colour of the other roles.
const OTHER_COLOUR: &str = "#9a9aa6";

/// Chart geometry, in pixels.
const LABEL_WIDTH: usize = 300;
const BAR_WIDTH: usize = 480;
const NOTE_WIDTH: usize = 200;
const ROW_HEIGHT: usize = 30;
const BAR_HEIGHT: usize = 20;
const LEGEND_HEIGHT: usize = 34;

/// The longest folder label drawn in full; longer ones keep their end.
const LABEL_CHARS: usize = 40;

/// How many levels of folders below the top ones the chart draws: a
/// large tree has thousands of folders, and a chart of all of them is
/// no longer read at a glance.
const CHART_LEVELS: usize = 2;

const STYLE: &str = "
body { font: 15px/1.45 system-ui, sans-serif; color: #1d1d22; margin: 2rem auto; max-width: 1000px; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
p.summary { color: #4a4a55; margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: .3rem .6rem; border-bottom: 1px solid #e2e2e8; text-align: right; }
th:first-child, td:first-child { text-align: left; word-break: break-all; }
th { background: #f3f3f7; }
tr.mixed td { background: #fff4e5; }
svg text { font: 13px system-ui, sans-serif; fill: #1d1d22; }
svg text.share { fill: #fff; font-weight: 600; }
";

/// The report as a page.
pub(crate) fn page(inventory: &Inventory) -> String {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>clientele report</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<h1>Who the documents serve</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"summary\">{}.</p>",
        escape(&inventory.summary())
    );
    if !inventory.folders.is_empty() {
        out.push_str("<h2>Role shares per folder</h2>\n");
        out.push_str(&chart(inventory));
        out.push_str("\n<h2>Documents, most mixed first</h2>\n");
        documents(inventory, &mut out);
        out.push_str("<h2>Languages</h2>\n");
        languages(inventory, &mut out);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The business-sense uses of each coloured role, then of the rest.
fn shares(tally: &Tally) -> Vec<(&'static str, &'static str, usize)> {
    let mut shares: Vec<(&str, &str, usize)> = SHOWN_ROLES
        .iter()
        .zip(ROLE_COLOURS)
        .map(|(&role, colour)| (role, colour, tally.role(role)))
        .collect();
    shares.push(("other roles", OTHER_COLOUR, tally.other_roles()));
    shares
}

/// How deep a folder is: `.` and `docs` are 0, `docs/en` is 1.
fn depth(folder: &FolderTally) -> usize {
    folder.path.matches('/').count()
}

/// One horizontal bar per folder down to [`CHART_LEVELS`] below the top
/// ones, split by role share, with a legend; and a note on the folders
/// left out.
fn chart(inventory: &Inventory) -> String {
    let top = inventory.folders.iter().map(depth).min().unwrap_or(0);
    let drawn: Vec<&FolderTally> = inventory
        .folders
        .iter()
        .filter(|f| depth(f) <= top + CHART_LEVELS)
        .collect();
    let width = LABEL_WIDTH + BAR_WIDTH + NOTE_WIDTH;
    let height = LEGEND_HEIGHT + drawn.len() * ROW_HEIGHT + 4;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Role shares per folder\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">"
    );
    let mut x = LABEL_WIDTH;
    for (role, colour, _) in shares(&Tally::default()) {
        let _ = writeln!(
            svg,
            "<rect x=\"{x}\" y=\"6\" width=\"14\" height=\"14\" fill=\"{colour}\"/><text x=\"{}\" y=\"18\">{role}</text>",
            x + 20
        );
        x += 36 + role.chars().count() * 9;
    }
    for (i, folder) in drawn.iter().enumerate() {
        let y = LEGEND_HEIGHT + i * ROW_HEIGHT;
        let text_y = y + BAR_HEIGHT / 2 + 5;
        let _ = writeln!(
            svg,
            "<g><title>{}</title><text x=\"0\" y=\"{text_y}\">{}</text>",
            escape(&folder.path),
            escape(&shorten(&folder.path))
        );
        let total = folder.tally.business();
        if total == 0 {
            let _ = writeln!(
                svg,
                "<rect x=\"{LABEL_WIDTH}\" y=\"{y}\" width=\"{BAR_WIDTH}\" height=\"{BAR_HEIGHT}\" fill=\"none\" stroke=\"#c8c8d0\"/><text x=\"{}\" y=\"{text_y}\">no business-sense terms</text>",
                LABEL_WIDTH + 8
            );
        }
        let mut x = LABEL_WIDTH as f64;
        for (role, colour, n) in shares(&folder.tally) {
            if n == 0 || total == 0 {
                continue;
            }
            let w = BAR_WIDTH as f64 * n as f64 / total as f64;
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{BAR_HEIGHT}\" fill=\"{colour}\"><title>{role}: {n}</title></rect>"
            );
            if w >= 38.0 {
                let _ = write!(
                    svg,
                    "<text class=\"share\" x=\"{:.1}\" y=\"{text_y}\">{:.0}%</text>",
                    x + 5.0,
                    100.0 * n as f64 / total as f64
                );
            }
            x += w;
        }
        let mut note = plural(folder.documents, "document");
        if folder.mixed > 0 {
            let _ = write!(note, ", {} mixed", folder.mixed);
        }
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{text_y}\">{note}</text></g>",
            LABEL_WIDTH + BAR_WIDTH + 10
        );
    }
    svg.push_str("</svg>");
    let left_out = inventory.folders.len() - drawn.len();
    if left_out > 0 {
        let _ = write!(
            svg,
            "\n<p class=\"summary\">Not drawn: {} deeper down; <code>clientele report --format json</code> lists every folder.</p>",
            plural(left_out, "folder")
        );
    }
    svg
}

/// The table of documents.
fn documents(inventory: &Inventory, out: &mut String) {
    table_head(out, "document", "mix");
    for document in &inventory.documents {
        let tally = document.tally();
        let mix = if document.mixed {
            format!("{:.0}%", 100.0 * document.mix)
        } else {
            String::new()
        };
        let class = if document.mixed {
            " class=\"mixed\""
        } else {
            ""
        };
        table_row(out, class, &document.path, &tally, &mix);
    }
    out.push_str("</table>\n");
}

/// The table of languages.
fn languages(inventory: &Inventory, out: &mut String) {
    table_head(out, "language", "mixed documents");
    for (code, language) in &inventory.languages {
        let mix = if language.mixed > 0 {
            format!("{} of {} documents", language.mixed, language.documents)
        } else {
            String::new()
        };
        table_row(out, "", code, &language.tally, &mix);
    }
    out.push_str("</table>\n");
}

fn table_head(out: &mut String, first: &str, last: &str) {
    let _ = write!(out, "<table>\n<tr><th>{first}</th>");
    for role in SHOWN_ROLES {
        let _ = write!(out, "<th>{role}</th>");
    }
    let _ = writeln!(
        out,
        "<th>other roles</th><th>technical</th><th>fixed</th><th>{last}</th></tr>"
    );
}

fn table_row(out: &mut String, class: &str, name: &str, tally: &Tally, mix: &str) {
    let _ = write!(out, "<tr{class}><td>{}</td>", escape(name));
    for (_, _, n) in shares(tally) {
        let _ = write!(out, "<td>{n}</td>");
    }
    let _ = writeln!(
        out,
        "<td>{}</td><td>{}</td><td>{}</td></tr>",
        tally.technical,
        tally.fixed,
        escape(mix)
    );
}

/// `label`, or its end after an ellipsis when it is too long to draw. The
/// end starts at a `/`, so that the folder names it shows are whole (an
/// absolute path is mostly the folders above the documents); a last name
/// too long for that keeps what fits of its end.
fn shorten(label: &str) -> String {
    let chars = label.chars().count();
    if chars <= LABEL_CHARS {
        return label.to_owned();
    }
    let kept = LABEL_CHARS - 1;
    let tail: String = label.chars().skip(chars - kept).collect();
    match tail.find('/') {
        Some(slash) if slash + 1 < tail.len() => format!("…{}", &tail[slash..]),
        _ => format!("…{tail}"),
    }
}

/// `text` with the characters that mean something in HTML escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_label_is_drawn_whole() {
        assert_eq!(shorten("docs/en"), "docs/en");
        let forty = "d".repeat(LABEL_CHARS);
        assert_eq!(shorten(&forty), forty);
    }

    #[test]
    fn a_long_label_keeps_whole_folder_names_at_its_end() {
        assert_eq!(
            shorten("/home/runner/work/acme/acme/docs/handbook/onboarding"),
            "…/acme/acme/docs/handbook/onboarding"
        );
        assert_eq!(
            shorten("/srv/документация/руководство/клиенты/客户/новые"),
            "…/руководство/клиенты/客户/новые"
        );
    }

    #[test]
    fn a_last_name_too_long_for_the_label_keeps_its_end() {
        let name = "n".repeat(LABEL_CHARS + 5);
        let label = shorten(&format!("/docs/{name}"));
        assert_eq!(label.chars().count(), LABEL_CHARS);
        assert_eq!(label, format!("…{}", "n".repeat(LABEL_CHARS - 1)));
    }
}
