//! The blog's routes as one typed table: reading an address into a [`Route`], and a
//! route back into its address, its file on a static host and its data files. The app's
//! dispatch, its links and press's prerender all go through it, so they cannot disagree.

use crate::paging::parse_page_param;
use crate::paths::{
    decode_segment, label_path, month_path, page_path, page_slug, parse_archive_path, year_path,
};
use crate::search::SearchQuery;
use crate::PostPath;

/// One address of the blog, below its base path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Route {
    /// `/` and `/?page=N`: the newest posts in full.
    Home { page: usize },
    /// `/YYYY/MM/name.html`: one post.
    Post(PostPath),
    /// `/archive`: every month, with its posts.
    Archive,
    /// `/YYYY/`.
    Year(i32),
    /// `/YYYY/MM/`.
    Month(i32, u8),
    /// `/search/label/NAME` and `?page=N`: the posts with a label.
    Label { name: String, page: usize },
    /// `/p/NAME.html`: a static page, by slug.
    Page(String),
    /// `/search?q=words&label=NAME`: Search This Blog, at Blogger's address.
    Search(SearchQuery),
    /// Anything else.
    NotFound,
}

/// The value of `key` in a query string such as `page=2&x=y` (without the `?`).
fn query_value<'a>(query: &'a str, key: &str) -> Option<&'a str> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

impl Route {
    /// Reads a path below the base path (starting with `/`) and its query string.
    /// Anything that is not one of the blog's addresses is [`Route::NotFound`]; whether a
    /// post, month or label really exists is for the data to say.
    pub fn parse(path: &str, query: &str) -> Route {
        let page = || parse_page_param(query_value(query, "page"));
        match path {
            "" | "/" | "/index.html" => {
                return page().map_or(Route::NotFound, |page| Route::Home { page })
            }
            "/archive" | "/archive/" | "/archive/index.html" => return Route::Archive,
            "/search" | "/search/" | "/search/index.html" => {
                return Route::Search(SearchQuery::from_query_string(query))
            }
            _ => {}
        }
        if let Some(raw) = path.strip_prefix("/search/label/") {
            let raw = raw.strip_suffix("/index.html").unwrap_or(raw);
            let raw = raw.strip_suffix('/').unwrap_or(raw);
            return match (decode_segment(raw), page()) {
                (Some(name), Some(page)) if !name.is_empty() && !name.contains('/') => {
                    Route::Label { name, page }
                }
                _ => Route::NotFound,
            };
        }
        if let Some(file) = path.strip_prefix("/p/") {
            return page_slug(file).map_or(Route::NotFound, |s| Route::Page(s.to_string()));
        }
        // A folder's own file is the folder (press never lets a post be called index.html:
        // it would be the month page's file).
        let folder = path
            .strip_suffix("/index.html")
            .map_or(path, |f| &path[..f.len() + 1]);
        if folder == path {
            if let Some(post) = PostPath::parse(path) {
                return Route::Post(post);
            }
        }
        match parse_archive_path(folder) {
            Some((year, None)) => Route::Year(year),
            Some((year, Some(month))) => Route::Month(year, month),
            None => Route::NotFound,
        }
    }

    /// The route's address below the base path, with its query: `/`, `/?page=2`,
    /// `/2009/04/name.html`, `/search/label/social%20media?page=2`.
    pub fn path(&self) -> String {
        let paged = |path: String, page: usize| {
            if page > 1 {
                format!("{path}?page={page}")
            } else {
                path
            }
        };
        match self {
            Route::Home { page } => paged("/".to_string(), *page),
            Route::Post(post) => post.permalink(),
            Route::Archive => "/archive".to_string(),
            Route::Year(y) => year_path(*y),
            Route::Month(y, m) => month_path(*y, *m),
            Route::Label { name, page } => paged(label_path(name), *page),
            Route::Page(slug) => page_path(slug),
            Route::Search(query) if query.words.is_empty() && query.label.is_none() => {
                "/search".to_string()
            }
            Route::Search(query) => format!("/search?{}", query.to_query_string()),
            Route::NotFound => "/404.html".to_string(),
        }
    }

    /// The route's address with the site's base path ("" or "/blog") in front.
    pub fn href(&self, base: &str) -> String {
        format!("{}{}", base.trim_end_matches('/'), self.path())
    }

    /// Whether the app draws this route with the part of its wasm split off in the release
    /// build (the archive, years, months and search, which no visit to a post needs): the
    /// app loads that part for it, press preloads it on the route's page, and the
    /// benchmark counts it in the route's first visit.
    pub fn in_split_part(&self) -> bool {
        matches!(
            self,
            Route::Archive | Route::Year(_) | Route::Month(..) | Route::Search(_)
        )
    }

    /// The file a static host serves for this route, relative to the site folder. Folders
    /// with an `index.html` are served for `/archive`, `/2009/` and `/search/label/NAME`
    /// by every static host; permalinks and pages are files of their own name. A paged
    /// route is served its first page's file (hosts ignore the query), and the app shows
    /// the page asked for.
    pub fn file(&self) -> String {
        let folder = |path: String| format!("{}/index.html", path.trim_matches('/'));
        match self {
            Route::Home { .. } => "index.html".to_string(),
            Route::Post(post) => post.permalink().trim_start_matches('/').to_string(),
            Route::Archive => "archive/index.html".to_string(),
            Route::Year(y) => folder(year_path(*y)),
            Route::Month(y, m) => folder(month_path(*y, *m)),
            // The file name is the label itself: hosts decode the address before looking.
            Route::Label { name, .. } => format!("search/label/{name}/index.html"),
            Route::Page(slug) => page_path(slug).trim_start_matches('/').to_string(),
            // One page for every search: the app reads the query.
            Route::Search(_) => "search/index.html".to_string(),
            Route::NotFound => "404.html".to_string(),
        }
    }

