//! Front matter: the block at the top of a post or page, as scrapbook, Hugo, Jekyll and
//! Zola authors write it. YAML between `---` lines is read by saphyr, TOML between `+++`
//! lines by the toml crate; both keep the line of every key, so that every mistake is
//! reported with its file and line.
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
//! Other tools' keys are mapped to ours: `tags`, `categories` and Zola's `[taxonomies]`
//! are labels, `lastmod` is `updated`, `summary` is `description`, `authors` is `author`,
//! and Jekyll's `published: false` is a draft. `slug` names the permalink's file within
//! the date's folder and `aliases` are old addresses that lead to the post. A key nobody
//! knows is a warning, not an error.

mod fields;
mod toml;
mod yaml;

use std::path::Path;

use model::date::DateError;
use model::DateTime;

use crate::error::ContentError;
use fields::{Field, Value};

/// Every key read, for the warning about one that is not.
const KNOWN_KEYS: [&str; 17] = [
    "title",
    "date",
    "updated",
    "lastmod",
    "labels",
    "tags",
    "categories",
    "taxonomies",
    "permalink",
    "slug",
    "aliases",
    "description",
    "summary",
    "author",
    "authors",
    "draft",
    "published",
];

/// The front matter of one file, checked, with the body that follows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub title: String,
    pub date: Option<DateTime>,
    pub updated: Option<DateTime>,
    pub labels: Vec<String>,
    /// The permalink and its line.
    pub permalink: Option<(String, usize)>,
    /// The permalink's file name within the date's folder, and its line.
    pub slug: Option<(String, usize)>,
    /// Old addresses that should lead to this post, each with its line.
    pub aliases: Vec<(String, usize)>,
    /// The author's own excerpt and meta description.
    pub description: Option<String>,
    pub author: Option<String>,
    pub draft: bool,
    /// The text after the closing line.
    pub body: String,
    /// The line the body starts on, for errors inside it.
    pub body_line: usize,
    /// What was read but not understood (unknown keys), with file and line.
    pub warnings: Vec<ContentError>,
}

/// The formats front matter comes in, by the line that opens and closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Yaml,
    Toml,
}

impl Format {
    fn fence(self) -> &'static str {
        match self {
            Format::Yaml => "---",
            Format::Toml => "+++",
        }
    }
}

/// Splits `text` into front matter and body and checks every field. `file` names the file
/// in errors and warnings.
pub fn parse(file: &Path, text: &str) -> Result<Document, ContentError> {
    let err = |line, reason: String| ContentError::at(file, line, reason);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let format = match lines.next().map(str::trim_end) {
        Some("---") => Format::Yaml,
        Some("+++") => Format::Toml,
        _ => {
            return Err(err(
                1,
                "the file must start with front matter: a line '---' (YAML) or '+++' (TOML), then 'title: ...'".into(),
            ))
        }
    };
    let block_start = lines_len(text, 1);
    let mut consumed = block_start;
    let mut block_end = None;
    let mut line_no = 1;
    for raw in lines {
        line_no += 1;
        if raw.trim_end() == format.fence() {
            block_end = Some(consumed);
            consumed += raw.len();
            break;
        }
        consumed += raw.len();
    }
    let Some(block_end) = block_end else {
        return Err(err(
            1,
            format!(
                "the front matter is never closed: add a line '{}' after it",
                format.fence()
            ),
        ));
    };
    let block = &text[block_start..block_end];
    let fields = match format {
        Format::Yaml => yaml::fields(block, 2),
        Format::Toml => toml::fields(block, 2),
    }
    // A mistake noticed at the end of the block (a value never finished) is on its last line.
    .map_err(|(line, reason)| (line.min(line_no - 1).max(2), reason))
    .map_err(|(line, reason)| {
        let hint = if reason.contains("mapping values are not allowed") {
            " (a value holding ': ' must be quoted: title: \"Café society: the school gate\")"
        } else {
            ""
        };
        let format = match format {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
        };
        err(
            line,
            format!("this front matter is not valid {format}: {reason}{hint}"),
        )
    })?;
    let mut doc = Document {
        body: text[consumed.min(text.len())..].to_string(),
        body_line: line_no + 1,
        ..Document::default()
    };
    let mut title = None;
    for field in &fields {
        read_field(file, field, &mut doc, &mut title)?;
    }
    doc.title = match title {
        Some((t, _)) if !t.trim().is_empty() => t.trim().to_string(),
        Some((_, line)) => return Err(err(line, "the title is empty".into())),
        None => {
            return Err(err(
                1,
                "missing title: add 'title: ...' to the front matter".into(),
            ))
        }
    };
    Ok(doc)
}

