//! `bench/REPORT.md` and its chart, `bench/budgets.svg`: every figure, and each budget
//! with its verdict.

use std::fmt::Write as _;

use super::browser::{BrowserFigures, Load};
use super::bytes::Weights;
use super::press_scale::Scale;
use super::stats::Spread;

/// How a figure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Ms,
    Seconds,
    KiloBytes,
    MegaBytes,
    Count,
}

impl Unit {
    pub fn show(self, value: f64) -> String {
        match self {
            Unit::Ms => format!("{value:.1} ms"),
            Unit::Seconds => format!("{value:.2} s"),
            Unit::KiloBytes => format!("{:.1} KB", value / 1000.0),
            Unit::MegaBytes => format!("{:.1} MB", value / 1_000_000.0),
            Unit::Count => format!("{value:.0}"),
        }
    }
}

/// One budget and the figure measured against it.
#[derive(Debug, Clone)]
pub struct Budget {
    pub what: String,
    pub figure: Option<f64>,
    pub limit: f64,
    pub unit: Unit,
}

impl Budget {
    pub fn new(what: &str, figure: Option<f64>, limit: f64, unit: Unit) -> Budget {
        Budget {
            what: what.to_string(),
            figure,
            limit,
            unit,
        }
    }

    pub fn within(&self) -> Option<bool> {
        self.figure.map(|f| f <= self.limit)
    }

    pub fn verdict(&self) -> &'static str {
        match self.within() {
            Some(true) => "within budget",
            Some(false) => "**OVER BUDGET**",
            None => "not measured",
        }
    }
}

/// The budgets, from the figures.
pub fn budgets(weights: &Weights, scales: &[Scale], browser: &BrowserFigures) -> Vec<Budget> {
    let scale = |n: usize| scales.iter().find(|s| s.posts == n);
    let size = |n: u64| browser.sizes.iter().find(|s| s.posts == n);
    let growth = match (scale(13), scale(10_000)) {
        (Some(small), Some(big)) => Some(big.visits.growth_over(&small.visits) as f64),
        _ => None,
    };
    let mut list = vec![
        Budget::new(
            "first visit to a post of the sample blog, everything, brotli",
            Some(weights.first_visit_brotli() as f64),
            130_000.0,
            Unit::KiloBytes,
        ),
        Budget::new(
            "wasm plus JS glue, brotli",
            Some(weights.app_brotli() as f64),
            120_000.0,
            Unit::KiloBytes,
        ),
        Budget::new(
            "first visit at 10,000 posts beyond the same route at 13 (worst route), brotli",
            growth,
            10_000.0,
            Unit::KiloBytes,
        ),
        Budget::new(
            "cold load of a post under mobile throttling: LCP, median",
            browser.mobile.app.lcp.map(|s| s.median),
            1500.0,
            Unit::Ms,
        ),
        Budget::new(
            "cold load of a post under mobile throttling: app took over, median",
            browser.mobile.app.app_ready.map(|s| s.median),
            1200.0,
            Unit::Ms,
        ),
        Budget::new(
            "repeat visit served by the service worker, mobile throttling: app took over, median",
            browser.mobile_repeat.app_ready.map(|s| s.median),
            600.0,
            Unit::Ms,
        ),
        Budget::new(
            "service worker and manifest on a first visit, brotli",
            Some(weights.offline_brotli() as f64),
            5_000.0,
            Unit::KiloBytes,
        ),
    ];
    for n in [100, 10_000] {
        let s = size(n);
        // Clicked as a frame starts: the figure holds the app's work and the frame's
        // rendering, not the wait for the display's next frame, which the harness's own
        // timing sets (`bench/LEVERS.md`, "Corrections to the benchmark itself").
        list.push(Budget::new(
            &format!("route change at {n} posts, data cached, clicked as a frame starts: median"),
            s.and_then(|s| s.route_cached_aligned).map(|s| s.median),
            8.0,
            Unit::Ms,
        ));
        list.push(Budget::new(
            &format!("route change at {n} posts, data cached, clicked as a frame starts: p95"),
            s.and_then(|s| s.route_cached_aligned).map(|s| s.p95),
            16.0,
            Unit::Ms,
        ));
        list.push(Budget::new(
            &format!("first visit to a post in the app at {n} posts (localhost): median"),
            s.and_then(|s| s.route_uncached).map(|s| s.median),
            30.0,
            Unit::Ms,
        ));
    }
    let big = size(10_000);
    list.extend([
        Budget::new(
            "archive of 10,000 posts: first screen after the site file arrives (median)",
            big.and_then(|s| s.archive_first_screen).map(|s| s.median),
            100.0,
            Unit::Ms,
        ),
        Budget::new(
            "archive of 10,000 posts scrolled end to end: most elements (max)",
            big.and_then(|s| s.archive_elements).map(|s| s.max),
            2000.0,
            Unit::Count,
        ),
        Budget::new(
            "archive of 10,000 posts scrolled end to end: longest task (max)",
            big.and_then(|s| s.archive_longest_task).map(|s| s.max),
            50.0,
            Unit::Ms,
        ),
        Budget::new(
            "archive of 10,000 posts: JS heap plus wasm memory (max)",
            big.and_then(|s| s.memory).map(|s| s.max),
            20_000_000.0,
            Unit::MegaBytes,
        ),
        Budget::new(
            "keystroke to paint, 5,000-character draft: median",
            browser.keystroke.map(|s| s.median),
            16.0,
            Unit::Ms,
        ),
        Budget::new(
            "compile 10,000 posts (median)",
            scale(10_000).map(|s| s.seconds.median),
            5.0,
            Unit::Seconds,
        ),
        Budget::new(
            "search at 10,000 posts: Enter to first results painted, unthrottled (median)",
            big.and_then(|s| s.search.first).map(|s| s.median),
            300.0,
            Unit::Ms,
        ),
        Budget::new(
            "search at 10,000 posts: Enter to first results painted, mobile throttling (median)",
            big.and_then(|s| s.search_mobile.first).map(|s| s.median),
            1000.0,
            Unit::Ms,
        ),
        Budget::new(
            "search at 10,000 posts: bytes fetched by a first search (max)",
            big.and_then(|s| s.search.first_bytes).map(|s| s.max),
            150_000.0,
            Unit::KiloBytes,
        ),
        Budget::new(
            "search at 10,000 posts: bytes fetched by a further search (max)",
            big.and_then(|s| s.search.further_bytes).map(|s| s.max),
            30_000.0,
            Unit::KiloBytes,
        ),
        Budget::new(
            "search index of 10,000 posts: time it adds to the compile (median)",
            scale(10_000)
                .and_then(|s| s.index_seconds)
                .map(|s| s.median),
            10.0,
            Unit::Seconds,
        ),
    ]);
    list
}

