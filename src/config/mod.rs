//! Configuration in three layers: [`options`] (what users write),
//! [`discover`] (which file applies to a document) and [`settings`] (the
//! resolved result the rules read).

pub mod discover;
pub mod options;
pub mod settings;

pub use discover::{CONFIG_NAMES, Resolver};
pub use options::{FailOn, Options};
pub use settings::Settings;
