//! Reading a Blogger export (`blog-MM-DD-YYYY.xml`): an Atom feed whose entries each have
//! a kind (post, page, comment, settings or template) given by a category.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::error::line_of;

const KIND_SCHEME: &str = "http://schemas.google.com/g/2005#kind";
const KIND_PREFIX: &str = "http://schemas.google.com/blogger/2008/kind#";
const LABEL_SCHEME: &str = "http://www.blogger.com/atom/ns#";

/// What an entry of the export is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Post,
    Page,
    Comment,
    Settings,
    Template,
    /// A kind this importer does not know, by its name.
    Other(String),
}

/// One `<entry>`, with what the importer uses of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// The line the entry starts on, for messages.
    pub line: usize,
    pub id: String,
    pub kind: Option<Kind>,
    pub title: String,
    /// The HTML content, unescaped.
    pub content: String,
    pub published: String,
    pub updated: String,
    pub labels: Vec<String>,
    /// `<link rel="alternate" href>`: where the entry was on Blogger.
    pub alternate: Option<String>,
    pub author: String,
    pub author_uri: Option<String>,
    /// `<app:draft>yes</app:draft>`.
    pub draft: bool,
    /// For a comment: `<thr:in-reply-to ref>`, the id of the entry it answers.
    pub in_reply_to: Option<String>,
}

/// The whole export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Export {
    pub title: String,
    pub subtitle: String,
    pub author: String,
    /// The blog's address on Blogger (the feed's `<link rel="alternate">`).
    pub link: Option<String>,
    pub entries: Vec<Entry>,
}

/// Why an export could not be read: the line and the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct ExportError {
    pub line: usize,
    pub reason: String,
}

fn kind_of(term: &str) -> Kind {
    match term.strip_prefix(KIND_PREFIX).unwrap_or(term) {
        "post" => Kind::Post,
        "page" => Kind::Page,
        "comment" => Kind::Comment,
        "settings" => Kind::Settings,
        "template" => Kind::Template,
        other => Kind::Other(other.to_string()),
    }
}

/// An attribute's value by local name, unescaped.
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name.as_bytes())
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Resolves `&name;` (the five XML entities) or `&#N;`/`&#xN;`.
fn resolve_ref(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Reads a whole export. `progress` is told how many bytes have been read so far.
pub fn parse(text: &str, mut progress: impl FnMut(usize)) -> Result<Export, ExportError> {
    let mut reader = Reader::from_str(text);
    let fail = |pos: u64, reason: String| ExportError {
        line: line_of(text, pos as usize),
        reason,
    };

    let mut export = Export::default();
    let mut path: Vec<String> = Vec::new();
    let mut entry: Option<Entry> = None;
    let mut buffer = String::new();
    let mut saw_generator_blogger = false;

    loop {
        let pos = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            fail(
                reader.error_position(),
                format!("this is not well-formed XML: {e}"),
            )
        })?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if path.is_empty() && name != "feed" {
                    return Err(fail(
                        pos,
                        format!("this is not a Blogger export: the document is a <{name}>, not an Atom <feed>"),
                    ));
                }
                match (name.as_str(), entry.as_mut()) {
                    ("entry", None) if path.len() == 1 => {
                        entry = Some(Entry {
                            line: line_of(text, pos as usize),
                            ..Entry::default()
                        })
                    }
                    ("category", Some(en)) => {
                        let scheme = attr(e, "scheme").unwrap_or_default();
                        let term = attr(e, "term").unwrap_or_default();
                        if scheme == KIND_SCHEME {
                            en.kind = Some(kind_of(&term));
                        } else if scheme == LABEL_SCHEME && !term.trim().is_empty() {
                            en.labels.push(term.trim().to_string());
                        }
                    }
                    ("link", Some(en)) if attr(e, "rel").as_deref() == Some("alternate") => {
                        en.alternate = attr(e, "href");
                    }
                    ("in-reply-to", Some(en)) => en.in_reply_to = attr(e, "ref"),
                    ("link", None) if attr(e, "rel").as_deref() == Some("alternate") => {
                        export.link = attr(e, "href");
                    }
                    _ => {}
                }
                // An empty element has no end event, so it never enters the path.
                if matches!(event, Event::Start(_)) {
                    buffer.clear();
                    path.push(name);
                }
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                let parent = path.last().map(String::as_str).unwrap_or("");
                let value = std::mem::take(&mut buffer);
                match (entry.as_mut(), name.as_str(), parent) {
                    (Some(_), "entry", _) => {
                        if let Some(done) = entry.take() {
                            export.entries.push(done);
                        }
                        progress(reader.buffer_position() as usize);
                    }
                    (Some(en), "id", "entry") => en.id = value.trim().to_string(),
                    (Some(en), "title", "entry") => en.title = value.trim().to_string(),
                    (Some(en), "content", "entry") => en.content = value,
                    (Some(en), "published", "entry") => en.published = value.trim().to_string(),
                    (Some(en), "updated", "entry") => en.updated = value.trim().to_string(),
                    (Some(en), "name", "author") => en.author = value.trim().to_string(),
                    (Some(en), "uri", "author") => en.author_uri = Some(value.trim().to_string()),
                    (Some(en), "draft", _) => en.draft = value.trim() == "yes",
                    (None, "title", "feed") => export.title = value.trim().to_string(),
                    (None, "subtitle", "feed") => export.subtitle = value.trim().to_string(),
                    (None, "name", "author") => export.author = value.trim().to_string(),
                    (None, "generator", "feed") => {
                        saw_generator_blogger = value.contains("Blogger");
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                let s = t
                    .xml10_content()
                    .map_err(|e| fail(pos, format!("the text is not valid: {e}")))?;
                buffer.push_str(&s);
            }
            Event::CData(c) => {
                let s = c
                    .decode()
                    .map_err(|e| fail(pos, format!("the text is not valid: {e}")))?;
                buffer.push_str(&s);
            }
            Event::GeneralRef(r) => {
                let name = r
                    .decode()
                    .map_err(|e| fail(pos, format!("the text is not valid: {e}")))?;
                let c = resolve_ref(&name)
                    .ok_or_else(|| fail(pos, format!("unknown entity &{name};")))?;
                buffer.push(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !path.is_empty() {
        return Err(fail(
            text.len() as u64,
            format!(
                "the file ends inside <{}>: it is cut short",
                path.join("><")
            ),
        ));
    }
    if export.title.is_empty() && export.entries.is_empty() {
        return Err(fail(
            0,
            "this is not a Blogger export: the feed is empty".into(),
        ));
    }
    let has_kinds = export.entries.iter().any(|e| e.kind.is_some());
    if !has_kinds && !saw_generator_blogger {
        return Err(fail(
            0,
            "this is an Atom feed but not a Blogger export: no entry says whether it is a post, page, comment, settings or template".into(),
        ));
    }
    Ok(export)
}
