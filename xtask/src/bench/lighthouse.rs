//! `cargo xtask lighthouse`: Lighthouse's mobile audit of the sample blog's newest post,
//! on the release site served with brotli copies of every file, as a CDN serves it, under
//! both of Lighthouse's throttling methods with its mobile settings (150 ms round trip,
//! 1.6 Mbps, CPU slowed 4×):
//! - "simulate", its default and what PageSpeed Insights reports: the page loads at full
//!   speed and the figures are estimated from that load's request graph;
//! - "devtools": the page really loads under DevTools' throttling (the round trip scaled
//!   by Lighthouse to 562.5 ms, 1.47 Mbps, CPU ×4), and the figures are the ones observed.
//!
//! Both are printed because they disagree on this app for a known reason: on the unthrottled
//! local load the wasm's preload ends before the first paint, so the simulation counts its
//! download in the LCP estimate, which on a phone it never delays (`bench/LEVERS.md`,
//! "Lighthouse, mobile, on a post"). It prints each run's four category scores and every
//! scored audit that missed full marks; the figures are the machine's, so nothing here
//! fails on a score.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use static_host::{Fallback, StaticServer};

use super::{bytes, newest_post};
use crate::run::{root, run, say};
use crate::tasks;
use crate::tools::{self, Need};

/// Lighthouse's four categories, in its report's order.
const CATEGORIES: [&str; 4] = ["performance", "accessibility", "best-practices", "seo"];

/// Lighthouse's two throttling methods, each run in turn (see the module's comment).
const METHODS: [&str; 2] = ["simulate", "devtools"];

/// One run's result: each category's score out of 100 and the audits that cost points.
#[derive(Debug, PartialEq)]
pub struct Audit {
    /// `(category, score)`; a category Lighthouse could not score is left out.
    pub scores: Vec<(String, u32)>,
    /// `(category, audit id, score out of 100, what Lighthouse shows, e.g. "2.3 s")`.
    pub missed: Vec<(String, String, u32, String)>,
}

/// Reads a Lighthouse JSON report (`--output=json`).
pub fn read_report(report: &Value) -> Result<Audit, String> {
    let categories = report["categories"]
        .as_object()
        .ok_or("the Lighthouse report has no categories")?;
    let mut scores = Vec::new();
    let mut missed = Vec::new();
    for name in CATEGORIES {
        let Some(category) = categories.get(name) else {
            continue;
        };
        if let Some(score) = category["score"].as_f64() {
            scores.push((name.to_string(), (score * 100.0).round() as u32));
        }
        for reference in category["auditRefs"].as_array().into_iter().flatten() {
            if reference["weight"].as_f64().unwrap_or(0.0) <= 0.0 {
                continue;
            }
            let id = reference["id"].as_str().unwrap_or_default();
            let audit = &report["audits"][id];
            match audit["score"].as_f64() {
                Some(score) if score < 1.0 => missed.push((
                    name.to_string(),
                    id.to_string(),
                    (score * 100.0).round() as u32,
                    audit["displayValue"].as_str().unwrap_or("").to_string(),
                )),
                _ => {}
            }
        }
    }
    Ok(Audit { scores, missed })
}

/// Builds the release site, serves it precompressed and audits its newest post `runs`
/// times with each throttling method.
pub fn lighthouse(runs: usize) -> Result<(), String> {
    let tools = tools::ensure(Need::Browser)?;
    let lighthouse = tools::ensure_lighthouse(&tools.path)?;
    let chromium = tools.chromium.clone().ok_or("no Chromium was found")?;
    let dist = tasks::build_site(&tools)?;
    let permalink = newest_post(&dist)?;
    let work = root().join("target/lighthouse");
    let site = work.join("site");
    say("copying the site with brotli and gzip copies of its files, as a CDN serves them");
    bytes::precompressed_copy(&dist, &site)?;
    let server = StaticServer::start(&site, Fallback::NotFound)
        .map_err(|e| format!("could not serve {}: {e}", site.display()))?;
    let url = server.url(&permalink);
    println!();
    for method in METHODS {
        for n in 1..=runs {
            say(&format!(
                "Lighthouse, mobile, {method} throttling, run {n} of {runs}: {url}"
            ));
            let out = work.join(format!("run-{method}-{n}.json"));
            audit_once(&lighthouse, &chromium, &url, method, &out)?;
            let text = fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?;
            let report: Value = serde_json::from_str(&text)
                .map_err(|e| format!("{} is not Lighthouse's JSON: {e}", out.display()))?;
            let audit = read_report(&report)?;
            let scores: Vec<String> = audit
                .scores
                .iter()
                .map(|(name, score)| format!("{name} {score}"))
                .collect();
            println!("  {}", scores.join(" · "));
            for (category, id, score, shown) in &audit.missed {
                println!("    {category}: {id} scored {score} ({shown})");
            }
        }
    }
    println!("\nthe reports: {}", work.display());
    Ok(())
}

/// One Lighthouse run of `url` with the mobile preset and the given throttling method,
/// its JSON report written to `out`.
fn audit_once(
    lighthouse: &Path,
    chromium: &Path,
    url: &str,
    method: &str,
    out: &Path,
) -> Result<(), String> {
    run(Command::new(lighthouse)
        .arg(url)
        // Root (CI, containers) cannot use Chromium's sandbox.
        .arg("--chrome-flags=--headless=new --no-sandbox")
        .arg(format!("--throttling-method={method}"))
        .args(["--output=json", "--quiet"])
        .arg(format!("--output-path={}", out.display()))
        .env("CHROME_PATH", chromium))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The shape of Lighthouse 12's JSON, cut down to what is read.
    fn report() -> Value {
        json!({
            "categories": {
                "performance": { "score": 0.88, "auditRefs": [
                    { "id": "largest-contentful-paint", "weight": 25 },
                    { "id": "cumulative-layout-shift", "weight": 25 },
                    { "id": "diagnostics", "weight": 0 }
                ]},
                "accessibility": { "score": 1, "auditRefs": [{ "id": "target-size", "weight": 7 }] },
                "best-practices": { "score": null, "auditRefs": [] }
            },
            "audits": {
                "largest-contentful-paint": { "score": 0.24, "displayValue": "2.3 s" },
                "cumulative-layout-shift": { "score": 1, "displayValue": "0" },
                "diagnostics": { "score": 0 },
                "target-size": { "score": null }
            }
        })
    }

    #[test]
    fn scores_are_out_of_a_hundred_and_only_weighted_misses_are_named() {
        let audit = read_report(&report()).unwrap();
        assert_eq!(
            audit.scores,
            vec![("performance".into(), 88), ("accessibility".into(), 100)]
        );
        assert_eq!(
            audit.missed,
            vec![(
                "performance".into(),
                "largest-contentful-paint".into(),
                24,
                "2.3 s".into()
            )]
        );
    }

    #[test]
    fn a_report_without_categories_is_an_error() {
        assert!(read_report(&json!({ "runtimeError": {} })).is_err());
    }
}
