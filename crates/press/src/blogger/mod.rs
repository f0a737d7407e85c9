//! Bringing a Blogger blog over: its export file in, `content/` files out.
//!
//! Posts and pages keep their HTML bodies (as `.html` files with front matter), labels,
//! author, and published and updated times with their time zones. Every post keeps the
//! permalink path its `<link rel="alternate">` gives, exactly: never recomputed from the
//! date. Comments are attached to their post through `thr:in-reply-to`. Drafts are skipped
//! and counted. The export is read as a stream ([`import`]): memory stays bounded however
//! large it is, and nothing reaches `content/` until the whole export has been read and
//! checked.

pub mod export;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use model::paths::page_slug;
use model::{DateTime, PostPath};
use serde::Serialize;

use crate::front_matter::{self, FrontMatter};
pub use export::{Entry, Export, ExportError, Kind};
use model::text::html_to_paragraphs;

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
        use model::text::count;
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
    let mut planner = Planner::new(content);
    let mut files = Vec::new();
    for entry in &export.entries {
        files.extend(planner.entry(entry)?);
    }
    let (rest, summary) = planner.finish(export)?;
    files.extend(rest);
    Ok(Plan { files, summary })
}

/// A comment kept until every post is known (one may come before its post in the file).
struct PendingComment {
    reply_to: Option<String>,
    comment: CommentOut,
}

/// Plans an import one entry at a time, so that a large export can be read as a stream:
/// a post's or page's file is ready as soon as its entry is read; the comments files and
/// site.toml come at the end ([`Planner::finish`]).
pub struct Planner<'a> {
    content: &'a Path,
    summary: Summary,
    used_names: HashSet<PathBuf>,
    // entry id -> comments file path
    threads: HashMap<String, PathBuf>,
    permalinks: HashMap<String, usize>,
    comments: Vec<PendingComment>,
}

impl<'a> Planner<'a> {
    /// A planner for files under `content`.
    pub fn new(content: &'a Path) -> Self {
        Planner {
            content,
            summary: Summary::default(),
            used_names: HashSet::new(),
            threads: HashMap::new(),
            permalinks: HashMap::new(),
            comments: Vec::new(),
        }
    }

    /// Takes one entry: the file it becomes, if it is a post or page to import now.
    pub fn entry(&mut self, entry: &Entry) -> Result<Option<PlannedFile>, String> {
        let summary = &mut self.summary;
        match &entry.kind {
            Some(Kind::Post) | Some(Kind::Page) if entry.draft => {
                summary.skip(&format!("draft {}s (app:draft)", describe(entry)));
                Ok(None)
            }
            Some(Kind::Post) => self.post(entry),
            Some(Kind::Page) => {
                let slug = entry
                    .alternate
                    .as_deref()
                    .and_then(url_path)
                    .and_then(|p| p.strip_prefix("/p/"))
                    .and_then(page_slug);
                let Some(slug) = slug else {
                    summary.skip("pages with no /p/name.html address");
                    return Ok(None);
                };
                let front = FrontMatter {
                    title: if entry.title.is_empty() {
                        slug.to_string()
                    } else {
                        entry.title.clone()
                    },
                    ..FrontMatter::default()
                };
                summary.pages += 1;
                Ok(Some(PlannedFile {
                    path: self.content.join("pages").join(format!("{slug}.html")),
                    text: front_matter::write(&front, &entry.content),
                }))
            }
            Some(Kind::Comment) => {
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
                self.comments.push(PendingComment {
                    reply_to: entry.in_reply_to.clone(),
                    comment: CommentOut {
                        author,
                        url,
                        published: published.to_string(),
                        body: html_to_paragraphs(&entry.content).join("\n\n"),
                    },
                });
                Ok(None)
            }
            Some(Kind::Settings) => {
                summary.skip("settings entries (not content)");
                Ok(None)
            }
            Some(Kind::Template) => {
                summary.skip("template entries (the old theme)");
                Ok(None)
            }
            Some(Kind::Other(kind)) => {
                summary.skip(&format!("entries of unknown kind '{kind}'"));
                Ok(None)
            }
            None => {
                summary.skip("entries without a kind");
                Ok(None)
            }
        }
    }

