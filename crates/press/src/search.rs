//! Search This Blog's index: Pagefind's, built through its Rust API from every published
//! post and written to `pagefind/` in Pagefind's own chunked layout. The app loads it
//! only when a reader searches. Nothing here matches or ranks: Pagefind does.

use std::collections::BTreeMap;
use std::path::Path;

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::WordSegmenter;
use model::search::LABEL_FILTER;
use model::Post;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use sha2::{Digest, Sha256};

use crate::error::BuildError;
use crate::output;
use model::text::html_to_text;

mod precompressed;

/// The folder the index goes into, below the site's root.
pub const FOLDER: &str = "pagefind";

/// The module the app adds to the page to load and start Pagefind (see the file). It
/// lives inside [`FOLDER`], so a site without an index fails as one.
const LOADER: &str = include_str!("search_loader.js");

/// The loader's name inside [`FOLDER`].
pub const LOADER_FILE: &str = "load.js";

/// Pagefind's own search interfaces, which the app does not use (it has its own page).
const UNUSED_PREFIXES: [&str; 5] = [
    "pagefind-ui",
    "pagefind-modular-ui",
    "pagefind-component-ui",
    "pagefind-highlight",
    "playground",
];

/// Pagefind's worker script, which it starts before it fetches anything else.
const WORKER_FILE: &str = "pagefind-worker.js";

/// Pagefind's entry file: its version, and each language's wasm and page list.
const ENTRY_FILE: &str = "pagefind-entry.json";

/// Pagefind's own program files: the same bytes in every build made with one Pagefind
/// release, under names that do not change with their content.
const RELEASE_FILES: [&str; 2] = ["pagefind.js", WORKER_FILE];

/// What went into the index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexSummary {
    pub posts: usize,
    pub files: usize,
    /// The files whose names do not change with their content and which change with
    /// the blog (the loader), relative to [`FOLDER`]: hosts must revalidate them.
    pub unhashed: Vec<String>,
    /// Pagefind's entry file: it changes with the blog, but the loader tells Pagefind to
    /// ask for it under `?ts=` and its content's tag, an address of each build's own.
    pub tagged: Vec<String>,
    /// Pagefind's JS and wasm ([`RELEASE_FILES`], `wasm.*.pagefind`): unhashed names,
    /// but they change only with Pagefind's release.
    pub release: Vec<String>,
    /// The page lists (`pagefind.*.pf_meta`), named by their content.
    pub meta: Vec<String>,
    /// How long Pagefind took, in seconds.
    pub seconds: f64,
}

/// One post as Pagefind indexes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The permalink below the base path; the app reads it back as a route.
    pub url: String,
    pub content: String,
    pub meta: BTreeMap<String, String>,
    pub filters: BTreeMap<String, Vec<String>>,
}

/// The record for `post`: its title and text (words of Chinese, Japanese and Thai split
/// apart so that each is found on its own), its title and date to show, its labels to
/// filter by.
pub fn record(post: &Post) -> Record {
    let text = format!("{}. {}", post.title, html_to_text(&post.body_html));
    let meta = BTreeMap::from([
        ("title".to_string(), post.title.clone()),
        ("date".to_string(), post.published.to_string()),
        // As the app shows it, so that the app need not read dates.
        ("shown_date".to_string(), post.published.long_date()),
    ]);
    let filters = BTreeMap::from([(LABEL_FILTER.to_string(), post.labels.clone())]);
    Record {
        url: post.permalink.clone(),
        content: split_unspaced_words(&text),
        meta,
        filters,
    }
}

