//! A real HTML file for every route, so that any static host serves every address with no
//! rewrite rules, and crawlers, link previews and readers without JavaScript get the page.
//!
//! The markup comes from the app's own components ([`scrapbook::prerender::RouteRenderer`]),
//! fed the blog from memory, so the files and the live app cannot drift apart. Each file is
//! Trunk's `index.html` with the route's title, description, canonical address, Open Graph
//! tags and the preloads of exactly the data files its route needs, and the rendered page
//! in place of the loading shell; the app then boots and takes over.

use std::sync::Arc;

use model::shards::route_data_files;
use model::text::escape_markup as escape;
use model::wasm_parts::WasmPart;
use model::{PostPath, Route};
use scrapbook::data::memory::MemorySource;
use scrapbook::data::{Blog, Data};
use scrapbook::pages::meta::absolute_url;
use scrapbook::pages::{route_meta, RouteMeta};
use scrapbook::prerender::RouteRenderer;

use crate::compile::Compiled;
use crate::error::BuildError;
use crate::security::{InlineHashes, Policy};

/// Where the rendered page goes in Trunk's index.html: the `#boot` shell up to this marker.
const BOOT_END: &str = "<template id=boot-end></template>";

/// Every route of the blog that has a file: the home page, each post, page, year, month
/// and label, the archive, the search page (one for every query) and the not-found page.
pub fn routes(compiled: &Compiled) -> Vec<Route> {
    let site = &compiled.shards.site;
    let mut routes = vec![
        Route::Home { page: 1 },
        Route::Archive,
        Route::Search(Default::default()),
        Route::NotFound,
    ];
    routes.extend(
        compiled
            .posts
            .iter()
            .filter_map(|p| PostPath::parse(&p.permalink))
            .map(Route::Post),
    );
    routes.extend(site.site.pages.iter().map(|p| Route::Page(p.slug.clone())));
    for year in &site.archive {
        routes.push(Route::Year(year.year));
        routes.extend(
            year.months_newest_first()
                .map(|(m, _)| Route::Month(year.year, m)),
        );
    }
    routes.extend(site.labels.iter().map(|l| Route::Label {
        name: l.name.clone(),
        page: 1,
    }));
    routes
}

/// A route's title, description and address; a post's come from the post, found through
/// the data source's index by permalink.
fn meta_of(blog: &Blog, data: &Data, route: &Route) -> RouteMeta {
    let post = match route {
        Route::Post(path) => data.post(path),
        _ => None,
    };
    route_meta(blog, route, post.as_deref())
}

