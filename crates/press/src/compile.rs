//! Compiles `content/` into the schema-v2 data: the site file and the lists split by route
//! ([`model::shards`]), one file per post and per page.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use model::paths::{default_permalink, page_slug};
use model::shards::{self, Shards};
use model::{DateTime, Index, Page, PageLink, Post, PostPath, PostSummary, Site, SCHEMA_VERSION};

use rayon::prelude::*;

use crate::error::{BuildError, ContentError};
use crate::site_config::SiteConfig;
use crate::{comments, feeds, front_matter, render};

/// How long a post's excerpt may be, in characters.
const EXCERPT_CHARS: usize = 200;

/// Everything a build produces, checked and ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    /// The site and every post's summary, newest first: what the lists are split from.
    pub index: Index,
    /// The site file and the lists, as written.
    pub shards: Shards,
    pub posts: Vec<Post>,
    pub pages: Vec<Page>,
    /// Draft posts left out of the site.
    pub drafts_skipped: usize,
    /// Where the site is published, for feeds and the sitemap.
    pub base_url: String,
    /// Where on its host the site lives: "/" or "/blog/".
    pub base_path: String,
    /// What went into the search index, once [`crate::build`] has written it.
    pub search_index: Option<crate::search::IndexSummary>,
    /// Old addresses that lead to posts (front matter's `aliases`).
    pub aliases: Vec<crate::aliases::Alias>,
    /// What the content holds that press read past (unknown front matter keys).
    pub warnings: Vec<ContentError>,
}

impl Compiled {
    /// The files to write under the output folder: (relative path, contents).
    pub fn files(&self) -> Vec<(String, String)> {
        let lists = self.shards.files();
        let mut files = Vec::with_capacity(self.posts.len() + self.pages.len() + lists.len());
        files.extend(lists.into_iter().map(|(path, json)| (path, json.to_json())));
        // Permalinks were checked when the post was compiled.
        files.par_extend(self.posts.par_iter().filter_map(|post| {
            PostPath::parse(&post.permalink).map(|path| (path.data_file(), to_json(post)))
        }));
        for page in &self.pages {
            files.push((model::paths::page_data_file(&page.slug), to_json(page)));
        }
        files
    }

    /// The feeds, the sitemap and robots.txt: (relative path, contents).
    pub fn discovery_files(&self) -> Vec<(String, String)> {
        let main = feeds::atom(&self.index, &self.posts, &self.base_url, None);
        let mut files = vec![
            ("atom.xml".to_string(), main.clone()),
            // A folder's index file, so that labels' feeds can live below it.
            ("feeds/posts/default/index.html".to_string(), main),
            (
                "sitemap.xml".to_string(),
                feeds::sitemap(&self.index, &self.posts, &self.base_url),
            ),
            ("robots.txt".to_string(), feeds::robots(&self.base_url)),
        ];
        for (label, _) in model::label_counts(&self.index.posts) {
            files.push((
                format!("feeds/posts/default/-/{label}"),
                feeds::atom(&self.index, &self.posts, &self.base_url, Some(&label)),
            ));
        }
        files
    }

    /// Sets where the site is published (with its sub-path), everywhere it is kept.
    pub fn set_base_url(&mut self, url: String) {
        self.index.site.base_url = url.clone();
        self.shards.site.site.base_url = url.clone();
        self.base_url = url;
    }

