//! `clientele report` and `clientele suggest`: the counts and the
//! suggestion as text for a terminal, and as versioned JSON. The tables
//! are Markdown tables, so that a report pastes into an issue or a pull
//! request as it is.

use comfy_table::presets::{ASCII_MARKDOWN, NOTHING};
use comfy_table::{CellAlignment, Table};

use crate::inventory::infer::{Evidence, Level, Suggestion};
use crate::inventory::{Inventory, SHOWN_ROLES, Tally};

/// How many cue words of one business type are named before "+N more".
const CUES_SHOWN: usize = 6;

/// The report: a summary line, then documents (most mixed first),
/// folders and languages.
pub(crate) fn report(inventory: &Inventory) -> String {
    let mut out = format!("{}\n", inventory.summary());
    if inventory.documents.is_empty() {
        return out;
    }
    out.push_str("\nDocuments, most mixed first:\n\n");
    let mut documents = table(&["document", "language"], true);
    for document in &inventory.documents {
        let languages: Vec<&str> = document.languages.keys().map(String::as_str).collect();
        documents.add_row(row(
            vec![document.path.clone(), languages.join(", ")],
            &document.tally(),
            Some(percent(document.mix)),
        ));
    }
    out.push_str(&format!("{documents}\n"));
    out.push_str("\nFolders, with everything below them:\n\n");
    // A folder's counts add up languages, whose mixes are apart: it has
    // no mix of its own, only its mixed documents.
    let mut folders = table(&["folder", "documents"], false);
    for folder in &inventory.folders {
        folders.add_row(row(
            vec![
                folder.path.clone(),
                mixed_of(folder.documents, folder.mixed),
            ],
            &folder.tally,
            None,
        ));
    }
    out.push_str(&format!("{folders}\n"));
    out.push_str("\nLanguages:\n\n");
    let mut languages = table(&["language", "documents"], true);
    for (code, language) in &inventory.languages {
        languages.add_row(row(
            vec![code.clone(), mixed_of(language.documents, language.mixed)],
            &language.tally,
            Some(percent(language.tally.mix())),
        ));
    }
    out.push_str(&format!("{languages}\n"));
    out
}

/// A table whose first columns are `leading`, then a column per role,
/// the technical and fixed counts and, `with_mix`, the mix; the counts
/// align right.
fn table(leading: &[&str], with_mix: bool) -> Table {
    let mut table = Table::new();
    table.load_preset(ASCII_MARKDOWN);
    let mut header: Vec<&str> = leading.to_vec();
    header.extend(SHOWN_ROLES);
    header.extend(["other roles", "technical", "fixed"]);
    if with_mix {
        header.push("mix");
    }
    table.set_header(header);
    for index in leading.len()..table.column_count() {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

/// The cells of one row: `leading`, then the counts of `tally`, then `mix`.
fn row(mut leading: Vec<String>, tally: &Tally, mix: Option<String>) -> Vec<String> {
    leading.extend(SHOWN_ROLES.map(|role| tally.role(role).to_string()));
    leading.extend([
        tally.other_roles().to_string(),
        tally.technical.to_string(),
        tally.fixed.to_string(),
    ]);
    leading.extend(mix);
    leading
}

/// "12" documents, or "12 (3 mixed)".
fn mixed_of(documents: usize, mixed: usize) -> String {
    if mixed == 0 {
        documents.to_string()
    } else {
        format!("{documents} ({mixed} mixed)")
    }
}

/// A [`Tally::mix`] as a whole percentage; blank for no mix.
fn percent(share: f64) -> String {
    // A mix of 0 is one role or none: no mix to show.
    if share > 0.0 {
        format!("{:.0} %", share * 100.0)
    } else {
        String::new()
    }
}

/// The suggestion: the verdict and its confidence, the evidence per
/// business type, and the line to paste.
pub(crate) fn suggestion(suggestion: &Suggestion) -> String {
    let mut out = String::new();
    match (&suggestion.business, &suggestion.line) {
        (Some(business), Some(line)) => {
            out.push_str(&format!(
                "Suggested business type: {business} (confidence {}, {:.2})\n",
                suggestion.level.as_str(),
                suggestion.confidence
            ));
            out.push_str(&format!(
                "\nEvidence:\n\n{}\n",
                evidence(&suggestion.evidence)
            ));
            if suggestion.level == Level::Low {
                out.push_str(
                    "\nThe confidence is low: read the evidence, and the documents, before you paste the line.\n",
                );
            }
            out.push_str(&format!("\nPaste into clientele.toml:\n\n    {line}\n"));
        }
        _ => {
            out.push_str(
                "No suggestion: the documents hold too few business cues and business-sense terms to tell what kind of business they describe.\n",
            );
            if !suggestion.evidence.is_empty() {
                out.push_str(&format!(
                    "\nEvidence:\n\n{}\n",
                    evidence(&suggestion.evidence)
                ));
            }
        }
    }
    out
}

/// One line per business type: its name, its score and what it rests on.
fn evidence(evidence: &[Evidence]) -> String {
    let mut table = Table::new();
    table.load_preset(NOTHING);
    for item in evidence {
        let mut words: Vec<String> = item
            .cues
            .iter()
            .take(CUES_SHOWN)
            .map(|c| format!("{} ×{}", c.form, c.count))
            .collect();
        if item.cues.len() > CUES_SHOWN {
            words.push(format!("+{} more", item.cues.len() - CUES_SHOWN));
        }
        let mut said = if words.is_empty() {
            "no cues".to_owned()
        } else {
            words.join(", ")
        };
        if let Some(role) = &item.role {
            said.push_str(&format!("; {role} ×{} as a role", item.role_count));
        }
        table.add_row(vec![
            item.business.clone(),
            format!("{:.1}", item.score),
            said,
        ]);
    }
    if let Some(column) = table.column_mut(1) {
        column.set_cell_alignment(CellAlignment::Right);
    }
    table.trim_fmt()
}

/// The version of the JSON that `report` and `suggest` print; it changes
/// only when a field changes meaning or goes away.
const JSON_VERSION: u32 = 1;

/// A JSON document with its version first.
#[derive(serde::Serialize)]
struct Versioned<'a, T> {
    version: u32,
    #[serde(flatten)]
    body: &'a T,
}

/// `value` (the counts of `report`, or what `suggest` suggests) as pretty
/// JSON, with its version, and a final newline.
pub(crate) fn json(value: &impl serde::Serialize) -> serde_json::Result<String> {
    let versioned = Versioned {
        version: JSON_VERSION,
        body: value,
    };
    let mut text = serde_json::to_string_pretty(&versioned)?;
    text.push('\n');
    Ok(text)
}
