//! What each route is called: its document title, meta description, canonical address and
//! Open Graph kind. One function for the live app ([`RouteHead`]) and for the pages press
//! renders ahead of time, which write the same values into their `<head>`.

use leptos::prelude::*;
use model::date::month_name;
use model::{Post, Route};

use crate::data::Blog;

/// A route's document title, description and address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteMeta {
    pub title: String,
    pub description: String,
    /// The route's own path below the base (its canonical address), `None` for a page
    /// that has none (not found).
    pub path: Option<String>,
    /// The Open Graph type: "article" for a post, "website" elsewhere.
    pub kind: &'static str,
}

/// A document title in Blogger's style: "Mediamum: A win for the little guy?".
pub fn document_title(blog_title: &str, page: &str) -> String {
    format!("{blog_title}: {page}")
}

/// "3 posts", "1 post".
pub fn posts_count(n: u32) -> String {
    model::text::count(n as usize, "post")
}

/// The title, description and address of `route`. A post's come from the post itself,
/// so `post` must be given for [`Route::Post`]; without it the route is described as
/// not found.
pub fn route_meta(blog: &Blog, route: &Route, post: Option<&Post>) -> RouteMeta {
    let site = &blog.site;
    let titled = |page: &str| document_title(&site.title, page);
    let path = Some(route.path());
    let website = |title: String, description: String| RouteMeta {
        title,
        description,
        path: path.clone(),
        kind: "website",
    };
    match route {
        Route::Home { page: 1 } => website(site.title.clone(), site.description.clone()),
        Route::Home { page } => website(
            titled(&format!("Older posts, page {page}")),
            site.description.clone(),
        ),
        Route::Post(_) => match post {
            Some(p) => RouteMeta {
                title: titled(&p.title),
                description: p.description.clone(),
                path,
                kind: "article",
            },
            None => route_meta(blog, &Route::NotFound, None),
        },
        Route::Archive => website(
            titled("Archive"),
            format!("Every post on {}, by year and month.", site.title),
        ),
        Route::Year(y) => website(
            titled(&format!("Posts from {y}")),
            format!(
                "{} on {} from {y}.",
                posts_count(blog.count_in(*y, None)),
                site.title
            ),
        ),
        Route::Month(y, m) => website(
            titled(&format!("Posts from {} {y}", month_name(*m))),
            format!(
                "{} on {} from {} {y}.",
                posts_count(blog.count_in(*y, Some(*m))),
                site.title,
                month_name(*m)
            ),
        ),
        Route::Label { name, page } => {
            let heading = if *page > 1 {
                format!("{name}, page {page}")
            } else {
                name.clone()
            };
            website(
                titled(&heading),
                format!("Posts on {} with the label {name}.", site.title),
            )
        }
        Route::Page(slug) => {
            let name = site
                .pages
                .iter()
                .find(|p| &p.slug == slug)
                .map_or(slug.as_str(), |p| p.title.as_str());
            website(titled(name), format!("{name} on {}", site.title))
        }
        Route::Search(query) => {
            let terms = query.terms();
            if terms.is_empty() {
                website(
                    titled("Search This Blog"),
                    format!("Search every post on {}.", site.title),
                )
            } else {
                website(
                    titled(&format!("Search results for {terms}")),
                    format!("Posts on {} that mention {terms}.", site.title),
                )
            }
        }
        Route::NotFound => RouteMeta {
            path: None,
            ..website(
                titled("Page not found"),
                format!(
                    "This page does not exist on {}. The archive lists every post.",
                    site.title
                ),
            )
        },
    }
}

/// The page's absolute address, for canonical links and `og:url`.
pub fn absolute_url(base_url: &str, path: &str) -> String {
    format!("{}{path}", base_url.trim_end_matches('/'))
}

/// Puts `meta` into the document's head: the title, description, canonical link and Open
/// Graph tags, updating the tags the prerendered page came with rather than removing them,
/// so a crawler that runs the app sees the same head as one that does not. Rendered
/// ahead of time it does nothing: press writes the head itself.
#[component]
pub fn RouteHead(meta: RouteMeta) -> impl IntoView {
    #[cfg(feature = "browser")]
    crate::head::apply(&meta, &crate::data::use_blog().site.base_url);
    #[cfg(not(feature = "browser"))]
    let _ = meta;
}
