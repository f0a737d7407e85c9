//! The JSON files press writes and the app reads (schema version 1).
//!
//! - `data/index.json`: an [`Index`]: the site and a summary of every post, newest first.
//! - `data/posts/YYYY/MM/slug.json`: a [`Post`]: one whole post with its comments.
//! - `data/pages/slug.json`: a [`Page`]: one static page such as About.
//!
//! Every file carries `"schema": 1`. A reader refuses any other version with
//! [`SchemaError::UnknownVersion`] rather than guessing at fields it does not know.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use thiserror::Error;

use crate::{DateTime, PostPath};

/// The schema version this code reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// `data/index.json`: fetched once, it drives every page's layout and lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Index {
    /// Always [`SCHEMA_VERSION`].
    pub schema: u32,
    pub site: Site,
    /// Every published post, newest first.
    pub posts: Vec<PostSummary>,
}

/// The blog itself: what the header, the sidebar and the footer show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Site {
    /// The blog's name, shown in the header and in every document title ("Mediamum").
    pub title: String,
    /// The line under the title, also the home page's meta description.
    pub description: String,
    /// The blog's author, shown in "About Me" and as the default post author.
    pub author: String,
    /// The footer line, "Copyright © 2009 Mediamum".
    pub copyright: String,
    /// The "About Me" widget's text (plain text).
    pub about: String,
    /// How many posts the home page shows at a time.
    pub posts_per_page: usize,
    /// The "My Blog List" widget's entries.
    #[serde(default)]
    pub blog_list: Vec<BlogListEntry>,
    /// Static pages (About...), in the order the navigation shows them.
    #[serde(default)]
    pub pages: Vec<PageLink>,
    /// Where readers' comments go; comments are closed when it names nowhere.
    #[serde(default)]
    pub comments: CommentSettings,
}

/// Where a reader's comment is sent: an Isso server, else an email address, else nowhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentSettings {
    /// The Isso server's address, such as `https://comments.example.com/` (absolute, ends
    /// with `/`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isso: Option<String>,
    /// An address readers can email their comment to when there is no server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

impl CommentSettings {
    /// Whether readers can leave a comment at all.
    pub fn open(&self) -> bool {
        self.isso.is_some() || self.contact.is_some()
    }
}

/// One blog in "My Blog List", with its latest post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlogListEntry {
    pub name: String,
    /// The blog's home page (absolute URL).
    pub url: String,
    pub latest_title: String,
    /// The latest post's address (absolute URL).
    pub latest_url: String,
    pub latest_published: DateTime,
}

/// A static page as the navigation lists it; its path is `/p/{slug}.html`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageLink {
    pub slug: String,
    pub title: String,
}

/// What the index knows of a post: enough for lists, the archive and navigation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostSummary {
    /// The post's path, `/YYYY/MM/slug.html`, as it was on Blogger.
    pub permalink: String,
    pub title: String,
    pub published: DateTime,
    #[serde(default)]
    pub labels: Vec<String>,
    /// The first words of the post as plain text, for lists and meta descriptions.
    pub excerpt: String,
    /// How many comments the post's JSON holds.
    #[serde(default)]
    pub comments: u32,
}

impl PostSummary {
    /// The parsed permalink; `None` if the index holds something that is not one.
    pub fn path(&self) -> Option<PostPath> {
        PostPath::parse(&self.permalink)
    }
}

/// `data/posts/YYYY/MM/slug.json`: one whole post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Post {
    /// Always [`SCHEMA_VERSION`].
    pub schema: u32,
    pub permalink: String,
    pub title: String,
    pub published: DateTime,
    /// When the post was last edited, if it was.
    #[serde(default)]
    pub updated: Option<DateTime>,
    pub author: String,
    #[serde(default)]
    pub labels: Vec<String>,
    /// The body, already sanitized by press: safe to insert as HTML.
    pub body_html: String,
    /// Comments, oldest first.
    #[serde(default)]
    pub comments: Vec<Comment>,
}

/// A reader's comment on a post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    pub author: String,
    /// The commenter's website, if they gave one.
    #[serde(default)]
    pub author_url: Option<String>,
    pub published: DateTime,
    /// Plain text; paragraphs are separated by blank lines. Never HTML.
    pub body: String,
}

/// `data/pages/slug.json`: a static page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Always [`SCHEMA_VERSION`].
    pub schema: u32,
    pub slug: String,
    pub title: String,
    /// The body, already sanitized by press.
    pub body_html: String,
}

/// Why a data file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SchemaError {
    /// Not JSON, or JSON without the fields this version needs.
    #[error("the file is damaged: {0}")]
    Malformed(String),
    /// Written for a different schema version than this code reads.
    #[error(
        "the file is in data format {found}, but this version of the blog reads format {expected}"
    )]
    UnknownVersion { found: u32, expected: u32 },
}

/// Only the version field, read before the rest so that a newer file is reported as
/// newer rather than as a confusing missing-field error.
#[derive(Deserialize)]
struct VersionProbe {
    schema: Option<u32>,
}

