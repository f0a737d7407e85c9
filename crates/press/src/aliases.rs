//! Old addresses of a post (front matter's `aliases`, as Hugo and Zola write them): each
//! is written as a small page that sends readers and crawlers on to the post, with a
//! canonical link and a meta refresh, as those tools do. They are listed nowhere else: not
//! in the sitemap, the feeds, the archive or the search index.

use std::path::{Path, PathBuf};

use model::text::escape_markup as escape;
use model::{Page, Post, Route};

use crate::error::ContentError;

/// Top-level folders and files of the built site that an alias may not take.
const RESERVED: [&str; 14] = [
    "assets",
    "data",
    "pagefind",
    "feeds",
    "icons",
    "index.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "sw.js",
    "manifest.webmanifest",
    "shell.html",
    "_headers",
];

/// One old address and the post it leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The content file that names it, and the line.
    pub file: PathBuf,
    pub line: usize,
    /// The old address below the base path, starting with `/`.
    pub from: String,
    /// The post's permalink.
    pub to: String,
    pub title: String,
}

impl Alias {
    /// Checks that `from` is an address a static host can serve a file at: a path (a
    /// leading `/` is added if missing) without `..`, a query or a fragment.
    pub fn new(
        file: &Path,
        line: usize,
        from: &str,
        to: &str,
        title: &str,
    ) -> Result<Alias, ContentError> {
        let from = from.trim();
        let path = if from.starts_with('/') {
            from.to_string()
        } else {
            format!("/{from}")
        };
        let bad = path.contains(['?', '#', '\\', '"', '<', '>'])
            || path.split('/').any(|s| s == ".." || s == ".")
            || path.contains("//")
            || path.chars().any(char::is_whitespace)
            || path == "/";
        if from.contains("://") || bad {
            return Err(ContentError::at(
                file,
                line,
                format!("the alias '{from}' is not an address on this site, like /2009/04/old-name.html or /old/"),
            ));
        }
        Ok(Alias {
            file: file.to_path_buf(),
            line,
            from: path,
            to: to.to_string(),
            title: title.to_string(),
        })
    }

    /// The file a static host serves for the old address: `/old/x.html` → `old/x.html`;
    /// `/old/` and `/old` → `old/index.html`.
    pub fn output_file(&self) -> String {
        let path = self.from.trim_start_matches('/');
        if path.ends_with(".html") || path.ends_with(".htm") {
            path.to_string()
        } else {
            format!("{}/index.html", path.trim_end_matches('/'))
        }
    }

    fn error(&self, reason: String) -> ContentError {
        ContentError::at(&self.file, self.line, reason)
    }
}

/// Checks that no alias takes an address the blog already uses, or another alias's.
pub fn check(aliases: &[Alias], posts: &[Post], pages: &[Page]) -> Result<(), ContentError> {
    let mut seen: Vec<(String, &Alias)> = Vec::new();
    for alias in aliases {
        let file = alias.output_file();
        let taken = match Route::parse(&alias.from, "") {
            Route::Post(path) => posts.iter().any(|p| p.permalink == path.permalink()),
            Route::Page(slug) => pages.iter().any(|p| p.slug == slug),
            Route::NotFound => {
                let top = file.split('/').next().unwrap_or_default();
                RESERVED.contains(&top)
            }
            _ => true,
        };
        if taken {
            return Err(alias.error(format!(
                "the alias {} is an address this blog already uses",
                alias.from
            )));
        }
        if let Some((_, first)) = seen.iter().find(|(f, _)| *f == file) {
            return Err(alias.error(format!(
                "the alias {} is also given by {}:{}",
                alias.from,
                first.file.display(),
                first.line
            )));
        }
        seen.push((file, alias));
    }
    Ok(())
}

/// The page written at an alias: it sends the reader at once to the post (`base_path` is
/// "" or "/blog"), names the post's address as canonical (`site_url` is the site's
/// absolute address), and asks search engines not to index it.
pub fn page(alias: &Alias, base_path: &str, site_url: &str) -> String {
    let href = escape(&format!("{base_path}{}", alias.to));
    let canonical = escape(&format!("{}{}", site_url.trim_end_matches('/'), alias.to));
    let title = escape(&alias.title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n\
         <p>This post has moved to <a href=\"{href}\">{title}</a>.</p>\n</body>\n</html>\n"
    )
}

/// Every alias's page: (file below the site folder, contents).
pub fn files(aliases: &[Alias], base_path: &str, site_url: &str) -> Vec<(String, String)> {
    aliases
        .iter()
        .map(|a| (a.output_file(), page(a, base_path, site_url)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alias(from: &str) -> Result<Alias, ContentError> {
        Alias::new(Path::new("posts/x.md"), 4, from, "/2009/04/x.html", "X & Y")
    }

    #[test]
    fn old_addresses_become_files_a_host_serves() {
        assert_eq!(alias("/old/x.html").unwrap().output_file(), "old/x.html");
        assert_eq!(alias("/old/").unwrap().output_file(), "old/index.html");
        assert_eq!(
            alias("old/post").unwrap().output_file(),
            "old/post/index.html"
        );
        for bad in ["/../x", "https://x.example/a", "/a?b", "/", "/a b", "/a//b"] {
            let e = alias(bad).unwrap_err();
            assert_eq!(e.line, 4, "{bad}");
        }
    }

    #[test]
    fn an_alias_may_not_take_an_address_in_use() {
        let post: Post = serde_json::from_value(serde_json::json!({
            "schema": model::SCHEMA_VERSION, "permalink": "/2009/04/x.html", "title": "X",
            "published": "2009-04-12T10:00:00Z", "author": "A", "body_html": "",
        }))
        .unwrap();
        let posts = [post];
        for taken in [
            "/2009/04/x.html",
            "/archive",
            "/2009/",
            "/data/x.json",
            "/sw.js",
            "/search/label/a",
        ] {
            assert!(
                check(&[alias(taken).unwrap()], &posts, &[]).is_err(),
                "{taken}"
            );
        }
        assert!(check(&[alias("/2009/04/old-x.html").unwrap()], &posts, &[]).is_ok());
        let twice = [alias("/old").unwrap(), alias("/old/").unwrap()];
        assert!(check(&twice, &posts, &[])
            .unwrap_err()
            .reason
            .contains("also given"));
    }

    #[test]
    fn the_page_sends_readers_and_crawlers_to_the_post() {
        let html = page(&alias("/old/").unwrap(), "/blog", "https://m.example/blog");
        assert!(
            html.contains(
                "<link rel=\"canonical\" href=\"https://m.example/blog/2009/04/x.html\">"
            ),
            "{html}"
        );
        assert!(
            html.contains("content=\"0; url=/blog/2009/04/x.html\""),
            "{html}"
        );
        assert!(html.contains("<title>X &amp; Y</title>"), "{html}");
        assert!(html.contains("noindex"), "{html}");
    }
}
