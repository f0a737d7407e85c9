//! What the release site weighs: every asset raw, gzip and brotli, and what a reader
//! downloads on a first visit to a post.

use std::fs;
use std::io::Write as _;
use std::path::Path;

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
    /// What a first visit to the post downloads: its HTML, JS, wasm, CSS, index.json and
    /// the post's JSON.
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

    /// The whole first visit, brotli.
    pub fn first_visit_brotli(&self) -> usize {
        self.first_visit.iter().map(|f| f.brotli).sum()
    }
}

/// Weighs the site in `site` for a first visit to the post at `permalink`.
pub fn weigh(site: &Path, permalink: &str) -> Result<Weights, String> {
    let mut assets = Vec::new();
    let mut names: Vec<String> = fs::read_dir(site.join("assets"))
        .map_err(|e| format!("assets: {e}"))?
        .flatten()
        .map(|e| format!("assets/{}", e.file_name().to_string_lossy()))
        .collect();
    names.sort();
    for name in &names {
        assets.push(Sized::of(site, name)?);
    }
    let page = permalink.trim_start_matches('/');
    let data = format!("data/posts/{}", page.replace(".html", ".json"));
    let mut first_visit = vec![Sized::of(site, page)?];
    first_visit.extend(
        assets
            .iter()
            .filter(|a| {
                [".js", ".wasm", ".css"]
                    .iter()
                    .any(|ext| a.name.ends_with(ext))
            })
            .cloned(),
    );
    first_visit.push(Sized::of(site, "data/index.json")?);
    first_visit.push(Sized::of(site, &data)?);
    Ok(Weights {
        assets,
        first_visit,
    })
}

/// Extensions of the files a CDN serves compressed.
const COMPRESSIBLE: [&str; 8] = ["html", "js", "wasm", "css", "json", "svg", "xml", "txt"];

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

fn compress_files(files: &[std::path::PathBuf]) -> Result<usize, String> {
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