/// The head elements for crawlers and link previews, which the app keeps up to date, and
/// the preloads of the route's data files and, for a route the app draws with the split
/// part of its wasm, of that part (`parts`, file names in `assets/`), by absolute path
/// (`base_path` is "" or "/blog"), so that `<base href>` cannot misdirect them.
fn head_tags(
    base_url: &str,
    blog: &Blog,
    route: &Route,
    meta: &RouteMeta,
    base_path: &str,
    parts: &[String],
) -> String {
    let mut tags = vec![
        format!(
            r#"<meta name="description" content="{}">"#,
            escape(&meta.description)
        ),
        format!(
            r#"<meta property="og:title" content="{}">"#,
            escape(&meta.title)
        ),
        format!(
            r#"<meta property="og:description" content="{}">"#,
            escape(&meta.description)
        ),
        format!(r#"<meta property="og:type" content="{}">"#, meta.kind),
        format!(
            r#"<meta property="og:site_name" content="{}">"#,
            escape(&blog.site.title)
        ),
    ];
    if let Some(path) = &meta.path {
        let url = escape(&absolute_url(base_url, path));
        tags.push(format!(r#"<link rel="canonical" href="{url}">"#));
        tags.push(format!(r#"<meta property="og:url" content="{url}">"#));
    }
    for file in route_data_files(blog, route) {
        tags.push(format!(
            r#"<link rel="preload" href="{}/{}" as="fetch" crossorigin>"#,
            escape(base_path),
            escape(&file)
        ));
    }
    if route.in_split_part() {
        for part in parts {
            tags.push(format!(
                r#"<link rel="preload" href="{}/assets/{}" as="fetch" crossorigin>"#,
                escape(base_path),
                escape(part)
            ));
        }
    }
    tags.push(app_tags(base_path));
    tags.join("")
}

/// The head tags every page has for installing the blog: the manifest and the theme
/// colour. `base_path` is "" or a sub-path such as "/blog".
fn app_tags(base_path: &str) -> String {
    format!(
        r#"<link rel="manifest" href="{}/manifest.webmanifest"><meta name="theme-color" content="{}">"#,
        escape(base_path),
        THEME_COLOUR
    )
}

/// The browser's toolbar colour: the stylesheet's `--card` green (light palette).
const THEME_COLOUR: &str = "#9cc25f";

/// Writes the shell page (the loading skeleton in the app's page, with the site's title),
/// which the service worker serves for an address not read before while offline.
pub fn write_shell_page(
    compiled: &Compiled,
    template: &str,
    base_path: &str,
    out: &std::path::Path,
) -> Result<(), BuildError> {
    let template_path = out.join("index.html");
    let template =
        Template::parse(template).map_err(|reason| BuildError::template(&template_path, reason))?;
    let meta = RouteMeta {
        title: compiled.index.site.title.clone(),
        description: compiled.index.site.description.clone(),
        kind: "website",
        path: None,
    };
    let page = scrapbook::prerender::loading_shell_html();
    let (html, _) = with_policy(
        template.fill(&meta, &app_tags(base_path), &page),
        compiled.index.site.comments.isso.as_deref(),
    );
    write_file(&out.join(crate::offline::SHELL_PAGE), &html)
}

/// Trunk's index.html cut where each route's head and page go.
pub struct Template<'a> {
    /// Up to `<title>`, without an earlier run's policy.
    before_title: String,
    /// From after `</title>` up to the `#boot` shell, without an earlier route's tags.
    before_boot: String,
    /// From the end of the `#boot` shell on.
    after_boot: &'a str,
}

/// Whether a head tag is one press writes for each route (so a template that is press's
/// own output must lose it before the next route's are added).
fn is_route_tag(tag: &str) -> bool {
    const ROUTE_TAGS: [&str; 7] = [
        "<meta http-equiv=\"Content-Security-Policy\"",
        "<link rel=\"manifest\"",
        "<meta name=\"theme-color\"",
        "<meta name=\"description\"",
        "<meta property=\"og:",
        "<link rel=\"canonical\"",
        "<link rel=\"preload\"",
    ];
    ROUTE_TAGS.iter().any(|t| tag.starts_with(t))
}

/// `html` without the tags a previous run of press wrote for its route.
fn without_route_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let gt = rest[lt..].find('>').map_or(rest.len(), |g| lt + g + 1);
        let tag = &rest[lt..gt];
        if !is_route_tag(tag) {
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
            before_title: without_route_tags(&html[..title_start]),
            before_boot: without_route_tags(&html[title_end..boot_start]),
            after_boot: &html[boot_end..],
        })
    }

    /// One route's file: its title, the head tags written for it, and its page in `#boot`.
    pub fn fill(&self, meta: &RouteMeta, head: &str, page: &str) -> String {
        let mut out = String::with_capacity(
            self.before_title.len()
                + self.before_boot.len()
                + self.after_boot.len()
                + page.len()
                + head.len()
                + 64,
        );
        out.push_str(&self.before_title);
        out.push_str(&format!("<title>{}</title>", escape(&meta.title)));
        out.push_str(head);
        out.push_str(&self.before_boot);
        out.push_str(&format!(r#"<div id="boot">{page}</div>"#));
        out.push_str(self.after_boot);
        out
    }
}

/// `html` with the policy for its own inline scripts and styles as the first tag before its
/// title.
fn with_policy(html: String, isso: Option<&str>) -> (String, Policy) {
    let policy = Policy::new(&html, isso);
    let at = html.find("<title>").unwrap_or(0);
    let mut out = String::with_capacity(html.len() + 600);
    out.push_str(&html[..at]);
    out.push_str(&policy.meta_tag());
    out.push_str(&html[at..]);
    (out, policy)
}

/// The wasm parts the archive, year, month and search pages load, sorted: the pages' part
/// and the chunk it shares (`model::wasm_parts`); none in a build without a split or
/// without assets. The comment form's part is not one: those pages show no form, and a
/// preload they never use is a warning in the browser and bytes for nothing.
fn split_parts(out: &std::path::Path) -> Vec<String> {
    let mut parts: Vec<String> = std::fs::read_dir(out.join("assets"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .filter(|n| WasmPart::of(n).is_some_and(WasmPart::goes_with_split_pages))
        .collect();
    parts.sort();
    parts
}

/// Renders every route and writes its file under `out`, on as many threads as the machine
/// has cores, each with its content security policy. Returns how many files were written
/// and the inline-script and style hashes they hold together (for the header form of the
/// policy).
pub fn write_route_files(
    compiled: &Compiled,
    template: &str,
    base_path: &str,
    out: &std::path::Path,
) -> Result<(usize, InlineHashes), BuildError> {
    let template_path = out.join("index.html");
    let template =
        Template::parse(template).map_err(|reason| BuildError::template(&template_path, reason))?;
    let blog = Blog(Arc::new(compiled.shards.site.clone()));
    let data = Data(Arc::new(MemorySource::of_blog(
        &compiled.posts,
        &compiled.pages,
        &compiled.shards,
    )));
    let routes = routes(compiled);
    let parts = split_parts(out);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = routes.len().div_ceil(threads).max(1);
    let isso = compiled.index.site.comments.isso.as_deref();
    let hashes = std::thread::scope(|scope| {
        let workers: Vec<_> = routes
            .chunks(chunk)
            .map(|routes| {
                let (blog, data, template, parts) = (&blog, &data, &template, &parts);
                scope.spawn(move || -> Result<InlineHashes, BuildError> {
                    let mut renderer = RouteRenderer::new(blog.clone(), data.clone(), base_path);
                    let mut hashes = InlineHashes::default();
                    for route in routes {
                        let page = renderer.render(route);
                        let meta = meta_of(blog, data, route);
                        let head =
                            head_tags(&compiled.base_url, blog, route, &meta, base_path, parts);
                        let (html, policy) = with_policy(template.fill(&meta, &head, &page), isso);
                        hashes.extend(policy.inline);
                        write_file(&out.join(route.file()), &html)?;
                    }
                    Ok(hashes)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|_| Err(panicked())))
            .collect::<Result<Vec<InlineHashes>, BuildError>>()
    })?;
    let mut all = InlineHashes::default();
    for each in hashes {
        all.extend(each);
    }
    Ok((routes.len(), all))
}

fn panicked() -> BuildError {
    BuildError::Render("a rendering thread panicked; its message is above".to_string())
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
        // Run again on a page it wrote: the old page and its route's tags are replaced.
        let own = "<html><title>Old</title><meta name=\"description\" content=\"x\">\
            <link rel=\"preload\" href=\"/data/site.json\" as=\"fetch\" crossorigin>\
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
