//! `content/site.toml`: the blog's settings.

use std::path::Path;

use model::{BlogListEntry, CommentSettings, DateTime};
use serde::Deserialize;

use crate::error::{line_of, ContentError};

/// The settings an author writes in `content/site.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub author: String,
    /// Where the blog is published, such as `https://mediamum.example.com` (with the sub-path,
    /// if any): feeds, the sitemap and robots.txt need absolute addresses.
    pub base_url: String,
    /// Where on its host the site lives: "/" at the domain root, "/blog/" under a
    /// sub-path. `cargo xtask build` passes it to Trunk as the public URL.
    #[serde(default = "default_base_path")]
    pub base_path: String,
    /// The footer line; "Copyright © YEAR TITLE" from the newest post's year if left out.
    #[serde(default)]
    pub copyright: Option<String>,
    /// The "About Me" widget's text.
    #[serde(default)]
    pub about: String,
    #[serde(default = "default_posts_per_page")]
    pub posts_per_page: usize,
    #[serde(default)]
    pub blog_list: Vec<BlogListConfig>,
    /// Where readers' comments go (`[comments]`); closed if it names nowhere.
    #[serde(default)]
    pub comments: CommentsConfig,
}

/// `[comments]` in site.toml.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentsConfig {
    /// The Isso comment server's address.
    #[serde(default)]
    pub isso: Option<String>,
    /// An email address readers can send comments to when there is no server.
    #[serde(default)]
    pub contact: Option<String>,
}

/// One "My Blog List" entry as written in site.toml.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlogListConfig {
    pub name: String,
    pub url: String,
    pub latest_title: String,
    pub latest_url: String,
    pub latest_published: String,
}

/// Whether `url` is an absolute http(s) address with a host.
fn is_http_url(url: &str) -> bool {
    url.split_once("://")
        .is_some_and(|(scheme, rest)| matches!(scheme, "http" | "https") && !rest.is_empty())
}

/// The 1-based line where `key` is set in site.toml's text, or 0 if it is not.
fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(0, |i| i + 1)
}

fn default_base_path() -> String {
    "/".to_string()
}

fn default_posts_per_page() -> usize {
    5
}

