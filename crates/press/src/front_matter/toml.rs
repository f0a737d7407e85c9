//! TOML front matter (Zola's and Hugo's `+++` blocks), read by the toml crate with the
//! position of every key.

use toml::de::{DeTable, DeValue};

use super::fields::{Field, Value};
use crate::error::line_of;

/// The fields of a TOML table. `first_line` is the file's line of the block's first line.
/// A syntax error is `Err((line, reason))`.
pub fn fields(block: &str, first_line: usize) -> Result<Vec<Field>, (usize, String)> {
    let line = |offset: usize| first_line + line_of(block, offset) - 1;
    let table = DeTable::parse(block).map_err(|e| {
        let at = e.span().map_or(first_line, |s| line(s.start));
        (at, e.message().trim().to_string())
    })?;
    Ok(table_fields(table.into_inner(), &line))
}

fn table_fields(table: DeTable, line: &impl Fn(usize) -> usize) -> Vec<Field> {
    table
        .into_iter()
        .map(|(key, value)| Field {
            key: key.get_ref().to_string(),
            line: line(key.span().start),
            value: value_of(value.into_inner(), line),
        })
        .collect()
}

fn value_of(value: DeValue, line: &impl Fn(usize) -> usize) -> Value {
    match value {
        DeValue::String(s) => Value::Text(s.to_string()),
        DeValue::Integer(n) => Value::Text(n.as_str().to_string()),
        DeValue::Float(f) => Value::Text(f.as_str().to_string()),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Text(d.to_string()),
        DeValue::Array(items) => Value::List(
            items
                .iter()
                .map(|i| value_of(i.get_ref().clone(), line))
                .collect(),
        ),
        DeValue::Table(table) => Value::Table(table_fields(table, line)),
    }
}
