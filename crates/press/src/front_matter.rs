//! Front matter: the `key: value` block between `---` lines at the top of a post or page.
//!
//! ```text
//! ---
//! title: A win for the little guy?
//! date: 2009-04-18T09:12:00+10:00
//! labels: [twitter, celebrity]
//! permalink: /2009/04/win.html
//! draft: false
//! ---
//! The body, in Markdown.
//! ```
//!
//! The format is a deliberately small subset of YAML, read by hand so that every mistake
//! is reported with its line.

use std::path::Path;

use model::DateTime;

use crate::error::ContentError;

/// The keys a post or page may set.
const KNOWN_KEYS: [&str; 7] = [
    "title",
    "date",
    "updated",
    "labels",
    "permalink",
    "author",
    "draft",
];

/// A value and the line it was on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Field {
    value: String,
    line: usize,
}

/// The front matter of one file, checked, with the body that follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub date: Option<DateTime>,
    pub updated: Option<DateTime>,
    pub labels: Vec<String>,
    pub permalink: Option<(String, usize)>,
    pub author: Option<String>,
    pub draft: bool,
    /// The text after the closing `---`.
    pub body: String,
    /// The line the body starts on, for errors inside it.
    pub body_line: usize,
}

/// Splits `text` into front matter and body and checks every field. `file` names the file
/// in errors.
pub fn parse(file: &Path, text: &str) -> Result<Document, ContentError> {
    let err = |line, reason: String| ContentError::at(file, line, reason);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {}
        _ => {
            return Err(err(
                1,
                "the file must start with front matter: a line '---', then 'title: ...'".into(),
            ))
        }
    }

    let mut fields: Vec<(String, Field)> = Vec::new();
    let mut consumed = lines_len(text, 1);
    let mut closed = false;
    let mut line_no = 1;
    for raw in lines {
        line_no += 1;
        consumed += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.trim_end() == "---" {
            closed = true;
            break;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(err(
                line_no,
                format!("expected 'key: value', found '{trimmed}'"),
            ));
        };
        let key = key.trim();
        if !KNOWN_KEYS.contains(&key) {
            return Err(err(
                line_no,
                format!(
                    "unknown key '{key}' (known keys: {})",
                    KNOWN_KEYS.join(", ")
                ),
            ));
        }
        if fields.iter().any(|(k, _)| k == key) {
            return Err(err(line_no, format!("'{key}' is given twice")));
        }
        let value = unquote(value.trim()).map_err(|reason| err(line_no, reason))?;
        fields.push((
            key.to_string(),
            Field {
                value,
                line: line_no,
            },
        ));
    }
    if !closed {
        return Err(err(
            1,
            "the front matter is never closed: add a line '---' after it".into(),
        ));
    }

    let get = |key: &str| fields.iter().find(|(k, _)| k == key).map(|(_, f)| f);
    let date_field = |key: &str| -> Result<Option<DateTime>, ContentError> {
        get(key)
            .map(|f| {
                DateTime::parse(&f.value).map_err(|e| err(f.line, format!("invalid {key}: {e}")))
            })
            .transpose()
    };

    let title = match get("title") {
        Some(f) if !f.value.trim().is_empty() => f.value.trim().to_string(),
        Some(f) => return Err(err(f.line, "the title is empty".into())),
        None => {
            return Err(err(
                1,
                "missing title: add 'title: ...' to the front matter".into(),
            ))
        }
    };
    let draft = match get("draft") {
        None => false,
        Some(f) => match f.value.as_str() {
            "true" | "yes" => true,
            "false" | "no" => false,
            other => {
                return Err(err(
                    f.line,
                    format!("draft must be true or false, not '{other}'"),
                ))
            }
        },
    };
    let labels = match get("labels") {
        None => Vec::new(),
        Some(f) => parse_list(&f.value).map_err(|reason| err(f.line, reason))?,
    };

    Ok(Document {
        title,
        date: date_field("date")?,
        updated: date_field("updated")?,
        labels,
        permalink: get("permalink").map(|f| (f.value.clone(), f.line)),
        author: get("author")
            .map(|f| f.value.trim().to_string())
            .filter(|a| !a.is_empty()),
        draft,
        body: text[consumed.min(text.len())..].to_string(),
        body_line: line_no + 1,
    })
}

/// Front matter to write: what an importer knows of a post or page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    pub date: Option<DateTime>,
    pub updated: Option<DateTime>,
    pub labels: Vec<String>,
    pub permalink: Option<String>,
    pub author: Option<String>,
}

