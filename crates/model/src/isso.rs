//! What the Isso comment server sends, made into comments the app can show.
//!
//! `GET /?uri=/2009/04/post.html` answers with a thread: top-level comments in `replies`,
//! each with its own `replies` one level down. `POST /new?uri=...` answers with the new
//! comment, whose `mode` is 1 when it is published and 2 when it waits for moderation.
//! Text comes as HTML and names HTML-escaped; both are made plain text here
//! ([`crate::comment_text`]), so the app never inserts a server's markup.

use serde::{Deserialize, Serialize};

use crate::comment_text::safe_website;
use crate::drafts::Draft;
use crate::text::{html_to_paragraphs, html_to_text};
use crate::DateTime;

/// Isso's mode for a comment waiting in the moderation queue.
pub const MODE_PENDING: u8 = 2;

/// A thread as `GET /?uri=` returns it (the fields the app uses).
#[derive(Debug, Deserialize)]
pub struct Thread {
    #[serde(default)]
    pub replies: Vec<RawComment>,
}

/// One comment as Isso sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct RawComment {
    pub id: i64,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    pub text: String,
    #[serde(default = "published_mode")]
    pub mode: u8,
    /// Seconds since the epoch.
    pub created: f64,
    #[serde(default)]
    pub replies: Vec<RawComment>,
}

fn published_mode() -> u8 {
    1
}

/// A comment from the server, ready to show as text.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerComment {
    pub id: i64,
    /// The name, or "Anonymous".
    pub author: String,
    /// The commenter's website, only if it is an http(s) address.
    pub website: Option<String>,
    /// The text's paragraphs, plain text.
    pub paragraphs: Vec<String>,
    /// When it was written, in the reader's time zone.
    pub published: DateTime,
    /// Held for moderation: only its writer sees it, marked as waiting.
    pub pending: bool,
}

impl RawComment {
    /// The comment as the app shows it, its time at `offset_minutes` east of UTC.
    pub fn to_comment(&self, offset_minutes: i16) -> ServerComment {
        let author = self
            .author
            .as_deref()
            .map(html_to_text)
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| "Anonymous".to_string());
        ServerComment {
            id: self.id,
            author,
            website: self.website.as_deref().and_then(safe_website),
            paragraphs: html_to_paragraphs(&self.text),
            published: DateTime::from_unix_seconds_at(self.created.floor() as i64, offset_minutes),
            pending: self.mode == MODE_PENDING,
        }
    }
}

/// Every comment of a thread, replies included, oldest first.
pub fn thread_comments(thread: &Thread, offset_minutes: i16) -> Vec<ServerComment> {
    fn walk(list: &[RawComment], into: &mut Vec<(f64, ServerComment)>, offset: i16) {
        for c in list {
            into.push((c.created, c.to_comment(offset)));
            walk(&c.replies, into, offset);
        }
    }
    let mut all = Vec::new();
    walk(&thread.replies, &mut all, offset_minutes);
    all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
    all.into_iter().map(|(_, c)| c).collect()
}

/// The body of `POST /new`: a reader's draft on the post titled `title`.
#[derive(Debug, Serialize)]
pub struct NewComment<'a> {
    pub text: &'a str,
    pub author: Option<&'a str>,
    pub website: Option<&'a str>,
    pub title: &'a str,
}

impl<'a> NewComment<'a> {
    /// The request for `draft`; an empty website is left out.
    pub fn from_draft(draft: &'a Draft, title: &'a str) -> Self {
        let nonempty = |s: &'a str| Some(s.trim()).filter(|s| !s.is_empty());
        NewComment {
            text: &draft.text,
            author: nonempty(&draft.name),
            website: nonempty(&draft.website),
            title,
        }
    }
}

/// Why a draft cannot be sent as it is (what Isso would refuse), for the reader.
pub fn check_draft(draft: &Draft) -> Result<(), String> {
    if draft.name.trim().is_empty() {
        return Err("Please give your name.".into());
    }
    if draft.text.trim_end().chars().count() < 3 {
        return Err("Please write a comment of at least 3 characters.".into());
    }
    let website = draft.website.trim();
    if !website.is_empty() && safe_website(website).is_none() {
        return Err("The website must be an address starting with http:// or https://.".into());
    }
    Ok(())
}

