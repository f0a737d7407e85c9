//! The browser half of the benchmark: prepares the sites, runs `browser_bench` (in the e2e
//! crate, beside the end-to-end harness it uses) in headless Chromium, and reads back its
//! samples.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

use super::bytes;
use super::press_scale::Scale;
use super::stats::Spread;
use crate::run::{root, run, say};
use crate::tasks::copy_dir;
use crate::tools::Tools;

/// Cold-load figures of one page, in milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    pub fcp: Option<Spread>,
    pub lcp: Option<Spread>,
    pub app_ready: Option<Spread>,
}

/// One network setting's cold loads: the app's and the baseline's.
#[derive(Debug, Clone, Copy)]
pub struct ColdLoads {
    pub app: Load,
    pub baseline: Load,
}

/// One blog size in the browser, in milliseconds and bytes.
#[derive(Debug, Clone, Copy)]
pub struct ArchiveFigures {
    pub posts: u64,
    pub index_bytes: Option<Spread>,
    pub index_download: Option<Spread>,
    pub index_parse: Option<Spread>,
    /// From the index's arrival until the first screen of the archive is painted.
    pub archive_render: Option<Spread>,
    /// ... until every month of it is drawn.
    pub archive_complete: Option<Spread>,
    pub longest_task: Option<Spread>,
    pub memory: Option<Spread>,
}

/// Everything measured in the browser.
#[derive(Debug, Clone)]
pub struct BrowserFigures {
    pub unthrottled: ColdLoads,
    pub mobile: ColdLoads,
    /// Route changes until painted (the budgets' figure).
    pub route_cached: Option<Spread>,
    pub route_uncached: Option<Spread>,
    /// Route changes until a second animation frame after the content arrived.
    pub route_cached_two_raf: Option<Spread>,
    pub route_uncached_two_raf: Option<Spread>,
    pub keystroke: Option<Spread>,
    pub draft_length: u64,
    pub scales: Vec<ArchiveFigures>,
}

/// Runs the browser measurements: the post `permalink` of the release site in `dist`
/// (cold loads, typing), route changes on the 1,000-post blog, and every blog's archive.
pub fn measure(
    tools: &Tools,
    dist: &Path,
    permalink: &str,
    scales: &[Scale],
    runs: usize,
) -> Result<BrowserFigures, String> {
    let work = root().join("target/bench");
    let sample = work.join("site-sample");
    let _ = fs::remove_dir_all(&sample);
    copy_dir(dist, &sample)?;
    write_baseline(&sample, permalink)?;
    // Served compressed, as a CDN serves them (brotli where the browser takes it).
    say("precompressing the sites' files (brotli and gzip), as a CDN serves them");
    bytes::precompress(&sample, None)?;
    for scale in scales {
        let only: Option<&[&str]> = if scale.posts > 1_000 {
            Some(&[
                "assets",
                "data/index.json",
                "archive/index.html",
                "index.html",
            ])
        } else {
            None
        };
        bytes::precompress(&scale.site, only)?;
    }
    let route_site = scales
        .iter()
        .find(|s| s.posts == 1_000)
        .or(scales.first())
        .map(|s| s.site.clone())
        .ok_or("no generated blog for the route changes")?;
    let plan = json!({
        "dist": sample,
        "post": permalink,
        "runs": runs,
        "route_site": route_site,
        "scales": scales.iter().map(|s| json!({ "posts": s.posts, "site": s.site })).collect::<Vec<_>>(),
    });
    let plan_file = work.join("browser-plan.json");
    let results_file = work.join("browser-results.json");
    fs::write(&plan_file, plan.to_string()).map_err(|e| e.to_string())?;
    say("measuring in headless Chromium (cargo run -p e2e --bin browser_bench)");
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .current_dir(root())
        .env("PATH", &tools.path)
        .args([
            "run",
            "--quiet",
            "--package",
            "e2e",
            "--bin",
            "browser_bench",
            "--",
        ])
        .arg(&plan_file)
        .arg(&results_file);
    if let (Some(chromium), Some(driver)) = (&tools.chromium, &tools.chromedriver) {
        command
            .env("CHROMIUM", chromium)
            .env("CHROMEDRIVER", driver);
    }
    run(&mut command)?;
    let results: Value = serde_json::from_str(
        &fs::read_to_string(&results_file).map_err(|e| format!("no browser results: {e}"))?,
    )
    .map_err(|e| format!("the browser results are not JSON: {e}"))?;
    Ok(read(&results))
}

