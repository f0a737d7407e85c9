//! A real HTML file for every route, so that any static host serves every address with no
//! rewrite rules, and crawlers, link previews and readers without JavaScript get the page.
//!
//! The markup comes from the app's own components ([`scrapbook::prerender::render_route`]),
//! so the files and the live app cannot drift apart. Each file is Trunk's `index.html` with
//! the route's title, description, canonical address and Open Graph tags in its head, and
//! the rendered page in place of the loading shell; the app then boots and takes over.

use std::sync::Arc;

use model::paths::{month_path, page_path, year_path};
use scrapbook::data::{self, Blog};
use scrapbook::pages::{route_meta, Route};

use crate::compile::Compiled;
use crate::feeds::absolute;

/// Where the rendered page goes in Trunk's index.html: the `#boot` shell up to this marker.
const BOOT_END: &str = "<template id=boot-end></template>";

/// Escapes text for HTML attributes and text.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The file a route is written to, relative to the site folder. Folders with an
/// `index.html` are served for `/archive`, `/2009/` and `/search/label/NAME` by every
/// static host; permalinks and pages are files of their own name.
pub fn route_file(blog: &Blog, route: &Route) -> String {
    let folder = |path: String| format!("{}/index.html", path.trim_matches('/'));
    match route {
        Route::Home(_) => "index.html".to_string(),
        Route::Post(i) => blog.index.posts[*i]
            .permalink
            .trim_start_matches('/')
            .to_string(),
        Route::Archive => "archive/index.html".to_string(),
        Route::Year(y) => folder(year_path(*y)),
        Route::Month(y, m) => folder(month_path(*y, *m)),
        // The file name is the label itself: hosts decode the address before looking.
        Route::Label(l) => format!("search/label/{l}/index.html"),
        Route::Page(slug) => page_path(slug).trim_start_matches('/').to_string(),
        Route::NotFound => "404.html".to_string(),
    }
}

/// Every route of the blog that has a file: the home page, each post, page, year, month
/// and label, the archive, and the not-found page.
pub fn routes(blog: &Blog) -> Vec<Route> {
    let mut routes = vec![Route::Home(1), Route::Archive, Route::NotFound];
    routes.extend((0..blog.index.posts.len()).map(Route::Post));
    routes.extend(
        blog.index
            .site
            .pages
            .iter()
            .map(|p| Route::Page(p.slug.clone())),
    );
    for year in blog.archive.iter() {
        routes.push(Route::Year(year.year));
        routes.extend(year.months.iter().map(|m| Route::Month(m.year, m.month)));
    }
    routes.extend(blog.labels.iter().map(|(l, _)| Route::Label(l.clone())));
    routes
}

/// The head elements for crawlers and link previews (the app removes them when it starts).
fn head_tags(blog: &Blog, route: &Route, base_url: &str) -> String {
    let meta = route_meta(blog, route);
    let site = &blog.index.site;
    let url = absolute(base_url, &meta.path);
    let kind = if matches!(route, Route::Post(_)) {
        "article"
    } else {
        "website"
    };
    let mut tags = vec![
        format!(
            r#"<meta name="description" content="{}" data-prerendered>"#,
            escape(&meta.description)
        ),
        format!(
            r#"<meta property="og:title" content="{}" data-prerendered>"#,
            escape(&meta.title)
        ),
        format!(
            r#"<meta property="og:description" content="{}" data-prerendered>"#,
            escape(&meta.description)
        ),
        format!(r#"<meta property="og:type" content="{kind}" data-prerendered>"#),
        format!(
            r#"<meta property="og:site_name" content="{}" data-prerendered>"#,
            escape(&site.title)
        ),
    ];
    if *route != Route::NotFound {
        tags.push(format!(
            r#"<link rel="canonical" href="{}" data-prerendered>"#,
            escape(&url)
        ));
        tags.push(format!(
            r#"<meta property="og:url" content="{}" data-prerendered>"#,
            escape(&url)
        ));
    }
    // The app fetches the post's JSON as soon as it starts: ask for it now.
    if let Route::Post(i) = route {
        if let Some(path) = blog.index.posts[*i].path() {
            tags.push(format!(
                r#"<link rel="preload" href="{}" as="fetch" crossorigin data-prerendered>"#,
                path.data_file()
            ));
        }
    }
    tags.join("")
}

/// One route's file: `template` (Trunk's index.html) with the route's head and page.
pub fn render_file(
    template: &str,
    blog: &Blog,
    route: &Route,
    base_url: &str,
    base_path: &str,
) -> Result<String, String> {
    let meta = route_meta(blog, route);
    let boot_start = template
        .find("id=boot")
        .or_else(|| template.find("id=\"boot\""))
        .and_then(|at| template[..at].rfind("<div"))
        .ok_or("index.html has no <div id=\"boot\"> to put the page in")?;
    let boot_end = template
        .find(BOOT_END)
        .or_else(|| template.find("<template id=\"boot-end\"></template>"))
        .ok_or("index.html has no <template id=\"boot-end\"> after its #boot shell")?;
    let title_start = template
        .find("<title>")
        .ok_or("index.html has no <title>")?;
    let title_end = template[title_start..]
        .find("</title>")
        .map(|i| title_start + i + "</title>".len())
        .ok_or("index.html's <title> is not closed")?;
    if !(title_end <= boot_start && boot_start < boot_end) {
        return Err("index.html's <title> and #boot are not where press expects them".into());
    }

    let page = scrapbook::prerender::render_route(blog, route, base_path);
    let mut out = String::with_capacity(template.len() + page.len() + 1024);
    out.push_str(&template[..title_start]);
    out.push_str(&format!("<title>{}</title>", escape(&meta.title)));
    out.push_str(&head_tags(blog, route, base_url));
    out.push_str(&template[title_end..boot_start]);
    out.push_str(&format!(r#"<div id="boot">{page}</div>"#));
    out.push_str(&template[boot_end..]);
    Ok(out)
}

/// Every route's file, ready to write: (path relative to the site folder, HTML).
pub fn route_files(
    compiled: &Compiled,
    template: &str,
    base_path: &str,
) -> Result<Vec<(String, String)>, String> {
    // Every component draws its content at once from the cache.
    for post in &compiled.posts {
        data::seed_post(Arc::new(post.clone()));
    }
    for page in &compiled.pages {
        data::seed_page(Arc::new(page.clone()));
    }
    let blog = Blog::new(compiled.index.clone());
    routes(&blog)
        .iter()
        .map(|route| {
            let html = render_file(template, &blog, route, &compiled.base_url, base_path)?;
            Ok((route_file(&blog, route), html))
        })
        .collect()
}