/// Refuses a file of another schema version, or of none.
fn check_version(found: Option<u32>) -> Result<(), SchemaError> {
    match found {
        Some(SCHEMA_VERSION) => Ok(()),
        Some(found) => Err(SchemaError::UnknownVersion {
            found,
            expected: SCHEMA_VERSION,
        }),
        None => Err(SchemaError::Malformed(
            "it has no \"schema\" version field".into(),
        )),
    }
}

fn parse_versioned<T: DeserializeOwned>(text: &str) -> Result<T, SchemaError> {
    let probe: VersionProbe =
        serde_json::from_str(text).map_err(|e| SchemaError::Malformed(e.to_string()))?;
    check_version(probe.schema)?;
    serde_json::from_str(text).map_err(|e| SchemaError::Malformed(e.to_string()))
}

/// Reads `data/index.json`.
pub fn parse_index(text: &str) -> Result<Index, SchemaError> {
    let parts = IndexParts::parse(text)?;
    let posts = parse_summaries(&parts.posts)?;
    parts.finish(posts)
}

/// `data/index.json` read in steps, so that the app can read a large blog's posts a slice
/// at a time between frames: [`IndexParts::parse`] checks the version and the site and
/// finds each post's JSON, [`parse_summaries`] reads a slice of them, and
/// [`IndexParts::finish`] checks the whole.
pub struct IndexParts<'a> {
    pub site: Site,
    /// Each post's JSON, not read yet.
    pub posts: Vec<&'a RawValue>,
}

/// The index's outline, every field optional so that the version is checked first.
#[derive(Deserialize)]
struct Outline<'a> {
    schema: Option<u32>,
    #[serde(borrow)]
    site: Option<&'a RawValue>,
    #[serde(borrow)]
    posts: Option<Vec<&'a RawValue>>,
}

impl<'a> IndexParts<'a> {
    /// Checks the JSON and its version, reads the site, and finds each post's JSON.
    pub fn parse(text: &'a str) -> Result<Self, SchemaError> {
        let outline: Outline<'a> =
            serde_json::from_str(text).map_err(|e| SchemaError::Malformed(e.to_string()))?;
        check_version(outline.schema)?;
        let missing = |field: &str| SchemaError::Malformed(format!("missing field `{field}`"));
        let site: Site = serde_json::from_str(outline.site.ok_or_else(|| missing("site"))?.get())
            .map_err(|e| SchemaError::Malformed(format!("site: {e}")))?;
        Ok(IndexParts {
            site,
            posts: outline.posts.ok_or_else(|| missing("posts"))?,
        })
    }

    /// The index with all its posts, checked.
    pub fn finish(self, posts: Vec<PostSummary>) -> Result<Index, SchemaError> {
        if self.site.posts_per_page == 0 {
            return Err(SchemaError::Malformed(
                "posts_per_page must be at least 1".into(),
            ));
        }
        if let Some(bad) = posts.iter().find(|p| p.path().is_none()) {
            return Err(SchemaError::Malformed(format!(
                "'{}' is not a /YYYY/MM/name.html permalink",
                bad.permalink
            )));
        }
        Ok(Index {
            schema: SCHEMA_VERSION,
            site: self.site,
            posts,
        })
    }
}

/// Reads a slice of the index's posts.
pub fn parse_summaries(raw: &[&RawValue]) -> Result<Vec<PostSummary>, SchemaError> {
    raw.iter()
        .map(|r| {
            serde_json::from_str(r.get())
                .map_err(|e| SchemaError::Malformed(format!("a post: {e}")))
        })
        .collect()
}

/// Reads one post's JSON.
pub fn parse_post(text: &str) -> Result<Post, SchemaError> {
    parse_versioned(text)
}

/// Reads one static page's JSON.
pub fn parse_page(text: &str) -> Result<Page, SchemaError> {
    parse_versioned(text)
}

impl Index {
    /// The position of the post with this permalink in the newest-first list.
    pub fn position(&self, permalink: &str) -> Option<usize> {
        self.posts.iter().position(|p| p.permalink == permalink)
    }

    /// The posts carrying `label`, newest first.
    pub fn with_label<'a>(&'a self, label: &'a str) -> impl Iterator<Item = &'a PostSummary> {
        self.posts
            .iter()
            .filter(move |p| p.labels.iter().any(|l| l == label))
    }