fn spread_cells(s: Option<Spread>, unit: Unit) -> String {
    match s {
        Some(s) => format!(
            "{} | {} | {} | {}",
            unit.show(s.min),
            unit.show(s.median),
            unit.show(s.p95),
            unit.show(s.max)
        ),
        None => "– | – | – | –".to_string(),
    }
}

fn ms(s: Option<Spread>) -> String {
    spread_cells(s, Unit::Ms)
}

fn load_rows(out: &mut String, setting: &str, who: &str, load: &Load) {
    let _ = writeln!(out, "| {setting} | {who} | FCP | {} |", ms(load.fcp));
    let _ = writeln!(out, "| {setting} | {who} | LCP | {} |", ms(load.lcp));
    if load.app_ready.is_some() {
        let _ = writeln!(
            out,
            "| {setting} | {who} | app took over | {} |",
            ms(load.app_ready)
        );
    }
}

/// The whole report.
pub fn markdown(
    weights: &Weights,
    scales: &[Scale],
    browser: &BrowserFigures,
    budgets: &[Budget],
    machine: &str,
    levers: &str,
    huge: &str,
) -> String {
    let mut out = String::from("# Benchmark report\n\n");
    let _ = writeln!(
        out,
        "Written by `cargo xtask bench` on {machine}. Timings are the minimum, median, 95th percentile and maximum over repeated runs; sizes are of the release build.\n\n![Each budgeted figure as a share of its budget](budgets.svg)\n"
    );
    out.push_str("## Budgets\n\n| budget | limit | figure | verdict |\n|---|---:|---:|---|\n");
    for b in budgets {
        let figure = b.figure.map_or("–".to_string(), |f| b.unit.show(f));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            b.what,
            b.unit.show(b.limit),
            figure,
            b.verdict()
        );
    }

    out.push_str("\n## Bytes\n\nEvery asset of the release build, and what a first visit to a post downloads.\n\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|\n");
    for a in &weights.assets {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            a.name, a.raw, a.gzip, a.brotli
        );
    }
    out.push_str(
        "\n**First visit to a post:**\n\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|\n",
    );
    for a in &weights.first_visit {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            a.name, a.raw, a.gzip, a.brotli
        );
    }
    let total =
        |f: fn(&super::bytes::Sized) -> usize| weights.first_visit.iter().map(f).sum::<usize>();
    let _ = writeln!(
        out,
        "| **total** | **{}** | **{}** | **{}** |",
        total(|s| s.raw),
        total(|s| s.gzip),
        total(|s| s.brotli)
    );

    out.push_str("\n## Cold load of a post permalink\n\nA fresh cache each run. \"Mobile\" is Lighthouse's mobile setting through the DevTools protocol: 150 ms round trip, 1.6 Mbps down, 750 Kbps up, CPU slowed 4×. The baseline is the same post as a plain HTML page with no JavaScript, from the same server.\n\n| network | page | figure | min | median | p95 | max |\n|---|---|---|---:|---:|---:|---:|\n");
    load_rows(&mut out, "unthrottled", "app", &browser.unthrottled.app);
    load_rows(
        &mut out,
        "unthrottled",
        "baseline",
        &browser.unthrottled.baseline,
    );
    load_rows(&mut out, "mobile", "app", &browser.mobile.app);
    load_rows(&mut out, "mobile", "baseline", &browser.mobile.baseline);
    load_rows(
        &mut out,
        "mobile",
        "repeat visit (service worker)",
        &browser.mobile_repeat,
    );
    for (name, loads) in [
        ("unthrottled", &browser.unthrottled),
        ("mobile", &browser.mobile),
    ] {
        if let (Some(app), Some(base)) = (loads.app.lcp, loads.baseline.lcp) {
            let _ = writeln!(
                out,
                "\nLCP {name}: the app's median is {:.2}× the baseline's ({} against {}).",
                app.median / base.median,
                Unit::Ms.show(app.median),
                Unit::Ms.show(base.median)
            );
        }
    }

    out.push_str("\n## Typing\n\n");
    let _ = writeln!(
        out,
        "Keystroke to paint in the comment form holding a {}-character draft: from each real key event's `keydown` to just after the next frame, with pauses now and then so that the draft is saved between keys.\n\n| samples | min | median | p95 | max |\n|---:|---:|---:|---:|---:|\n| {} | {} |",
        browser.draft_length,
        browser.keystroke.map_or(0, |s| s.n),
        ms(browser.keystroke)
    );

    out.push_str("\n## Every blog loads like a small one\n\nGenerated blogs (text drawn from the sample posts' words), each compiled by press and served precompressed by a static server. **First visit** is everything a cold visit downloads, brotli: the page (which holds the stylesheet in a release build), the app's JS and wasm, and the data files the page preloads (which are exactly what its route needs).\n\n| posts | site.json brotli | first visit: a post | the home page | the archive |\n|---:|---:|---:|---:|---:|\n");
    for s in scales {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            s.posts,
            Unit::KiloBytes.show(s.site_file_brotli as f64),
            Unit::KiloBytes.show(s.visits.post as f64),
            Unit::KiloBytes.show(s.visits.home as f64),
            Unit::KiloBytes.show(s.visits.archive as f64),
        );
    }
    out.push_str("\nIn the browser, on the same blogs: a cold load of the newest post (unthrottled, LCP), then route changes: 40 from a click on \"Older Post\" until the next post's frame is painted with its data not yet fetched, 40 back along \"Newer Post\" with it cached, and 40 along \"Older Post\" again, cached, each clicked as a frame starts. The display shows a frame every 16.7 ms: a click made wherever the harness's round trip lands in the frame (\"as it comes\") is painted with the next frame after the post is in the document, the task after the first animation frame, so its figure holds a wait that the harness's timing sets. A click made as a frame starts is painted with that frame when the post is in the document by then, and its figure ends with the first task after that frame: the app's work and the frame's rendering. The budgets read the second.\n\n| posts | cold LCP median | route, cached, as it comes: median | p95 | max | route, cached, as a frame starts: median | p95 | painted in that frame | route, not fetched: median | p95 |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let med = |x: Option<Spread>, u: Unit| x.map_or("–".into(), |x| u.show(x.median));
    let p95 = |x: Option<Spread>, u: Unit| x.map_or("–".into(), |x| u.show(x.p95));
    let max = |x: Option<Spread>, u: Unit| x.map_or("–".into(), |x| u.show(x.max));
    for s in &browser.sizes {
        let same_frame = s
            .route_aligned_same_frame
            .map_or("–".into(), |(same, all)| format!("{same} of {all}"));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            s.posts,
            med(s.lcp, Unit::Ms),
            med(s.route_cached, Unit::Ms),
            p95(s.route_cached, Unit::Ms),
            max(s.route_cached, Unit::Ms),
            med(s.route_cached_aligned, Unit::Ms),
            p95(s.route_cached_aligned, Unit::Ms),
            same_frame,
            med(s.route_uncached, Unit::Ms),
            p95(s.route_uncached, Unit::Ms),
        );
    }
    out.push_str("\n## The archive at scale\n\nA cold load of `/archive`, then a scroll from the newest entry to the oldest, a screen per frame: the first screen (with the newest month's posts) from the site file's arrival, the most elements the document held during the scroll (only the months near the screen are drawn), the longest task during the scroll (0: none reached 50 ms), the months drawn by the end, and JS heap plus wasm memory afterwards.\n\n| posts | site.json | first screen | most elements | longest task | months reached | heap + wasm |\n|---:|---:|---:|---:|---:|---:|---:|\n");
    for s in &browser.sizes {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            s.posts,
            med(s.site_bytes, Unit::KiloBytes),
            med(s.archive_first_screen, Unit::Ms),
            max(s.archive_elements, Unit::Count),
            max(s.archive_longest_task, Unit::Ms),
            max(s.archive_steps, Unit::Count),
            max(s.memory, Unit::MegaBytes),
        );
    }

    out.push_str("\n## Search\n\nFrom the home page of each generated blog, a cold cache each run: a first search (the box focused and Enter pressed at once, so Pagefind loads with the search), then a further one. Time from Enter until the first results are painted; bytes fetched from `pagefind/` as the server counts them: bodies as sent, compressed where they were (Pagefind fetches from a worker, which resource timings miss). Mobile is Lighthouse's mobile setting, for the page and for Pagefind's worker alike (DevTools does not give a worker the page's throttling by itself: runs before 2026-12-02 fetched Pagefind's wasm and page list at full speed).\n\n| posts | first search: median | p95 | mobile median | bytes | further search: median | mobile median | bytes |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for s in &browser.sizes {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            s.posts,
            med(s.search.first, Unit::Ms),
            p95(s.search.first, Unit::Ms),
            med(s.search_mobile.first, Unit::Ms),
            max(s.search.first_bytes, Unit::KiloBytes),
            med(s.search.further, Unit::Ms),
            med(s.search_mobile.further, Unit::Ms),
            max(s.search.further_bytes, Unit::KiloBytes),
        );
    }

    out.push_str("\n## The content compiler at scale\n\nGenerated blogs compiled by the release-mode press binary: data JSON, feeds, sitemap, the search index and every route's prerendered HTML. The search index's share is as press reports it.\n\n| posts | files written | size of the site | compile min | median | max | of which the search index (median) |\n|---:|---:|---:|---:|---:|---:|---:|\n");
    for s in scales {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2} s | {:.2} s | {:.2} s | {} |",
            s.posts,
            s.files,
            Unit::MegaBytes.show(s.dist_bytes as f64),
            s.seconds.min,
            s.seconds.median,
            s.seconds.max,
            s.index_seconds
                .map_or("–".into(), |x| Unit::Seconds.show(x.median)),
        );
    }
    if !huge.trim().is_empty() {
        out.push('\n');
        out.push_str(huge.trim());
        out.push('\n');
    }
    if !levers.trim().is_empty() {
        out.push('\n');
        out.push_str(levers.trim());
        out.push('\n');
    }
    out
}

