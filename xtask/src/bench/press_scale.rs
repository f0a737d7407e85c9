//! The content compiler at scale: generated blogs of 13, 100, 1,000 and 10,000 posts (and,
//! on request, 100,000) compiled by the real press binary (data, feeds, sitemap and every
//! route's prerendered HTML) into whole sites, the release build's app and assets
//! included, which the browser half of the benchmark then opens. Each site's first visits
//! are weighed, so that the flat cost of a first visit shows side by side.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use super::bytes::{brotli_len, first_visit_brotli};
use super::generate::generate;
use super::stats::Spread;
use crate::run::{root, run, say};

/// Blog sizes to generate: the sample's size, then ever larger.
pub const SIZES: [usize; 4] = [13, 100, 1_000, 10_000];

/// What a first visit to each kind of route downloads, brotli, everything included.
#[derive(Debug, Clone, Copy)]
pub struct Visits {
    pub post: usize,
    pub home: usize,
    pub archive: usize,
}

impl Visits {
    /// The routes with their figures.
    pub fn each(&self) -> [(&'static str, usize); 3] {
        [
            ("a post", self.post),
            ("the home page", self.home),
            ("the archive", self.archive),
        ]
    }

    /// The largest growth of any route over `small`'s.
    pub fn growth_over(&self, small: &Visits) -> usize {
        self.each()
            .iter()
            .zip(small.each())
            .map(|((_, big), (_, small))| big.saturating_sub(small))
            .max()
            .unwrap_or(0)
    }
}

/// One blog size's results.
pub struct Scale {
    pub posts: usize,
    /// The compiled site, ready to serve.
    pub site: PathBuf,
    pub files: usize,
    /// Compile times in seconds.
    pub seconds: Spread,
    /// Of which building the search index, as press reports it.
    pub index_seconds: Option<Spread>,
    /// `data/site.json`, brotli.
    pub site_file_brotli: usize,
    /// Every file of the site, in bytes.
    pub dist_bytes: u64,
    /// The newest post's permalink.
    pub newest: String,
    pub visits: Visits,
    /// The sites of the other timed runs, to delete when the benchmark is done.
    pub leftovers: Vec<PathBuf>,
}

/// Builds press in the tools profile and compiles each generated blog of `sizes`, timed
/// over `runs` runs after a warm-up (none when `runs` is 1).
pub fn compile_all(dist: &Path, sizes: &[usize], runs: usize) -> Result<Vec<Scale>, String> {
    say("building press (cargo build --profile tools -p press)");
    run(
        Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .current_dir(root())
            .args([
                "build",
                "--quiet",
                "--profile",
                "tools",
                "--package",
                "press",
            ]),
    )?;
    let press = root().join("target/tools/press");
    let work = root().join("target/bench");
    // Sites of an earlier bench are moved aside and deleted with this bench's leftovers
    // once everything is measured: on a filesystem mounted with `discard` (as these
    // machines' are), deleting tens of thousands of files slows every file created soon
    // after, which would be timed as press's.
    let mut trash = Vec::new();
    for &posts in sizes {
        let names = std::iter::once(format!("site-{posts}"))
            .chain((0..=runs).map(|n| format!("site-{posts}.run-{n}")));
        for (k, name) in names.enumerate() {
            let old = work.join(&name);
            if old.exists() {
                let aside = work.join(format!("trash-{posts}-{k}-{}", std::process::id()));
                fs::rename(&old, &aside).map_err(|e| e.to_string())?;
                trash.push(aside);
            }
        }
    }
    // Trash of a bench that was stopped before it could delete it.
    if let Ok(entries) = fs::read_dir(&work) {
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with("trash-") && !trash.contains(&path) {
                trash.push(path);
            }
        }
    }
    let mut scales = Vec::new();
    let warm_up = usize::from(runs > 1);
    for &posts in sizes {
        let content = work.join(format!("content-{posts}"));
        say(&format!("generating a blog of {posts} posts"));
        generate(&content, posts)?;
        let site = work.join(format!("site-{posts}"));
        let mut times = Vec::new();
        let mut index_times = Vec::new();
        // Each run writes a fresh site of its own: a clean build, as on a CI machine.
        let run_dir = |n: usize| work.join(format!("site-{posts}.run-{n}"));
        for run_no in (1 - warm_up)..=runs {
            let out = run_dir(run_no);
            let _ = fs::remove_dir_all(&out);
            copy_app(dist, &out)?;
            let started = Instant::now();
            let output = Command::new(&press)
                .args(["build", "--public-url", "/"])
                .arg("--content")
                .arg(&content)
                .arg("--out")
                .arg(&out)
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .output()
                .map_err(|e| format!("could not run press: {e}"))?;
            let took = started.elapsed().as_secs_f64();
            if !output.status.success() {
                return Err(format!("press failed on the {posts}-post blog"));
            }
            if run_no > 0 {
                times.push(took);
                index_times.extend(index_seconds(&String::from_utf8_lossy(&output.stdout)));
            }
        }
        fs::rename(run_dir(runs), &site).map_err(|e| e.to_string())?;
        // As `cargo xtask build` leaves a site (not part of the compile, so not timed).
        crate::minify::site_scripts(&site)?;
        // The other runs' sites are deleted once everything is measured (see above).
        let mut leftovers: Vec<PathBuf> = ((1 - warm_up)..runs).map(run_dir).collect();
        if posts == sizes[0] {
            leftovers.append(&mut trash);
        }
        let site_file = fs::read(site.join("data/site.json")).map_err(|e| e.to_string())?;
        let newest = newest_post(&site_file)?;
        let visits = Visits {
            post: first_visit_brotli(&site, newest.trim_start_matches('/'))?,
            home: first_visit_brotli(&site, "index.html")?,
            archive: first_visit_brotli(&site, "archive/index.html")?,
        };
        let (files, dist_bytes) = count_files(&site);
        let scale = Scale {
            posts,
            files,
            dist_bytes,
            seconds: Spread::of(&times).ok_or("no compile times")?,
            index_seconds: Spread::of(&index_times),
            site_file_brotli: brotli_len(&site_file),
            newest,
            visits,
            site,
            leftovers,
        };
        say(&format!(
            "{posts} posts: compiled in {:.2} s (median of {runs}), {} files, {:.1} MB; site.json {:.1} KB brotli; first visit to a post {:.1} KB, home {:.1} KB, archive {:.1} KB brotli",
            scale.seconds.median,
            scale.files,
            scale.dist_bytes as f64 / 1e6,
            scale.site_file_brotli as f64 / 1000.0,
            visits.post as f64 / 1000.0,
            visits.home as f64 / 1000.0,
            visits.archive as f64 / 1000.0,
        ));
        scales.push(scale);
    }
    Ok(scales)
}

