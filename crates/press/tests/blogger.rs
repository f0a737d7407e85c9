//! The Blogger importer on export files the team wrote (tests/fixtures), covering every
//! entry kind, comments, drafts, time zones, non-ASCII titles, duplicate slugs, and
//! permalinks that disagree with the published date.

use std::fs;
use std::path::{Path, PathBuf};

use press::blogger::{self, export};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn parse(name: &str) -> Result<export::Export, export::ExportError> {
    export::parse(&fs::read_to_string(fixture(name)).unwrap(), |_| {})
}

/// The imported post whose permalink ends with `suffix`.
fn post_ending<'a>(site: &'a press::Compiled, suffix: &str) -> &'a model::Post {
    site.posts
        .iter()
        .find(|p| p.permalink.ends_with(suffix))
        .unwrap_or_else(|| panic!("no post ending {suffix}"))
}

/// Imports the sample export into a fresh content folder, as `press import-blogger`
/// does (streaming), and compiles it. The plan is what the import wrote.
fn import() -> (tempfile::TempDir, blogger::Plan, press::Compiled) {
    let dir = tempfile::tempdir().unwrap();
    let plan = blogger::plan(&parse("blog-04-20-2009.xml").unwrap(), dir.path()).unwrap();
    let imported =
        blogger::import(&fixture("blog-04-20-2009.xml"), dir.path(), false, |_| {}).unwrap();
    assert_eq!(imported.files, plan.files.len());
    assert_eq!(imported.summary, plan.summary);
    for file in &plan.files {
        assert_eq!(fs::read_to_string(&file.path).unwrap(), file.text);
    }
    let site = press::compile(dir.path()).expect("the imported content compiles");
    (dir, plan, site)
}

#[test]
fn reads_every_kind_of_entry() {
    let export = parse("blog-04-20-2009.xml").unwrap();
    assert_eq!(export.title, "Mediamum");
    assert_eq!(export.subtitle, "Notes on media & mums");
    let kinds: Vec<_> = export
        .entries
        .iter()
        .map(|e| e.kind.clone().unwrap())
        .collect();
    use export::Kind::*;
    assert_eq!(
        kinds,
        [
            Settings, Settings, Template, Comment, Post, Comment, Post, Post, Post, Post, Post,
            Post, Comment, Page
        ]
    );
    let draft = export
        .entries
        .iter()
        .find(|e| e.title.starts_with("Things"))
        .unwrap();
    assert!(draft.draft);
    let cdata = export
        .entries
        .iter()
        .find(|e| e.content.contains("CDATA"))
        .unwrap();
    assert_eq!(cdata.content, "<p>Two, in CDATA &amp; all</p>");
}

#[test]
fn summarises_what_it_brought_and_what_it_skipped() {
    let (_dir, plan, _site) = import();
    let s = &plan.summary;
    assert_eq!((s.posts, s.pages, s.comments), (6, 1, 2));
    let skipped: Vec<_> = s.skipped.iter().map(|(r, n)| (r.as_str(), *n)).collect();
    assert_eq!(
        skipped,
        [
            (
                "comments on posts that were not imported (drafts, pages or deleted posts)",
                1
            ),
            ("draft posts (app:draft)", 1),
            ("settings entries (not content)", 2),
            ("template entries (the old theme)", 1),
        ]
    );
    let text = s.to_string();
    assert!(
        text.starts_with("Imported 6 posts, 1 page and 2 comments."),
        "{text}"
    );
}

#[test]
fn keeps_every_permalink_exactly() {
    let (_dir, _plan, site) = import();
    let mut links: Vec<_> = site
        .index
        .posts
        .iter()
        .map(|p| p.permalink.as_str())
        .collect();
    links.sort();
    assert_eq!(
        links,
        [
            "/2009/03/cafe-creme-ca-va.html",
            "/2009/03/cafe-creme-ca-va_1.html",
            "/2009/04/blog-post.html",
            "/2009/04/blog-post_18.html",
            "/2009/04/midnight-feed.html",
            "/2009/04/win-for-little-guy-ashton-kutcher-plays.html",
        ]
    );
    // Published on 1 May (Sydney time), yet its address says April: the address wins.
    let midnight = site
        .posts
        .iter()
        .find(|p| p.title == "Midnight feed")
        .unwrap();
    assert_eq!(midnight.permalink, "/2009/04/midnight-feed.html");
    assert_eq!((midnight.published.month, midnight.published.day), (5, 1));
}

