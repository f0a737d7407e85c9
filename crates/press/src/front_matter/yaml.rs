//! YAML front matter, read by saphyr with the position of every node.

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

use super::fields::{Field, Value};

/// The fields of a YAML mapping. `first_line` is the file's line of the block's first
/// line. A syntax error is `Err((line, reason))`.
pub fn fields(block: &str, first_line: usize) -> Result<Vec<Field>, (usize, String)> {
    let line = |l: usize| first_line + l.saturating_sub(1);
    let documents = MarkedYaml::load_from_str(block)
        .map_err(|e| (line(e.marker().line()), e.info().to_string()))?;
    let Some(root) = documents.into_iter().next() else {
        return Ok(Vec::new());
    };
    match root.data {
        YamlData::Mapping(map) => Ok(map
            .into_iter()
            .map(|(key, value)| Field {
                key: text_of(&key).unwrap_or_default(),
                line: line(key.span.start.line()),
                value: value_of(value, &line),
            })
            .collect()),
        YamlData::Value(Scalar::Null) => Ok(Vec::new()),
        _ => Err((
            line(root.span.start.line()),
            "front matter must be 'key: value' lines".to_string(),
        )),
    }
}

fn text_of(node: &MarkedYaml) -> Option<String> {
    match &node.data {
        YamlData::Value(Scalar::String(s)) => Some(s.to_string()),
        YamlData::Value(Scalar::Integer(n)) => Some(n.to_string()),
        YamlData::Value(Scalar::FloatingPoint(f)) => Some(f.to_string()),
        YamlData::Value(Scalar::Boolean(b)) => Some(b.to_string()),
        YamlData::Representation(s, ..) => Some(s.to_string()),
        _ => None,
    }
}

fn value_of(node: MarkedYaml, line: &impl Fn(usize) -> usize) -> Value {
    match node.data {
        YamlData::Value(Scalar::Boolean(b)) => Value::Bool(b),
        YamlData::Value(Scalar::Null) => Value::Empty,
        YamlData::Sequence(items) => {
            Value::List(items.into_iter().map(|i| value_of(i, line)).collect())
        }
        YamlData::Mapping(map) => Value::Table(
            map.into_iter()
                .map(|(key, value)| Field {
                    key: text_of(&key).unwrap_or_default(),
                    line: line(key.span.start.line()),
                    value: value_of(value, line),
                })
                .collect(),
        ),
        YamlData::Tagged(_, inner) => value_of(*inner, line),
        _ => text_of(&node).map_or(Value::Empty, Value::Text),
    }
}
