//! What the release site weighs: every asset raw, gzip and brotli, and what a reader
//! downloads on a first visit to a post.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use model::wasm_parts::WasmPart;

/// One file's sizes.
#[derive(Debug, Clone)]
pub struct Sized {
    /// Its path in the site.
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl Sized {
    /// The sizes of the site file at `rel`.
    pub fn of(site: &Path, rel: &str) -> Result<Sized, String> {
        let bytes = fs::read(site.join(rel)).map_err(|e| format!("{rel}: {e}"))?;
        Ok(Sized {
            name: rel.to_string(),
            raw: bytes.len(),
            gzip: gzip_len(&bytes),
            brotli: brotli_len(&bytes),
        })
    }
}

/// Bytes after brotli at its highest quality, as a CDN precompresses.
pub fn brotli_len(bytes: &[u8]) -> usize {
    brotli(bytes).len()
}

/// `bytes` compressed by brotli at quality 11, with a window no larger than the input
/// needs (a small file compresses the same, many times faster).
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let window = (usize::BITS - bytes.len().max(1).leading_zeros()).clamp(10, 24);
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, window);
        let _ = w.write_all(bytes);
    }
    out
}

/// Bytes after gzip at its highest level.
pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = w.write_all(bytes);
    w.finish().map(|v| v.len()).unwrap_or(0)
}

/// The site's weights.
#[derive(Debug, Clone)]
pub struct Weights {
    /// Every file under assets/.
    pub assets: Vec<Sized>,
    /// What a first visit to the post downloads: its HTML (with the stylesheet, in a
    /// release build), JS, wasm, any CSS file and the data files its page preloads.
    pub first_visit: Vec<Sized>,
}

impl Weights {
    /// The wasm and its JS glue, brotli.
    pub fn app_brotli(&self) -> usize {
        self.first_visit
            .iter()
            .filter(|f| f.name.ends_with(".wasm") || f.name.ends_with(".js"))
            .map(|f| f.brotli)
            .sum()
    }

    /// The service worker and the manifest, brotli.
    pub fn offline_brotli(&self) -> usize {
        self.first_visit
            .iter()
            .filter(|f| OFFLINE_FILES.iter().any(|o| f.name.ends_with(o)))
            .map(|f| f.brotli)
            .sum()
    }

    /// The whole first visit, brotli.
    pub fn first_visit_brotli(&self) -> usize {
        self.first_visit.iter().map(|f| f.brotli).sum()
    }
}

/// Weighs the site in `site` for a first visit to the post at `permalink`.
pub fn weigh(site: &Path, permalink: &str) -> Result<Weights, String> {
    let mut assets = Vec::new();
    for name in &asset_names(site)? {
        assets.push(Sized::of(site, name)?);
    }
    let first_visit = first_visit(site, permalink.trim_start_matches('/'))?;
    Ok(Weights {
        assets,
        first_visit,
    })
}

fn asset_names(site: &Path) -> Result<Vec<String>, String> {
    let mut names: Vec<String> = fs::read_dir(site.join("assets"))
        .map_err(|e| format!("assets: {e}"))?
        .flatten()
        .map(|e| format!("assets/{}", e.file_name().to_string_lossy()))
        .filter(|n| !n.ends_with(".br") && !n.ends_with(".gz"))
        .collect();
    names.sort();
    Ok(names)
}

/// The data files a page preloads (`<link rel="preload" href="/data/...">`, as press
/// writes them), relative to the site folder.
pub fn preloaded_data(html: &str) -> Vec<String> {
    html.split("<link ")
        .skip(1)
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>')?];
            if !tag.contains("rel=\"preload\"") {
                return None;
            }
            let href = tag.split("href=\"").nth(1)?.split('"').next()?;
            let at = href.find("/data/")?;
            Some(href[at + 1..].to_string())
        })
        .collect()
}

/// What a first visit to the page at `page` (a file of the site) downloads: the page (with
/// the stylesheet, in a release build), the app's JS, wasm and any CSS file, and the data
/// files the page preloads, which are exactly what its route needs.
pub fn first_visit(site: &Path, page: &str) -> Result<Vec<Sized>, String> {
    let html = fs::read_to_string(site.join(page)).map_err(|e| format!("{page}: {e}"))?;
    let mut files = vec![Sized::of(site, page)?];
    let with_pages = shows_split_part(page);
    for name in asset_names(site)? {
        let wanted = match part_of(&name) {
            Some(part) if part.goes_with_split_pages() => with_pages,
            // The comment form's part is asked for once a post is drawn, after the takeover.
            Some(_) => false,
            None => true,
        };
        if wanted
            && [".js", ".wasm", ".css"]
                .iter()
                .any(|ext| name.ends_with(ext))
        {
            files.push(Sized::of(site, &name)?);
        }
    }
    for data in preloaded_data(&html) {
        files.push(Sized::of(site, &data)?);
    }
    // The service worker and the manifest, which the page asks for once it has loaded.
    for offline in OFFLINE_FILES {
        if site.join(offline).is_file() {
            files.push(Sized::of(site, offline)?);
        }
    }
    Ok(files)
}

