//! `cargo xtask bench`: measurements against the project's budgets.
//!
//! So far it measures the content compiler at scale: generated blogs of 100, 1,000 and
//! 10,000 posts are compiled by the real press binary (data, feeds, sitemap and every
//! route's prerendered HTML, with the release build's index.html as the template), timed
//! over repeated runs, and the size of `index.json` per post is reported raw and brotli.
//! The figures go to the terminal and to `bench/REPORT.md`.

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::run::{root, run, say};
use crate::tasks;
use crate::tools::{self, Need};

/// Blog sizes to generate.
const SIZES: [usize; 3] = [100, 1_000, 10_000];
/// Timed runs per size (after one warm-up run).
const RUNS: usize = 3;
/// Budget: compiling 10,000 posts.
const COMPILE_BUDGET: Duration = Duration::from_secs(5);
/// Budget: bytes of index.json per post, brotli.
const INDEX_BROTLI_BUDGET: f64 = 120.0;

/// A small deterministic generator, so every run compiles the same blogs. Its words are
/// those of the sample blog's own posts, so that the text compresses like real prose.
struct Words {
    state: u64,
    vocabulary: Vec<String>,
}

impl Words {
    /// Words of the sample posts in content/posts (punctuation kept, as in prose).
    fn from_sample(seed: u64) -> Result<Self, String> {
        let mut vocabulary: Vec<String> = Vec::new();
        let dir = root().join("content/posts");
        for entry in fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.extension().is_some_and(|e| e == "md") {
                let text = fs::read_to_string(&path).map_err(|e| e.to_string())?;
                let body = text.splitn(3, "---").nth(2).unwrap_or("");
                vocabulary.extend(
                    body.split_whitespace()
                        .filter(|w| {
                            w.chars()
                                .all(|c| c.is_alphanumeric() || ".,'?!-".contains(c))
                        })
                        .map(str::to_string),
                );
            }
        }
        vocabulary.sort();
        vocabulary.dedup();
        if vocabulary.len() < 100 {
            return Err("the sample posts have too few words to generate text from".into());
        }
        Ok(Words {
            state: seed | 1,
            vocabulary,
        })
    }

    fn next(&mut self) -> u64 {
        // xorshift64*
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn word(&mut self) -> String {
        let i = (self.next() % self.vocabulary.len() as u64) as usize;
        self.vocabulary[i].clone()
    }

    /// A label: one lower-case word without punctuation.
    fn label(&mut self) -> String {
        loop {
            let w = self.word().to_lowercase();
            if w.len() > 3 && w.chars().all(|c| c.is_alphabetic()) {
                return w;
            }
        }
    }

    fn words(&mut self, n: usize) -> String {
        (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ")
    }
}

/// Writes a blog of `posts` posts, one a day from 2000 on, with labels and comments.
fn generate(content: &Path, posts: usize) -> Result<(), String> {
    let _ = fs::remove_dir_all(content);
    let dir = content.join("posts");
    fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    fs::write(
        content.join("site.toml"),
        "title = \"Generated\"\nauthor = \"Bench\"\nbase_url = \"https://bench.example\"\n",
    )
    .map_err(|e| e.to_string())?;
    let mut words = Words::from_sample(0x9E37_79B9_7F4A_7C15 ^ posts as u64)?;
    // A blog has a few dozen labels, not one per word.
    let labels_pool: Vec<String> = (0..40).map(|_| words.label()).collect();
    for i in 0..posts {
        // About one post a day, from 2000 on.
        let day = i;
        let (year, month, dom) = (2000 + day / 360, 1 + (day / 30) % 12, 1 + day % 28);
        let title = format!(
            "{} {}",
            words.words(5).replace(['"', ':', '#', '\''], ""),
            i
        );
        let mut labels: Vec<&str> = (0..1 + words.next() % 3)
            .map(|_| labels_pool[(words.next() % labels_pool.len() as u64) as usize].as_str())
            .collect();
        labels.dedup();
        let mut body = String::new();
        for _ in 0..4 {
            let _ = writeln!(body, "{}.\n", words.words(40));
        }
        let text = format!(
            "---\ntitle: {title}\ndate: {year:04}-{month:02}-{dom:02}T10:00:00+10:00\nlabels: [{}]\n---\n{body}",
            labels.join(", ")
        );
        fs::write(dir.join(format!("{i:05}.md")), text).map_err(|e| e.to_string())?;
        if i % 4 == 0 {
            let comment = format!(
                "[[comment]]\nauthor = \"Reader\"\npublished = \"{year:04}-{month:02}-{dom:02}T12:00:00+10:00\"\nbody = \"{}\"\n",
                words.words(20).replace(['"', '\\'], "")
            );
            fs::write(dir.join(format!("{i:05}.comments.toml")), comment)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

fn brotli_len(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        let _ = w.write_all(bytes);
    }
    out.len()
}

/// Minimum, median and maximum of some durations.
fn spread(mut times: Vec<Duration>) -> (Duration, Duration, Duration) {
    times.sort();
    (times[0], times[times.len() / 2], times[times.len() - 1])
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// One blog size's results.
struct Scale {
    posts: usize,
    files: usize,
    times: (Duration, Duration, Duration),
    index_raw: usize,
    index_brotli: usize,
}

/// `cargo xtask bench`.
pub fn bench() -> Result<(), String> {
    let tools = tools::ensure(Need::Build)?;
    let dist = tasks::build_site(&tools)?;
    let template = fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("no release build to use as template: {e}"))?;

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
    let press: PathBuf = root().join("target/tools/press");

    let work = root().join("target/bench");
    let mut scales = Vec::new();
    for posts in SIZES {
        let content = work.join(format!("content-{posts}"));
        say(&format!("generating a blog of {posts} posts"));
        generate(&content, posts)?;
        let mut times = Vec::new();
        for run_no in 0..=RUNS {
            let out = work.join(format!("site-{posts}"));
            let _ = fs::remove_dir_all(&out);
            fs::create_dir_all(&out).map_err(|e| e.to_string())?;
            fs::write(out.join("index.html"), &template).map_err(|e| e.to_string())?;
            let started = Instant::now();
            let status = Command::new(&press)
                .args(["build", "--public-url", "/"])
                .arg("--content")
                .arg(&content)
                .arg("--out")
                .arg(&out)
                .stdout(std::process::Stdio::null())
                .status()
                .map_err(|e| format!("could not run press: {e}"))?;
            let took = started.elapsed();
            if !status.success() {
                return Err(format!("press failed on the {posts}-post blog"));
            }
            if run_no > 0 {
                times.push(took);
            }
        }
        let out = work.join(format!("site-{posts}"));
        let index = fs::read(out.join("data/index.json")).map_err(|e| e.to_string())?;
        let files = count_files(&out);
        let scale = Scale {
            posts,
            files,
            times: spread(times),
            index_raw: index.len(),
            index_brotli: brotli_len(&index),
        };
        say(&format!(
            "{posts} posts: compiled in {} (median of {RUNS}), {} files; index.json {:.0} B/post raw, {:.0} B/post brotli",
            secs(scale.times.1),
            scale.files,
            scale.index_raw as f64 / posts as f64,
            scale.index_brotli as f64 / posts as f64
        ));
        scales.push(scale);
    }
    let report = report(&scales);
    fs::create_dir_all(root().join("bench")).map_err(|e| e.to_string())?;
    fs::write(root().join("bench/REPORT.md"), &report).map_err(|e| e.to_string())?;
    println!("\n{report}");
    say("wrote bench/REPORT.md");
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

fn verdict(ok: bool) -> &'static str {
    if ok {
        "within budget"
    } else {
        "**OVER BUDGET**"
    }
}

fn report(scales: &[Scale]) -> String {
    let mut out = String::from("# Benchmark report\n\nWritten by `cargo xtask bench`.\n\n");
    out.push_str("## The content compiler at scale\n\n");
    out.push_str(
        "Generated blogs compiled by the release-mode press binary: data JSON, feeds, sitemap and \
         every route's prerendered HTML. Times are wall-clock over repeated runs on this machine.\n\n",
    );
    out.push_str("| posts | files written | compile min | median | max | index.json raw B/post | brotli B/post |\n");
    out.push_str("|---:|---:|---:|---:|---:|---:|---:|\n");
    for s in scales {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {:.0} | {:.0} |",
            s.posts,
            s.files,
            secs(s.times.0),
            secs(s.times.1),
            secs(s.times.2),
            s.index_raw as f64 / s.posts as f64,
            s.index_brotli as f64 / s.posts as f64
        );
    }
    if let Some(big) = scales.iter().find(|s| s.posts == 10_000) {
        let per_post = big.index_brotli as f64 / big.posts as f64;
        let _ = write!(
            out,
            "\n### Budgets\n\n| budget | figure | verdict |\n|---|---:|---|\n\
             | compile 10,000 posts in at most {} | {} (median) | {} |\n\
             | index.json at most {INDEX_BROTLI_BUDGET:.0} B/post brotli | {per_post:.0} B/post | {} |\n",
            secs(COMPILE_BUDGET),
            secs(big.times.1),
            verdict(big.times.1 <= COMPILE_BUDGET),
            verdict(per_post <= INDEX_BROTLI_BUDGET),
        );
    }
    out
}