/// The seconds press says the search index took ("search index of N posts built in
/// 1.23 s"), if it says so.
fn index_seconds(press_output: &str) -> Option<f64> {
    let (_, rest) = press_output.split_once("search index of ")?;
    let (_, rest) = rest.split_once(" built in ")?;
    rest.split_whitespace().next()?.parse().ok()
}

/// Puts the release build's app (index.html, the template, and assets/) into `site`.
fn copy_app(dist: &Path, site: &Path) -> Result<(), String> {
    fs::create_dir_all(site.join("assets")).map_err(|e| e.to_string())?;
    fs::copy(dist.join("index.html"), site.join("index.html")).map_err(|e| e.to_string())?;
    for entry in fs::read_dir(dist.join("assets")).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        fs::copy(entry.path(), site.join("assets").join(entry.file_name()))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The newest post's permalink, from a site file.
fn newest_post(site_file: &[u8]) -> Result<String, String> {
    let site: serde_json::Value = serde_json::from_slice(site_file).map_err(|e| e.to_string())?;
    site["home"][0]["permalink"]
        .as_str()
        .map(String::from)
        .ok_or_else(|| "the generated blog has no posts".to_string())
}

/// How many files `dir` holds, and their bytes.
fn count_files(dir: &Path) -> (usize, u64) {
    let mut total = (0, 0);
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                let (n, b) = count_files(&path);
                total = (total.0 + n, total.1 + b);
            } else {
                total = (total.0 + 1, total.1 + e.metadata().map_or(0, |m| m.len()));
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::index_seconds;

    #[test]
    fn reads_the_index_time_press_reports() {
        let line = "press: 100 posts, 0 pages, 0 comments (0 drafts skipped); written to x/data; search index of 100 posts built in 0.42 s\n";
        assert_eq!(index_seconds(line), Some(0.42));
        assert_eq!(index_seconds("press: 1 post; written to x/data\n"), None);
    }
}