/// Reads one field into `doc` (the title into `title`, to be checked once all are read).
fn read_field(
    file: &Path,
    field: &Field,
    doc: &mut Document,
    title: &mut Option<(String, usize)>,
) -> Result<(), ContentError> {
    let err = |reason: String| ContentError::at(file, field.line, reason);
    let key = field.key.as_str();
    let text = || match &field.value {
        Value::Text(t) => Ok(t.clone()),
        Value::Empty => Ok(String::new()),
        other => Err(err(format!("'{key}' must be text, not {}", other.kind()))),
    };
    let date = || {
        let value = text()?;
        read_date(&value)
            .map(Some)
            .map_err(|e| err(format!("invalid {key}: {e}")))
    };
    match key {
        "title" => *title = Some((text()?, field.line)),
        "date" => doc.date = date()?,
        "updated" | "lastmod" => doc.updated = date()?,
        "labels" => add_labels(&mut doc.labels, &field.value, ',').map_err(err)?,
        // Jekyll separates tags given as one string with spaces.
        "tags" | "categories" => add_labels(&mut doc.labels, &field.value, ' ').map_err(err)?,
        // Zola: every taxonomy's terms are labels.
        "taxonomies" => match &field.value {
            Value::Table(taxonomies) => {
                for taxonomy in taxonomies {
                    add_labels(&mut doc.labels, &taxonomy.value, ',')
                        .map_err(|reason| ContentError::at(file, taxonomy.line, reason))?;
                }
            }
            other => {
                return Err(err(format!(
                    "'taxonomies' must be a table, not {}",
                    other.kind()
                )))
            }
        },
        "permalink" => doc.permalink = Some((text()?.trim().to_string(), field.line)),
        "slug" => doc.slug = Some((text()?.trim().to_string(), field.line)),
        "aliases" => {
            for alias in texts(&field.value).map_err(err)? {
                doc.aliases.push((alias, field.line));
            }
        }
        "description" | "summary" => {
            let value = one_line(&text()?);
            if !value.is_empty() && doc.description.is_none() {
                doc.description = Some(value);
            }
        }
        "author" | "authors" => {
            let names = texts(&field.value).map_err(err)?;
            let names = names.join(", ");
            if !names.trim().is_empty() {
                doc.author = Some(names.trim().to_string());
            }
        }
        "draft" => {
            doc.draft = read_bool(&field.value)
                .map_err(|v| err(format!("draft must be true or false, not '{v}'")))?
        }
        // Jekyll: a post that is not published is a draft.
        "published" => {
            let published = read_bool(&field.value)
                .map_err(|v| err(format!("published must be true or false, not '{v}'")))?;
            doc.draft = doc.draft || !published;
        }
        _ => doc.warnings.push(err(format!(
            "unknown key '{key}' ignored (known keys: {})",
            KNOWN_KEYS.join(", ")
        ))),
    }
    Ok(())
}

/// `true`/`false` (or YAML 1.1's `yes`/`no`); anything else is given back as text.
fn read_bool(value: &Value) -> Result<bool, String> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::Text(t) if t == "yes" => Ok(true),
        Value::Text(t) if t == "no" => Ok(false),
        Value::Text(t) => Err(t.clone()),
        other => Err(other.kind().to_string()),
    }
}

/// A list of texts, or one text as a list of one.
fn texts(value: &Value) -> Result<Vec<String>, String> {
    match value {
        Value::Text(t) => Ok(vec![t.trim().to_string()]),
        Value::Empty => Ok(Vec::new()),
        Value::List(items) => items
            .iter()
            .map(|item| match item {
                Value::Text(t) => Ok(t.trim().to_string()),
                other => Err(format!(
                    "a list of text was expected, not of {}",
                    other.kind()
                )),
            })
            .collect(),
        other => Err(format!(
            "text or a list of text was expected, not {}",
            other.kind()
        )),
    }
}

