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
pub struct SizeFigures {
    pub posts: u64,
    /// Cold load of the newest post, unthrottled.
    pub lcp: Option<Spread>,
    /// Route changes until painted: the next post's data cached, and not yet fetched,
    /// each clicked wherever in the display's frame the harness's round trip landed.
    pub route_cached: Option<Spread>,
    pub route_uncached: Option<Spread>,
    /// Route changes with the data cached, each clicked as a frame starts: the app's work
    /// and the frame's rendering, without the wait for the display's next frame.
    pub route_cached_aligned: Option<Spread>,
    /// How many of those were painted in the frame they were clicked in.
    pub route_aligned_same_frame: Option<(usize, usize)>,
    /// The site file's download size.
    pub site_bytes: Option<Spread>,
    /// From the site file's arrival until the archive's first screen, with its newest
    /// month's posts, is painted.
    pub archive_first_screen: Option<Spread>,
    /// The most elements the document held while the archive was scrolled end to end.
    pub archive_elements: Option<Spread>,
    /// The longest task while it was scrolled (0 when none passed 50 ms).
    pub archive_longest_task: Option<Spread>,
    /// Months drawn by the time the end was reached.
    pub archive_steps: Option<Spread>,
    /// JS heap plus wasm memory after the scroll.
    pub memory: Option<Spread>,
    /// Searches, unthrottled and under mobile throttling.
    pub search: SearchFigures,
    pub search_mobile: SearchFigures,
}

/// Searches on one blog: from Enter to the first results painted, and the bytes fetched.
#[derive(Debug, Clone, Copy)]
pub struct SearchFigures {
    /// The first search of a visit (Pagefind loaded by it).
    pub first: Option<Spread>,
    pub first_bytes: Option<Spread>,
    /// A further search in the same visit.
    pub further: Option<Spread>,
    pub further_bytes: Option<Spread>,
}

fn search_figures(samples: &Value) -> SearchFigures {
    SearchFigures {
        first: Spread::of(&numbers(samples, "first")),
        first_bytes: Spread::of(&numbers(samples, "first_bytes")),
        further: Spread::of(&numbers(samples, "further")),
        further_bytes: Spread::of(&numbers(samples, "further_bytes")),
    }
}

/// Everything measured in the browser.
#[derive(Debug, Clone)]
pub struct BrowserFigures {
    pub unthrottled: ColdLoads,
    pub mobile: ColdLoads,
    /// Repeat visits under mobile throttling, served by the service worker.
    pub mobile_repeat: Load,
    pub keystroke: Option<Spread>,
    pub draft_length: u64,
    pub sizes: Vec<SizeFigures>,
}

/// Runs the browser measurements: the post `permalink` of the release site in `dist`
/// (cold loads, typing), and on each generated blog of 100 posts or more a cold load of
/// its newest post, route changes, and its archive scrolled end to end.
pub fn measure(
    tools: &Tools,
    dist: &Path,
    permalink: &str,
    scales: &[Scale],
    runs: usize,
) -> Result<BrowserFigures, String> {
    let work = root().join("target/bench");
    let sample = work.join("site-sample");
    // Served compressed, as a CDN serves them (brotli where the browser takes it).
    say("precompressing the sites' files (brotli and gzip), as a CDN serves them");
    bytes::precompressed_copy(dist, &sample)?;
    write_baseline(&sample, permalink)?;
    bytes::precompress(&sample, Some(&["bench-baseline"]))?;
    let in_browser: Vec<&Scale> = scales.iter().filter(|s| s.posts >= 100).collect();
    for scale in &in_browser {
        if scale.posts > 1_000 {
            let page = scale.newest.trim_start_matches('/').to_string();
            let only = [
                "assets",
                "data",
                "pagefind",
                "archive/index.html",
                "index.html",
                &page,
            ];
            bytes::precompress(&scale.site, Some(&only))?;
        } else {
            bytes::precompress(&scale.site, None)?;
        }
    }
    let plan = json!({
        "dist": sample,
        "post": permalink,
        "runs": runs,
        "sizes": in_browser.iter().map(|s| json!({
            "posts": s.posts, "site": s.site, "post": s.newest,
        })).collect::<Vec<_>>(),
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

/// Of the timed route changes in `samples`, how many were painted in the frame they were
/// clicked in, and how many there were; `None` when none were timed.
fn same_frame(samples: &Value) -> Option<(usize, usize)> {
    let all = samples.as_array().filter(|a| !a.is_empty())?;
    let same = all
        .iter()
        .filter(|s| s["same_frame"] == Value::Bool(true))
        .count();
    Some((same, all.len()))
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
    let sizes = results["sizes"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|s| {
                    let archive = &s["archive"];
                    let memory: Vec<f64> = archive
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|x| {
                                    Some(x["js_heap"].as_f64()? + x["wasm_memory"].as_f64()?)
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    SizeFigures {
                        posts: s["posts"].as_u64().unwrap_or(0),
                        lcp: Spread::of(&numbers(&s["cold"], "lcp")),
                        route_cached: Spread::of(&numbers(&s["route"]["cached"], "painted")),
                        route_uncached: Spread::of(&numbers(&s["route"]["uncached"], "painted")),
                        route_cached_aligned: Spread::of(&numbers(
                            &s["route"]["cached_aligned"],
                            "painted",
                        )),
                        route_aligned_same_frame: same_frame(&s["route"]["cached_aligned"]),
                        site_bytes: Spread::of(&numbers(archive, "site_bytes")),
                        archive_first_screen: Spread::of(&numbers(archive, "first_screen")),
                        archive_elements: Spread::of(&numbers(archive, "max_elements")),
                        archive_longest_task: Spread::of(&numbers(archive, "longest_task")),
                        archive_steps: Spread::of(&numbers(archive, "months_drawn")),
                        memory: Spread::of(&memory),
                        search: search_figures(&s["search"]["unthrottled"]),
                        search_mobile: search_figures(&s["search"]["mobile"]),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    BrowserFigures {
        unthrottled: cold("unthrottled"),
        mobile: cold("mobile"),
        mobile_repeat: load(&results["cold"]["mobile"]["repeat"]),
        keystroke: plain(&results["typing"]["keystroke_to_paint"]),
        draft_length: results["typing"]["draft_length"].as_u64().unwrap_or(0),
        sizes,
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