    /// The year and month the reader is looking at, for the archive widget: a post's (by
    /// its permalink) or an archive page's.
    pub fn period(&self) -> Option<(i32, Option<u8>)> {
        match self {
            Route::Post(p) => Some((p.year, Some(p.month))),
            Route::Year(y) => Some((*y, None)),
            Route::Month(y, m) => Some((*y, Some(*m))),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_archive_years_months_and_search_are_in_the_split_part() {
        for path in ["/archive", "/2009/", "/2009/04/", "/search"] {
            assert!(Route::parse(path, "q=x").in_split_part(), "{path}");
        }
        for path in [
            "/",
            "/2009/04/a-post.html",
            "/search/label/Kids",
            "/p/about.html",
            "/x",
        ] {
            assert!(!Route::parse(path, "").in_split_part(), "{path}");
        }
    }

    fn post(p: &str) -> Route {
        Route::Post(PostPath::parse(p).unwrap())
    }

    #[test]
    fn reads_every_kind_of_address() {
        let label = |name: &str, page| Route::Label {
            name: name.to_string(),
            page,
        };
        let cases = [
            ("/", "", Route::Home { page: 1 }),
            ("", "", Route::Home { page: 1 }),
            ("/", "page=3", Route::Home { page: 3 }),
            ("/", "?x=1&page=2", Route::Home { page: 2 }),
            ("/", "page=0", Route::NotFound),
            ("/", "page=two", Route::NotFound),
            ("/archive", "", Route::Archive),
            ("/archive/", "", Route::Archive),
            ("/2009/", "", Route::Year(2009)),
            ("/2009", "", Route::Year(2009)),
            ("/2009/04/", "", Route::Month(2009, 4)),
            ("/2009/04/index.html", "", Route::Month(2009, 4)),
            ("/2009/04/win.html", "", post("/2009/04/win.html")),
            ("/search/label/social%20media", "", label("social media", 1)),
            (
                "/search/label/social%20media/",
                "page=2",
                label("social media", 2),
            ),
            ("/search/label/%E6%9D%B1%E4%BA%AC", "", label("東京", 1)),
            ("/search/label/", "", Route::NotFound),
            ("/search/label/%zz", "", Route::NotFound),
            ("/search/label/a%2Fb", "", Route::NotFound),
            ("/p/about.html", "", Route::Page("about".to_string())),
            ("/p/../x.html", "", Route::NotFound),
            ("/2009/13/", "", Route::NotFound),
            ("/nothing/here", "", Route::NotFound),
            ("/404.html", "", Route::NotFound),
            ("/search", "", Route::Search(SearchQuery::default())),
            (
                "/search/",
                "q=tokyo+tower&label=travel",
                Route::Search(SearchQuery {
                    words: "tokyo tower".into(),
                    label: Some("travel".into()),
                }),
            ),
        ];
        for (path, query, want) in cases {
            assert_eq!(Route::parse(path, query), want, "{path}?{query}");
        }
    }

    #[test]
    fn every_route_reads_back_from_its_own_address() {
        let routes = [
            Route::Home { page: 1 },
            Route::Home { page: 4 },
            post("/2009/04/win.html"),
            Route::Archive,
            Route::Year(2009),
            Route::Month(2009, 4),
            Route::Label {
                name: "social media".into(),
                page: 1,
            },
            Route::Label {
                name: "café & co".into(),
                page: 2,
            },
            Route::Page("about".into()),
            Route::Search(SearchQuery::default()),
            Route::Search(SearchQuery {
                words: "東京 & co".into(),
                label: Some("social media".into()),
            }),
        ];
        for route in routes {
            let path = route.path();
            let (p, q) = path.split_once('?').unwrap_or((&path, ""));
            assert_eq!(Route::parse(p, q), route, "{path}");
        }
    }

    #[test]
    fn addresses_files_and_base_paths() {
        assert_eq!(Route::Home { page: 2 }.href("/blog"), "/blog/?page=2");
        assert_eq!(Route::Archive.href(""), "/archive");
        assert_eq!(Route::Archive.href("/blog/"), "/blog/archive");
        assert_eq!(Route::Home { page: 7 }.file(), "index.html");
        assert_eq!(post("/2009/04/win.html").file(), "2009/04/win.html");
        assert_eq!(Route::Year(2009).file(), "2009/index.html");
        assert_eq!(Route::Month(2009, 4).file(), "2009/04/index.html");
        let label = Route::Label {
            name: "social media".into(),
            page: 3,
        };
        assert_eq!(label.file(), "search/label/social media/index.html");
        assert_eq!(Route::Page("about".into()).file(), "p/about.html");
        assert_eq!(Route::NotFound.file(), "404.html");
        assert_eq!(Route::Archive.file(), "archive/index.html");
        let search = Route::Search(SearchQuery::from_query_string("q=a+b"));
        assert_eq!(search.file(), "search/index.html");
        assert_eq!(search.href("/blog"), "/blog/search?q=a+b");
    }

    #[test]
    fn the_period_being_read() {
        assert_eq!(post("/2008/07/x.html").period(), Some((2008, Some(7))));
        assert_eq!(Route::Month(2009, 4).period(), Some((2009, Some(4))));
        assert_eq!(Route::Year(2009).period(), Some((2009, None)));
        assert_eq!(Route::Archive.period(), None);
    }
}