    fn post(&mut self, entry: &Entry) -> Result<Option<PlannedFile>, String> {
        let summary = &mut self.summary;
        let Some(path) = entry
            .alternate
            .as_deref()
            .and_then(url_path)
            .and_then(PostPath::parse)
        else {
            summary.skip("posts with no /YYYY/MM/name.html permalink (never published)");
            return Ok(None);
        };
        let permalink = path.permalink();
        if let Some(line) = self.permalinks.insert(permalink.clone(), entry.line) {
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
        let posts = self.content.join("posts");
        let mut name = posts.join(format!("{}-{stem}.html", published.ymd()));
        let mut n = 2;
        while !self.used_names.insert(name.clone()) {
            name = posts.join(format!("{}-{stem}-{n}.html", published.ymd()));
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
        self.threads
            .insert(entry.id.clone(), name.with_extension("comments.toml"));
        summary.posts += 1;
        Ok(Some(PlannedFile {
            text: front_matter::write(&front, &entry.content),
            path: name,
        }))
    }

    /// After the last entry: the comments files, site.toml if the blog has none, and what
    /// the import did. `feed` gives the blog's title and address for site.toml.
    pub fn finish(mut self, feed: &Export) -> Result<(Vec<PlannedFile>, Summary), String> {
        let mut files = Vec::new();
        let mut threads: BTreeMap<PathBuf, Vec<CommentOut>> = BTreeMap::new();
        for pending in std::mem::take(&mut self.comments) {
            let thread = pending
                .reply_to
                .as_ref()
                .and_then(|id| self.threads.get(id));
            let Some(path) = thread else {
                self.summary.skip(
                    "comments on posts that were not imported (drafts, pages or deleted posts)",
                );
                continue;
            };
            threads
                .entry(path.clone())
                .or_default()
                .push(pending.comment);
            self.summary.comments += 1;
        }
        for (path, mut comment) in threads {
            comment.sort_by(|a, b| a.published.cmp(&b.published));
            let text = toml::to_string(&CommentsFile { comment })
                .map_err(|e| format!("could not write the comments of {}: {e}", path.display()))?;
            files.push(PlannedFile { path, text });
        }
        if !self.content.join("site.toml").exists() {
            files.push(PlannedFile {
                path: self.content.join("site.toml"),
                text: site_toml(feed),
            });
        } else {
            self.summary
                .notes
                .push("content/site.toml already exists and was left as it is".to_string());
        }
        Ok((files, self.summary))
    }
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

/// What a streamed import did: the summary, and how many files it put in place.
#[derive(Debug, Clone)]
pub struct Imported {
    pub summary: Summary,
    pub files: usize,
}

/// A staging folder that is removed unless the import is committed.
struct Staging {
    dir: PathBuf,
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Imports the export at `export` into `content` as a stream, so memory stays bounded
/// whatever the export's size: entries are read one at a time and each post or page is
/// written to a staging folder as soon as it is read; only comments (as plain text) wait
/// in memory for their files. Nothing reaches `content` until the whole export has been
/// read and checked; then the staged files are moved into place. Refuses, writing
/// nothing, if a file exists and `overwrite` is off. `progress` is told the bytes read.
pub fn import(
    export: &Path,
    content: &Path,
    overwrite: bool,
    progress: impl FnMut(usize),
) -> Result<Imported, String> {
    let file =
        fs::File::open(export).map_err(|e| format!("could not read {}: {e}", export.display()))?;
    fs::create_dir_all(content)
        .map_err(|e| format!("could not create {}: {e}", content.display()))?;
    let staging = Staging {
        dir: content.join(format!(".import-{}", std::process::id())),
    };
    let _ = fs::remove_dir_all(&staging.dir);
    let mut planner = Planner::new(content);
    let mut staged: Vec<PathBuf> = Vec::new();
    let mut stage = |file: PlannedFile| -> Result<(), String> {
        let rel = file
            .path
            .strip_prefix(content)
            .map_err(|_| format!("{} is outside the content folder", file.path.display()))?
            .to_path_buf();
        let path = staging.dir.join(&rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)
                .map_err(|e| format!("could not create {}: {e}", dir.display()))?;
        }
        fs::write(&path, &file.text)
            .map_err(|e| format!("could not write {}: {e}", path.display()))?;
        staged.push(rel);
        Ok(())
    };
    let reader = std::io::BufReader::with_capacity(256 * 1024, file);
    let feed = export::read(reader, progress, |entry| match planner.entry(&entry)? {
        Some(file) => stage(file),
        None => Ok(()),
    })
    .map_err(|e| format!("{}:{}: {}", export.display(), e.line, e.reason))?;
    let (rest, summary) = planner
        .finish(&feed)
        .map_err(|e| format!("{}: {e}", export.display()))?;
    for file in rest {
        stage(file)?;
    }
    if !overwrite {
        let existing: Vec<&PathBuf> = staged
            .iter()
            .filter(|rel| content.join(rel).exists() && !rel.ends_with("site.toml"))
            .collect();
        if let Some(first) = existing.first() {
            return Err(format!(
                "{} files already exist, such as {} (pass --force to overwrite them)",
                existing.len(),
                content.join(first).display()
            ));
        }
    }
    for (done, rel) in staged.iter().enumerate() {
        let target = content.join(rel);
        let moved = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::rename(staging.dir.join(rel), &target));
        if let Err(e) = moved {
            return Err(format!(
                "could not put {} in place ({e}); {done} of {} files were put in place before this one",
                target.display(),
                staged.len()
            ));
        }
    }
    Ok(Imported {
        summary,
        files: staged.len(),
    })
}