    /// How many comments the site holds.
    pub fn comment_count(&self) -> usize {
        self.posts.iter().map(|p| p.comments.len()).sum()
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

fn read(path: &Path) -> Result<String, BuildError> {
    fs::read_to_string(path).map_err(|e| BuildError::io("could not read", path, e))
}

/// The files in `dir` whose names end with `suffix`, sorted; none if `dir` does not exist.
fn files_ending(dir: &Path, suffix: &str) -> Result<Vec<PathBuf>, BuildError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(BuildError::io("could not list", dir, e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| BuildError::io("could not list", dir, e))?
            .path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(suffix) && !name.starts_with('.') && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The posts or pages in `dir`: Markdown (`.md`) and imported HTML (`.html`), sorted.
fn source_files(dir: &Path) -> Result<Vec<PathBuf>, BuildError> {
    let mut files = files_ending(dir, ".md")?;
    files.extend(files_ending(dir, ".html")?);
    files.sort();
    Ok(files)
}

/// A body as safe HTML: Markdown is rendered, HTML (from an import) kept; both sanitized.
fn body_html(file: &Path, body: &str) -> String {
    if file.extension().is_some_and(|e| e == "html") {
        crate::sanitize::sanitize(body)
    } else {
        render::markdown_to_html(body)
    }
}

/// Reads `content/` (site.toml, posts/*.md with their comments, pages/*.md) and checks it.
/// Nothing is written: a mistake anywhere stops the build before any output exists.
pub fn compile(content: &Path) -> Result<Compiled, BuildError> {
    let site_file = content.join("site.toml");
    let site_text = read(&site_file)?;
    let config = SiteConfig::parse(&site_file, &site_text)?;
    let blog_list = config.blog_list(&site_file, &site_text)?;
    let comments = config.comment_settings(&site_file, &site_text)?;

    let mut warnings = Vec::new();
    let mut aliases = Vec::new();
    let (mut posts, drafts_skipped) =
        compile_posts(&content.join("posts"), &config, &mut aliases, &mut warnings)?;
    posts.sort_by(|a, b| {
        b.published
            .cmp(&a.published)
            .then_with(|| a.permalink.cmp(&b.permalink))
    });
    model::link_neighbours(&mut posts);
    let pages = compile_pages(&content.join("pages"), &mut warnings)?;
    crate::aliases::check(&aliases, &posts, &pages)?;

    let copyright = config.copyright.clone().unwrap_or_else(|| {
        let year = posts.first().map_or(1970, |p| p.published.year);
        format!("Copyright © {year} {}", config.title)
    });
    let index = Index {
        site: Site {
            title: config.title.clone(),
            description: config.description.clone(),
            base_url: config.base_url.trim().trim_end_matches('/').to_string(),
            author: config.author.clone(),
            copyright,
            about: config.about.trim().to_string(),
            posts_per_page: config.posts_per_page,
            blog_list,
            pages: pages
                .iter()
                .map(|p| PageLink {
                    slug: p.slug.clone(),
                    title: p.title.clone(),
                })
                .collect(),
            comments,
        },
        posts: posts.iter().map(PostSummary::from).collect(),
    };
    Ok(Compiled {
        shards: shards::split(&index),
        index,
        posts,
        pages,
        drafts_skipped,
        search_index: None,
        aliases,
        warnings,
        base_url: config.base_url.trim().trim_end_matches('/').to_string(),
        base_path: config.base_path.clone(),
    })
}

/// A Jekyll-style file name, `2009-04-18-name.md`: its date (midnight UTC) and its name.
fn dated_file_name(file: &Path) -> Option<(DateTime, String)> {
    let stem = file.file_stem()?.to_str()?;
    let (day, name) = (stem.get(..10)?, stem.get(11..)?);
    if stem.as_bytes().get(10) != Some(&b'-') || name.is_empty() {
        return None;
    }
    let date = front_matter::read_date(day).ok()?;
    Some((date, name.to_string()))
}

/// One post's file read, parsed and rendered, before the checks that need every post.
struct ReadPost {
    doc: front_matter::Document,
    body_html: String,
    /// The author's own summary, else the body's first words.
    description: String,
    /// Its comments file, when it has one, with the comments in it.
    comments: Option<(PathBuf, Vec<model::Comment>)>,
}

/// Reads, parses and renders one post's file and its comments (`None` for a draft). This is
/// most of a compile's work and needs nothing from the other posts, so it runs on every core.
fn read_post(file: &Path) -> Result<Option<ReadPost>, BuildError> {
    let text = read(file)?;
    let mut doc = front_matter::parse(file, &text)?;
    if doc.draft {
        return Ok(None);
    }
    let comments_file = file.with_extension("comments.toml");
    let comments = if comments_file.is_file() {
        let parsed = comments::parse(&comments_file, &read(&comments_file)?)?;
        Some((comments_file, parsed))
    } else {
        None
    };
    let body_html = body_html(file, &doc.body);
    let description = doc.description.take().map_or_else(
        || render::excerpt(&model::text::html_to_text(&body_html), EXCERPT_CHARS),
        |d| render::excerpt(&d, EXCERPT_CHARS),
    );
    Ok(Some(ReadPost {
        doc,
        body_html,
        description,
        comments,
    }))
}

fn compile_posts(
    dir: &Path,
    config: &SiteConfig,
    aliases: &mut Vec<crate::aliases::Alias>,
    warnings: &mut Vec<ContentError>,
) -> Result<(Vec<Post>, usize), BuildError> {
    let mut posts = Vec::new();
    let mut drafts = 0;
    // permalink -> the file that claimed it first
    let mut claimed: HashMap<String, PathBuf> = HashMap::new();
    let mut with_comments: HashSet<PathBuf> = HashSet::new();

    let files = source_files(dir)?;
    let read: Vec<Result<Option<ReadPost>, BuildError>> =
        files.par_iter().map(|file| read_post(file)).collect();
    // In the files' order, so that the first mistake reported is the first file's and a
    // permalink belongs to the file that comes first.
    for (file, read) in files.into_iter().zip(read) {
        let Some(ReadPost {
            mut doc,
            body_html,
            description,
            comments,
        }) = read?
        else {
            drafts += 1;
            continue;
        };
        warnings.append(&mut doc.warnings);
        // Jekyll names its posts by day: the name gives the date when the front matter
        // does not.
        let dated_name = dated_file_name(&file);
        let Some(published) = doc.date.or(dated_name.as_ref().map(|(date, _)| *date)) else {
            return Err(ContentError::at(
                &file,
                1,
                "missing date: add 'date: YYYY-MM-DDTHH:MM:SS+HH:MM' to the front matter, or name the file YYYY-MM-DD-name.md",
            )
            .into());
        };
        let (permalink, line) = match &doc.permalink {
            Some((given, line)) => {
                let path = PostPath::parse(given).ok_or_else(|| {
                    ContentError::at(
                        &file,
                        *line,
                        format!("'{given}' is not a permalink like /2009/04/name.html"),
                    )
                })?;
                if path.file == "index.html" {
                    return Err(ContentError::at(
                        &file,
                        *line,
                        format!("'{given}' would replace the month's own page: choose another name than index.html"),
                    )
                    .into());
                }
                (path.permalink(), *line)
            }
            None => match (&doc.slug, doc.date, &dated_name) {
                (Some((slug, line)), ..) => {
                    (slug_permalink(&file, &published, slug, *line)?, *line)
                }
                // A Jekyll post with no date of its own is named by its file, as Jekyll does.
                (None, None, Some((_, name))) => (slug_permalink(&file, &published, name, 1)?, 1),
                (None, ..) => (default_permalink(&published, &doc.title), 1),
            },
        };
        if let Some(first) = claimed.get(&permalink) {
            return Err(ContentError::at(
                &file,
                line,
                format!(
                    "duplicate permalink {permalink}: {} already uses it",
                    first.display()
                ),
            )
            .into());
        }
        claimed.insert(permalink.clone(), file.clone());

        let comments = match comments {
            Some((comments_file, comments)) => {
                with_comments.insert(comments_file);
                comments
            }
            None => Vec::new(),
        };

        for (from, line) in &doc.aliases {
            aliases.push(crate::aliases::Alias::new(
                &file, *line, from, &permalink, &doc.title,
            )?);
        }
        posts.push(Post {
            schema: SCHEMA_VERSION,
            permalink,
            title: doc.title,
            published,
            updated: doc.updated,
            author: doc.author.unwrap_or_else(|| config.author.clone()),
            labels: doc.labels,
            description,
            body_html,
            comments,
            newer: None,
            older: None,
        });
    }

    // A comments file whose post was renamed would silently lose its comments.
    for orphan in files_ending(dir, ".comments.toml")? {
        if !with_comments.contains(&orphan) {
            let is_draft = orphan
                .to_str()
                .and_then(|s| s.strip_suffix(".comments.toml"))
                .is_some_and(|stem| {
                    ["md", "html"]
                        .iter()
                        .any(|ext| Path::new(&format!("{stem}.{ext}")).is_file())
                });
            if !is_draft {
                return Err(ContentError::at(
                    &orphan,
                    0,
                    "these comments belong to no post: rename the file to match its post's .md file",
                )
                .into());
            }
        }
    }
    Ok((posts, drafts))
}

/// The permalink `slug` names in the folder of `published`'s month.
fn slug_permalink(
    file: &Path,
    published: &DateTime,
    slug: &str,
    line: usize,
) -> Result<String, ContentError> {
    let name = slug.strip_suffix(".html").unwrap_or(slug);
    let permalink = format!("/{:04}/{:02}/{name}.html", published.year, published.month);
    match PostPath::parse(&permalink) {
        Some(path) if path.file != "index.html" => Ok(path.permalink()),
        _ => Err(ContentError::at(
            file,
            line,
            format!("the slug '{slug}' is not a file name: use letters, digits, '-', '_' and '.' (and not 'index')"),
        )),
    }
}

fn compile_pages(dir: &Path, warnings: &mut Vec<ContentError>) -> Result<Vec<Page>, BuildError> {
    let mut pages = Vec::new();
    for file in source_files(dir)? {
        let text = read(&file)?;
        let mut doc = front_matter::parse(&file, &text)?;
        warnings.append(&mut doc.warnings);
        if doc.draft {
            continue;
        }
        let name = file
            .with_extension("html")
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let Some(slug) = page_slug(&name) else {
            return Err(ContentError::at(
                &file,
                0,
                "a page's file name may hold only letters, digits, '-', '_' and '.'",
            )
            .into());
        };
        pages.push(Page {
            schema: SCHEMA_VERSION,
            slug: slug.to_string(),
            title: doc.title,
            body_html: body_html(&file, &doc.body),
        });
    }
    Ok(pages)
}
