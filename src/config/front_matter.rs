//! A document's own settings, from the `clientele` entry of its front
//! matter: YAML (`---`) `clientele: { business: …, rules: {…} }` or TOML
//! (`+++`) `[clientele]`. Other front matter keys belong to other tools and
//! are left alone.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::layer::{Layer, LayerError, LayerSpec, Named};
use super::options::{DocumentOptions, RuleLevel};
use crate::lexicon::Lexicon;
use crate::markdown::{FrontMatter, FrontMatterKind};
use crate::source::LineIndex;
use crate::span::Span;

/// A top-level `clientele` key in YAML or TOML front matter. Front matter
/// without one is not parsed at all, so that a block written for another
/// tool, even a malformed one, is never our error.
static YAML_KEY: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#"(?m)^["']?clientele["']?[ \t]*:"#).ok());
static TOML_KEY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r#"(?m)^[ \t]*(?:\[[ \t]*["']?clientele["']?[ \t]*[\].]|["']?clientele["']?[ \t]*[.=])"#,
    )
    .ok()
});

#[derive(Deserialize)]
struct YamlFrontMatter {
    clientele: Option<YamlOptions>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct YamlOptions {
    business: Option<serde_saphyr::Spanned<String>>,
    #[serde(default)]
    rules: HashMap<serde_saphyr::Spanned<String>, RuleLevel>,
}

#[derive(Deserialize)]
struct TomlFrontMatter {
    clientele: Option<DocumentOptions>,
}

/// The layer the front matter of `text` sets, if it has a `clientele`
/// entry. Spans in errors index `text`.
pub(crate) fn document_layer(
    text: &str,
    front_matter: Option<&FrontMatter>,
    lexicon: &Lexicon,
) -> Result<Option<Layer>, LayerError> {
    let Some(front_matter) = front_matter else {
        return Ok(None);
    };
    // Without the word there is no entry: spare the key regexes.
    let Some(content) = front_matter
        .content
        .slice(text)
        .filter(|c| c.contains("clientele"))
    else {
        return Ok(None);
    };
    let offset = front_matter.content.start;
    let spec = match front_matter.kind {
        FrontMatterKind::Yaml => yaml_spec(content, offset)?,
        FrontMatterKind::Toml => toml_spec(content, offset)?,
    };
    match spec {
        Some(spec) => Layer::resolve(&spec, lexicon).map(Some),
        None => Ok(None),
    }
}

fn yaml_spec(content: &str, offset: usize) -> Result<Option<LayerSpec>, LayerError> {
    if !YAML_KEY.as_ref().is_some_and(|key| key.is_match(content)) {
        return Ok(None);
    }
    let parsed: YamlFrontMatter = serde_saphyr::from_str(content).map_err(|e| {
        let span = e.location().and_then(|l| {
            yaml_span(l.span(), offset).or_else(|| {
                let (line, column) = (usize::try_from(l.line()), usize::try_from(l.column()));
                let at = LineIndex::new(content).offset(content, line.ok()?, column.ok()?)?;
                Some(Span::new(offset + at, offset + at))
            })
        });
        let reason = e.without_snippet().to_string();
        // The position is shown by the snippet, in the document's own lines.
        let reason = match reason.rfind(" at line ") {
            Some(at) => reason[..at].to_owned(),
            None => reason,
        };
        LayerError {
            span,
            help: crate::suggest::for_serde_message(&reason),
            message: reason,
        }
    })?;
    let Some(options) = parsed.clientele else {
        return Ok(None);
    };
    let named = |s: &serde_saphyr::Spanned<String>| Named {
        value: s.value.clone(),
        span: yaml_span(s.referenced.span(), offset),
    };
    let mut rules: Vec<(Named, RuleLevel)> =
        options.rules.iter().map(|(k, v)| (named(k), *v)).collect();
    // A YAML mapping has no order to keep; report the first bad name first.
    rules.sort_by_key(|(name, _)| name.span.map(|s| s.start));
    Ok(Some(LayerSpec {
        business: options.business.as_ref().map(named),
        rules,
    }))
}

/// A YAML span as a span of the document, when it has byte offsets.
fn yaml_span(span: serde_saphyr::Span, offset: usize) -> Option<Span> {
    let start = usize::try_from(span.byte_offset()?).ok()? + offset;
    let len = usize::try_from(span.byte_len().unwrap_or(0)).ok()?;
    Some(Span::new(start, start + len))
}

fn toml_spec(content: &str, offset: usize) -> Result<Option<LayerSpec>, LayerError> {
    if !TOML_KEY.as_ref().is_some_and(|key| key.is_match(content)) {
        return Ok(None);
    }
    let parsed: TomlFrontMatter = toml::from_str(content).map_err(|e| LayerError {
        span: e.span().map(|r| Span::from(r).shift(offset)),
        help: crate::suggest::for_serde_message(e.message()),
        message: e.message().trim().to_owned(),
    })?;
    let Some(options) = parsed.clientele else {
        return Ok(None);
    };
    Ok(Some(LayerSpec::from_toml(
        options.business.as_ref(),
        &options.rules,
        offset,
    )))
}