/// Adds the labels in `value` (a list, or one string split at `separator`) to `labels`,
/// each once. A label may not contain '/': it is a path segment of its page.
fn add_labels(labels: &mut Vec<String>, value: &Value, separator: char) -> Result<(), String> {
    let items: Vec<String> = match value {
        Value::Text(t) => t.split(separator).map(str::to_string).collect(),
        other => texts(other)?,
    };
    for item in items {
        let item = one_line(&item);
        if item.is_empty() {
            continue;
        }
        if item.contains('/') {
            return Err(format!("the label '{item}' may not contain '/'"));
        }
        if !labels.contains(&item) {
            labels.push(item);
        }
    }
    Ok(())
}

/// A date as these tools write it: RFC 3339 (`2009-04-18T09:12:00+10:00`), a day alone
/// (`2009-04-18`, midnight UTC), or Jekyll's `2009-04-18 09:12:00 +1000`; a time without
/// a zone is UTC.
pub fn read_date(text: &str) -> Result<DateTime, DateError> {
    let text = text.trim();
    if text.len() == 10 {
        return DateTime::parse(&format!("{text}T00:00:00Z"));
    }
    // Jekyll's " +1000": a space before the zone, and no colon in it.
    let (stamp, zone) = match text.rsplit_once(' ') {
        Some((stamp, zone)) if zone.starts_with(['+', '-']) && stamp.len() >= 16 => {
            let zone = if zone.len() == 5 && !zone.contains(':') {
                format!("{}:{}", &zone[..3], &zone[3..])
            } else {
                zone.to_string()
            };
            (stamp.to_string(), zone)
        }
        _ => (text.to_string(), String::new()),
    };
    // Minutes without seconds.
    let stamp = if stamp.len() == 16 {
        format!("{stamp}:00")
    } else {
        stamp
    };
    let has_zone = !zone.is_empty()
        || stamp.ends_with(['Z', 'z'])
        || stamp
            .get(19..)
            .is_some_and(|rest| rest.contains(['+', '-']));
    let zone = if has_zone { zone } else { "Z".to_string() };
    DateTime::parse(&format!("{stamp}{zone}")).or_else(|_| DateTime::parse(text))
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

/// A YAML double-quoted string: any text reads back exactly as it was.
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes front matter and `body` as YAML that [`parse`] reads back.
pub fn write(front: &FrontMatter, body: &str) -> String {
    let mut out = String::from("---\n");
    // Quoted, so that a title starting with a quote or '#', or holding ': ', reads back as
    // written.
    out.push_str(&format!("title: {}\n", quoted(&one_line(&front.title))));
    if let Some(date) = front.date {
        out.push_str(&format!("date: {date}\n"));
    }
    if let Some(updated) = front.updated {
        out.push_str(&format!("updated: {updated}\n"));
    }
    if !front.labels.is_empty() {
        // Quoted too: a label such as `"` would otherwise open a quote that never closes
        // (found by `cargo xtask fuzz`).
        let labels: Vec<String> = front.labels.iter().map(|l| quoted(&one_line(l))).collect();
        out.push_str(&format!("labels: [{}]\n", labels.join(", ")));
    }
    if let Some(permalink) = &front.permalink {
        out.push_str(&format!("permalink: {}\n", quoted(permalink)));
    }
    if let Some(author) = &front.author {
        out.push_str(&format!("author: {}\n", quoted(&one_line(author))));
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
    fn an_unknown_key_is_a_warning_with_its_line() {
        let doc = parse_str("---\ntitle: T\ntilte: U\nlayout: post\n---\n").unwrap();
        let warned: Vec<(usize, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.line, w.reason.as_str()))
            .collect();
        assert_eq!(warned.len(), 2, "{warned:?}");
        assert_eq!(warned[0].0, 3);
        assert!(warned[0].1.contains("unknown key 'tilte'"), "{warned:?}");
        assert_eq!(warned[1].0, 4);
        assert_eq!(doc.title, "T");
    }

    #[test]
    fn reads_hugo_yaml() {
        let doc = parse_str(
            "---\ntitle: \"Fires: a town\"\ndate: 2009-02-12T20:00:00+11:00\nlastmod: 2009-02-13\n\
             tags:\n  - social media\n  - facebook\ncategories: [news]\nslug: fires-and-facebook\n\
             aliases:\n  - /old/fires.html\n  - /2009/02/fires.html\ndescription: >\n  When the fires\n  came through.\n\
             draft: false\nweight: 10\n---\nBody\n",
        )
        .unwrap();
        assert_eq!(doc.title, "Fires: a town");
        assert_eq!(doc.date.unwrap().to_string(), "2009-02-12T20:00:00+11:00");
        assert_eq!(doc.updated.unwrap().to_string(), "2009-02-13T00:00:00Z");
        assert_eq!(doc.labels, ["social media", "facebook", "news"]);
        assert_eq!(doc.slug, Some(("fires-and-facebook".into(), 9)));
        assert_eq!(
            doc.aliases,
            [
                ("/old/fires.html".to_string(), 10),
                ("/2009/02/fires.html".to_string(), 10)
            ]
        );
        assert_eq!(
            doc.description.as_deref(),
            Some("When the fires came through.")
        );
        assert!(!doc.draft);
        assert_eq!(doc.warnings.len(), 1, "weight is not ours");
        assert_eq!(doc.warnings[0].line, 17);
        assert_eq!(doc.body, "Body\n");
        assert_eq!(doc.body_line, 19);
    }

    #[test]
    fn reads_zola_toml() {
        let doc = parse_str(
            "+++\ntitle = \"Café society\"\ndate = 2008-10-31T10:10:00+11:00\nupdated = 2008-11-01\n\
             description = \"Blogging from the school gate.\"\naliases = [\"/cafe/\"]\ndraft = false\n\n\
             [taxonomies]\ntags = [\"blogging\", \"family\"]\ncategories = [\"life\"]\n\n[extra]\nmood = \"good\"\n+++\nBody\n",
        )
        .unwrap();
        assert_eq!(doc.title, "Café society");
        assert_eq!(doc.date.unwrap().to_string(), "2008-10-31T10:10:00+11:00");
        assert_eq!(doc.updated.unwrap().to_string(), "2008-11-01T00:00:00Z");
        assert_eq!(doc.labels, ["blogging", "family", "life"]);
        assert_eq!(doc.aliases, [("/cafe/".to_string(), 6)]);
        assert_eq!(
            doc.description.as_deref(),
            Some("Blogging from the school gate.")
        );
        assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
        assert_eq!(doc.warnings[0].line, 13);
        assert_eq!(doc.body, "Body\n");
    }

    #[test]
    fn reads_jekyll_yaml() {
        let doc = parse_str(
            "---\nlayout: post\ntitle: Why I joined Twitter\ndate: 2008-03-19 13:02:00 +1100\n\
             categories: social twitter\npublished: false\n---\nBody\n",
        )
        .unwrap();
        assert_eq!(doc.date.unwrap().to_string(), "2008-03-19T13:02:00+11:00");
        assert_eq!(doc.labels, ["social", "twitter"]);
        assert!(doc.draft, "published: false is a draft");
    }

    #[test]
    fn toml_mistakes_name_their_line() {
        let (line, reason) = error_line("+++\ntitle = \"T\"\ndate = \n+++\n");
        assert_eq!(line, 3, "{reason}");
        assert!(reason.contains("not valid TOML"), "{reason}");
        let (line, reason) = error_line("+++\ntitle = \"T\"\ntags = { a = 1 }\n+++\n");
        assert_eq!(line, 3, "{reason}");
        assert!(error_line("+++\ntitle = \"T\"\n---\n").1.contains("'+++'"));
    }

    #[test]
    fn dates_as_the_tools_write_them() {
        let read = |t: &str| read_date(t).map(|d| d.to_string());
        assert_eq!(read("2009-04-18").unwrap(), "2009-04-18T00:00:00Z");
        assert_eq!(read("2009-04-18 09:12").unwrap(), "2009-04-18T09:12:00Z");
        assert_eq!(
            read("2009-04-18 09:12:00 -0500").unwrap(),
            "2009-04-18T09:12:00-05:00"
        );
        assert_eq!(
            read("2009-04-18T09:12:00+10:00").unwrap(),
            "2009-04-18T09:12:00+10:00"
        );
        assert_eq!(read("2009-04-18T09:12:00").unwrap(), "2009-04-18T09:12:00Z");
        assert!(read("2009-02-30").is_err());
        assert!(read("yesterday").is_err());
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