/// The address of a thread's comments on `server` (which ends with '/'), for the post at
/// `uri`; with `new` the address that adds one.
pub fn thread_url(server: &str, uri: &str, new: bool) -> String {
    let mut encoded = String::new();
    for byte in uri.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    let endpoint = if new { "new" } else { "" };
    format!("{server}{endpoint}?uri={encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const THREAD: &str = r#"{
        "id": null, "total_replies": 3, "hidden_replies": 0,
        "replies": [
            {"id": 1, "parent": null, "text": "<p>First &amp; best</p>", "author": "Ann &lt;3",
             "website": "https://ann.example", "mode": 1, "created": 1700000100.5,
             "modified": null, "likes": 0, "dislikes": 0, "hash": "x",
             "replies": [
                {"id": 3, "parent": 1, "text": "<p>a reply</p>", "author": null,
                 "website": "javascript:alert(1)", "mode": 1, "created": 1700000300.0,
                 "replies": []}
             ]},
            {"id": 2, "parent": null, "text": "<p>&lt;img src=x onerror=alert(1)&gt;</p>",
             "author": "Bob", "website": null, "mode": 1, "created": 1700000200.0}
        ],
        "config": {"reply-to-self": false}
    }"#;

    #[test]
    fn a_thread_flattens_oldest_first_as_plain_text() {
        let thread: Thread = serde_json::from_str(THREAD).unwrap();
        let comments = thread_comments(&thread, 600);
        let ids: Vec<i64> = comments.iter().map(|c| c.id).collect();
        assert_eq!(ids, [1, 2, 3]);
        assert_eq!(comments[0].author, "Ann <3");
        assert_eq!(comments[0].paragraphs, ["First & best"]);
        assert_eq!(comments[0].website.as_deref(), Some("https://ann.example"));
        assert_eq!(
            comments[0].published.to_string(),
            "2023-11-15T08:15:00+10:00"
        );
        assert_eq!(comments[1].paragraphs, ["<img src=x onerror=alert(1)>"]);
        assert_eq!(comments[2].author, "Anonymous");
        assert_eq!(comments[2].website, None);
        assert!(!comments[2].pending);
    }

    #[test]
    fn a_moderated_comment_is_pending() {
        let raw: RawComment = serde_json::from_str(
            r#"{"id": 9, "text": "<p>hi</p>", "author": "A", "mode": 2, "created": 0}"#,
        )
        .unwrap();
        assert!(raw.to_comment(0).pending);
    }

    #[test]
    fn new_comments_carry_the_title_and_leave_out_blanks() {
        let draft = Draft {
            name: " Ann ".into(),
            website: " ".into(),
            text: "Nice one".into(),
        };
        let json = serde_json::to_value(NewComment::from_draft(&draft, "Mediamum")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"text": "Nice one", "author": "Ann", "website": null, "title": "Mediamum"})
        );
    }

    #[test]
    fn drafts_are_checked_before_sending() {
        let ok = Draft {
            name: "Ann".into(),
            website: "https://ann.example".into(),
            text: "Nice".into(),
        };
        assert_eq!(check_draft(&ok), Ok(()));
        let no_name = Draft {
            name: " ".into(),
            ..ok.clone()
        };
        assert!(check_draft(&no_name).unwrap_err().contains("name"));
        let short = Draft {
            text: "hi ".into(),
            ..ok.clone()
        };
        assert!(check_draft(&short).unwrap_err().contains("3 characters"));
        let bad_site = Draft {
            website: "ann.example".into(),
            ..ok
        };
        assert!(check_draft(&bad_site).unwrap_err().contains("http"));
    }

    #[test]
    fn thread_addresses_encode_the_uri() {
        assert_eq!(
            thread_url("http://127.0.0.1:8081/", "/2009/04/ça va.html", false),
            "http://127.0.0.1:8081/?uri=/2009/04/%C3%A7a%20va.html"
        );
        assert_eq!(
            thread_url("https://c.example/isso/", "/blog/2009/04/x.html", true),
            "https://c.example/isso/new?uri=/blog/2009/04/x.html"
        );
    }
}
