//! Errors that are not findings (I/O, config, packs) as text for stderr;
//! errors inside a config or pack as an annotated snippet of that file.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{escape_message, escape_name};
use crate::error::Error;

/// `error` as text for stderr, without a trailing newline.
pub(crate) fn render_error(error: &Error, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let Some(located) = error.located() else {
        let message = error.to_string();
        // An error is one line, whatever the names in it hold; only git's
        // own messages run over several.
        let message = match error {
            Error::Git { .. } => escape_message(&message),
            _ => escape_name(&message),
        };
        return renderer.render(&[Group::with_title(
            Level::ERROR.primary_title(message.into_owned()),
        )]);
    };
    let kind = match error {
        Error::Pack(_) => "invalid term pack",
        Error::FrontMatter(_) => "invalid front matter",
        _ => "invalid configuration",
    };
    let title = format!("{kind}: {}", escape_message(&located.message));
    let path = escape_name(&crate::walk::display_path(&located.path)).into_owned();
    let group = match located.span {
        Some(span) if located.text.get(span.range()).is_some() => {
            Level::ERROR.primary_title(title).element(
                Snippet::source(located.text.as_str())
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(span.range())),
            )
        }
        _ => Level::ERROR
            .primary_title(title)
            .element(Level::NOTE.message(format!("in {path}"))),
    };
    let report = match &located.help {
        Some(help) => vec![group.element(Level::HELP.message(help.as_str()))],
        None => vec![group],
    };
    renderer.render(&report)
}