/// A bar chart of each budgeted figure as a share of its budget, the budget line at 100%.
pub fn chart(budgets: &[Budget]) -> String {
    let row = 26.0;
    let label_w = 490.0;
    let bar_w = 360.0;
    let scale_max = 2.0;
    let height = 50.0 + row * budgets.len() as f64;
    let width = label_w + bar_w + 120.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"system-ui, sans-serif\" font-size=\"12\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#fdfbf2\"/>\n\
         <text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Each figure as a share of its budget (the line is the budget)</text>\n"
    );
    for (i, b) in budgets.iter().enumerate() {
        let y = 36.0 + row * i as f64;
        let share = b.figure.map(|f| f / b.limit);
        let len = share.map_or(0.0, |s| s.min(scale_max) / scale_max * bar_w);
        let color = match b.within() {
            Some(true) => "#4f7a1f",
            Some(false) => "#b91c1c",
            None => "#999999",
        };
        let _ = writeln!(
            svg,
            "<text x=\"10\" y=\"{:.0}\">{}</text>\n<rect x=\"{label_w}\" y=\"{:.0}\" width=\"{len:.1}\" height=\"16\" fill=\"{color}\"/>\n<text x=\"{:.0}\" y=\"{:.0}\">{}</text>",
            y + 12.0,
            escape(&b.what),
            y,
            label_w + len + 6.0,
            y + 12.0,
            share.map_or("not measured".to_string(), |s| format!("{:.0}%", s * 100.0)),
        );
    }
    let line_x = label_w + bar_w / scale_max;
    let _ = writeln!(
        svg,
        "<line x1=\"{line_x}\" y1=\"30\" x2=\"{line_x}\" y2=\"{:.0}\" stroke=\"#2f2a22\" stroke-dasharray=\"4 3\"/>\n</svg>",
        height - 8.0
    );
    svg
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