impl SiteConfig {
    /// Reads and checks site.toml's text; `file` names it in errors.
    pub fn parse(file: &Path, text: &str) -> Result<Self, ContentError> {
        let config: SiteConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(0, |s| line_of(text, s.start));
            ContentError::at(file, line, e.message().trim().to_string())
        })?;
        if config.title.trim().is_empty() {
            return Err(ContentError::at(file, 0, "the title is empty"));
        }
        let url = config.base_url.trim();
        if !is_http_url(url) {
            let line = line_of_key(text, "base_url");
            return Err(ContentError::at(
                file,
                line,
                format!("base_url must be an absolute http(s) address such as https://example.com, not '{url}'"),
            ));
        }
        let bp = &config.base_path;
        if !bp.starts_with('/')
            || !bp.ends_with('/')
            || bp.contains("//")
            || bp.contains(['?', '#', ' '])
        {
            let line = line_of_key(text, "base_path");
            return Err(ContentError::at(
                file,
                line,
                format!(
                    "base_path must start and end with '/', like \"/\" or \"/blog/\", not '{bp}'"
                ),
            ));
        }
        if config.posts_per_page == 0 {
            let line = line_of_key(text, "posts_per_page");
            return Err(ContentError::at(
                file,
                line,
                "posts_per_page must be at least 1",
            ));
        }
        config.comment_settings(file, text)?;
        Ok(config)
    }

    /// The `[comments]` settings, checked: an absolute http(s) Isso address (given a
    /// trailing '/'), an email address with an '@' and no spaces.
    pub fn comment_settings(
        &self,
        file: &Path,
        text: &str,
    ) -> Result<CommentSettings, ContentError> {
        let isso = match self.comments.isso.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(url) => {
                if !is_http_url(url) || url.contains(['?', '#', ' ']) {
                    return Err(ContentError::at(
                        file,
                        line_of_key(text, "isso"),
                        format!("comments.isso must be the absolute http(s) address of an Isso server, such as https://comments.example.com/, not '{url}'"),
                    ));
                }
                Some(format!("{}/", url.trim_end_matches('/')))
            }
        };
        let contact = match self.comments.contact.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(address) => {
                let valid = address
                    .split_once('@')
                    .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
                    && !address.contains(|c: char| c.is_whitespace() || "<>?&\"".contains(c));
                if !valid {
                    return Err(ContentError::at(
                        file,
                        line_of_key(text, "contact"),
                        format!("comments.contact must be an email address such as mum@example.com, not '{address}'"),
                    ));
                }
                Some(address.to_string())
            }
        };
        Ok(CommentSettings { isso, contact })
    }

    /// The blog list with its dates checked.
    pub fn blog_list(&self, file: &Path, text: &str) -> Result<Vec<BlogListEntry>, ContentError> {
        self.blog_list
            .iter()
            .map(|b| {
                let published = DateTime::parse(&b.latest_published).map_err(|e| {
                    let line = text
                        .find(&b.latest_published)
                        .map_or(0, |at| line_of(text, at));
                    ContentError::at(file, line, format!("invalid latest_published: {e}"))
                })?;
                Ok(BlogListEntry {
                    name: b.name.clone(),
                    url: b.url.clone(),
                    latest_title: b.latest_title.clone(),
                    latest_url: b.latest_url.clone(),
                    latest_published: published,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SiteConfig, ContentError> {
        SiteConfig::parse(Path::new("site.toml"), text)
    }

    #[test]
    fn reads_settings_with_defaults() {
        let c = parse("title = \"Mediamum\"\nauthor = \"Mum\"\nbase_url = \"https://m.example\"\n")
            .unwrap();
        assert_eq!(c.posts_per_page, 5);
        assert_eq!(c.copyright, None);
    }

    #[test]
    fn mistakes_name_their_line() {
        let e = parse("title = \"M\"\nauthor = \"A\"\ntitel = \"x\"\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let e = parse("title = \"M\"\nauthor = \n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = parse(
            "title = \"M\"\nauthor = \"A\"\nbase_url = \"https://m.example\"\nposts_per_page = 0\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 4, "{e}");
        let e =
            parse("title = \"M\"\nauthor = \"A\"\nbase_url = \"mediamum.example\"\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let e = parse("title = \"M\"\nauthor = \"A\"\nbase_url = \"https://m.example\"\nbase_path = \"blog\"\n").unwrap_err();
        assert_eq!(e.line, 4, "{e}");
        let e = parse("author = \"A\"\n").unwrap_err();
        assert!(e.reason.contains("title"), "{e}");
    }

    #[test]
    fn comment_settings_are_checked() {
        let base = "title = \"M\"\nauthor = \"A\"\nbase_url = \"https://m.example\"\n";
        let c = parse(base).unwrap();
        let none = c.comment_settings(Path::new("site.toml"), base).unwrap();
        assert!(!none.open());
        let text = format!(
            "{base}[comments]\nisso = \"http://127.0.0.1:8081\"\ncontact = \"mum@example.com\"\n"
        );
        let c = parse(&text).unwrap();
        let s = c.comment_settings(Path::new("site.toml"), &text).unwrap();
        assert_eq!(s.isso.as_deref(), Some("http://127.0.0.1:8081/"));
        assert_eq!(s.contact.as_deref(), Some("mum@example.com"));
        let e = parse(&format!(
            "{base}[comments]\nisso = \"comments.example.com\"\n"
        ))
        .unwrap_err();
        assert_eq!(e.line, 5, "{e}");
        let e = parse(&format!(
            "{base}[comments]\n\ncontact = \"mum at example\"\n"
        ))
        .unwrap_err();
        assert_eq!(e.line, 6, "{e}");
        let e = parse(&format!("{base}[comments]\nserver = \"x\"\n")).unwrap_err();
        assert_eq!(e.line, 5, "{e}");
    }

    #[test]
    fn blog_list_dates_are_checked() {
        let text =
            "title = \"M\"\nauthor = \"A\"\nbase_url = \"https://m.example\"\n[[blog_list]]\n\
                    name = \"n\"\nurl = \"u\"\nlatest_title = \"t\"\nlatest_url = \"l\"\n\
                    latest_published = \"soon\"\n";
        let c = parse(text).unwrap();
        let e = c.blog_list(Path::new("site.toml"), text).unwrap_err();
        assert_eq!(e.line, 9, "{e}");
    }
}