/// The split-off part the asset `name` (a path under the site) is, or `None` for an asset
/// loaded with the app (`model::wasm_parts`, the rule press preloads by).
fn part_of(name: &str) -> Option<WasmPart> {
    WasmPart::of(name.strip_prefix("assets/")?)
}

/// Whether the page at `page` (a file of the site) is drawn by the wasm's split-off part
/// (`model::Route::in_split_part`): only such a page's first visit downloads it.
fn shows_split_part(page: &str) -> bool {
    model::Route::parse(&format!("/{page}"), "").in_split_part()
}

/// What offline reading adds to a first visit: the worker and the manifest.
pub const OFFLINE_FILES: [&str; 2] = ["sw.js", "manifest.webmanifest"];

/// The brotli total of a first visit to `page`.
pub fn first_visit_brotli(site: &Path, page: &str) -> Result<usize, String> {
    Ok(first_visit(site, page)?.iter().map(|f| f.brotli).sum())
}

/// What any first search downloads before the words' own chunks and results: Pagefind's
/// scripts, wasm and page list, the loader and the entry file, as a host that serves
/// precompressed files sends them: press's brotli copy where there is one, the script
/// files in brotli, and otherwise the file itself (Pagefind's gzip, which no host
/// compresses again).
pub fn first_search_fixed(site: &Path) -> Result<usize, String> {
    let folder = site.join("pagefind");
    let entry = fs::read(folder.join("pagefind-entry.json"))
        .map_err(|e| format!("pagefind-entry.json: {e}"))?;
    let entry: serde_json::Value =
        serde_json::from_slice(&entry).map_err(|e| format!("pagefind-entry.json: {e}"))?;
    let language = entry["languages"]
        .as_object()
        .and_then(|languages| languages.values().next())
        .ok_or("pagefind-entry.json names no language")?;
    let named = |key: &str| language[key].as_str().map(str::to_string);
    let wasm = named("wasm").ok_or("pagefind-entry.json names no wasm")?;
    let hash = named("hash").ok_or("pagefind-entry.json names no page list")?;
    let mut total = 0;
    for script in [
        "pagefind.js",
        "pagefind-worker.js",
        "load.js",
        "pagefind-entry.json",
    ] {
        let bytes = fs::read(folder.join(script)).map_err(|e| format!("{script}: {e}"))?;
        total += brotli_len(&bytes);
    }
    for packed in [
        format!("wasm.{wasm}.pagefind"),
        format!("pagefind.{hash}.pf_meta"),
    ] {
        let copy = folder.join(format!("{packed}.br"));
        let sent = if copy.is_file() {
            copy
        } else {
            folder.join(&packed)
        };
        total += fs::metadata(&sent)
            .map_err(|e| format!("{packed}: {e}"))?
            .len() as usize;
    }
    Ok(total)
}

/// Extensions of the files a CDN serves compressed.
const COMPRESSIBLE: [&str; 8] = ["html", "js", "wasm", "css", "json", "svg", "xml", "txt"];

/// Copies the built site `dist` into `site` (replacing it) with brotli and gzip copies of
/// every file beside it, as a CDN serves them.
pub fn precompressed_copy(dist: &Path, site: &Path) -> Result<(), String> {
    let _ = fs::remove_dir_all(site);
    crate::tasks::copy_dir(dist, site)?;
    precompress(site, None).map(|_| ())
}

/// Writes `FILE.br` and `FILE.gz` beside each compressible file under `dir` (or only those
/// at `only`, paths relative to `dir`), so that the static server sends what a CDN would.
pub fn precompress(dir: &Path, only: Option<&[&str]>) -> Result<usize, String> {
    let mut files = Vec::new();
    match only {
        Some(list) => files.extend(list.iter().map(|rel| dir.join(rel))),
        None => walk(dir, &mut files),
    }
    let mut count = 0;
    for file in files {
        if file.is_dir() {
            let mut inner = Vec::new();
            walk(&file, &mut inner);
            count += compress_files(&inner)?;
        } else {
            count += compress_files(&[file])?;
        }
    }
    Ok(count)
}

