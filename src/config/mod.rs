//! Configuration: [`options`] (what users write), [`discover`] (which file
//! applies to a document), [`file`] (one loaded file with its overrides and
//! packs), [`layer`] (what each source of settings says), [`front_matter`]
//! (a document's own layer) and [`settings`] (the stacked result the rules
//! read). [`schema`] prints the JSON Schema of `clientele.toml`.

pub mod discover;
pub mod file;
pub mod front_matter;
pub mod layer;
pub mod options;
pub mod packs;
pub mod schema;
pub mod settings;

pub use discover::{CONFIG_NAMES, Resolver};
pub use file::Config;
pub use layer::Layer;
pub use options::{FailOn, Options};
pub use packs::Lexicons;
pub use settings::Settings;
