//! The content compiler at scale: generated blogs of 100, 1,000 and 10,000 posts compiled
//! by the real press binary (data, feeds, sitemap and every route's prerendered HTML) into
//! whole sites, the release build's app and assets included, which the browser half of
//! the benchmark then opens.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use super::bytes::brotli_len;
use super::generate::generate;
use super::stats::Spread;
use crate::run::{root, run, say};

/// Blog sizes to generate.
pub const SIZES: [usize; 3] = [100, 1_000, 10_000];
/// Timed runs per size (after one warm-up run).
const RUNS: usize = 3;

/// One blog size's results.
pub struct Scale {
    pub posts: usize,
    /// The compiled site, ready to serve.
    pub site: PathBuf,
    pub files: usize,
    /// Compile times in seconds.
    pub seconds: Spread,
    pub index_raw: usize,
    pub index_brotli: usize,
    /// The sites of the other timed runs, to delete when the benchmark is done.
    pub leftovers: Vec<PathBuf>,
}

/// Builds press in the tools profile and compiles each generated blog.
pub fn compile_all(dist: &Path) -> Result<Vec<Scale>, String> {
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
    for posts in SIZES {
        let names = std::iter::once(format!("site-{posts}"))
            .chain((0..=RUNS).map(|n| format!("site-{posts}.run-{n}")));
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
    for posts in SIZES {
        let content = work.join(format!("content-{posts}"));
        say(&format!("generating a blog of {posts} posts"));
        generate(&content, posts)?;
        let site = work.join(format!("site-{posts}"));
        let mut times = Vec::new();
        // Each run writes a fresh site of its own: a clean build, as on a CI machine.
        let run_dir = |n: usize| work.join(format!("site-{posts}.run-{n}"));
        for run_no in 0..=RUNS {
            let out = run_dir(run_no);
            let _ = fs::remove_dir_all(&out);
            copy_app(dist, &out)?;
            let started = Instant::now();
            let status = Command::new(&press)
                .args(["build", "--public-url", "/"])
                .arg("--content")
                .arg(&content)
                .arg("--out")
                .arg(&out)
                .stdout(Stdio::null())
                .status()
                .map_err(|e| format!("could not run press: {e}"))?;
            let took = started.elapsed().as_secs_f64();
            if !status.success() {
                return Err(format!("press failed on the {posts}-post blog"));
            }
            if run_no > 0 {
                times.push(took);
            }
        }
        fs::rename(run_dir(RUNS), &site).map_err(|e| e.to_string())?;
        // The other runs' sites are deleted once everything is measured (see above).
        let mut leftovers: Vec<PathBuf> = (0..RUNS).map(run_dir).collect();
        if posts == SIZES[0] {
            leftovers.append(&mut trash);
        }
        let index = fs::read(site.join("data/index.json")).map_err(|e| e.to_string())?;
        let scale = Scale {
            posts,
            files: count_files(&site),
            seconds: Spread::of(&times).ok_or("no compile times")?,
            index_raw: index.len(),
            index_brotli: brotli_len(&index),
            site,
            leftovers,
        };
        say(&format!(
            "{posts} posts: compiled in {:.2} s (median of {RUNS}), {} files; index.json {:.0} B/post raw, {:.0} B/post brotli",
            scale.seconds.median,
            scale.files,
            scale.index_raw as f64 / posts as f64,
            scale.index_brotli as f64 / posts as f64
        ));
        scales.push(scale);
    }
    Ok(scales)
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

fn count_files(dir: &Path) -> usize {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        count_files(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}
