//! The feeds and sitemap of the sample blog: well-formed, valid Atom with the required
//! elements, absolute links and RFC 3339 dates.

use std::path::Path;
use std::str::FromStr;

use atom_syndication::Feed;
use model::DateTime;
use press::feeds::FEED_POSTS;
use quick_xml::events::Event;
use quick_xml::Reader;

fn sample() -> press::Compiled {
    press::compile(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")).unwrap()
}

fn file(site: &press::Compiled, path: &str) -> String {
    site.discovery_files()
        .into_iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .1
}

/// The text of every element named `name` in `xml`, failing on XML that is not well-formed.
fn texts_of(xml: &str, name: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let (mut inside, mut out) = (false, Vec::new());
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.local_name().as_ref() == name.as_bytes() => {
                inside = true;
                out.push(String::new());
            }
            Event::End(e) if e.local_name().as_ref() == name.as_bytes() => inside = false,
            Event::Text(t) if inside => {
                if let Some(last) = out.last_mut() {
                    last.push_str(&t.decode().unwrap());
                }
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

fn assert_valid_atom(xml: &str) -> Feed {
    let feed = Feed::from_str(xml).expect("the feed parses as Atom");
    assert!(!feed.id().is_empty() && !feed.title().value.is_empty());
    assert!(feed.id().starts_with("https://"), "{}", feed.id());
    assert!(!feed.authors().is_empty(), "a feed needs an author");
    let self_link = feed
        .links()
        .iter()
        .find(|l| l.rel() == "self")
        .expect("rel=self");
    assert!(self_link
        .href()
        .starts_with("https://mediamum.example.com/feeds/posts/default"));
    for entry in feed.entries() {
        assert!(entry.id().starts_with("https://"), "{}", entry.id());
        assert!(!entry.title().value.is_empty());
        assert!(entry
            .links()
            .iter()
            .all(|l| l.href().starts_with("https://")));
        assert!(entry
            .content()
            .and_then(|c| c.value())
            .is_some_and(|v| !v.is_empty()));
        assert!(!entry.authors().is_empty() || !feed.authors().is_empty());
    }
    // Every date as written in the XML is RFC 3339.
    for tag in ["updated", "published"] {
        for date in texts_of(xml, tag) {
            assert!(
                DateTime::parse(&date).is_ok(),
                "{tag} {date:?} is not RFC 3339"
            );
        }
    }
    feed
}

#[test]
fn the_main_feed_is_valid_atom_with_the_newest_posts_in_full() {
    let site = sample();
    let xml = file(&site, "atom.xml");
    assert_eq!(xml, file(&site, "feeds/posts/default/index.html"));
    let feed = assert_valid_atom(&xml);
    let n = site.posts.len().min(FEED_POSTS);
    assert_eq!(feed.entries().len(), n);
    assert_eq!(
        feed.entries()[0].id(),
        format!("https://mediamum.example.com{}", site.posts[0].permalink)
    );
    let body = feed.entries()[0].content().and_then(|c| c.value()).unwrap();
    assert!(body.contains("By now even your grandma knows"), "{body}");
    assert_eq!(feed.updated().to_rfc3339(), "2009-04-18T10:24:00+10:00");
}

#[test]
fn each_label_has_a_feed_of_its_posts() {
    let site = sample();
    for (label, count) in model::label_counts(&site.index.posts) {
        let feed = assert_valid_atom(&file(&site, &format!("feeds/posts/default/-/{label}")));
        assert_eq!(feed.entries().len(), count.min(FEED_POSTS), "{label}");
        assert!(feed
            .entries()
            .iter()
            .all(|e| e.categories().iter().any(|c| c.term() == label)));
    }
}

#[test]
fn the_sitemap_lists_every_post_and_page_with_absolute_addresses() {
    let site = sample();
    let xml = file(&site, "sitemap.xml");
    let locs = texts_of(&xml, "loc");
    assert_eq!(locs.len(), site.posts.len() + site.pages.len() + 2);
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://mediamum.example.com/")),
        "{locs:?}"
    );
    for post in &site.posts {
        assert!(locs.contains(&format!("https://mediamum.example.com{}", post.permalink)));
    }
    let robots = file(&site, "robots.txt");
    assert!(
        robots.contains("Sitemap: https://mediamum.example.com/sitemap.xml"),
        "{robots}"
    );
}