/// Folds a value onto one line, as front matter needs.
fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes front matter and `body` in the format [`parse`] reads back.
pub fn write(front: &FrontMatter, body: &str) -> String {
    let mut out = String::from("---\n");
    // Quoted, so that a title starting with a quote or '#' reads back as written.
    out.push_str(&format!("title: \"{}\"\n", one_line(&front.title)));
    if let Some(date) = front.date {
        out.push_str(&format!("date: {date}\n"));
    }
    if let Some(updated) = front.updated {
        out.push_str(&format!("updated: {updated}\n"));
    }
    if !front.labels.is_empty() {
        // Quoted too: a label such as `"` would otherwise open a quote that never closes
        // (found by `cargo xtask fuzz`).
        let labels: Vec<String> = front
            .labels
            .iter()
            .map(|l| format!("\"{}\"", one_line(l)))
            .collect();
        out.push_str(&format!("labels: [{}]\n", labels.join(", ")));
    }
    if let Some(permalink) = &front.permalink {
        out.push_str(&format!("permalink: {permalink}\n"));
    }
    if let Some(author) = &front.author {
        out.push_str(&format!("author: \"{}\"\n", one_line(author)));
    }
    out.push_str("---\n");
    out.push_str(body);
    if !body.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The byte length of the first `n` lines of `text`.
fn lines_len(text: &str, n: usize) -> usize {
    text.split_inclusive('\n').take(n).map(str::len).sum()
}

/// Removes matching surrounding quotes from a value.
fn unquote(value: &str) -> Result<String, String> {
    for q in ['"', '\''] {
        if let Some(rest) = value.strip_prefix(q) {
            return rest.strip_suffix(q).map(str::to_string).ok_or_else(|| {
                format!("the value {value} opens a {q} quote but does not close it")
            });
        }
    }
    Ok(value.to_string())
}

/// Reads `[a, b]` or `a, b` into a list of trimmed, non-empty, distinct items.
fn parse_list(value: &str) -> Result<Vec<String>, String> {
    let inner = match value.strip_prefix('[') {
        Some(rest) => rest
            .strip_suffix(']')
            .ok_or_else(|| format!("the list {value} opens '[' but does not close it"))?,
        None => value,
    };
    let mut items: Vec<String> = Vec::new();
    for item in inner.split(',') {
        let item = unquote(item.trim())?;
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        if item.contains('/') {
            return Err(format!("the label '{item}' may not contain '/'"));
        }
        if !items.iter().any(|i| i == item) {
            items.push(item.to_string());
        }
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Document, ContentError> {
        parse(Path::new("posts/x.md"), text)
    }

    fn error_line(text: &str) -> (usize, String) {
        let e = parse_str(text).unwrap_err();
        (e.line, e.reason)
    }

    #[test]
    fn reads_every_field() {
        let doc = parse_str(
            "---\ntitle: \"Hello: world\"\ndate: 2009-04-18T09:12:00+10:00\n\
             labels: [twitter, 'social media', twitter]\npermalink: /2009/04/hi.html\n\
             author: Mediamum\ndraft: false\n---\nBody *here*\n",
        )
        .unwrap();
        assert_eq!(doc.title, "Hello: world");
        assert_eq!(doc.date.unwrap().to_string(), "2009-04-18T09:12:00+10:00");
        assert_eq!(doc.labels, vec!["twitter", "social media"]);
        assert_eq!(doc.permalink, Some(("/2009/04/hi.html".into(), 5)));
        assert_eq!(doc.author.as_deref(), Some("Mediamum"));
        assert!(!doc.draft);
        assert_eq!(doc.body, "Body *here*\n");
        assert_eq!(doc.body_line, 9);
    }

    #[test]
    fn accepts_crlf_a_bom_comments_and_plain_lists() {
        let doc = parse_str(
            "\u{feff}---\r\n# a comment\r\ntitle: T\r\nlabels: a, b\r\ndraft: yes\r\n---\r\nx",
        )
        .unwrap();
        assert_eq!(doc.labels, vec!["a", "b"]);
        assert!(doc.draft);
        assert_eq!(doc.body, "x");
    }

    #[test]
    fn each_mistake_names_its_line() {
        assert_eq!(error_line("title: T\n").0, 1);
        assert_eq!(error_line("---\ntitle: T\n").0, 1);
        assert!(error_line("---\ntitle: T\n").1.contains("never closed"));
        assert_eq!(error_line("---\ntitle: T\nnonsense\n---\n").0, 3);
        let (line, reason) = error_line("---\ntitle: T\ntilte: U\n---\n");
        assert_eq!(line, 3);
        assert!(reason.contains("unknown key 'tilte'"), "{reason}");
        assert_eq!(error_line("---\ntitle: T\ntitle: U\n---\n").0, 3);
        let (line, reason) = error_line("---\ntitle: T\n\ndate: 2009-02-30T00:00:00Z\n---\n");
        assert_eq!(line, 4);
        assert!(reason.contains("invalid date"), "{reason}");
        assert_eq!(error_line("---\ntitle: T\ndate: yesterday\n---\n").0, 3);
        assert_eq!(error_line("---\ntitle: T\ndraft: maybe\n---\n").0, 3);
        assert_eq!(error_line("---\ntitle: \"T\n---\n").0, 2);
        assert_eq!(error_line("---\ntitle: T\nlabels: [a, b\n---\n").0, 3);
        assert_eq!(error_line("---\ntitle: T\nlabels: a/b\n---\n").0, 3);
    }

    #[test]
    fn what_is_written_reads_back() {
        let front = FrontMatter {
            title: "\"Quoted\": a title\nover two lines".into(),
            date: DateTime::parse("2009-04-18T09:12:00.000+10:00").ok(),
            updated: DateTime::parse("2009-04-19T01:00:00Z").ok(),
            labels: vec!["social media".into(), "café".into()],
            permalink: Some("/2009/04/blog-post_18.html".into()),
            author: Some("# Mediamum".into()),
        };
        let doc = parse_str(&write(&front, "<p>Hi</p>")).unwrap();
        assert_eq!(doc.title, "\"Quoted\": a title over two lines");
        assert_eq!(doc.date, front.date);
        assert_eq!(doc.updated, front.updated);
        assert_eq!(doc.labels, front.labels);
        assert_eq!(doc.permalink.map(|p| p.0), front.permalink);
        assert_eq!(doc.author.as_deref(), Some("# Mediamum"));
        assert_eq!(doc.body, "<p>Hi</p>\n");
    }

    #[test]
    fn a_title_is_required_and_not_empty() {
        let (line, reason) = error_line("---\ndate: 2009-04-18T09:12:00Z\n---\nbody");
        assert_eq!(line, 1);
        assert!(reason.contains("missing title"));
        assert_eq!(error_line("---\ntitle: \"  \"\n---\n").0, 2);
    }
}
