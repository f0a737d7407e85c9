//! Bringing a Blogger blog over: its export file in, `content/` files out.
//!
//! Posts and pages keep their HTML bodies (as `.html` files with front matter), labels,
//! author, and published and updated times with their time zones. Every post keeps the
//! permalink path its `<link rel="alternate">` gives, exactly: never recomputed from the
//! date. Comments are attached to their post through `thr:in-reply-to`. Drafts are skipped
//! and counted. The whole export is read and checked before any file is written.

pub mod export;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use model::paths::page_slug;
use model::{DateTime, PostPath};
use serde::Serialize;

use crate::error::BuildError;
use crate::front_matter::{self, FrontMatter};
use crate::render::html_to_paragraphs;
pub use export::{Entry, Export, ExportError, Kind};

/// A file the import will write: where, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFile {
    pub path: PathBuf,
    pub text: String,
}

/// What an import did and did not bring over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub posts: usize,
    pub pages: usize,
    pub comments: usize,
    /// Why entries were left out, with how many each.
    pub skipped: BTreeMap<String, usize>,
    /// Things changed on the way in that the author may want to check.
    pub notes: Vec<String>,
}

impl Summary {
    fn skip(&mut self, reason: &str) {
        *self.skipped.entry(reason.to_string()).or_default() += 1;
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = |n: usize, noun: &str| format!("{n} {noun}{}", if n == 1 { "" } else { "s" });
        writeln!(
            f,
            "Imported {}, {} and {}.",
            count(self.posts, "post"),
            count(self.pages, "page"),
            count(self.comments, "comment")
        )?;
        if self.skipped.is_empty() {
            writeln!(f, "Nothing was skipped.")?;
        } else {
            writeln!(f, "Skipped:")?;
            for (reason, n) in &self.skipped {
                writeln!(f, "  {n} × {reason}")?;
            }
        }
        for note in &self.notes {
            writeln!(f, "Note: {note}")?;
        }
        Ok(())
    }
}

/// The files an import would write, and its summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub files: Vec<PlannedFile>,
    pub summary: Summary,
}

#[derive(Serialize)]
struct CommentsFile {
    comment: Vec<CommentOut>,
}

#[derive(Serialize)]
struct CommentOut {
    author: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    published: String,
    body: String,
}

/// The path part of a URL: `http://x.blogspot.com/2009/04/a.html?m=1#c` -> `/2009/04/a.html`.
fn url_path(url: &str) -> Option<&str> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = &after_scheme[after_scheme.find('/')?..];
    Some(path.split(['?', '#']).next().unwrap_or(path))
}

/// Blogger writes milliseconds; keep the moment and its zone.
fn date(entry: &Entry, field: &str, value: &str) -> Result<DateTime, String> {
    DateTime::parse(value).map_err(|e| {
        format!(
            "the {} at line {} has an unreadable {field} date: {e}",
            describe(entry),
            entry.line
        )
    })
}

fn describe(entry: &Entry) -> &'static str {
    match entry.kind {
        Some(Kind::Post) => "post",
        Some(Kind::Page) => "page",
        Some(Kind::Comment) => "comment",
        _ => "entry",
    }
}

/// A label as front matter can hold it.
fn clean_label(label: &str, notes: &mut Vec<String>) -> String {
    if label.contains(['/', ',', '[', ']']) {
        let cleaned = label.replace(['/', ',', '[', ']'], "-");
        notes.push(format!("the label '{label}' became '{cleaned}'"));
        cleaned
    } else {
        label.to_string()
    }
}