    /// The posts published in `year` (and `month`, if given), newest first.
    pub fn in_period(
        &self,
        year: i32,
        month: Option<u8>,
    ) -> impl Iterator<Item = &PostSummary> + '_ {
        self.posts.iter().filter(move |p| {
            p.published.year == year && month.is_none_or(|m| p.published.month == m)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_index() -> String {
        r#"{
          "schema": 1,
          "site": {"title": "Mediamum", "description": "d", "author": "Mediamum",
                   "copyright": "Copyright © 2009 Mediamum", "about": "a", "posts_per_page": 5},
          "posts": [
            {"permalink": "/2010/01/b.html", "title": "B", "published": "2010-01-02T10:00:00+10:00",
             "labels": ["twitter"], "excerpt": "b", "comments": 2},
            {"permalink": "/2009/04/a.html", "title": "A", "published": "2009-04-18T09:12:00+10:00",
             "excerpt": "a"}
          ]
        }"#
        .to_string()
    }

    #[test]
    fn reads_a_version_1_index() {
        let index = parse_index(&sample_index()).unwrap();
        assert_eq!(index.site.title, "Mediamum");
        assert_eq!(index.posts.len(), 2);
        assert_eq!(index.posts[1].labels, Vec::<String>::new());
        assert_eq!(index.posts[1].comments, 0);
        assert_eq!(index.position("/2009/04/a.html"), Some(1));
        assert_eq!(index.with_label("twitter").count(), 1);
        assert_eq!(index.in_period(2009, Some(4)).count(), 1);
        assert_eq!(index.in_period(2009, Some(5)).count(), 0);
        assert_eq!(index.in_period(2010, None).count(), 1);
    }

    #[test]
    fn an_index_read_a_slice_at_a_time_is_the_same_index() {
        let text = sample_index();
        let parts = IndexParts::parse(&text).unwrap();
        assert_eq!(parts.posts.len(), 2);
        let mut posts = Vec::new();
        for slice in parts.posts.chunks(1) {
            posts.extend(parse_summaries(slice).unwrap());
        }
        assert_eq!(parts.finish(posts).unwrap(), parse_index(&text).unwrap());
        // A damaged post is named as such; a missing list too.
        let damaged = text.replace("\"title\": \"A\"", "\"title\": 7");
        let parts = IndexParts::parse(&damaged).unwrap();
        assert!(
            matches!(parse_summaries(&parts.posts), Err(SchemaError::Malformed(m)) if m.starts_with("a post"))
        );
        let no_posts = r#"{"schema": 1, "site": {"title": "t", "description": "", "author": "a", "copyright": "c", "about": "", "posts_per_page": 5}}"#;
        assert!(
            matches!(IndexParts::parse(no_posts), Err(SchemaError::Malformed(m)) if m.contains("posts"))
        );
    }

    #[test]
    fn round_trips_through_json() {
        let index = parse_index(&sample_index()).unwrap();
        let again = parse_index(&serde_json::to_string(&index).unwrap()).unwrap();
        assert_eq!(index, again);
    }

    #[test]
    fn refuses_other_versions_by_name() {
        let text = sample_index().replace("\"schema\": 1", "\"schema\": 2");
        assert_eq!(
            parse_index(&text),
            Err(SchemaError::UnknownVersion {
                found: 2,
                expected: 1
            })
        );
        // Even when the rest of the file is unrecognisable.
        assert!(matches!(
            parse_post(r#"{"schema": 7, "whatever": true}"#),
            Err(SchemaError::UnknownVersion { found: 7, .. })
        ));
    }

    #[test]
    fn reports_damage_clearly() {
        for text in ["", "not json", "{", "[]", "{\"schema\": \"one\"}", "null"] {
            assert!(
                matches!(parse_index(text), Err(SchemaError::Malformed(_))),
                "{text:?}"
            );
        }
        let missing = parse_post(r#"{"schema": 1}"#).unwrap_err();
        assert!(missing.to_string().contains("missing field"), "{missing}");
        let no_version = parse_page(r#"{"slug": "about"}"#).unwrap_err();
        assert!(no_version.to_string().contains("schema"), "{no_version}");
    }

    #[test]
    fn rejects_bad_dates_and_permalinks_in_the_index() {
        let bad_date = sample_index().replace("2009-04-18T09:12:00+10:00", "18 April 2009");
        assert!(matches!(
            parse_index(&bad_date),
            Err(SchemaError::Malformed(_))
        ));
        let bad_link = sample_index().replace("/2009/04/a.html", "/elsewhere");
        let err = parse_index(&bad_link).unwrap_err();
        assert!(err.to_string().contains("/elsewhere"), "{err}");
        let zero = sample_index().replace("\"posts_per_page\": 5", "\"posts_per_page\": 0");
        assert!(parse_index(&zero).is_err());
    }

    #[test]
    fn reads_posts_and_pages() {
        let post = parse_post(
            r#"{"schema": 1, "permalink": "/2009/04/a.html", "title": "A",
                "published": "2009-04-18T09:12:00+10:00", "author": "Mediamum",
                "body_html": "<p>Hi</p>",
                "comments": [{"author": "Jo", "published": "2009-04-19T08:00:00+10:00",
                              "body": "Nice"}]}"#,
        )
        .unwrap();
        assert_eq!(post.comments.len(), 1);
        assert_eq!(post.updated, None);
        let page =
            parse_page(r#"{"schema": 1, "slug": "about", "title": "About", "body_html": ""}"#)
                .unwrap();
        assert_eq!(page.slug, "about");
    }
}
