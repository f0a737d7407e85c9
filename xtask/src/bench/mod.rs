//! `cargo xtask bench`: what readers feel and what the site weighs, against the budgets.
//!
//! 1. The release site is built, and every asset weighed raw, gzip and brotli ([`bytes`]).
//! 2. Generated blogs of 100, 1,000 and 10,000 posts are compiled by the real press
//!    binary into whole sites, timed ([`press_scale`]).
//! 3. In headless Chromium ([`browser`]): cold loads of a post, plain and under mobile
//!    throttling, against a no-JavaScript baseline; route changes; keystroke-to-paint in
//!    the comment form; and each generated blog's archive.
//! 4. `bench/REPORT.md` and `bench/budgets.svg` are written ([`report`]), and every figure
//!    is printed against its budget, those over it named.

mod browser;
mod bytes;
mod generate;
mod press_scale;
mod report;
mod stats;

use std::fs;

use crate::run::{output, root, say};
use crate::tasks;
use crate::tools::{self, Need};

/// Cold loads per setting (and runs per blog size, up to 3).
const RUNS: usize = 5;

/// `cargo xtask bench`.
pub fn bench() -> Result<(), String> {
    let tools = tools::ensure(Need::Browser)?;
    let dist = tasks::build_site(&tools)?;
    let permalink = newest_post(&dist)?;
    let weights = bytes::weigh(&dist, &permalink)?;
    say(&format!(
        "first visit to {permalink}: {:.1} KB brotli, of which wasm and JS {:.1} KB",
        weights.first_visit_brotli() as f64 / 1000.0,
        weights.app_brotli() as f64 / 1000.0
    ));
    let scales = press_scale::compile_all(&dist)?;
    let figures = browser::measure(&tools, &dist, &permalink, &scales, RUNS)?;
    let budgets = report::budgets(&weights, &scales, &figures);

    let levers = fs::read_to_string(root().join("bench/LEVERS.md")).unwrap_or_default();
    let report = report::markdown(&weights, &scales, &figures, &budgets, &machine(), &levers);
    fs::create_dir_all(root().join("bench")).map_err(|e| e.to_string())?;
    fs::write(root().join("bench/REPORT.md"), &report).map_err(|e| e.to_string())?;
    fs::write(root().join("bench/budgets.svg"), report::chart(&budgets))
        .map_err(|e| e.to_string())?;
    println!();
    for b in &budgets {
        println!(
            "{:<70} {:>12}  (budget {:>10})  {}",
            b.what,
            b.figure.map_or("–".into(), |f| b.unit.show(f)),
            b.unit.show(b.limit),
            b.verdict().replace("**", "")
        );
    }
    let over: Vec<&str> = budgets
        .iter()
        .filter(|b| b.within() == Some(false))
        .map(|b| b.what.as_str())
        .collect();
    println!();
    if over.is_empty() {
        say("every figure is within its budget");
    } else {
        say(&format!("over budget: {}", over.join("; ")));
    }
    say("wrote bench/REPORT.md and bench/budgets.svg");
    for dir in scales.iter().flat_map(|s| &s.leftovers) {
        let _ = fs::remove_dir_all(dir);
    }
    Ok(())
}

/// The newest post of the built site (the sample blog's seed post).
fn newest_post(dist: &std::path::Path) -> Result<String, String> {
    let text = fs::read_to_string(dist.join("data/index.json")).map_err(|e| e.to_string())?;
    let index: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    index["posts"][0]["permalink"]
        .as_str()
        .map(String::from)
        .ok_or_else(|| "the site has no posts".to_string())
}

/// A line naming the machine: CPU model and count, memory.
fn machine() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "an unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let date = output(
        std::process::Command::new("date")
            .arg("-u")
            .arg("+%Y-%m-%d"),
    )
    .unwrap_or_default();
    format!("{} ({cpu}, {cores} cores)", date.trim())
}
