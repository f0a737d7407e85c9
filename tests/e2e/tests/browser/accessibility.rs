//! axe-core in every kind of page, in light and dark colour schemes: no serious or
//! critical violation.

use e2e::Harness;

use crate::sample::*;

/// Every kind of page a reader can land on, and what shows that it has loaded.
const PAGES: [(&str, &str); 8] = [
    ("/", "article.post .post-title"),
    (SEED_PERMALINK, "article.post .post-title"),
    ("/archive", ".archive-listing .archive-month"),
    ("/2009/04/", ".post-list li"),
    ("/search/label/twitter", ".post-list li, article.post"),
    ("/p/about.html", ".post-body"),
    ("/search?q=twitter", ".search-result .excerpt mark"),
    ("/2009/04/no-such-post.html", "main h2"),
];

/// True once nothing in the page is still loading.
const SETTLED: &str =
    "return !document.querySelector('.post-skeleton, .loading-line, .loading-rows, [aria-busy=true]');";

async fn check_every_page(scheme: &str) {
    let h = Harness::start().await;
    h.prefer_color_scheme(scheme).await;
    let mut failures = Vec::new();
    for (path, ready) in PAGES {
        h.open(path).await;
        h.wait_for(ready).await;
        h.wait_js("the page to finish loading", SETTLED).await;
        let emulated = h
            .js(
                "return matchMedia('(prefers-color-scheme: ' + arguments[0] + ')').matches;",
                vec![serde_json::json!(scheme)],
            )
            .await;
        assert_eq!(
            emulated,
            serde_json::json!(true),
            "{scheme} is not emulated"
        );
        let found = h.accessibility_violations().await;
        failures.extend(found.into_iter().map(|v| format!("{path} ({scheme}): {v}")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_kind_of_page_passes_axe_in_the_light_scheme() {
    check_every_page("light").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_kind_of_page_passes_axe_in_the_dark_scheme() {
    check_every_page("dark").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_reports_what_it_should() {
    // The check itself must be able to fail: an image without alt text is serious.
    let h = Harness::start().await;
    h.open("/").await;
    h.js(
        "const i = document.createElement('img'); i.src = '/assets/none.png'; \
         document.querySelector('main').appendChild(i); return true;",
        vec![],
    )
    .await;
    let found = h.accessibility_violations().await;
    assert!(
        found.iter().any(|v| v.starts_with("image-alt")),
        "axe missed an image without alt text: {found:?}"
    );
    h.finish().await;
}
