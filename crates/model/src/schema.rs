//! The JSON files press writes and the app reads (schema version 2), split by what a
//! route needs so that a first visit costs the same for a small blog and a huge one:
//!
//! - `data/site.json`: a [`SiteFile`]: the settings, the archive's per-month counts, the
//!   label counts and the first home page's posts. Every route reads it.
//! - `data/home/N.json`: a [`ListFile`]: page N (2 and on) of the home page.
//! - `data/months/YYYY-MM.json`: a [`ListFile`]: one month's posts, for the month and year
//!   pages, the archive and the sidebar's archive widget.
//! - `data/labels/KEY/N.json`: a [`ListFile`]: page N of a label's posts.
//! - `data/posts/YYYY/MM/slug.json`: a [`Post`]: one whole post with its comments and its
//!   newer and older neighbours.
//! - `data/pages/slug.json`: a [`Page`]: one static page such as About.
//!
//! Every file carries `"schema": 2`. A reader refuses any other version with
//! [`SchemaError::UnknownVersion`] rather than guessing at fields it does not know.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::{DateTime, PostPath};

/// The schema version this code reads and writes.
pub const SCHEMA_VERSION: u32 = 2;

/// The whole blog as press holds it in memory: the site and a summary of every post,
/// newest first. It is never written as one file; [`crate::shards`] splits it by route.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    pub site: Site,
    /// Every published post, newest first.
    pub posts: Vec<PostSummary>,
}

/// `data/site.json`: what every route needs, and nothing that grows with the number of
/// posts except the per-month count table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteFile {
    /// Always [`SCHEMA_VERSION`].
    pub schema: u32,
    pub site: Site,
    /// How many posts each month holds, newest year first.
    pub archive: Vec<YearCounts>,
    /// Every label with its post count and the name of its data folder, sorted by name.
    #[serde(default)]
    pub labels: Vec<LabelCount>,
    /// The first page of the home page, newest first.
    pub home: Vec<PostSummary>,
}

/// One year of the archive's count table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearCounts {
    pub year: i32,
    /// Posts in January (index 0) to December (index 11).
    pub months: [u32; 12],
}

impl YearCounts {
    /// Posts in the whole year.
    pub fn total(&self) -> u32 {
        self.months.iter().sum()
    }

    /// The months with posts, newest first, with their counts.
    pub fn months_newest_first(&self) -> impl Iterator<Item = (u8, u32)> + '_ {
        (1..=12u8)
            .rev()
            .map(|m| (m, self.months[usize::from(m - 1)]))
            .filter(|(_, n)| *n > 0)
    }
}

/// A label as the Labels widget lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelCount {
    pub name: String,
    pub count: u32,
    /// The label's folder under `data/labels/`: a URL-safe name of its own.
    pub key: String,
}

/// A list of post summaries: a page of the home page, a month, or a page of a label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListFile {
    /// Always [`SCHEMA_VERSION`].
    pub schema: u32,
    /// 1-based page of this list (1 for a month, which is never paged).
    pub page: u32,
    /// How many pages the whole list has.
    pub pages: u32,
    /// How many posts the whole list holds, on every page.
    pub total: u32,
    /// This page's posts, newest first.
    pub posts: Vec<PostSummary>,
}

/// The blog itself: what the header, the sidebar and the footer show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Site {
    /// The blog's name, shown in the header and in every document title ("Mediamum").
    pub title: String,
    /// The line under the title, also the home page's meta description.
    pub description: String,
    /// The blog's absolute address with its sub-path, for canonical links
    /// (`https://mediamum.example.com` or `https://example.com/blog`).
    #[serde(default)]
    pub base_url: String,
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

impl From<&Post> for PostSummary {
    /// What lists and the archive show of a post.
    fn from(post: &Post) -> Self {
        PostSummary {
            permalink: post.permalink.clone(),
            title: post.title.clone(),
            published: post.published,
            labels: post.labels.clone(),
            excerpt: post.description.clone(),
            comments: post.comments.len() as u32,
        }
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
    /// The first words as plain text: the post's meta description.
    #[serde(default)]
    pub description: String,
    /// The next post up the newest-first list, if any.
    #[serde(default)]
    pub newer: Option<Neighbour>,
    /// The next post down the newest-first list, if any.
    #[serde(default)]
    pub older: Option<Neighbour>,
}

/// A neighbouring post, as the "Newer Post" / "Older Post" links need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Neighbour {
    pub permalink: String,
    pub title: String,
}

