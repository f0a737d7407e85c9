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
    BytesPerPost,
}

impl Unit {
    pub fn show(self, value: f64) -> String {
        match self {
            Unit::Ms => format!("{value:.1} ms"),
            Unit::Seconds => format!("{value:.2} s"),
            Unit::KiloBytes => format!("{:.1} KB", value / 1000.0),
            Unit::MegaBytes => format!("{:.1} MB", value / 1_000_000.0),
            Unit::BytesPerPost => format!("{value:.0} B/post"),
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
    let big = scales.iter().find(|s| s.posts == 10_000);
    let big_browser = browser.scales.iter().find(|s| s.posts == 10_000);
    vec![
        Budget::new(
            "first visit to a post, everything, brotli",
            Some(weights.first_visit_brotli() as f64),
            150_000.0,
            Unit::KiloBytes,
        ),
        Budget::new(
            "wasm plus JS glue, brotli",
            Some(weights.app_brotli() as f64),
            120_000.0,
            Unit::KiloBytes,
        ),
        Budget::new(
            "cold load of a post under mobile throttling: LCP, median",
            browser.mobile.app.lcp.map(|s| s.median),
            1500.0,
            Unit::Ms,
        ),
        Budget::new(
            "route change, data cached: median",
            browser.route_cached.map(|s| s.median),
            16.0,
            Unit::Ms,
        ),
        Budget::new(
            "route change, data cached: p95",
            browser.route_cached.map(|s| s.p95),
            33.0,
            Unit::Ms,
        ),
        Budget::new(
            "route change, data not cached (localhost): median",
            browser.route_uncached.map(|s| s.median),
            50.0,
            Unit::Ms,
        ),
        Budget::new(
            "archive of 10,000 posts: first screen after the index arrives (median)",
            big_browser.and_then(|s| s.archive_render).map(|s| s.median),
            200.0,
            Unit::Ms,
        ),
        Budget::new(
            "archive of 10,000 posts: longest task (max)",
            big_browser.and_then(|s| s.longest_task).map(|s| s.max),
            50.0,
            Unit::Ms,
        ),
        Budget::new(
            "archive of 10,000 posts: JS heap plus wasm memory (max)",
            big_browser.and_then(|s| s.memory).map(|s| s.max),
            40_000_000.0,
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
            big.map(|s| s.seconds.median),
            5.0,
            Unit::Seconds,
        ),
        Budget::new(
            "index.json per post, brotli",
            big.map(|s| s.index_brotli as f64 / s.posts as f64),
            120.0,
            Unit::BytesPerPost,
        ),
    ]
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

    out.push_str("\n## Route change\n\nFrom a click on a post link (\"Older Post\", then back along \"Newer Post\") on the 1,000-post blog, without throttling. *Painted* ends when the frame holding the new post has been painted: the task that follows the first animation frame after the post is in the document (the budgets' figure). *Two rAFs* ends at a second animation frame after that, so it adds up to one more frame (16.7 ms at 60 Hz) of waiting.\n\n| post data | until | samples | min | median | p95 | max |\n|---|---|---:|---:|---:|---:|---:|\n");
    for (name, until, s) in [
        ("not yet fetched", "painted", browser.route_uncached),
        (
            "not yet fetched",
            "two rAFs",
            browser.route_uncached_two_raf,
        ),
        ("cached", "painted", browser.route_cached),
        ("cached", "two rAFs", browser.route_cached_two_raf),
    ] {
        let _ = writeln!(
            out,
            "| {name} | {until} | {} | {} |",
            s.map_or(0, |s| s.n),
            ms(s)
        );
    }

    out.push_str("\n## Typing\n\n");
    let _ = writeln!(
        out,
        "Keystroke to paint in the comment form holding a {}-character draft: from each real key event's `keydown` to just after the next frame, with pauses now and then so that the draft is saved between keys.\n\n| samples | min | median | p95 | max |\n|---:|---:|---:|---:|---:|\n| {} | {} |",
        browser.draft_length,
        browser.keystroke.map_or(0, |s| s.n),
        ms(browser.keystroke)
    );

    out.push_str("\n## Scale in the browser\n\nA cold load of `/archive` on generated blogs: the index's download and its parse (with the archive tree built), the archive's render from the index's arrival until its first screen is painted (the budget's figure) and until every month is drawn (it is drawn in steps of 200 posts, a task each), the longest task, and JS heap plus wasm memory afterwards. Medians (and the maximum for tasks and memory).\n\n| posts | index.json | download | parse | archive first screen | archive whole | longest task | heap + wasm |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for s in &browser.scales {
        let med = |x: Option<Spread>, u: Unit| x.map_or("–".into(), |x| u.show(x.median));
        let max = |x: Option<Spread>, u: Unit| x.map_or("–".into(), |x| u.show(x.max));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            s.posts,
            med(s.index_bytes, Unit::KiloBytes),
            med(s.index_download, Unit::Ms),
            med(s.index_parse, Unit::Ms),
            med(s.archive_render, Unit::Ms),
            med(s.archive_complete, Unit::Ms),
            max(s.longest_task, Unit::Ms),
            max(s.memory, Unit::MegaBytes),
        );
    }

    out.push_str("\n## The content compiler at scale\n\nGenerated blogs compiled by the release-mode press binary: data JSON, feeds, sitemap and every route's prerendered HTML.\n\n| posts | files written | compile min | median | max | index.json raw B/post | brotli B/post |\n|---:|---:|---:|---:|---:|---:|---:|\n");
    for s in scales {
        let _ = writeln!(
            out,
            "| {} | {} | {:.2} s | {:.2} s | {:.2} s | {:.0} | {:.0} |",
            s.posts,
            s.files,
            s.seconds.min,
            s.seconds.median,
            s.seconds.max,
            s.index_raw as f64 / s.posts as f64,
            s.index_brotli as f64 / s.posts as f64
        );
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