/// Works out every file an import of `export` writes under `content`.
pub fn plan(export: &Export, content: &Path) -> Result<Plan, String> {
    let mut summary = Summary::default();
    let mut files: Vec<PlannedFile> = Vec::new();
    let mut used_names: HashSet<PathBuf> = HashSet::new();
    // entry id -> (comments file path, comments)
    let mut threads: HashMap<String, (PathBuf, Vec<CommentOut>)> = HashMap::new();
    let mut permalinks: HashMap<String, usize> = HashMap::new();

    for entry in &export.entries {
        match &entry.kind {
            Some(Kind::Post) | Some(Kind::Page) if entry.draft => {
                summary.skip(&format!("draft {}s (app:draft)", describe(entry)));
            }
            Some(Kind::Post) => {
                let Some(path) = entry
                    .alternate
                    .as_deref()
                    .and_then(url_path)
                    .and_then(PostPath::parse)
                else {
                    summary.skip("posts with no /YYYY/MM/name.html permalink (never published)");
                    continue;
                };
                let permalink = path.permalink();
                if let Some(line) = permalinks.insert(permalink.clone(), entry.line) {
                    return Err(format!(
                        "the posts at lines {line} and {} share the permalink {permalink}",
                        entry.line
                    ));
                }
                let published = date(entry, "published", &entry.published)?;
                let updated = if entry.updated.is_empty() {
                    None
                } else {
                    Some(date(entry, "updated", &entry.updated)?)
                };
                let title = if entry.title.trim().is_empty() {
                    summary.notes.push(format!(
                        "the untitled post {permalink} is titled 'Untitled' here"
                    ));
                    "Untitled".to_string()
                } else {
                    entry.title.clone()
                };
                let stem = path.file.trim_end_matches(".html");
                let mut name = content
                    .join("posts")
                    .join(format!("{}-{stem}.html", published.ymd()));
                let mut n = 2;
                while !used_names.insert(name.clone()) {
                    name = content
                        .join("posts")
                        .join(format!("{}-{stem}-{n}.html", published.ymd()));
                    n += 1;
                }
                let labels = entry
                    .labels
                    .iter()
                    .map(|l| clean_label(l, &mut summary.notes))
                    .collect();
                let front = FrontMatter {
                    title,
                    date: Some(published),
                    updated,
                    labels,
                    permalink: Some(permalink),
                    author: Some(entry.author.clone()).filter(|a| !a.is_empty()),
                };
                threads.insert(
                    entry.id.clone(),
                    (name.with_extension("comments.toml"), Vec::new()),
                );
                files.push(PlannedFile {
                    text: front_matter::write(&front, &entry.content),
                    path: name,
                });
                summary.posts += 1;
            }
            Some(Kind::Page) => {
                let slug = entry
                    .alternate
                    .as_deref()
                    .and_then(url_path)
                    .and_then(|p| p.strip_prefix("/p/"))
                    .and_then(page_slug);
                let Some(slug) = slug else {
                    summary.skip("pages with no /p/name.html address");
                    continue;
                };
                let front = FrontMatter {
                    title: if entry.title.is_empty() {
                        slug.to_string()
                    } else {
                        entry.title.clone()
                    },
                    ..FrontMatter::default()
                };
                files.push(PlannedFile {
                    path: content.join("pages").join(format!("{slug}.html")),
                    text: front_matter::write(&front, &entry.content),
                });
                summary.pages += 1;
            }
            Some(Kind::Comment) => {}
            Some(Kind::Settings) => summary.skip("settings entries (not content)"),
            Some(Kind::Template) => summary.skip("template entries (the old theme)"),
            Some(Kind::Other(kind)) => summary.skip(&format!("entries of unknown kind '{kind}'")),
            None => summary.skip("entries without a kind"),
        }
    }

    // Comments second: a comment may come before its post in the file.
    for entry in export
        .entries
        .iter()
        .filter(|e| e.kind == Some(Kind::Comment))
    {
        let thread = entry
            .in_reply_to
            .as_ref()
            .and_then(|id| threads.get_mut(id));
        let Some((_, comments)) = thread else {
            summary
                .skip("comments on posts that were not imported (drafts, pages or deleted posts)");
            continue;
        };
        let published = date(entry, "published", &entry.published)?;
        let url = entry
            .author_uri
            .clone()
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        let author = if entry.author.is_empty() {
            "Anonymous".to_string()
        } else {
            entry.author.clone()
        };
        comments.push(CommentOut {
            author,
            url,
            published: published.to_string(),
            body: html_to_paragraphs(&entry.content),
        });
        summary.comments += 1;
    }
    let mut threads: Vec<_> = threads
        .into_values()
        .filter(|(_, c)| !c.is_empty())
        .collect();
    threads.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, mut comment) in threads {
        comment.sort_by(|a, b| a.published.cmp(&b.published));
        let text = toml::to_string(&CommentsFile { comment })
            .map_err(|e| format!("could not write the comments of {}: {e}", path.display()))?;
        files.push(PlannedFile { path, text });
    }

    if !content.join("site.toml").exists() {
        files.push(PlannedFile {
            path: content.join("site.toml"),
            text: site_toml(export),
        });
    } else {
        summary
            .notes
            .push("content/site.toml already exists and was left as it is".to_string());
    }
    Ok(Plan { files, summary })
}

/// A site.toml for a blog that has none yet, from the export's feed.
fn site_toml(export: &Export) -> String {
    #[derive(Serialize)]
    struct Site<'a> {
        title: &'a str,
        description: &'a str,
        author: &'a str,
        base_url: &'a str,
        posts_per_page: usize,
    }
    let title = if export.title.is_empty() {
        "My blog"
    } else {
        &export.title
    };
    let author = if export.author.is_empty() {
        title
    } else {
        &export.author
    };
    toml::to_string(&Site {
        title,
        description: &export.subtitle,
        author,
        // Until the author says where the blog now lives, its old address.
        base_url: export
            .link
            .as_deref()
            .map(|l| l.trim_end_matches('/'))
            .unwrap_or("https://example.com"),
        posts_per_page: 5,
    })
    .unwrap_or_default()
}

/// Writes a plan's files. Refuses, writing nothing, if one exists and `overwrite` is off.
pub fn write(plan: &Plan, overwrite: bool) -> Result<(), BuildError> {
    if !overwrite {
        let existing: Vec<String> = plan
            .files
            .iter()
            .filter(|f| f.path.exists() && !f.path.ends_with("site.toml"))
            .map(|f| f.path.display().to_string())
            .collect();
        if let Some(first) = existing.first() {
            return Err(BuildError::io(
                "would overwrite",
                Path::new(first),
                std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    format!(
                        "{} files already exist (pass --force to overwrite them)",
                        existing.len()
                    ),
                ),
            ));
        }
    }
    for file in &plan.files {
        if let Some(dir) = file.path.parent() {
            fs::create_dir_all(dir).map_err(|e| BuildError::io("could not create", dir, e))?;
        }
        fs::write(&file.path, &file.text)
            .map_err(|e| BuildError::io("could not write", &file.path, e))?;
    }
    Ok(())
}