/// Gives each post of a newest-first list its newer and older neighbours, so that a
/// post's page needs no list to draw "Newer Post" and "Older Post".
pub fn link_neighbours(posts: &mut [Post]) {
    let links: Vec<Neighbour> = posts
        .iter()
        .map(|p| Neighbour {
            permalink: p.permalink.clone(),
            title: p.title.clone(),
        })
        .collect();
    for (i, post) in posts.iter_mut().enumerate() {
        post.newer = i.checked_sub(1).map(|n| links[n].clone());
        post.older = links.get(i + 1).cloned();
    }
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

/// Reads `data/site.json`.
pub fn parse_site(text: &str) -> Result<SiteFile, SchemaError> {
    let file: SiteFile = parse_versioned(text)?;
    if file.site.posts_per_page == 0 {
        return Err(SchemaError::Malformed(
            "posts_per_page must be at least 1".into(),
        ));
    }
    check_permalinks(&file.home)?;
    Ok(file)
}

/// Reads a list of posts: a home page, a month or a label page.
pub fn parse_list(text: &str) -> Result<ListFile, SchemaError> {
    let file: ListFile = parse_versioned(text)?;
    check_permalinks(&file.posts)?;
    Ok(file)
}

/// Refuses a list holding something that is not a permalink: the app would build links
/// from it.
fn check_permalinks(posts: &[PostSummary]) -> Result<(), SchemaError> {
    match posts.iter().find(|p| p.path().is_none()) {
        Some(bad) => Err(SchemaError::Malformed(format!(
            "'{}' is not a /YYYY/MM/name.html permalink",
            bad.permalink
        ))),
        None => Ok(()),
    }
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
    /// The posts carrying `label`, newest first.
    pub fn with_label<'a>(&'a self, label: &'a str) -> impl Iterator<Item = &'a PostSummary> {
        self.posts
            .iter()
            .filter(move |p| p.labels.iter().any(|l| l == label))
    }
}

impl SiteFile {
    /// How many posts the blog has.
    pub fn total_posts(&self) -> usize {
        self.archive.iter().map(|y| y.total() as usize).sum()
    }

    /// How many posts `year` (and `month`, if given) holds.
    pub fn count_in(&self, year: i32, month: Option<u8>) -> u32 {
        self.archive
            .iter()
            .find(|y| y.year == year)
            .map_or(0, |y| match month {
                Some(m) if (1..=12).contains(&m) => y.months[usize::from(m - 1)],
                Some(_) => 0,
                None => y.total(),
            })
    }

    /// Every month with posts, newest first: (year, month, count).
    pub fn months(&self) -> impl Iterator<Item = (i32, u8, u32)> + '_ {
        self.archive
            .iter()
            .flat_map(|y| y.months_newest_first().map(move |(m, n)| (y.year, m, n)))
    }

    /// The label of this name, if any post carries it.
    pub fn label(&self, name: &str) -> Option<&LabelCount> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// How many pages the home page has (at least 1).
    pub fn home_pages(&self) -> usize {
        self.total_posts()
            .div_ceil(self.site.posts_per_page.max(1))
            .max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_site() -> String {
        r#"{
          "schema": 2,
          "site": {"title": "Mediamum", "description": "d", "author": "Mediamum",
                   "copyright": "Copyright © 2009 Mediamum", "about": "a", "posts_per_page": 1},
          "archive": [{"year": 2010, "months": [1,0,0,0,0,0,0,0,0,0,0,0]},
                      {"year": 2009, "months": [0,0,0,2,0,0,0,0,0,0,0,0]}],
          "labels": [{"name": "twitter", "count": 1, "key": "twitter"}],
          "home": [
            {"permalink": "/2010/01/b.html", "title": "B", "published": "2010-01-02T10:00:00+10:00",
             "labels": ["twitter"], "excerpt": "b", "comments": 2}
          ]
        }"#
        .to_string()
    }

    #[test]
    fn reads_a_version_2_site_file() {
        let site = parse_site(&sample_site()).unwrap();
        assert_eq!(site.site.title, "Mediamum");
        assert_eq!(site.home.len(), 1);
        assert_eq!(site.total_posts(), 3);
        assert_eq!(site.home_pages(), 3);
        assert_eq!(site.count_in(2009, Some(4)), 2);
        assert_eq!(site.count_in(2009, Some(5)), 0);
        assert_eq!(site.count_in(2009, Some(13)), 0);
        assert_eq!(site.count_in(2010, None), 1);
        assert_eq!(site.count_in(1999, None), 0);
        assert_eq!(
            site.months().collect::<Vec<_>>(),
            vec![(2010, 1, 1), (2009, 4, 2)]
        );
        assert_eq!(site.label("twitter").map(|l| l.count), Some(1));
        assert!(site.label("Twitter").is_none());
    }

    #[test]
    fn round_trips_through_json() {
        let site = parse_site(&sample_site()).unwrap();
        let again = parse_site(&serde_json::to_string(&site).unwrap()).unwrap();
        assert_eq!(site, again);
    }

    #[test]
    fn refuses_other_versions_by_name() {
        let text = sample_site().replace("\"schema\": 2", "\"schema\": 1");
        assert_eq!(
            parse_site(&text),
            Err(SchemaError::UnknownVersion {
                found: 1,
                expected: 2
            })
        );
        // Even when the rest of the file is unrecognisable.
        assert!(matches!(
            parse_post(r#"{"schema": 7, "whatever": true}"#),
            Err(SchemaError::UnknownVersion { found: 7, .. })
        ));
        assert!(matches!(
            parse_list(r#"{"schema": 3}"#),
            Err(SchemaError::UnknownVersion { found: 3, .. })
        ));
    }

    #[test]
    fn reports_damage_clearly() {
        for text in ["", "not json", "{", "[]", "{\"schema\": \"one\"}", "null"] {
            assert!(
                matches!(parse_site(text), Err(SchemaError::Malformed(_))),
                "{text:?}"
            );
            assert!(
                matches!(parse_list(text), Err(SchemaError::Malformed(_))),
                "{text:?}"
            );
        }
        let missing = parse_post(r#"{"schema": 2}"#).unwrap_err();
        assert!(missing.to_string().contains("missing field"), "{missing}");
        let no_version = parse_page(r#"{"slug": "about"}"#).unwrap_err();
        assert!(no_version.to_string().contains("schema"), "{no_version}");
        let short_year = sample_site().replace("[1,0,0,0,0,0,0,0,0,0,0,0]", "[1,0]");
        assert!(matches!(
            parse_site(&short_year),
            Err(SchemaError::Malformed(_))
        ));
    }

    #[test]
    fn rejects_bad_dates_and_permalinks() {
        let bad_date = sample_site().replace("2010-01-02T10:00:00+10:00", "2 January 2010");
        assert!(matches!(
            parse_site(&bad_date),
            Err(SchemaError::Malformed(_))
        ));
        let bad_link = sample_site().replace("/2010/01/b.html", "/elsewhere");
        let err = parse_site(&bad_link).unwrap_err();
        assert!(err.to_string().contains("/elsewhere"), "{err}");
        let zero = sample_site().replace("\"posts_per_page\": 1", "\"posts_per_page\": 0");
        assert!(parse_site(&zero).is_err());
        let list = r#"{"schema": 2, "page": 1, "pages": 1, "total": 1, "posts": [
            {"permalink": "javascript:alert(1)", "title": "x",
             "published": "2010-01-02T10:00:00+10:00", "excerpt": ""}]}"#;
        assert!(parse_list(list).is_err());
    }

    #[test]
    fn reads_lists_posts_and_pages() {
        let list = parse_list(
            r#"{"schema": 2, "page": 2, "pages": 3, "total": 11, "posts": [
                {"permalink": "/2009/04/a.html", "title": "A",
                 "published": "2009-04-18T09:12:00+10:00", "excerpt": "a"}]}"#,
        )
        .unwrap();
        assert_eq!((list.page, list.pages, list.total), (2, 3, 11));
        assert_eq!(list.posts[0].comments, 0);
        let post = parse_post(
            r#"{"schema": 2, "permalink": "/2009/04/a.html", "title": "A",
                "published": "2009-04-18T09:12:00+10:00", "author": "Mediamum",
                "body_html": "<p>Hi</p>",
                "comments": [{"author": "Jo", "published": "2009-04-19T08:00:00+10:00",
                              "body": "Nice"}],
                "older": {"permalink": "/2009/03/o.html", "title": "O"}}"#,
        )
        .unwrap();
        assert_eq!(post.comments.len(), 1);
        assert_eq!(post.updated, None);
        assert_eq!(post.newer, None);
        assert_eq!(post.older.map(|o| o.title), Some("O".to_string()));
        let page =
            parse_page(r#"{"schema": 2, "slug": "about", "title": "About", "body_html": ""}"#)
                .unwrap();
        assert_eq!(page.slug, "about");
    }
}