/// The language the site's pages declare (`<html lang>` in the app's template), which is
/// the one Pagefind's browser side looks for; English when the template says nothing.
pub fn page_language(template: &str) -> String {
    let Some(start) = template.find("<html") else {
        return "en".to_string();
    };
    let tag = &template[start..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    tag.split_once("lang=")
        .map(|(_, rest)| {
            rest.trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
        })
        .filter(|lang| !lang.is_empty())
        .unwrap_or_else(|| "en".to_string())
        .to_ascii_lowercase()
}

/// Builds the index of `posts` (published posts only: drafts never reach here) and puts
/// it in `out/pagefind/` in place of the previous one, with the app's loader beside it.
pub fn write_index(posts: &[Post], out: &Path, language: &str) -> Result<IndexSummary, BuildError> {
    // Pagefind's API is async; it gets a runtime of its own, on a thread of its own, so
    // that press can be called from async code (the browser tests do) as well as from main.
    let started = std::time::Instant::now();
    let files = std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .build()
                    .map_err(|e| pagefind_error("could not start Pagefind", &e))?;
                runtime.block_on(index_files(posts, language))
            })
            .join()
            .unwrap_or_else(|_| Err(BuildError::Search("Pagefind stopped unexpectedly".into())))
    })?;
    let mut files: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .filter_map(|file| {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            let unused = UNUSED_PREFIXES.iter().any(|p| name.starts_with(p));
            (!unused).then_some((name, file.contents))
        })
        .collect();
    let copies = precompressed::brotli_copies(&files)?;
    files.extend(copies);
    let mut written: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(name, bytes)| (format!("{FOLDER}/{name}"), bytes))
        .collect();
    let loader = loader(&written, language)?;
    written.push((format!("{FOLDER}/{LOADER_FILE}"), loader.into_bytes()));
    output::replace_folder(out, FOLDER, &written)?;
    // The files at the index's top level, by how long a host may keep them.
    let (mut unhashed, mut tagged, mut release, mut meta) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (name, _) in &written {
        let Some(name) = name.strip_prefix(&format!("{FOLDER}/")) else {
            continue;
        };
        // Chunks go by their folder; a `.br` copy is served under its original's name.
        if name.contains('/') || name.ends_with(".br") {
            continue;
        }
        let kind = if name.ends_with(".pf_meta") {
            &mut meta
        } else if name == ENTRY_FILE {
            &mut tagged
        } else if is_release_file(name) {
            &mut release
        } else {
            &mut unhashed
        };
        kind.push(name.to_string());
    }
    // In a stable order, so that `_headers` reads the same from one build to the next.
    for names in [&mut unhashed, &mut tagged, &mut release, &mut meta] {
        names.sort();
    }
    Ok(IndexSummary {
        posts: posts.len(),
        files: written.len(),
        unhashed,
        tagged,
        release,
        meta,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn is_release_file(name: &str) -> bool {
    RELEASE_FILES.contains(&name) || (name.starts_with("wasm.") && name.ends_with(".pagefind"))
}

/// The loader module, naming the files Pagefind will ask for before it can answer (its
/// worker, its wasm and its page list for `language`), so that it can ask for them all
/// at once, and the entry file under its tag. Their names come from Pagefind's entry
/// file, as Pagefind reads them.
fn loader(written: &[(String, Vec<u8>)], language: &str) -> Result<String, BuildError> {
    let is = |written: &str, name: &str| written.strip_prefix(FOLDER) == Some(&format!("/{name}"));
    let entry = written
        .iter()
        .find(|(written, _)| is(written, ENTRY_FILE))
        .ok_or_else(|| BuildError::Search(format!("Pagefind wrote no {ENTRY_FILE}")))?;
    let tag = entry_tag(&entry.1);
    let entry: serde_json::Value = serde_json::from_slice(&entry.1)
        .map_err(|e| pagefind_error(&format!("Pagefind's {ENTRY_FILE} could not be read"), &e))?;
    let mut prefetch = vec![WORKER_FILE.to_string()];
    if let Some(index) = entry["languages"].get(language) {
        if let Some(wasm) = index["wasm"].as_str() {
            prefetch.push(format!("wasm.{wasm}.pagefind"));
        }
        if let Some(hash) = index["hash"].as_str() {
            prefetch.push(format!("pagefind.{hash}.pf_meta"));
        }
    }
    prefetch.retain(|name| written.iter().any(|(written, _)| is(written, name)));
    prefetch.push(format!("{ENTRY_FILE}?ts={tag}"));
    let names = serde_json::to_string(&prefetch)
        .map_err(|e| pagefind_error("could not write the loader", &e))?;
    Ok(LOADER
        .replace("__PREFETCH__", &names)
        .replace("__TAG__", &format!("\"{tag}\"")))
}

/// The tag of an entry file (`bytes`): the start of its SHA-256 in hex. Pagefind asks for
/// its entry file under `?ts=` and this tag, so each build's entry has an address of its
/// own, which browsers may keep.
fn entry_tag(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Why Pagefind stopped: what press asked of it, and Pagefind's reason.
fn pagefind_error(what: &str, reason: &dyn std::fmt::Display) -> BuildError {
    BuildError::Search(format!("{what}: {reason}"))
}

/// Pagefind's files for `posts`, paths relative to its folder.
async fn index_files(
    posts: &[Post],
    language: &str,
) -> Result<Vec<pagefind::api::SyntheticFile>, BuildError> {
    let options = PagefindServiceConfig::builder()
        // One index for the whole blog: a Japanese post in an English blog is found from
        // the same box.
        .force_language(language.to_string())
        .build();
    let mut index = PagefindIndex::new(Some(options))
        .map_err(|e| pagefind_error("Pagefind refused its options", &e))?;
    for post in posts {
        let r = record(post);
        index
            .add_custom_record(
                r.url,
                r.content,
                language.to_string(),
                Some(r.meta),
                Some(r.filters),
                None,
            )
            .await
            .map_err(|e| pagefind_error(&format!("could not index {}", post.permalink), &e))?;
    }
    index
        .get_files()
        .await
        .map_err(|e| pagefind_error("could not build the index", &e))
}

/// How long a host may serve Pagefind's JS and wasm without asking again, in seconds.
/// Their bytes change only with a Pagefind upgrade; the loader fetches them ahead of
/// Pagefind, which reuses them only if it need not revalidate. Ten minutes, as GitHub
/// Pages gives every file: a reader mixes two releases for ten minutes at most after an
/// upgrade, and sees the search's own error and Retry if they disagree.
const RELEASE_MAX_AGE: u32 = 600;

/// `_headers` rules for the index under `base_path` ("" or "/blog"): its chunks and page
/// lists are named by their content and kept for a year; Pagefind's JS and wasm for
/// [`RELEASE_MAX_AGE`]; the entry file, asked for under its content's tag, is kept by the
/// browser for a year (`private`: a shared cache that ignored the query string would serve
/// an old build's entry); the loader, which names the tag, is revalidated.
pub fn headers(base_path: &str, index: &IndexSummary) -> String {
    let mut out = String::from(
        "# Search: Pagefind's chunks are named by their content; its JS, wasm and entry file are not.\n",
    );
    let immutable = "  Cache-Control: public, max-age=31536000, immutable\n";
    for chunks in ["fragment", "index", "filter"] {
        out.push_str(&format!("{base_path}/{FOLDER}/{chunks}/*\n{immutable}"));
    }
    for name in &index.meta {
        out.push_str(&format!("{base_path}/{FOLDER}/{name}\n{immutable}"));
    }
    for name in &index.release {
        out.push_str(&format!(
            "{base_path}/{FOLDER}/{name}\n  Cache-Control: public, max-age={RELEASE_MAX_AGE}\n"
        ));
    }
    for name in &index.tagged {
        out.push_str(&format!(
            "{base_path}/{FOLDER}/{name}\n  Cache-Control: private, max-age=31536000, immutable\n"
        ));
    }
    for name in &index.unhashed {
        out.push_str(&format!(
            "{base_path}/{FOLDER}/{name}\n  Cache-Control: public, max-age=0, must-revalidate\n"
        ));
    }
    out
}

/// Text with the words of scripts written without spaces (Chinese, Japanese, Thai) split
/// by spaces, using ICU4X's dictionaries. Pagefind splits words at spaces; without this,
/// "春の東京タワー" would be one word, and "東京" would not find it.
pub fn split_unspaced_words(text: &str) -> String {
    if !text.chars().any(is_unspaced_script) {
        return text.to_string();
    }
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for (i, chunk) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if !chunk.chars().any(is_unspaced_script) {
            out.push_str(chunk);
            continue;
        }
        let mut start = 0;
        let mut words = Vec::new();
        for end in segmenter.segment_str(chunk).skip(1) {
            let word = chunk[start..end].trim();
            if !word.is_empty() {
                words.push(word);
            }
            start = end;
        }
        out.push_str(&words.join(" "));
    }
    out
}

/// Han, kana and Thai: scripts whose words are not separated by spaces.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0E7F       // Thai
        | 0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF     // CJK unified ideographs
        | 0xF900..=0xFAFF     // CJK compatibility ideographs
        | 0xFF66..=0xFF9F     // half-width Katakana
        | 0x20000..=0x2FFFF) // CJK extensions B and later
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_is_split_into_words() {
        let split = split_unspaced_words("春の東京タワー。We went up.");
        let words: Vec<&str> = split.split(' ').collect();
        assert!(words.contains(&"東京"), "{split}");
        assert!(split.ends_with("We went up."), "{split}");
        // Latin text is left exactly as it was.
        assert_eq!(split_unspaced_words("A  win, for  all"), "A  win, for  all");
    }

    #[test]
    fn the_language_comes_from_the_template() {
        assert_eq!(page_language("<!DOCTYPE html>\n<html lang=\"en\">"), "en");
        assert_eq!(page_language("<html class=x lang='pt-BR'><head>"), "pt-br");
        assert_eq!(page_language("<html><head lang=\"fr\">"), "en");
        assert_eq!(page_language(""), "en");
    }

    #[test]
    fn a_record_carries_title_date_and_labels() {
        let post: Post = serde_json::from_value(serde_json::json!({
            "schema": model::SCHEMA_VERSION,
            "permalink": "/2009/04/tokyo.html",
            "title": "東京",
            "published": "2009-04-12T10:00:00+01:00",
            "author": "Mum",
            "labels": ["travel", "Japan"],
            "body_html": "<p>We went to <b>Tokyo</b> &amp; back.</p>",
        }))
        .expect("a post");
        let r = record(&post);
        assert_eq!(r.url, "/2009/04/tokyo.html");
        assert_eq!(r.content, "東京 . We went to Tokyo & back.");
        assert_eq!(r.meta["title"], "東京");
        assert_eq!(r.meta["date"], "2009-04-12T10:00:00+01:00");
        assert_eq!(r.filters[LABEL_FILTER], ["travel", "Japan"]);
    }

    #[test]
    fn the_index_is_pagefinds_and_replaces_the_last_one() {
        let out = tempfile::tempdir().expect("a temporary folder");
        let stale = out.path().join(FOLDER).join("stale.pf_fragment");
        std::fs::create_dir_all(stale.parent().unwrap()).unwrap();
        std::fs::write(&stale, "old").unwrap();
        let post: Post = serde_json::from_value(serde_json::json!({
            "schema": model::SCHEMA_VERSION,
            "permalink": "/2009/04/win.html",
            "title": "A win",
            "published": "2009-04-12T10:00:00Z",
            "author": "Mum",
            "body_html": "<p>Words.</p>",
        }))
        .unwrap();
        let summary = write_index(&[post], out.path(), "en").expect("an index");
        assert_eq!(summary.posts, 1);
        let folder = out.path().join(FOLDER);
        assert!(!stale.exists(), "the previous index's files are gone");
        for file in [
            "pagefind.js",
            "pagefind-worker.js",
            "pagefind-entry.json",
            "wasm.en.pagefind",
            LOADER_FILE,
        ] {
            assert!(folder.join(file).is_file(), "{file}");
        }
        assert!(!folder.join("pagefind-ui.js").exists());
        assert_eq!(summary.unhashed, [LOADER_FILE]);
        assert_eq!(summary.tagged, ["pagefind-entry.json"]);
        assert_eq!(
            summary.release,
            [
                "pagefind-worker.js",
                "pagefind.js",
                "wasm.en.pagefind",
                "wasm.unknown.pagefind"
            ]
        );
        assert_eq!(summary.meta.len(), 1, "{:?}", summary.meta);
        let meta = &summary.meta[0];
        assert!(
            meta.starts_with("pagefind.en_") && meta.ends_with(".pf_meta"),
            "{meta}"
        );
        for copy in ["wasm.en.pagefind.br".to_string(), format!("{meta}.br")] {
            assert!(folder.join(&copy).is_file(), "a brotli copy {copy}");
        }
        let loader = std::fs::read_to_string(folder.join(LOADER_FILE)).unwrap();
        let entry_bytes = std::fs::read(folder.join("pagefind-entry.json")).unwrap();
        let tag = entry_tag(&entry_bytes);
        assert_eq!(tag.len(), 12, "{tag}");
        assert!(
            loader.contains(&format!(
                "[\"pagefind-worker.js\",\"wasm.en.pagefind\",\"{meta}\",\"pagefind-entry.json?ts={tag}\"]"
            )),
            "the loader fetches what Pagefind will ask for: {loader}"
        );
        assert!(
            loader.contains(&format!("metaCacheTag: \"{tag}\"")),
            "Pagefind is told the entry's tag: {loader}"
        );
        let rules = headers("/blog", &summary);
        for (path, cache) in [
            ("fragment/*", "public, max-age=31536000, immutable"),
            (meta.as_str(), "public, max-age=31536000, immutable"),
            ("pagefind.js", "public, max-age=600"),
            ("wasm.en.pagefind", "public, max-age=600"),
            (
                "pagefind-entry.json",
                "private, max-age=31536000, immutable",
            ),
            (LOADER_FILE, "public, max-age=0, must-revalidate"),
        ] {
            let rule = format!("/blog/pagefind/{path}\n  Cache-Control: {cache}\n");
            assert!(rules.contains(&rule), "{rule} in {rules}");
        }
        let entry = std::fs::read_to_string(folder.join("pagefind-entry.json")).unwrap();
        assert!(entry.contains("\"en\""), "{entry}");
    }
}
