//! Every kind of route rendered natively, as press renders it ahead of time: the same
//! components the browser runs, over a small blog held in memory, checked for the route's
//! title and the text a reader must see.

use std::sync::Arc;

use model::search::SearchQuery;
use model::shards::split;
use model::{
    CommentSettings, DateTime, Index, Page, PageLink, Post, PostPath, PostSummary, Route, Site,
    SCHEMA_VERSION,
};

use crate::data::memory::MemorySource;
use crate::data::{Blog, Data};
use crate::pages::route_meta;
use crate::prerender::RouteRenderer;

/// A post of the test blog.
fn post(permalink: &str, title: &str, published: &str, labels: &[&str], body: &str) -> Post {
    Post {
        schema: SCHEMA_VERSION,
        permalink: permalink.to_string(),
        title: title.to_string(),
        published: DateTime::parse(published).expect("a test date"),
        updated: None,
        author: "Tess".to_string(),
        labels: labels.iter().map(|l| l.to_string()).collect(),
        body_html: format!("<p>{body}</p>"),
        comments: Vec::new(),
        description: body.to_string(),
        newer: None,
        older: None,
    }
}

/// Three posts over two years, two per home page, one static page.
fn blog() -> (Blog, Data) {
    blog_of(vec![
        post(
            "/2009/04/first-light.html",
            "First light",
            "2009-04-18T10:00:00Z",
            &["mornings", "family"],
            "The sun came up over the bay.",
        ),
        post(
            "/2009/04/second-wind.html",
            "Second wind",
            "2009-04-10T10:00:00Z",
            &["family"],
            "A walk after lunch.",
        ),
        post(
            "/2008/10/cafe-society.html",
            "Café society",
            "2008-10-31T10:00:00Z",
            &["coffee"],
            "Flat whites &amp; friends.",
        ),
    ])
}

/// A blog of these posts, two per home page, with one static page.
fn blog_of(mut posts: Vec<Post>) -> (Blog, Data) {
    model::link_neighbours(&mut posts);
    let pages = vec![Page {
        schema: SCHEMA_VERSION,
        slug: "about".to_string(),
        title: "About me".to_string(),
        body_html: "<p>I write about mornings.</p>".to_string(),
    }];
    let index = Index {
        site: Site {
            title: "Test Blog".to_string(),
            description: "Notes from a test".to_string(),
            base_url: "https://t.example".to_string(),
            author: "Tess".to_string(),
            copyright: "Copyright © 2009 Test Blog".to_string(),
            about: "Tess writes tests.".to_string(),
            posts_per_page: 2,
            blog_list: Vec::new(),
            pages: vec![PageLink {
                slug: "about".to_string(),
                title: "About me".to_string(),
            }],
            comments: CommentSettings::default(),
        },
        posts: posts.iter().map(PostSummary::from).collect(),
    };
    let shards = split(&index);
    let data = MemorySource::of_blog(&posts, &pages, &shards);
    (Blog(Arc::new(shards.site)), Data(Arc::new(data)))
}

/// The route's document title and its page's HTML, as press writes them.
fn render(route: &Route) -> (String, String) {
    render_in(blog(), route)
}

/// The route's document title and its page's HTML in this blog.
fn render_in((blog, data): (Blog, Data), route: &Route) -> (String, String) {
    let post = match route {
        Route::Post(path) => data.post(path),
        _ => None,
    };
    let title = route_meta(&blog, route, post.as_deref()).title;
    let html = RouteRenderer::new(blog, data, "").render(route);
    (title, html)
}

fn assert_has(html: &str, texts: &[&str]) {
    for text in texts {
        assert!(html.contains(text), "no {text:?} in:\n{html}");
    }
}

#[test]
fn the_home_page_shows_the_newest_posts_in_full_and_pages_on() {
    let (title, html) = render(&Route::Home { page: 1 });
    assert_eq!(title, "Test Blog");
    assert_has(
        &html,
        &[
            "First light",
            "The sun came up over the bay.",
            "Second wind",
            "Older Posts",
            "Notes from a test",
            "Copyright © 2009 Test Blog",
        ],
    );
    assert!(!html.contains("Café society"), "{html}");

    let (title, html) = render(&Route::Home { page: 2 });
    assert_eq!(title, "Test Blog: Older posts, page 2");
    assert_has(
        &html,
        &["Café society", "Flat whites &amp; friends.", "Newer Posts"],
    );
}

