//! The browser half of `cargo xtask bench`: what readers feel, measured in headless
//! Chromium against the release site served by a plain static server.
//!
//! `browser_bench PLAN.json RESULTS.json`: the plan (written by xtask) names the sites;
//! the results are every sample of every measurement, in milliseconds or bytes, for xtask
//! to summarise against the budgets. Nothing here judges a figure.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use e2e::Harness;
use serde_json::{json, Map, Value};
use static_host::Fallback;

/// Installed before every page: records LCP, long tasks, when the app has taken over from
/// the prerendered page (and painted), when the archive's first screen (with its newest
/// month's posts) is painted, and the wasm instance (for its memory).
const OBSERVE: &str = r#"
window.__bench = { lcp: null, longtasks: [], bootSeen: false, appReady: null, archivePainted: null, wasm: null };
try {
  new PerformanceObserver(l => { for (const e of l.getEntries()) window.__bench.lcp = e.startTime; })
    .observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver(l => { for (const e of l.getEntries()) window.__bench.longtasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
} catch (e) {}
addEventListener('TrunkApplicationStarted', e => { window.__bench.wasm = e.detail && e.detail.wasm; });
window.__afterPaint = cb => requestAnimationFrame(() => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => cb(performance.now());
  ch.port2.postMessage(0);
});
(() => {
  const check = () => {
    const b = window.__bench;
    const boot = document.getElementById('boot');
    if (boot) b.bootSeen = true;
    if (b.appReady === null && b.bootSeen && !boot) {
      b.appReady = -1;
      window.__afterPaint(t => { b.appReady = t; });
    }
    if (b.archivePainted === null && !boot && document.querySelector('.archive-listing .post-list li')) {
      b.archivePainted = -1;
      window.__afterPaint(t => { b.archivePainted = t; });
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();
"#;

/// Lighthouse's mobile settings: 150 ms round trip, 1.6 Mbps down, 750 Kbps up.
fn mobile_network() -> Value {
    json!({
        "offline": false,
        "latency": 150,
        "downloadThroughput": 1_600_000.0 / 8.0,
        "uploadThroughput": 750_000.0 / 8.0,
    })
}

fn arg_path(plan: &Value, key: &str) -> PathBuf {
    PathBuf::from(
        plan[key]
            .as_str()
            .unwrap_or_else(|| panic!("the plan has no {key}")),
    )
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (plan_file, out_file) = match args.as_slice() {
        [_, plan, out] => (PathBuf::from(plan), PathBuf::from(out)),
        _ => {
            eprintln!("usage: browser_bench PLAN.json RESULTS.json");
            std::process::exit(2);
        }
    };
    let plan: Value =
        serde_json::from_str(&fs::read_to_string(&plan_file).expect("read the benchmark plan"))
            .expect("the plan is JSON");
    let runs = plan["runs"].as_u64().unwrap_or(5) as usize;
    let post = plan["post"].as_str().unwrap_or_default().to_string();
    let mut results = Map::new();

    // A plan may leave parts out ("skip": ["cold", "typing", "sizes", "pages", "archive",
    // "search"]), to measure one thing.
    let skip = |part: &str| {
        plan["skip"]
            .as_array()
            .is_some_and(|s| s.iter().any(|p| p == part))
    };
    if !skip("cold") {
        let dist = arg_path(&plan, "dist");
        eprintln!("browser bench: cold loads of {post}");
        results.insert("cold".into(), cold_loads(&dist, &post, runs).await);
    }
    if !skip("typing") {
        let dist = arg_path(&plan, "dist");
        eprintln!("browser bench: keystroke to paint with a 5,000-character draft");
        results.insert("typing".into(), typing(&dist, &post).await);
    }
    let mut sizes = Vec::new();
    let listed = plan["sizes"].as_array().cloned().unwrap_or_default();
    for size in listed.iter().filter(|_| !skip("sizes")) {
        let posts = size["posts"].as_u64().expect("posts");
        let site = PathBuf::from(size["site"].as_str().expect("site"));
        let post = size["post"].as_str().expect("post").to_string();
        eprintln!("browser bench: {posts} posts: cold loads, route changes, the archive");
        let h = Harness::serve_in_place(&site, Fallback::NotFound).await;
        h.before_every_page(OBSERVE).await;
        h.cdp("Network.enable", json!({})).await;
        let mut cold = Vec::new();
        let mut route = Value::Null;
        let mut archive = Vec::new();
        // "pages" leaves out all but the searches.
        if !skip("pages") {
            for _ in 0..runs {
                cold.push(cold_load(&h, &post, true).await);
            }
            route = route_changes(&h, &post).await;
            let archive_runs = if skip("archive") { 0 } else { runs.min(2) };
            for _ in 0..archive_runs {
                archive.push(archive_scrolled(&h).await);
            }
        }
        let search = if skip("search") {
            Value::Null
        } else {
            eprintln!("browser bench: {posts} posts: searches");
            json!({
                "unthrottled": searches(&h, runs, false).await,
                "mobile": throttled(&h, searches(&h, runs, true)).await,
            })
        };
        h.finish().await;
        sizes.push(json!({
            "posts": posts, "cold": cold, "route": route, "archive": archive, "search": search,
        }));
    }
    results.insert("sizes".into(), Value::Array(sizes));

    fs::write(
        &out_file,
        serde_json::to_string_pretty(&results).expect("JSON"),
    )
    .expect("write the results");
}

/// Clears the browser's cache, its service worker and what that kept, and loads `path`
/// cold, waiting for LCP and, when `app` is set, for the app to take over. Returns the
/// page's figures.
async fn cold_load(h: &Harness, path: &str, app: bool) -> Value {
    h.client.goto("about:blank").await.expect("blank");
    h.cdp("Network.clearBrowserCache", json!({})).await;
    let origin = h.url("");
    h.cdp(
        "Storage.clearDataForOrigin",
        json!({ "origin": origin.trim_end_matches('/'), "storageTypes": "service_workers,cache_storage" }),
    )
    .await;
    visit(h, path, app).await
}

/// Loads `path` as it is (a repeat visit keeps every cache and the service worker),
/// waiting as [`cold_load`] does.
async fn visit(h: &Harness, path: &str, app: bool) -> Value {
    h.client.goto("about:blank").await.expect("blank");
    h.open_static(path).await;
    let ready = if app {
        "const b = window.__bench; return !!b && b.appReady > 0 && b.lcp !== null;"
    } else {
        "const b = window.__bench; return !!b && b.lcp !== null && document.readyState === 'complete';"
    };
    h.wait_js("the page to load", ready).await;
    // Let a late, larger paint report itself before reading LCP.
    tokio::time::sleep(Duration::from_millis(300)).await;
    h.js(
        "const b = window.__bench;
         const fcp = performance.getEntriesByName('first-contentful-paint')[0];
         return { fcp: fcp ? fcp.startTime : null, lcp: b.lcp, app_ready: b.appReady > 0 ? b.appReady : null };",
        vec![],
    )
    .await
}

/// Cold loads of the post, plain and under mobile throttling, and of the same post as a
/// static page without JavaScript (the baseline), served by the same server.
async fn cold_loads(dist: &Path, post: &str, runs: usize) -> Value {
    let h = Harness::serve_in_place(dist, Fallback::NotFound).await;
    h.before_every_page(OBSERVE).await;
    h.cdp("Network.enable", json!({})).await;
    let baseline = baseline_path(post);
    let mut out = Map::new();
    for throttled in [false, true] {
        if throttled {
            h.cdp("Network.emulateNetworkConditions", mobile_network())
                .await;
            h.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 4 }))
                .await;
        }
        let mut app = Vec::new();
        let mut plain = Vec::new();
        for _ in 0..runs {
            app.push(cold_load(&h, post, true).await);
            plain.push(cold_load(&h, &baseline, false).await);
        }
        let name = if throttled { "mobile" } else { "unthrottled" };
        let mut figures = json!({ "app": app, "baseline": plain });
        if throttled {
            // Repeat visits, served by the service worker the first one installed.
            cold_load(&h, post, true).await;
            h.wait_until_saved(post).await;
            let mut repeat = Vec::new();
            for _ in 0..runs {
                repeat.push(visit(&h, post, true).await);
            }
            figures["repeat"] = Value::Array(repeat);
        }
        out.insert(name.into(), figures);
    }
    h.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 1 }))
        .await;
    h.finish().await;
    Value::Object(out)
}

