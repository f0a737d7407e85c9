//! What each route is called: its document title and meta description. One function for
//! both the live app and the pages rendered ahead of time.

use model::date::month_name;
use model::paths::{label_path, month_path, page_path, year_path};

use crate::data::Blog;

/// A route of the blog, as far as titles and addresses go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The home page, 1-based page number.
    Home(usize),
    /// The post at this position of the index.
    Post(usize),
    Archive,
    Year(i32),
    Month(i32, u8),
    Label(String),
    /// A static page, by slug.
    Page(String),
    NotFound,
}

/// A route's document title, description and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteMeta {
    pub title: String,
    pub description: String,
    /// The route's own path (its canonical address below the base).
    pub path: String,
}

/// A document title in Blogger's style: "Mediamum: A win for the little guy?".
pub fn document_title(blog_title: &str, page: &str) -> String {
    format!("{blog_title}: {page}")
}

/// The title, description and path of `route`.
pub fn route_meta(blog: &Blog, route: &Route) -> RouteMeta {
    let site = &blog.index.site;
    let titled = |page: &str| document_title(&site.title, page);
    let (title, description, path) = match route {
        Route::Home(1) => (
            site.title.clone(),
            site.description.clone(),
            "/".to_string(),
        ),
        Route::Home(n) => (
            titled(&format!("Older posts, page {n}")),
            site.description.clone(),
            format!("/?page={n}"),
        ),
        Route::Post(i) => match blog.index.posts.get(*i) {
            Some(p) => (titled(&p.title), p.excerpt.clone(), p.permalink.clone()),
            None => return route_meta(blog, &Route::NotFound),
        },
        Route::Archive => (
            titled("Archive"),
            format!("Every post on {}, by year and month.", site.title),
            "/archive".to_string(),
        ),
        Route::Year(y) => (
            titled(&format!("Posts from {y}")),
            format!(
                "{} posts on {} from {y}.",
                blog.index.in_period(*y, None).count(),
                site.title
            ),
            year_path(*y),
        ),
        Route::Month(y, m) => (
            titled(&format!("Posts from {} {y}", month_name(*m))),
            format!(
                "{} posts on {} from {} {y}.",
                blog.index.in_period(*y, Some(*m)).count(),
                site.title,
                month_name(*m)
            ),
            month_path(*y, *m),
        ),
        Route::Label(label) => (
            titled(label),
            format!("Posts on {} with the label {label}.", site.title),
            label_path(label),
        ),
        Route::Page(slug) => {
            let name = site
                .pages
                .iter()
                .find(|p| &p.slug == slug)
                .map_or(slug.as_str(), |p| p.title.as_str());
            (
                titled(name),
                format!("{name} on {}", site.title),
                page_path(slug),
            )
        }
        Route::NotFound => (
            titled("Page not found"),
            format!(
                "This page does not exist on {}. The archive lists every post.",
                site.title
            ),
            "/404.html".to_string(),
        ),
    };
    RouteMeta {
        title,
        description,
        path,
    }
}