/// The post as a plain static page with no JavaScript: its prerendered HTML without the
/// app's scripts and preloads, at `bench-baseline/` + its permalink.
fn write_baseline(site: &Path, permalink: &str) -> Result<PathBuf, String> {
    let page = site.join(permalink.trim_start_matches('/'));
    let html = fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
    let baseline = strip_app(&html);
    let target = site
        .join("bench-baseline")
        .join(permalink.trim_start_matches('/'));
    if let Some(dir) = target.parent() {
        fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    fs::write(&target, baseline).map_err(|e| e.to_string())?;
    Ok(target)
}

/// `html` without `<script>` elements and `preload`/`modulepreload` links.
fn strip_app(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let script = rest.find("<script");
        let link = rest.find("<link");
        let at = match (script, link) {
            (Some(s), Some(l)) => s.min(l),
            (Some(s), None) => s,
            (None, Some(l)) => l,
            (None, None) => break,
        };
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        if tag.starts_with("<script") {
            let end = tag
                .find("</script>")
                .map_or(tag.len(), |e| e + "</script>".len());
            rest = &tag[end..];
        } else {
            let end = tag.find('>').map_or(tag.len(), |e| e + 1);
            let link = &tag[..end];
            if !(link.contains("rel=preload")
                || link.contains("rel=modulepreload")
                || link.contains("rel=\"preload\"")
                || link.contains("rel=\"modulepreload\""))
            {
                out.push_str(link);
            }
            rest = &tag[end..];
        }
    }
    out.push_str(rest);
    out
}

fn numbers(samples: &Value, key: &str) -> Vec<f64> {
    samples
        .as_array()
        .map(|a| a.iter().filter_map(|s| s[key].as_f64()).collect())
        .unwrap_or_default()
}

fn load(samples: &Value) -> Load {
    Load {
        fcp: Spread::of(&numbers(samples, "fcp")),
        lcp: Spread::of(&numbers(samples, "lcp")),
        app_ready: Spread::of(&numbers(samples, "app_ready")),
    }
}

fn plain(values: &Value) -> Option<Spread> {
    let list: Vec<f64> = values
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    Spread::of(&list)
}

fn read(results: &Value) -> BrowserFigures {
    let cold = |name: &str| ColdLoads {
        app: load(&results["cold"][name]["app"]),
        baseline: load(&results["cold"][name]["baseline"]),
    };
    let scales = results["scale"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|s| {
                    let samples = &s["samples"];
                    let memory: Vec<f64> = samples
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|x| {
                                    Some(x["js_heap"].as_f64()? + x["wasm_memory"].as_f64()?)
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    ArchiveFigures {
                        posts: s["posts"].as_u64().unwrap_or(0),
                        index_bytes: Spread::of(&numbers(samples, "index_bytes")),
                        index_download: Spread::of(&numbers(samples, "index_download")),
                        index_parse: Spread::of(&numbers(samples, "index_parse")),
                        archive_render: Spread::of(&numbers(samples, "archive_render")),
                        archive_complete: Spread::of(&numbers(samples, "archive_complete")),
                        longest_task: Spread::of(&numbers(samples, "longest_task")),
                        memory: Spread::of(&memory),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    BrowserFigures {
        unthrottled: cold("unthrottled"),
        mobile: cold("mobile"),
        route_cached: Spread::of(&numbers(&results["route"]["cached"], "painted")),
        route_uncached: Spread::of(&numbers(&results["route"]["uncached"], "painted")),
        route_cached_two_raf: Spread::of(&numbers(&results["route"]["cached"], "two_raf")),
        route_uncached_two_raf: Spread::of(&numbers(&results["route"]["uncached"], "two_raf")),
        keystroke: plain(&results["typing"]["keystroke_to_paint"]),
        draft_length: results["typing"]["draft_length"].as_u64().unwrap_or(0),
        scales,
    }
}

#[cfg(test)]
mod tests {
    use super::strip_app;

    #[test]
    fn the_baseline_has_no_script_and_keeps_its_style() {
        let html = "<head><link href=/a.css rel=stylesheet><link rel=modulepreload href=/x.js>\
                    <link as=fetch href=data/index.json rel=preload><script type=module>import x;</script></head>\
                    <body><div id=boot>Post</div><script>y()</script></body>";
        assert_eq!(
            strip_app(html),
            "<head><link href=/a.css rel=stylesheet></head><body><div id=boot>Post</div></body>"
        );
    }
}