/// Where xtask puts the baseline copy of a post: `bench-baseline/` plus its permalink.
fn baseline_path(post: &str) -> String {
    format!("/bench-baseline{post}")
}

/// Keystroke-to-paint in a comment form holding a 5,000-character draft: each key is a
/// real key event, timed from its `keydown` to just after the next frame is painted.
async fn typing(dist: &Path, post: &str) -> Value {
    let h = Harness::serve_in_place(dist, Fallback::NotFound).await;
    h.before_every_page(OBSERVE).await;
    h.open(post).await;
    h.wait_for("#comment-text").await;
    h.js(
        "const t = document.querySelector('#comment-text');
         t.value = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(100).slice(0, 5000);
         t.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![],
    )
    .await;
    h.wait_text(".draft-status", "Draft saved").await;
    h.js(
        "window.__keys = [];
         const t = document.querySelector('#comment-text');
         t.addEventListener('keydown', e => {
           const start = e.timeStamp;
           window.__afterPaint(now => window.__keys.push(now - start));
         }, true);",
        vec![],
    )
    .await;
    let field = h.wait_for("#comment-text").await;
    for i in 0..60 {
        field.send_keys("x").await.expect("type");
        // Now and then a pause, so that saves of the 5,000 characters happen between keys.
        let pause = if i % 10 == 9 { 600 } else { 30 };
        tokio::time::sleep(Duration::from_millis(pause)).await;
    }
    h.wait_js(
        "every key to be painted",
        "return window.__keys.length >= 60;",
    )
    .await;
    let samples = h.js("return window.__keys;", vec![]).await;
    let length = h
        .js(
            "return document.querySelector('#comment-text').value.length;",
            vec![],
        )
        .await;
    h.finish().await;
    json!({ "keystroke_to_paint": samples, "draft_length": length })
}

