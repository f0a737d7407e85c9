//! press: scrapbook's content compiler.
//!
//! `content/` (site.toml, posts/*.md with their comments, pages/*.md) goes in; the
//! JSON the app reads comes out under `data/`, with the pages, feeds and search index. Every
//! mistake in the content stops the build with its file, line and reason, before anything is
//! written; a later failure (the disk, Pagefind) says which parts were already replaced.

pub mod aliases;
pub mod blogger;
pub mod comments;
pub mod compile;
pub mod error;
pub mod feeds;
pub mod front_matter;
pub mod offline;
pub mod output;
pub mod prerender;
pub mod render;
pub mod sanitize;
pub mod search;
pub mod security;
pub mod site_config;

pub use compile::{compile, Compiled};
pub use error::{BuildError, BuildFailure, ContentError};

use std::path::Path;

/// Compiles `content` and writes its data under `out/data` (replacing what was there only
/// once everything has compiled and been written), then the feeds, sitemap and robots.txt,
/// and, when `out` holds the app's `index.html` (as Trunk's staging folder does), an HTML
/// file for every route. `public_url` is where Trunk built the app for ("/" or "/blog/");
/// it must be site.toml's `base_path`.
pub fn build(content: &Path, out: &Path, public_url: &str) -> Result<Compiled, BuildFailure> {
    let mut compiled = compile(content)?;
    let normalized = format!("/{}/", public_url.trim_matches('/')).replace("//", "/");
    if normalized != compiled.base_path {
        return Err(ContentError::at(
            &content.join("site.toml"),
            0,
            format!(
                "base_path is {} but the app was built for {normalized}: build with `cargo xtask build`, which passes base_path to Trunk",
                compiled.base_path
            ),
        )
        .into());
    }
    let url = site_url(&compiled.base_url, public_url);
    compiled.set_base_url(url);
    let files = compiled.discovery_files();
    let base_path = public_url.trim_end_matches('/');
    // The app's index.html is the template for every route's page; check it before
    // writing anything.
    let template_path = out.join("index.html");
    let template = if template_path.is_file() {
        let text = std::fs::read_to_string(&template_path)
            .map_err(|e| BuildError::io("could not read", &template_path, e))?;
        prerender::Template::parse(&text)
            .map_err(|reason| BuildError::template(&template_path, reason))?;
        Some(text)
    } else {
        None
    };
    let mut written = Written::default();
    written.step("data/", || output::write_data(out, &compiled.files()))?;
    written.step("the feeds, sitemap and robots.txt", || {
        output::write_files(out, &files)
    })?;
    written.step("the old addresses' pages", || {
        output::write_files(
            out,
            &aliases::files(&compiled.aliases, base_path, &compiled.base_url),
        )
    })?;
    let inline_hashes = match template {
        Some(template) => {
            let hashes = written.step("the route pages", || {
                prerender::write_route_files(&compiled, &template, base_path, out)
            })?;
            written.step("the offline shell page", || {
                prerender::write_shell_page(&compiled, &template, base_path, out)
            })?;
            let language = search::page_language(&template);
            let index = written.step("the search index", || {
                search::write_index(&compiled.posts, out, &language)
            })?;
            compiled.search_index = Some(index);
            written.step("the service worker, manifest and icons", || {
                offline::write(
                    out,
                    &format!("{base_path}/"),
                    &compiled.index.site.title,
                    &compiled.index.site.description,
                    &offline::page_stylesheet(&template),
                )
            })?;
            hashes.1
        }
        None => Default::default(),
    };
    // Last: the header form of the policy names the inline scripts and styles the pages
    // really hold.
    let policy =
        security::Policy::with_hashes(inline_hashes, compiled.index.site.comments.isso.as_deref());
    let search_rules = compiled
        .search_index
        .as_ref()
        .map(|index| search::headers(base_path, index))
        .unwrap_or_default();
    let headers = format!(
        "{}{search_rules}\n{}",
        feeds::headers(&compiled.index, base_path),
        security::header_rule(&policy, base_path)
    );
    written.step("_headers", || {
        output::write_files(out, &[("_headers".to_string(), headers)])
    })?;
    Ok(compiled)
}

/// The parts of the output a build has replaced so far, so that a failure can say
/// truthfully what is on disk.
#[derive(Default)]
struct Written(Vec<&'static str>);

impl Written {
    /// Runs one writing step; on failure, says which parts had been written before it.
    fn step<T>(
        &mut self,
        part: &'static str,
        write: impl FnOnce() -> Result<T, BuildError>,
    ) -> Result<T, BuildFailure> {
        match write() {
            Ok(value) => {
                self.0.push(part);
                Ok(value)
            }
            Err(error) => Err(BuildFailure {
                error,
                written: self.0.clone(),
            }),
        }
    }
}

/// The site's absolute address: `base_url` as site.toml gives it, with the host's sub-path
/// (`public_url`, such as "/blog/") added when `base_url` names only the host.
pub fn site_url(base_url: &str, public_url: &str) -> String {
    let base_url = base_url.trim_end_matches('/');
    let has_path = base_url
        .split_once("://")
        .is_some_and(|(_, rest)| rest.contains('/'));
    let sub_path = public_url.trim_matches('/');
    if has_path || sub_path.is_empty() {
        base_url.to_string()
    } else {
        format!("{base_url}/{sub_path}")
    }
}

#[cfg(test)]
mod tests {
    use super::site_url;

    #[test]
    fn the_site_url_gains_the_sub_path_once() {
        assert_eq!(site_url("https://m.example", "/"), "https://m.example");
        assert_eq!(
            site_url("https://m.example/", "/blog/"),
            "https://m.example/blog"
        );
        assert_eq!(
            site_url("https://m.example/blog", "/blog/"),
            "https://m.example/blog"
        );
    }
}
