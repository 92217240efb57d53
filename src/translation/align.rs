//! Which stretch of a translation renders which stretch of its source:
//! the whole document always; sections, by heading order, when both have
//! the same headings at the same levels; blocks (the heading, paragraphs,
//! list items), by order, inside two aligned sections with as many blocks.

use crate::markdown::Outline;
use crate::span::Span;

/// A stretch of the source and the stretch of the translation that
/// renders it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UnitPair {
    /// In the source.
    pub(crate) source: Span,
    /// In the translation.
    pub(crate) translation: Span,
}

/// Two aligned sections and their aligned blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SectionPair {
    /// The sections, from a heading to the next one (the first one, from
    /// the start of the document to the first heading).
    pub(crate) section: UnitPair,
    /// Their blocks, paired by order; empty when the counts differ.
    pub(crate) blocks: Vec<UnitPair>,
}

/// How far two documents could be aligned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Alignment {
    /// The whole documents.
    pub(crate) document: UnitPair,
    /// The sections, paired by order; empty when the headings differ.
    pub(crate) sections: Vec<SectionPair>,
}

/// One document as alignment sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Structure<'a> {
    /// Its length in bytes.
    pub(crate) len: usize,
    /// Its outline.
    pub(crate) outline: &'a Outline,
}

/// Align `source` with `translation`.
pub(crate) fn align(source: Structure<'_>, translation: Structure<'_>) -> Alignment {
    let document = UnitPair {
        source: Span::new(0, source.len),
        translation: Span::new(0, translation.len),
    };
    let levels = |s: Structure<'_>| -> Vec<u8> {
        s.outline.headings.iter().map(|(level, _)| *level).collect()
    };
    if source.outline.headings.is_empty() || levels(source) != levels(translation) {
        return Alignment {
            document,
            sections: Vec::new(),
        };
    }
    let (all_source_blocks, all_translation_blocks) = (blocks(source), blocks(translation));
    let sections = sections(source)
        .into_iter()
        .zip(sections(translation))
        .map(|(s, t)| {
            let (source_blocks, translation_blocks) = (
                within(&all_source_blocks, s),
                within(&all_translation_blocks, t),
            );
            let blocks = if source_blocks.len() == translation_blocks.len() {
                source_blocks
                    .into_iter()
                    .zip(translation_blocks)
                    .map(|(source, translation)| UnitPair {
                        source,
                        translation,
                    })
                    .collect()
            } else {
                Vec::new()
            };
            SectionPair {
                section: UnitPair {
                    source: s,
                    translation: t,
                },
                blocks,
            }
        })
        .collect();
    Alignment { document, sections }
}

/// The sections of a document: what comes before the first heading, then
/// each heading and what follows it up to the next.
fn sections(document: Structure<'_>) -> Vec<Span> {
    let starts: Vec<usize> = document
        .outline
        .headings
        .iter()
        .map(|(_, span)| span.start)
        .collect();
    std::iter::once(0)
        .chain(starts.iter().copied())
        .zip(starts.iter().copied().chain(std::iter::once(document.len)))
        .map(|(start, end)| Span::new(start, end.max(start)))
        .collect()
}

/// The blocks of a document, in order: its headings, its paragraphs, and
/// its list items that hold no other list item (an outer item's own words
/// count with its section only).
fn blocks(document: Structure<'_>) -> Vec<Span> {
    let outline = document.outline;
    let items = &outline.items;
    let leaf_items = items.iter().enumerate().filter(|(i, item)| {
        items[i + 1..]
            .iter()
            .take_while(|next| next.start < item.end)
            .all(|next| !item.contains(*next))
    });
    let mut blocks: Vec<Span> = outline
        .headings
        .iter()
        .map(|(_, span)| *span)
        .chain(outline.paragraphs.iter().copied())
        .chain(leaf_items.map(|(_, item)| *item))
        .collect();
    blocks.sort();
    blocks
}

/// The blocks of `blocks` (sorted) that lie inside `section`.
fn within(blocks: &[Span], section: Span) -> Vec<Span> {
    let first = blocks.partition_point(|b| b.start < section.start);
    blocks[first..]
        .iter()
        .take_while(|b| b.start < section.end)
        .filter(|b| section.contains(**b))
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::outline;

    fn aligned(source: &str, translation: &str) -> Alignment {
        let (s, t) = (outline(source), outline(translation));
        align(
            Structure {
                len: source.len(),
                outline: &s,
            },
            Structure {
                len: translation.len(),
                outline: &t,
            },
        )
    }

    #[test]
    fn same_headings_align_sections_and_same_block_counts_align_blocks() {
        let source = "# Title\n\nOne.\n\n## A\n\nTwo.\n\n- three\n- four\n\n## B\n\nFive.\n";
        let translation =
            "# Титул\n\nОдин.\n\n## А\n\nДва.\n\n- три\n- четыре\n\n## Б\n\nПять.\n\nШесть.\n";
        let alignment = aligned(source, translation);
        assert_eq!(alignment.sections.len(), 4);
        let slice = |span: Span, text: &'static str| span.slice(text).unwrap().trim_end();
        let a = &alignment.sections[2];
        assert!(slice(a.section.source, source).starts_with("## A"));
        assert!(slice(a.section.translation, translation).starts_with("## А"));
        let blocks: Vec<(&str, &str)> = a
            .blocks
            .iter()
            .map(|b| (slice(b.source, source), slice(b.translation, translation)))
            .collect();
        assert_eq!(
            blocks,
            [
                ("## A", "## А"),
                ("Two.", "Два."),
                ("- three", "- три"),
                ("- four", "- четыре")
            ]
        );
        // Section B has one paragraph in the source and two in the translation.
        assert!(alignment.sections[3].blocks.is_empty());
    }

    #[test]
    fn different_headings_leave_only_the_document() {
        let alignment = aligned("# T\n\n## A\n\nx\n\n## B\n\ny\n", "# T\n\n## A\n\nx y\n");
        assert!(alignment.sections.is_empty());
        let translation = "# T\n\n### A\n\nx\n";
        let alignment = aligned("# T\n\n## A\n\nx\n", translation);
        assert!(alignment.sections.is_empty());
        assert_eq!(
            alignment.document.translation,
            Span::new(0, translation.len())
        );
    }

    #[test]
    fn nested_list_items_are_blocks_and_their_parents_are_not() {
        let text = "# T\n\n- outer\n  - inner one\n  - inner two\n- last\n";
        let alignment = aligned(text, text);
        let blocks: Vec<&str> = alignment.sections[1]
            .blocks
            .iter()
            .map(|b| b.source.slice(text).unwrap().trim())
            .collect();
        assert_eq!(blocks, ["# T", "- inner one", "- inner two", "- last"]);
    }
}