/// Compresses `files` on every core the machine has.
fn compress_files(files: &[std::path::PathBuf]) -> Result<usize, String> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || compress_each(part)))
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err("a compressing thread failed".into()))
            })
            .sum()
    })
}

fn compress_each(files: &[std::path::PathBuf]) -> Result<usize, String> {
    let mut count = 0;
    for file in files {
        let compressible = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let bytes = fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let br = brotli(&bytes);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes).map_err(|e| e.to_string())?;
        let gz = gz.finish().map_err(|e| e.to_string())?;
        let with = |ext: &str| {
            let mut p = file.as_os_str().to_owned();
            p.push(ext);
            std::path::PathBuf::from(p)
        };
        fs::write(with(".br"), br).map_err(|e| e.to_string())?;
        fs::write(with(".gz"), gz).map_err(|e| e.to_string())?;
        count += 1;
    }
    Ok(count)
}

fn walk(dir: &Path, into: &mut Vec<std::path::PathBuf>) {
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, into);
            } else {
                into.push(path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{first_search_fixed, part_of, preloaded_data, shows_split_part};
    use model::wasm_parts::WasmPart;
    use std::fs;

    #[test]
    fn assets_are_read_as_parts_by_their_file_name_under_assets() {
        // The names themselves are `model::wasm_parts`'s to tell apart.
        assert_eq!(
            part_of("assets/part-split_comments-e5697291e7c14013.wasm"),
            Some(WasmPart::Other)
        );
        assert_eq!(
            part_of("assets/part-chunk_3-3f7c23638af27391.wasm"),
            Some(WasmPart::Shared)
        );
        assert_eq!(part_of("part-split_pages-96a4c84d05a39997.wasm"), None);
        assert_eq!(part_of("data/part-split_pages-96a4c84d05a39997.wasm"), None);
    }

    #[test]
    fn only_the_archive_years_months_and_search_need_the_split_part() {
        for page in [
            "archive/index.html",
            "search/index.html",
            "2009/index.html",
            "2009/04/index.html",
        ] {
            assert!(shows_split_part(page), "{page}");
        }
        for page in [
            "index.html",
            "2009/04/a-post.html",
            "search/label/Kids/index.html",
            "p/about.html",
            "2009/4/index.html",
        ] {
            assert!(!shows_split_part(page), "{page}");
        }
    }

    #[test]
    fn a_first_search_counts_the_brotli_copy_where_there_is_one() {
        let site = std::env::temp_dir().join(format!("xtask-search-bytes-{}", std::process::id()));
        let folder = site.join("pagefind");
        fs::create_dir_all(&folder).unwrap();
        let entry =
            r#"{"version":"1.6.0","languages":{"en":{"hash":"en_1","wasm":"en","page_count":1}}}"#;
        fs::write(folder.join("pagefind-entry.json"), entry).unwrap();
        for script in ["pagefind.js", "pagefind-worker.js", "load.js"] {
            fs::write(folder.join(script), "").unwrap();
        }
        fs::write(folder.join("wasm.en.pagefind"), vec![0u8; 1000]).unwrap();
        fs::write(folder.join("wasm.en.pagefind.br"), vec![0u8; 800]).unwrap();
        fs::write(folder.join("pagefind.en_1.pf_meta"), vec![0u8; 300]).unwrap();
        let scripts: usize = [
            "pagefind.js",
            "pagefind-worker.js",
            "load.js",
            "pagefind-entry.json",
        ]
        .iter()
        .map(|s| super::Sized::of(&folder, s).unwrap().brotli)
        .sum();
        let total = first_search_fixed(&site);
        fs::remove_dir_all(&site).unwrap();
        // The wasm as its copy, the page list (no copy) as the file.
        assert_eq!(total, Ok(scripts + 800 + 300));
    }

    #[test]
    fn finds_the_data_a_page_preloads() {
        let html = r#"<head><link rel="preload" href="/blog/data/site.json" as="fetch" crossorigin>
            <link rel="preload" href="/data/posts/2009/04/x.json" as="fetch" crossorigin>
            <link as=fetch crossorigin href=/assets/a_bg.wasm rel=preload type=application/wasm>
            <link rel="canonical" href="https://x.example/data/no.json"></head>"#;
        assert_eq!(
            preloaded_data(html),
            ["data/site.json", "data/posts/2009/04/x.json"]
        );
    }
}
