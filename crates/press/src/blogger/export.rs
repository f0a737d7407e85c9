//! Reading a Blogger export (`blog-MM-DD-YYYY.xml`): an Atom feed whose entries each have
//! a kind (post, page, comment, settings or template) given by a category.

use quick_xml::events::{BytesStart, Event};
use std::io::{BufRead, Read};

use quick_xml::{Reader, XmlVersion};

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

/// Reads a whole export into memory. `progress` is told how many bytes have been read.
pub fn parse(text: &str, progress: impl FnMut(usize)) -> Result<Export, ExportError> {
    let mut entries = Vec::new();
    let mut export = read(text.as_bytes(), progress, |entry| {
        entries.push(entry);
        Ok(())
    })?;
    export.entries = entries;
    Ok(export)
}

/// A reader that counts the lines of what has been consumed, for messages.
struct Lines<R> {
    inner: R,
    newlines: usize,
}

impl<R: BufRead> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.newlines += buf[..n].iter().filter(|&&b| b == b'\n').count();
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Lines<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        // The buffer is already filled (consume follows fill_buf), so this reads nothing.
        if let Ok(buf) = self.inner.fill_buf() {
            let seen = &buf[..amount.min(buf.len())];
            self.newlines += seen.iter().filter(|&&b| b == b'\n').count();
        }
        self.inner.consume(amount);
    }
}

/// Reads an export from `source` as a stream: each entry goes to `on_entry` as soon as
/// it ends, so only one entry is in memory at a time, and `progress` is told how many
/// bytes have been read. Returns the feed's own fields (with no entries). An error from
/// `on_entry` stops the reading, reported at that entry's line.
pub fn read<R: BufRead>(
    source: R,
    mut progress: impl FnMut(usize),
    mut on_entry: impl FnMut(Entry) -> Result<(), String>,
) -> Result<Export, ExportError> {
    let mut reader = Reader::from_reader(Lines {
        inner: source,
        newlines: 0,
    });
    let mut bytes = Vec::new();
    let mut entries = 0usize;
    let mut has_kinds = false;
    let line_now = |reader: &Reader<Lines<R>>| reader.get_ref().newlines + 1;
    let mut export = Export::default();
    let mut path: Vec<String> = Vec::new();
    let mut entry: Option<Entry> = None;
    let mut buffer = String::new();
    let mut saw_generator_blogger = false;

    loop {
        let line = line_now(&reader);
        let fail = |line: usize, reason: String| ExportError { line, reason };
        bytes.clear();
        let event = reader
            .read_event_into(&mut bytes)
            .map_err(|e| ExportError {
                line: line_now(&reader),
                reason: format!("this is not well-formed XML: {e}"),
            })?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if path.is_empty() && name != "feed" {
                    return Err(fail(
                        line,
                        format!("this is not a Blogger export: the document is a <{name}>, not an Atom <feed>"),
                    ));
                }
                match (name.as_str(), entry.as_mut()) {
                    ("entry", None) if path.len() == 1 => {
                        entry = Some(Entry {
                            line,
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
                            let at = done.line;
                            entries += 1;
                            has_kinds |= done.kind.is_some();
                            on_entry(done).map_err(|reason| fail(at, reason))?;
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
                    .map_err(|e| fail(line, format!("the text is not valid: {e}")))?;
                buffer.push_str(&s);
            }
            Event::CData(c) => {
                let s = c
                    .decode()
                    .map_err(|e| fail(line, format!("the text is not valid: {e}")))?;
                buffer.push_str(&s);
            }
            Event::GeneralRef(r) => {
                let name = r
                    .decode()
                    .map_err(|e| fail(line, format!("the text is not valid: {e}")))?;
                let c = resolve_ref(&name)
                    .ok_or_else(|| fail(line, format!("unknown entity &{name};")))?;
                buffer.push(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let fail = |line: usize, reason: String| ExportError { line, reason };
    if !path.is_empty() {
        return Err(fail(
            line_now(&reader),
            format!(
                "the file ends inside <{}>: it is cut short",
                path.join("><")
            ),
        ));
    }
    if export.title.is_empty() && entries == 0 {
        return Err(fail(
            0,
            "this is not a Blogger export: the feed is empty".into(),
        ));
    }
    if !has_kinds && !saw_generator_blogger {
        return Err(fail(
            0,
            "this is an Atom feed but not a Blogger export: no entry says whether it is a post, page, comment, settings or template".into(),
        ));
    }
    Ok(export)
}