/// Runs `measure` under Lighthouse's mobile settings (network and CPU ×4), then lifts them.
async fn throttled<F: std::future::Future<Output = Value>>(h: &Harness, measure: F) -> Value {
    h.cdp("Network.emulateNetworkConditions", mobile_network())
        .await;
    h.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 4 }))
        .await;
    let figures = measure.await;
    h.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
    )
    .await;
    h.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 1 }))
        .await;
    figures
}

/// Searches from the home page, each run from a cold cache: a first search (Pagefind not
/// yet loaded: the box is focused and Enter pressed at once, so the load on focus has no
/// head start) and a further one. For each, the time from Enter until the first results
/// are painted, and the body bytes fetched from `pagefind/` as the server counts them
/// (Pagefind fetches from its worker, which the page's resource timings do not see).
/// `mobile`: the page is throttled (see [`throttled`]), and so is Pagefind's worker.
async fn searches(h: &Harness, runs: usize, mobile: bool) -> Value {
    let mut samples = Vec::new();
    for _ in 0..runs {
        cold_load(h, "/", true).await;
        h.forget_served();
        let first = search_and_time(h, "twitter", mobile).await;
        let first_bytes = h.bytes_served("/pagefind/");
        h.forget_served();
        let further = search_and_time(h, "family", false).await;
        let further_bytes = h.bytes_served("/pagefind/");
        samples.push(json!({
            "first": first, "first_bytes": first_bytes,
            "further": further, "further_bytes": further_bytes,
        }));
    }
    Value::Array(samples)
}

