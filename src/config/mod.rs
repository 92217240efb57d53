//! Configuration: `options` (what users write), `discover` (which file
//! applies to a document), [`file`] (one loaded file with its overrides and
//! packs), `layer` (what each source of settings says), `front_matter`
//! (a document's own layer) and `settings` (the stacked result the rules
//! read). `schema` prints the JSON Schema of `clientele.toml`.

pub(crate) mod discover;
pub(crate) mod file;
pub(crate) mod front_matter;
pub(crate) mod layer;
pub(crate) mod options;
pub(crate) mod packs;
pub(crate) mod schema;
pub(crate) mod settings;

pub(crate) use discover::{CONFIG_NAMES, Resolver};
pub(crate) use file::Config;
pub(crate) use layer::Layer;
pub(crate) use options::{FailOn, Options};
pub use settings::Settings;
