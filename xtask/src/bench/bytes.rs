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
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        let _ = w.write_all(bytes);
    }
    out.len()
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