/// Types `term` into the search box and presses Enter (a form submission, as the key does),
/// and times until its first results are painted. With `throttle_worker`, Pagefind's
/// worker, which starts during this search, gets the page's mobile network and CPU.
async fn search_and_time(h: &Harness, term: &str, throttle_worker: bool) -> Value {
    h.wait_for("#search-box").await;
    if throttle_worker {
        // DevTools' emulation covers the page's own requests, not those of a worker it
        // starts: without this Pagefind would fetch its wasm and page list at full speed.
        // New workers wait for a debugger, so none of their requests escapes.
        h.cdp(
            "Target.setAutoAttach",
            json!({ "autoAttach": true, "waitForDebuggerOnStart": true, "flatten": false }),
        )
        .await;
    }
    let script = r#"
        const term = arguments[0];
        const box = document.querySelector('#search-box');
        box.focus();
        box.value = term;
        const arrived = () => {
            const count = document.querySelector('.search-count');
            return !!count && count.textContent.includes('“' + term + '”')
                && !!document.querySelector('.search-result h3 a');
        };
        window.__searched = new Promise(done => {
            const start = performance.now();
            let finished = false;
            const observer = new MutationObserver(() => {
                if (finished || !arrived()) return;
                finished = true;
                observer.disconnect();
                window.__afterPaint(t => done(t - start));
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            box.form.requestSubmit();
        });
    "#;
    h.js(script, vec![json!(term)]).await;
    if throttle_worker {
        throttle_new_worker(h).await;
    }
    h.client
        .execute_async(
            "window.__searched.then(arguments[arguments.length - 1]);",
            vec![],
        )
        .await
        .expect("timed search")
}

/// Finds Pagefind's worker, waiting for a debugger since it started, gives it the mobile
/// network and CPU, and lets it run. The time this takes (a few WebDriver round trips)
/// is counted in the search, against it.
async fn throttle_new_worker(h: &Harness) {
    let started = std::time::Instant::now();
    let worker = loop {
        let targets = h.cdp("Target.getTargets", json!({})).await;
        let found = targets["targetInfos"].as_array().and_then(|all| {
            all.iter().find(|t| {
                t["type"] == "worker" && t["url"].as_str().is_some_and(|u| u.contains("/pagefind/"))
            })
        });
        if let Some(worker) = found {
            break worker["targetId"].clone();
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "Pagefind's worker did not start: {targets}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    };
    let session = h
        .cdp(
            "Target.attachToTarget",
            json!({ "targetId": worker, "flatten": false }),
        )
        .await["sessionId"]
        .clone();
    for (id, (method, params)) in [
        ("Network.enable", json!({})),
        ("Network.emulateNetworkConditions", mobile_network()),
        ("Emulation.setCPUThrottlingRate", json!({ "rate": 4 })),
        ("Runtime.runIfWaitingForDebugger", json!({})),
    ]
    .into_iter()
    .enumerate()
    {
        let message = json!({ "id": id + 1, "method": method, "params": params });
        h.cdp(
            "Target.sendMessageToTarget",
            json!({ "sessionId": session, "message": message.to_string() }),
        )
        .await;
    }
    h.cdp(
        "Target.setAutoAttach",
        json!({ "autoAttach": false, "waitForDebuggerOnStart": false, "flatten": false }),
    )
    .await;
}

/// Route changes on a blog: from its newest post, a click on "Older Post" until the next
/// post has painted, 40 times with its data not yet fetched, then 40 times back along
/// "Newer Post" with the data cached, then 40 times along "Older Post" again, cached, each
/// click made as a frame starts.
///
/// Why the third set: the display shows a frame every 16.7 ms, and a change painted waits
/// for the next one. A click made wherever WebDriver's round trip happens to land in the
/// frame waits for it from there, so the second set's figures hold that wait, set by the
/// harness's own timing rather than by the app (see `bench/LEVERS.md`, "Corrections to the
/// benchmark itself"). A click made as a frame starts measures what the app and the
/// browser do to show the new post: the app's work and the frame's rendering.
async fn route_changes(h: &Harness, first: &str) -> Value {
    h.client.goto("about:blank").await.expect("blank");
    h.open(first).await;
    let mut uncached = Vec::new();
    for _ in 0..40 {
        uncached.push(click_and_time(h, ".blog-pager .older a", Click::AsItComes).await);
    }
    let mut cached = Vec::new();
    for _ in 0..40 {
        cached.push(click_and_time(h, ".blog-pager .newer a", Click::AsItComes).await);
    }
    let mut cached_aligned = Vec::new();
    for _ in 0..40 {
        cached_aligned.push(click_and_time(h, ".blog-pager .older a", Click::AsAFrameStarts).await);
    }
    json!({ "uncached": uncached, "cached": cached, "cached_aligned": cached_aligned })
}

/// When in the display's frame a timed click is made.
#[derive(Clone, Copy, PartialEq)]
enum Click {
    /// As soon as the script runs, wherever in the frame WebDriver's round trip has brought
    /// it: the post is painted with the next frame after it is in the document.
    AsItComes,
    /// In an animation frame callback, as a frame starts: a post in the document by the
    /// end of that callback's microtasks is rendered with that very frame, and its figure
    /// ends with the first task after it; a post that comes later waits for the next frame
    /// as with [`Click::AsItComes`] (and says so: `same_frame` false).
    AsAFrameStarts,
}

/// Clicks the link matching `css` and times the post it leads to: until it is in the
/// document, until that frame is painted (the task after the next animation frame, or
/// after the click's own frame for [`Click::AsAFrameStarts`]), and until a second
/// animation frame after that.
async fn click_and_time(h: &Harness, css: &str, click: Click) -> Value {
    h.wait_for(css).await;
    let script = r#"
        const done = arguments[arguments.length - 1];
        const aligned = arguments[1];
        const link = document.querySelector(arguments[0]);
        const target = new URL(link.href).pathname;
        const arrived = () => {
            const title = document.querySelector('article.post .post-title a');
            return !!title && new URL(title.href).pathname === target
                && !!document.querySelector('article.post .post-body')
                && !document.querySelector('.post-skeleton');
        };
        let finished = false;
        let inDom = 0;
        // Set once the click's own frame has been rendered without the post in it.
        let missedFrame = false;
        let observer = null;
        let start = 0;
        const finish = () => {
            if (finished) return;
            finished = true;
            if (observer) observer.disconnect();
            inDom = performance.now() - start;
            // In the click's own frame: the task after it reports (see `click`).
            if (aligned && !missedFrame) return;
            requestAnimationFrame(() => {
                const ch = new MessageChannel();
                ch.port1.onmessage = () => {
                    const painted = performance.now() - start;
                    requestAnimationFrame(() => done({
                        in_dom: inDom, painted, two_raf: performance.now() - start,
                        same_frame: false,
                    }));
                };
                ch.port2.postMessage(0);
            });
        };
        const click = () => {
            observer = new MutationObserver(() => { if (arrived()) finish(); });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            start = performance.now();
            link.click();
            if (arrived()) finish();
            if (aligned) {
                // A task posted during the frame's callbacks runs once the frame's style,
                // layout and paint are done.
                const ch = new MessageChannel();
                ch.port1.onmessage = () => {
                    if (finished) {
                        const painted = performance.now() - start;
                        done({ in_dom: inDom, painted, two_raf: painted, same_frame: true });
                    } else {
                        missedFrame = true;
                    }
                };
                ch.port2.postMessage(0);
            }
        };
        if (aligned) requestAnimationFrame(click); else click();
    "#;
    h.client
        .execute_async(
            script,
            vec![json!(css), json!(click == Click::AsAFrameStarts)],
        )
        .await
        .expect("timed route change")
}

/// A cold load of `/archive`, then a scroll from the newest entry to the oldest, a screen
/// at a time: the site file's size, the first screen after it arrived, the most elements
/// the document held, the longest task during the scroll, and memory at the end.
async fn archive_scrolled(h: &Harness) -> Value {
    h.client.goto("about:blank").await.expect("blank");
    h.cdp("Network.clearBrowserCache", json!({})).await;
    h.open_static("/archive").await;
    let started = std::time::Instant::now();
    loop {
        let state = h
            .js(
                "const b = window.__bench;
                 return { painted: !!b && b.archivePainted > 0, boot: !!document.getElementById('boot'),
                          rows: document.querySelectorAll('.archive-listing .post-list li').length,
                          bench: b ? { ...b, longtasks: b.longtasks.length, wasm: null } : null };",
                vec![],
            )
            .await;
        if state["painted"] == json!(true) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the archive's first screen was never painted: {state}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let first = h
        .js(
            "const b = window.__bench;
             const at = name => { const m = performance.getEntriesByName(name)[0]; return m ? m.startTime : null; };
             const site = performance.getEntriesByType('resource').find(e => e.name.endsWith('data/site.json'));
             return {
               site_bytes: site ? site.encodedBodySize : null,
               first_screen: b.archivePainted - at('scrapbook:site-fetched'),
               load_longest_task: Math.max(0, ...b.longtasks),
             };",
            vec![],
        )
        .await;
    // The scroll runs in the page, a screen a frame, until the end stops moving.
    h.js(
        "const b = window.__bench;
         b.longtasks = [];
         b.scroll = null;
         let maxElements = document.getElementsByTagName('*').length;
         let still = 0;
         const step = () => {
           const before = scrollY;
           scrollBy(0, innerHeight);
           requestAnimationFrame(() => setTimeout(() => {
             maxElements = Math.max(maxElements, document.getElementsByTagName('*').length);
             still = scrollY === before ? still + 1 : 0;
             if (still < 5) { step(); return; }
             const last = document.querySelector('.archive-listing > section[data-index]:last-of-type');
             b.scroll = {
               max_elements: maxElements,
               months_drawn: last ? Number(last.dataset.index) + 1 : 0,
             };
           }, 16));
         };
         scrollTo(0, 0);
         step();",
        vec![],
    )
    .await;
    let started = std::time::Instant::now();
    loop {
        let done = h.js("return window.__bench.scroll !== null;", vec![]).await;
        if done == json!(true) || started.elapsed() > Duration::from_secs(300) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    // Let the last months' files arrive and be drawn, then read the end state.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let end = h
        .js(
            "const b = window.__bench;
             const memory = performance.memory ? performance.memory.usedJSHeapSize : null;
             const wasm = b.wasm && b.wasm.memory ? b.wasm.memory.buffer.byteLength : null;
             return {
               max_elements: b.scroll ? b.scroll.max_elements : null,
               months_drawn: b.scroll ? b.scroll.months_drawn : null,
               longest_task: Math.max(0, ...b.longtasks),
               js_heap: memory,
               wasm_memory: wasm,
             };",
            vec![],
        )
        .await;
    let mut out = first;
    if let (Some(out), Some(end)) = (out.as_object_mut(), end.as_object()) {
        out.extend(end.clone());
    }
    out
}