#[test]
fn keeps_titles_labels_authors_times_and_zones() {
    let (_dir, _plan, site) = import();
    let seed = post_ending(&site, "kutcher-plays.html");
    assert_eq!(
        seed.title,
        "A win for the little guy? Ashton Kutcher plays tag with CNN."
    );
    assert_eq!(seed.published.to_string(), "2009-04-18T10:24:00+10:00");
    assert_eq!(
        seed.updated.unwrap().to_string(),
        "2009-04-18T10:31:12+10:00"
    );
    assert_eq!(seed.labels, ["twitter", "social media"]);
    assert_eq!(seed.author, "Mediamum");
    // The body stays HTML, cleaned.
    assert!(
        seed.body_html.contains("<p>By now even your grandma"),
        "{}",
        seed.body_html
    );
    assert!(!seed.body_html.contains("script"), "{}", seed.body_html);

    let tokyo = site
        .posts
        .iter()
        .find(|p| p.permalink.ends_with("blog-post.html"))
        .unwrap();
    assert_eq!(tokyo.title, "東京のママ");
    assert_eq!(tokyo.labels, ["日本"]);
    let cafes: Vec<_> = site
        .posts
        .iter()
        .filter(|p| p.title == "Café Crème — Ça va?")
        .collect();
    assert_eq!(cafes.len(), 2);
    assert_eq!(site.pages[0].slug, "about");
    assert_eq!(site.pages[0].title, "About me");
}

#[test]
fn attaches_comments_to_their_posts_as_text() {
    let (_dir, _plan, site) = import();
    let seed = post_ending(&site, "kutcher-plays.html");
    assert_eq!(seed.comments.len(), 2);
    let first = &seed.comments[0];
    assert_eq!(first.author, "Jess");
    assert_eq!(
        first.author_url.as_deref(),
        Some("http://jessbakes.example.com/")
    );
    assert_eq!(
        first.body,
        "Great post!\nAshton & Demi <3\n\nSecond paragraph."
    );
    let second = &seed.comments[1];
    assert_eq!(second.published.to_string(), "2009-04-18T21:40:00-07:00");
    assert_eq!(second.author, "Anonymous");
}

#[test]
fn writes_a_site_toml_only_when_there_is_none() {
    let (dir, _plan, site) = import();
    assert_eq!(site.index.site.title, "Mediamum");
    assert_eq!(site.index.site.description, "Notes on media & mums");
    let again = blogger::plan(&parse("blog-04-20-2009.xml").unwrap(), dir.path()).unwrap();
    assert!(again.files.iter().all(|f| !f.path.ends_with("site.toml")));
    // Importing twice refuses to overwrite, and writes nothing (no staging left either).
    let export = fixture("blog-04-20-2009.xml");
    let before = fs::read_dir(dir.path().join("posts")).unwrap().count();
    let refused = blogger::import(&export, dir.path(), false, |_| {}).unwrap_err();
    assert!(refused.contains("pass --force"), "{refused}");
    assert_eq!(
        fs::read_dir(dir.path().join("posts")).unwrap().count(),
        before
    );
    let entries = fs::read_dir(dir.path()).unwrap().count();
    blogger::import(&export, dir.path(), true, |_| {}).expect("--force overwrites");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), entries);
}

#[test]
fn refuses_what_is_not_a_readable_blogger_export() {
    let e = parse("not-well-formed.xml").unwrap_err();
    assert_eq!(e.line, 5, "{e}");
    assert!(e.reason.contains("not well-formed XML"), "{e}");

    let e = parse("rss.xml").unwrap_err();
    assert_eq!(e.line, 2, "{e}");
    assert!(
        e.reason.contains("not a Blogger export") && e.reason.contains("<rss>"),
        "{e}"
    );

    let e = parse("plain-atom.xml").unwrap_err();
    assert!(e.reason.contains("not a Blogger export"), "{e}");

    let cut = fs::read_to_string(fixture("blog-04-20-2009.xml")).unwrap();
    let cut = &cut[..cut.len() / 2];
    let e = export::parse(cut, |_| {}).unwrap_err();
    assert!(
        e.reason.contains("cut short") || e.reason.contains("not well-formed"),
        "{e}"
    );
}
