//! Atom 1.0 feeds, the sitemap and robots.txt: what feed readers and crawlers fetch.
//!
//! Feed addresses are Blogger's, so subscribers of an imported blog keep their feeds:
//! `/feeds/posts/default` (and `/atom.xml`) for the whole blog and
//! `/feeds/posts/default/-/LABEL` for one label. A static host cannot serve a file and a
//! folder at the same path, so the main feed is the folder's index file
//! (`feeds/posts/default/index.html`), which hosts serve for `/feeds/posts/default/`.

use atom_syndication::{
    Category, Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text,
};
use model::paths::{encode_segment, label_path, page_path};
use model::text::escape_markup as xml_escape;
use model::{DateTime, Index, Post};

/// How many posts a feed carries, newest first.
pub const FEED_POSTS: usize = 25;

/// `base_url` with `path` (which starts with `/`) appended, without a doubled slash.
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{}{path}", base_url.trim_end_matches('/'))
}

fn fixed(date: &DateTime) -> FixedDateTime {
    // Our dates print as RFC 3339, which this parses; the epoch is never reached.
    FixedDateTime::parse_from_rfc3339(&date.to_string()).unwrap_or_default()
}

fn link(rel: &str, href: String, mime: &str) -> Link {
    let mut l = Link::default();
    l.set_rel(rel);
    l.set_href(href);
    l.set_mime_type(Some(mime.to_string()));
    l
}

fn person(name: &str) -> Person {
    Person {
        name: name.to_string(),
        ..Person::default()
    }
}

/// The path of a label's feed.
pub fn label_feed_path(label: &str) -> String {
    format!("/feeds/posts/default/-/{}", encode_segment(label))
}

/// An Atom feed of the newest posts (with `label`, if given), in full.
pub fn atom(index: &Index, posts: &[Post], base_url: &str, label: Option<&str>) -> String {
    let site = &index.site;
    let chosen: Vec<&Post> = posts
        .iter()
        .filter(|p| label.is_none_or(|l| p.labels.iter().any(|x| x == l)))
        .take(FEED_POSTS)
        .collect();
    let (self_path, page, title) = match label {
        Some(l) => (
            label_feed_path(l),
            label_path(l),
            format!("{}: {l}", site.title),
        ),
        None => (
            "/feeds/posts/default".to_string(),
            "/".to_string(),
            site.title.clone(),
        ),
    };
    let updated = chosen
        .iter()
        .map(|p| p.updated.unwrap_or(p.published))
        .max()
        .or_else(|| posts.first().map(|p| p.published))
        .unwrap_or(DateTime::from_unix_seconds(0));

    let entries = chosen
        .iter()
        .map(|post| {
            let url = absolute(base_url, &post.permalink);
            let mut entry = Entry::default();
            entry.set_id(url.clone());
            entry.set_title(Text::plain(post.title.clone()));
            entry.set_published(Some(fixed(&post.published)));
            entry.set_updated(fixed(&post.updated.unwrap_or(post.published)));
            entry.set_authors(vec![person(&post.author)]);
            entry.set_links(vec![link("alternate", url, "text/html")]);
            entry.set_categories(
                post.labels
                    .iter()
                    .map(|l| Category {
                        term: l.clone(),
                        scheme: Some(absolute(base_url, "/search/label/")),
                        label: Some(l.clone()),
                    })
                    .collect::<Vec<_>>(),
            );
            let mut content = Content::default();
            content.set_content_type(Some("html".to_string()));
            content.set_value(Some(post.body_html.clone()));
            entry.set_content(Some(content));
            entry
        })
        .collect::<Vec<_>>();

    let mut feed = Feed::default();
    feed.set_id(absolute(base_url, &self_path));
    feed.set_title(Text::plain(title));
    if !site.description.is_empty() {
        feed.set_subtitle(Some(Text::plain(site.description.clone())));
    }
    feed.set_updated(fixed(&updated));
    feed.set_authors(vec![person(&site.author)]);
    feed.set_generator(Some(Generator {
        value: "scrapbook".to_string(),
        uri: None,
        version: None,
    }));
    feed.set_links(vec![
        link(
            "self",
            absolute(base_url, &self_path),
            "application/atom+xml",
        ),
        link("alternate", absolute(base_url, &page), "text/html"),
    ]);
    feed.set_entries(entries);
    feed.to_string()
}

/// `sitemap.xml`: the home page, the archive, every post (with when it last changed) and
/// every page.
pub fn sitemap(index: &Index, posts: &[Post], base_url: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |path: &str, lastmod: Option<String>| {
        out.push_str("  <url><loc>");
        out.push_str(&xml_escape(&absolute(base_url, path)));
        out.push_str("</loc>");
        if let Some(m) = lastmod {
            out.push_str(&format!("<lastmod>{m}</lastmod>"));
        }
        out.push_str("</url>\n");
    };
    let newest = posts.iter().map(|p| p.updated.unwrap_or(p.published)).max();
    url("/", newest.map(|d| d.ymd()));
    url("/archive", newest.map(|d| d.ymd()));
    for post in posts {
        url(
            &post.permalink,
            Some(post.updated.unwrap_or(post.published).ymd()),
        );
    }
    for page in &index.site.pages {
        url(&page_path(&page.slug), None);
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything may be crawled; the sitemap is named.
pub fn robots(base_url: &str) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        absolute(base_url, "/sitemap.xml")
    )
}

/// `_headers` (Netlify and Cloudflare Pages): content-hashed assets are cached for a year;
/// pages, data and feeds are revalidated on every visit. Cache rules never overlap (those
/// hosts merge overlapping rules' values), so every folder of pages gets its own rule; the
/// security headers come in one rule for every path ([`crate::security::header_rule`]).
/// `base_path` is "" or a sub-path such as "/blog".
pub fn headers(index: &Index, base_path: &str) -> String {
    const REVALIDATE: &str = "  Cache-Control: public, max-age=0, must-revalidate\n";
    let mut out = String::from(
        "# Written by press. Content-hashed files never change: keep them for a year.\n",
    );
    out.push_str(&format!(
        "{base_path}/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n\n"
    ));
    out.push_str("# Pages, data and feeds change with every post: always revalidate.\n");
    let mut paths: Vec<String> = [
        "/",
        "/index.html",
        "/404.html",
        "/robots.txt",
        "/sitemap.xml",
        "/search",
    ]
    .iter()
    .chain(["/archive/*", "/p/*", "/search/*", "/data/*"].iter())
    .map(|p| p.to_string())
    .collect();
    let mut years: Vec<i32> = index.posts.iter().map(|p| p.published.year).collect();
    years.extend(index.posts.iter().filter_map(|p| p.path().map(|x| x.year)));
    years.sort_unstable();
    years.dedup();
    paths.extend(years.iter().map(|y| format!("/{y:04}/*")));
    for path in paths {
        out.push_str(&format!("{base_path}{path}\n{REVALIDATE}"));
    }
    out.push_str("# The service worker: always the newest, so a new version is found at once.\n");
    out.push_str(&format!(
        "{base_path}/sw.js\n  Cache-Control: no-cache\n{base_path}/manifest.webmanifest\n{REVALIDATE}  Content-Type: application/manifest+json\n{base_path}/shell.html\n{REVALIDATE}{base_path}/icons/*\n{REVALIDATE}"
    ));
    for feed in ["/atom.xml", "/feeds/*"] {
        out.push_str(&format!(
            "{base_path}{feed}\n{REVALIDATE}  Content-Type: application/atom+xml; charset=utf-8\n"
        ));
    }
    out
}
