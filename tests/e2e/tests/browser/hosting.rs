//! The site as static hosts serve it: a real file for every route on a server with no
//! fallback rewrite (as a CDN), the not-found page, hashed assets, and a sub-path.

use e2e::Harness;
use serde_json::json;
use static_host::Fallback;

use crate::sample::*;

/// The HTTP status and start of the body for `path`, fetched by the page.
async fn fetch(h: &Harness, path: &str) -> (i64, String) {
    let v = h
        .js(
            "return fetch(arguments[0]).then(async r => [r.status, (await r.text()).slice(0, 300)]);",
            vec![json!(path)],
        )
        .await;
    (
        v[0].as_i64().unwrap_or(0),
        v[1].as_str().unwrap_or("").to_string(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn every_permalink_loads_from_a_host_without_rewrites() {
    let h = Harness::start_with(Fallback::NotFound).await;
    for post in posts(&h) {
        h.open(&post.permalink).await;
        h.wait_text("article.post .post-title", &post.title).await;
        h.wait_title(&format!("Mediamum: {}", post.title)).await;
    }
    for (path, heading) in [
        ("/archive", "Blog Archive"),
        ("/2008/", "Posts from 2008"),
        ("/2008/07/", "Posts from July 2008"),
        ("/search/label/social%20media", "social media"),
        ("/p/about.html", "About Mediamum"),
    ] {
        h.open(path).await;
        h.wait_text(".page-heading", heading).await;
    }
    h.finish().await;
}

/// Opens `path` cold, lets the app take over and Chromium's preload check run (it warns
/// three seconds after the load event), and fails on any request answered 4xx or 5xx and
/// on any preload the page did not use. Returns the page's preloads.
async fn assert_clean_cold_load(h: &Harness, path: &str) -> Vec<String> {
    h.console().await;
    h.open(path).await;
    tokio::time::sleep(std::time::Duration::from_millis(3500)).await;
    let problems: Vec<_> = h
        .console()
        .await
        .into_iter()
        .filter(|(_, text)| {
            text.contains("was preloaded using link preload but not used")
                || text.contains("the server responded with a status of")
        })
        .collect();
    assert!(problems.is_empty(), "cold load of {path}: {problems:#?}");
    // Every script of the app is preloaded: one the browser finds only inside another (the
    // split's loader, imported by the glue) is a round trip more before the app starts.
    let late = h
        .js(
            "const preloaded = new Set([...document.querySelectorAll('link[rel=modulepreload]')]
                 .map(l => new URL(l.href, location.href).pathname));
             return performance.getEntriesByType('resource')
                 .map(e => new URL(e.name).pathname)
                 .filter(p => p.includes('/assets/') && p.endsWith('.js') && !preloaded.has(p));",
            vec![],
        )
        .await;
    assert_eq!(late, json!([]), "{path}: scripts loaded without a preload");
    let preloads = h
        .js(
            "return [...document.querySelectorAll('link[rel=preload]')].map(l => l.getAttribute('href')).filter(h => h.includes('/data/'));",
            vec![],
        )
        .await;
    serde_json::from_value(preloads).expect("a list of hrefs")
}

#[tokio::test(flavor = "multi_thread")]
async fn each_cold_load_preloads_exactly_what_it_uses_and_nothing_fails() {
    let h = Harness::start_with(Fallback::NotFound).await;
    let post = assert_clean_cold_load(&h, SEED_PERMALINK).await;
    let seed_json = SEED_PERMALINK.replace(".html", ".json");
    assert_eq!(
        post,
        [
            "/data/site.json".to_string(),
            format!("/data/posts{seed_json}")
        ],
        "a post preloads the site file and itself, no list"
    );
    let home = assert_clean_cold_load(&h, "/").await;
    assert_eq!(home.len(), 6, "the site file and five posts: {home:?}");
    for path in [
        "/archive",
        "/2008/",
        "/2008/07/",
        "/search/label/twitter",
        "/p/about.html",
    ] {
        let preloads = assert_clean_cold_load(&h, path).await;
        assert_eq!(preloads[0], "/data/site.json");
        assert!(preloads.len() >= 2, "{path}: {preloads:?}");
    }
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_paths_and_missing_assets_are_404() {
    let h = Harness::start_with(Fallback::NotFound).await;
    h.open("/no/such/page.html").await;
    h.wait_text(".not-found h2", "Page not found").await;
    h.wait_title("Mediamum: Page not found").await;
    let (status, _) = fetch(&h, "/no/such/page.html").await;
    assert_eq!(status, 404);
    // A missing hashed asset is a 404 (with the not-found page, as CDNs answer), never the
    // app's index page with a 200.
    let (status, body) = fetch(&h, "/assets/scrapbook-0123456789abcdef_bg.wasm").await;
    assert_eq!(status, 404);
    assert!(!body.contains("<title>Mediamum</title>"), "{body}");
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn each_route_file_is_readable_without_javascript() {
    let h = Harness::start_with(Fallback::NotFound).await;
    let html = std::fs::read_to_string(h.site_file(&SEED_PERMALINK[1..])).unwrap();
    for expected in [
        format!("<title>Mediamum: {SEED_TITLE}</title>"),
        SEED_FIRST_WORDS.to_string(),
        format!("<link rel=\"canonical\" href=\"https://mediamum.example.com{SEED_PERMALINK}\""),
        "<meta property=\"og:title\"".to_string(),
        "<meta name=\"description\"".to_string(),
        "0 comments:".to_string(),
        "Copyright © 2009 Mediamum".to_string(),
    ] {
        assert!(html.contains(&expected), "missing {expected}");
    }
    // Parsed as a browser with JavaScript off would (DOMParser runs no scripts), the
    // served file shows the post, its comments heading and the sidebar.
    h.open(SEED_PERMALINK).await;
    let seen = h
        .js(
            "return fetch(arguments[0]).then(r => r.text()).then(html => {
                 const doc = new DOMParser().parseFromString(html, 'text/html');
                 const text = s => (doc.querySelector(s) || {}).textContent || '';
                 return [text('#boot article.post .post-title'), text('#boot .post-body'),
                         text('#boot #comments h4'), text('#boot .archive-widget h2')];
             });",
            vec![json!(SEED_PERMALINK)],
        )
        .await;
    assert_eq!(seen[0], json!(SEED_TITLE));
    assert!(
        seen[1].as_str().unwrap_or("").starts_with(SEED_FIRST_WORDS),
        "{seen}"
    );
    assert_eq!(
        (&seen[2], &seen[3]),
        (&json!("0 comments:"), &json!("Blog Archive"))
    );
    let headers = std::fs::read_to_string(h.site_file("_headers")).unwrap();
    assert!(headers.contains("/assets/*\n  Cache-Control: public, max-age=31536000, immutable"));
    assert!(headers.contains("/data/*\n  Cache-Control: public, max-age=0, must-revalidate"));
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sub_path_build_works_under_its_path() {
    let h = Harness::start_sub_path().await;
    h.open("/blog/").await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    h.js("window.__noReload = 'still here';", vec![]).await;
    h.click("article.post .post-title a").await;
    h.wait_path(&format!("/blog{SEED_PERMALINK}")).await;
    h.wait_text("#comments h4", "0 comments:").await;
    let marker = h.js("return window.__noReload || null;", vec![]).await;
    assert_eq!(marker, json!("still here"), "the page was reloaded");
    // Every link, asset and data request stays under /blog/.
    let outside = h
        .js(
            "return [...document.querySelectorAll('a[href^=\"/\"], link[href^=\"/\"], script[src^=\"/\"]')]
                .map(e => e.getAttribute('href') || e.getAttribute('src'))
                .concat(performance.getEntriesByType('resource').map(e => new URL(e.name).pathname))
                .filter(p => !p.startsWith('/blog/'));",
            vec![],
        )
        .await;
    assert_eq!(outside, json!([]), "paths outside /blog/");
    let (status, body) = fetch(&h, "/blog/feeds/posts/default").await;
    assert_eq!(status, 200);
    assert!(body.contains("<feed"), "{body}");
    let feed = std::fs::read_to_string(h.site_file("blog/atom.xml")).unwrap();
    assert!(
        feed.contains("https://mediamum.example.com/blog/2009/04/"),
        "feed links"
    );
    // A deep link, opened directly from a host without rewrites.
    let oprah = posts_in(&h, "blog")[1].clone();
    h.open(&format!("/blog{}", oprah.permalink)).await;
    h.wait_text("article.post .post-title", &oprah.title).await;
    // This build names no comment server and no contact: comments are closed, and the
    // post's comments still show.
    h.wait_text(".comments .comments-closed", "Comments are closed.")
        .await;
    let forms = h
        .js(
            "return document.querySelectorAll('.comment-form').length;",
            vec![],
        )
        .await;
    assert_eq!(forms, json!(0));
    let shown = h
        .js(
            "return document.querySelectorAll('.comment-list > li').length;",
            vec![],
        )
        .await;
    assert_eq!(shown, json!(oprah.comments));
    h.open("/blog/nowhere").await;
    h.wait_text(".not-found h2", "Page not found").await;
    // Preloads name the sub-path, and every one is used.
    let preloads = assert_clean_cold_load(&h, &format!("/blog{}", oprah.permalink)).await;
    assert_eq!(preloads.len(), 2, "{preloads:?}");
    assert!(
        preloads.iter().all(|p| p.starts_with("/blog/data/")),
        "{preloads:?}"
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_old_address_from_front_matter_leads_to_its_post() {
    // A post as Hugo writes it, with an old address of its own.
    let h = Harness::start_with_content(|content| {
        std::fs::write(
            content.join("posts/moved.md"),
            "---\ntitle: \"Moved: a post from Hugo\"\ndate: 2009-04-19T08:00:00+10:00\n\
             slug: moved-from-hugo\ntags:\n  - moving house\naliases:\n  - /posts/moved/\n---\n\
             This post came over from Hugo.\n",
        )
        .expect("write the post");
    })
    .await;
    h.open_static("/posts/moved/").await;
    h.wait_path("/2009/04/moved-from-hugo.html").await;
    h.wait_js(
        "the app to take over the post's page",
        "return !document.getElementById('boot');",
    )
    .await;
    h.wait_text("article.post .post-body", "This post came over from Hugo.")
        .await;
    // Its tags are labels, with their own page.
    h.click_link("moving house").await;
    h.wait_path("/search/label/moving%20house").await;
    h.wait_text(".post-list", "Moved: a post from Hugo").await;
    h.finish().await;
}
