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
use scrapbook::prerender::RouteRenderer;

use crate::compile::Compiled;
use crate::error::{BuildError, ContentError};
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

/// Trunk's index.html cut where each route's head and page go.
pub struct Template<'a> {
    /// Up to `<title>`.
    before_title: &'a str,
    /// From after `</title>` up to the `#boot` shell, without earlier crawler tags.
    before_boot: String,
    /// From the end of the `#boot` shell on.
    after_boot: &'a str,
}

/// `html` without the tags a previous run of press wrote for crawlers.
fn without_crawler_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let gt = rest[lt..].find('>').map_or(rest.len(), |g| lt + g + 1);
        let tag = &rest[lt..gt];
        if !tag.contains("data-prerendered") {
            out.push_str(tag);
        }
        rest = &rest[gt..];
    }
    out.push_str(rest);
    out
}

impl<'a> Template<'a> {
    /// Finds the title and the `#boot` shell in Trunk's index.html.
    pub fn parse(html: &'a str) -> Result<Self, String> {
        // `id=boot` (as Trunk's minifier writes it) or `id="boot"` (as press does, when it
        // is run again on its own output), but never `id=boot-end`.
        let boot_attr = html
            .match_indices("id=boot")
            .map(|(at, _)| at)
            .find(|&at| !html[at + "id=boot".len()..].starts_with('-'))
            .or_else(|| html.find("id=\"boot\""));
        let boot_start = boot_attr
            .and_then(|at| html[..at].rfind("<div"))
            .ok_or("index.html has no <div id=\"boot\"> to put the page in")?;
        let boot_end = html
            .find(BOOT_END)
            .or_else(|| html.find("<template id=\"boot-end\"></template>"))
            .ok_or("index.html has no <template id=\"boot-end\"> after its #boot shell")?;
        let title_start = html.find("<title>").ok_or("index.html has no <title>")?;
        let title_end = html[title_start..]
            .find("</title>")
            .map(|i| title_start + i + "</title>".len())
            .ok_or("index.html's <title> is not closed")?;
        if !(title_end <= boot_start && boot_start < boot_end) {
            return Err("index.html's <title> and #boot are not where press expects them".into());
        }
        Ok(Template {
            before_title: &html[..title_start],
            before_boot: without_crawler_tags(&html[title_end..boot_start]),
            after_boot: &html[boot_end..],
        })
    }

    /// One route's file: the route's title and head tags, and its page in `#boot`.
    pub fn fill(&self, blog: &Blog, route: &Route, base_url: &str, page: &str) -> String {
        let meta = route_meta(blog, route);
        let head = head_tags(blog, route, base_url);
        let mut out = String::with_capacity(
            self.before_title.len()
                + self.before_boot.len()
                + self.after_boot.len()
                + page.len()
                + head.len()
                + 64,
        );
        out.push_str(self.before_title);
        out.push_str(&format!("<title>{}</title>", escape(&meta.title)));
        out.push_str(&head);
        out.push_str(&self.before_boot);
        out.push_str(&format!(r#"<div id="boot">{page}</div>"#));
        out.push_str(self.after_boot);
        out
    }
}

/// Renders every route and writes its file under `out`, on as many threads as the machine
/// has cores. Returns how many files were written.
pub fn write_route_files(
    compiled: &Compiled,
    template: &str,
    base_path: &str,
    out: &std::path::Path,
) -> Result<usize, BuildError> {
    let template_path = out.join("index.html");
    let template = Template::parse(template)
        .map_err(|reason| BuildError::Content(ContentError::at(&template_path, 0, reason)))?;
    let blog = Blog::new(compiled.index.clone());
    let routes = routes(&blog);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = routes.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = routes
            .chunks(chunk)
            .map(|routes| {
                let (blog, template) = (&blog, &template);
                scope.spawn(move || -> Result<(), BuildError> {
                    // The data cache is per thread: every worker gets the whole blog.
                    for post in &compiled.posts {
                        data::seed_post(Arc::new(post.clone()));
                    }
                    for page in &compiled.pages {
                        data::seed_page(Arc::new(page.clone()));
                    }
                    let mut renderer = RouteRenderer::default();
                    for route in routes {
                        let page = renderer.render(blog, route, base_path);
                        let html = template.fill(blog, route, &compiled.base_url, &page);
                        let path = out.join(route_file(blog, route));
                        write_file(&path, &html)?;
                    }
                    Ok(())
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|_| Err(panicked())))
            .collect::<Result<Vec<()>, BuildError>>()
    })?;
    Ok(routes.len())
}

fn panicked() -> BuildError {
    BuildError::Content(ContentError::at(
        std::path::Path::new("press"),
        0,
        "a rendering thread failed; see the message above",
    ))
}

fn write_file(path: &std::path::Path, text: &str) -> Result<(), BuildError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| BuildError::io("could not create", dir, e))?;
    }
    std::fs::write(path, text).map_err(|e| BuildError::io("could not write", path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<!doctype html><html><title>Blog</title><base href=/></head><body>\
        <div class=page id=boot><p>Loading</p></div><template id=boot-end></template></body></html>";

    #[test]
    fn finds_the_boot_shell_in_trunks_output_and_in_its_own() {
        let t = Template::parse(TRUNK).unwrap();
        assert_eq!(t.before_title, "<!doctype html><html>");
        assert_eq!(
            t.after_boot,
            "<template id=boot-end></template></body></html>"
        );
        // Run again on a page it wrote: the old page and its crawler tags are replaced.
        let own =
            "<html><title>Old</title><meta name=\"description\" content=\"x\" data-prerendered>\
            <base href=/></head><body><div id=\"boot\"><div>old page</div></div>\
            <template id=boot-end></template></body></html>";
        let t = Template::parse(own).unwrap();
        assert_eq!(t.before_boot, "<base href=/></head><body>");
        assert!(t.after_boot.starts_with("<template id=boot-end>"));
    }

    #[test]
    fn refuses_a_page_without_the_shell() {
        assert!(Template::parse("<html><title>x</title><body></body></html>").is_err());
        assert!(Template::parse(
            "<html><body><div id=boot></div><template id=boot-end></template>"
        )
        .is_err());
    }
}
