//! Front matter as keys and values with their lines, whichever format it came in: what
//! the YAML and TOML readers produce and [`super::parse`] interprets.

/// A value of front matter.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string, or a date or number written as text (YAML and TOML dates alike).
    Text(String),
    Bool(bool),
    List(Vec<Value>),
    Table(Vec<Field>),
    /// An empty value (`key:` or `key: ~`).
    Empty,
}

impl Value {
    /// What the value is, for errors: "a list", "true or false".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Text(_) => "text",
            Value::Bool(_) => "true or false",
            Value::List(_) => "a list",
            Value::Table(_) => "a table",
            Value::Empty => "nothing",
        }
    }
}

/// One key, its value, and the line of the file the key is on.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: String,
    pub line: usize,
    pub value: Value,
}