#[test]
fn a_post_shows_its_body_labels_and_neighbours() {
    let path = PostPath::parse("/2009/04/second-wind.html").expect("a permalink");
    let (title, html) = render(&Route::Post(path));
    assert_eq!(title, "Test Blog: Second wind");
    assert_has(
        &html,
        &[
            "<h3",
            "Second wind",
            "A walk after lunch.",
            "Posted by ",
            "Labels: ",
            "family",
            "Newer Post",
            "Older Post",
            "Comments are closed.",
        ],
    );
}

#[test]
fn the_archive_lists_every_month() {
    let (title, html) = render(&Route::Archive);
    assert_eq!(title, "Test Blog: Archive");
    assert_has(&html, &["Blog Archive", "2009", "April", "2008", "October"]);
}

#[test]
fn year_and_month_pages_list_their_posts() {
    let (title, html) = render(&Route::Year(2008));
    assert_eq!(title, "Test Blog: Posts from 2008");
    assert_has(&html, &["Posts from 2008", "Café society"]);
    assert!(!html.contains("First light</a></h3>"), "{html}");

    let (title, html) = render(&Route::Month(2009, 4));
    assert_eq!(title, "Test Blog: Posts from April 2009");
    assert_has(
        &html,
        &["Posts from April 2009", "First light", "Second wind"],
    );
}

#[test]
fn a_label_page_lists_the_posts_with_the_label() {
    let route = Route::Label {
        name: "family".to_string(),
        page: 1,
    };
    let (title, html) = render(&route);
    // Blogger's title for a label page is the label alone.
    assert_eq!(title, "Test Blog: family");
    assert_has(
        &html,
        &[
            "Posts with the label “family”",
            "First light",
            "Second wind",
        ],
    );

    let unknown = Route::Label {
        name: "nobody".to_string(),
        page: 1,
    };
    assert_has(&render(&unknown).1, &["No posts have this label."]);
}

#[test]
fn a_static_page_shows_its_body() {
    let (title, html) = render(&Route::Page("about".to_string()));
    assert_eq!(title, "Test Blog: About me");
    assert_has(&html, &["About me", "I write about mornings."]);
}

#[test]
fn search_without_javascript_says_so_and_links_the_labels() {
    let (title, html) = render(&Route::Search(SearchQuery::default()));
    assert_eq!(title, "Test Blog: Search This Blog");
    assert_has(&html, &["needs JavaScript", "coffee", "mornings"]);
}

#[test]
fn an_unknown_address_is_not_found() {
    let (title, html) = render(&Route::NotFound);
    assert_eq!(title, "Test Blog: Page not found");
    assert_has(
        &html,
        &[
            "Page not found",
            "Go to the home page",
            "Browse the archive",
        ],
    );
}

#[test]
fn every_page_has_the_sidebar_and_search_box() {
    let (_, html) = render(&Route::Archive);
    assert_has(
        &html,
        &["Search This Blog", "role=\"search\"", "Labels", "About Me"],
    );
}

/// One post a year from 2000 to 2012: thirteen years, three more than the widget lists.
fn blog_of_thirteen_years() -> (Blog, Data) {
    blog_of(
        (2000..=2012)
            .map(|y| {
                post(
                    &format!("/{y}/06/post-{y}.html"),
                    &format!("Post of {y}"),
                    &format!("{y}-06-01T10:00:00Z"),
                    &[],
                    "A year went by.",
                )
            })
            .collect(),
    )
}

#[test]
fn the_archive_widget_folds_the_years_beyond_the_newest_ten() {
    let (_, html) = render_in(blog_of_thirteen_years(), &Route::Home { page: 1 });
    for year in 2003..=2012 {
        assert_has(&html, &[&format!("href=\"/{year}/\"")]);
    }
    assert_has(&html, &[">Older, 2000 to 2002</a>", " (3)"]);
    for year in 2000..=2002 {
        assert!(
            !html.contains(&format!("href=\"/{year}/\"")),
            "{year} listed"
        );
    }
}

#[test]
fn an_old_posts_year_is_listed_open_under_the_fold() {
    let path = PostPath::parse("/2001/06/post-2001.html").expect("a permalink");
    let (_, html) = render_in(blog_of_thirteen_years(), &Route::Post(path));
    assert_has(
        &html,
        &[
            "href=\"/2001/\"",
            "aria-label=\"Months of 2001\"",
            "href=\"/2001/06/\"",
        ],
    );
    assert!(!html.contains("href=\"/2000/\""), "{html}");
    assert!(!html.contains("href=\"/2002/\""), "{html}");
}
