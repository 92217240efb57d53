//! The JSON Schema of `clientele.toml` that `clientele schema` prints,
//! generated from [`super::Options`] so that it cannot drift from what the
//! parser accepts.

use schemars::Schema;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

use super::Options;
use crate::rules::RULES;

/// The schema, as pretty-printed JSON. Draft 7, the newest draft every
/// TOML language server reads.
pub fn json_schema() -> String {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Options>();
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// Narrow a `[rules]` table to the known rule names, so that editors
/// complete them and flag typos.
pub(crate) fn rule_names(schema: &mut Schema) {
    let level = schema
        .get("additionalProperties")
        .cloned()
        .unwrap_or(Value::Bool(true));
    let properties: Map<String, Value> = RULES
        .iter()
        .map(|rule| {
            // Draft 7 ignores the siblings of a `$ref`, so the description
            // sits beside an `allOf` holding it.
            let property = json!({
                "description": format!(
                    "{} (default: {})",
                    rule.summary,
                    rule.default_severity.as_str()
                ),
                "allOf": [level],
            });
            (rule.name.to_owned(), property)
        })
        .collect();
    schema.insert("properties".to_owned(), Value::Object(properties));
    schema.insert("additionalProperties".to_owned(), Value::Bool(false));
}

/// Drop the `default` schemars gives an optional key: TOML has no null to
/// offer as one.
pub(crate) fn no_default(schema: &mut Schema) {
    schema.remove("default");
}
