//! The JSON Schema of `clientele.toml` that `clientele schema` prints,
//! generated from [`super::Options`] so that it cannot drift from what the
//! parser accepts.

use schemars::Schema;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

use super::Options;
use crate::lexicon::Lexicon;
use crate::registry::RULES;

/// The schema, as pretty-printed JSON. Draft 7, the newest draft every
/// TOML language server reads.
pub(crate) fn json_schema() -> String {
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

/// Offer the built-in business types, each with its summary, as the values
/// of a `business` key, while letting any other string through: a pack may
/// add business types, and those are checked when the config is resolved.
pub(crate) fn business_types(schema: &mut Schema) {
    no_default(schema);
    // The built-in packs are part of the binary; should they fail to load,
    // the schema still accepts any string, as the parser does.
    let Ok(lexicon) = Lexicon::builtin() else {
        return;
    };
    let mut choices: Vec<Value> = lexicon
        .business_types()
        .map(|business| json!({ "const": business.name, "description": business.summary }))
        .collect();
    choices.push(json!({
        "type": "string",
        "description": "a business type that a pack listed in `packs` adds",
    }));
    schema.insert("anyOf".to_owned(), Value::Array(choices));
}

/// Drop the `default` schemars gives an optional key: TOML has no null to
/// offer as one.
pub(crate) fn no_default(schema: &mut Schema) {
    schema.remove("default");
}
