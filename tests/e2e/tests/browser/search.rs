//! Search This Blog: Pagefind's index, built by press, searched from the sidebar's box and
//! at Blogger's `/search?q=…` address, in Chromium.

use std::path::Path;

use e2e::Harness;
use serde_json::json;

use crate::sample::*;

/// A word that only the seed post (the Ashton Kutcher one) holds.
const ONLY_IN_SEED: &str = "Kutcher";

/// How many of the page's resources came from the `pagefind/` folder.
async fn pagefind_requests(h: &Harness) -> u64 {
    h.js(
        "return performance.getEntriesByType('resource')
            .filter(e => new URL(e.name).pathname.includes('/pagefind/')).length;",
        vec![],
    )
    .await
    .as_u64()
    .unwrap_or(0)
}

/// The titles of the results shown, in order.
async fn result_titles(h: &Harness) -> Vec<String> {
    let titles = h
        .js(
            "return [...document.querySelectorAll('.search-result h3')].map(e => e.textContent.trim());",
            vec![],
        )
        .await;
    serde_json::from_value(titles).unwrap_or_default()
}

/// The number the results count starts with ("3 results for …").
async fn result_count(h: &Harness) -> usize {
    let count = h.content(".search-count").await.unwrap_or_default();
    count
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count: {count:?}"))
}

/// Marks the page so that a reload (which would forget the mark) can be told apart from
/// in-app navigation.
async fn mark_page(h: &Harness) {
    h.js("window.__notReloaded = true;", vec![]).await;
}

async fn still_marked(h: &Harness) -> bool {
    h.js("return window.__notReloaded === true;", vec![]).await == json!(true)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_word_in_one_post_finds_it_from_the_box_and_nothing_loads_before() {
    let h = Harness::start().await;
    h.open("/").await;
    // The first visit fetches nothing of the index.
    assert_eq!(
        pagefind_requests(&h).await,
        0,
        "Pagefind loaded on a first visit"
    );
    mark_page(&h).await;
    h.forget_served();
    h.type_into("#search-box", &format!("{ONLY_IN_SEED}\u{E007}"))
        .await;
    h.wait_path(&format!("/search?q={ONLY_IN_SEED}")).await;
    h.wait_text(".search-count", &format!("1 result for “{ONLY_IN_SEED}”"))
        .await;
    h.wait_for(".search-result").await;
    assert_eq!(result_titles(&h).await, [SEED_TITLE]);
    // The loader fetched Pagefind's wasm and page list ahead of Pagefind, which then
    // used them from the browser's cache: each crossed the network once.
    let loader = std::fs::read_to_string(h.site_file("pagefind/load.js")).unwrap_or_default();
    for name in ["wasm.en.pagefind", "pagefind.en_"] {
        let file_name = std::fs::read_dir(h.site_file("pagefind"))
            .expect("the index folder")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .find(|n| n.starts_with(name) && !n.ends_with(".br"))
            .unwrap_or_else(|| panic!("no {name}… in pagefind/"));
        assert!(
            loader.contains(&file_name),
            "the loader fetches {file_name}"
        );
        // One copy, and the brotli one press writes beside Pagefind's gzip (the bytes
        // unpacked, which Pagefind's worker took as they are: the search answered).
        let copy = format!("pagefind/{file_name}.br");
        let copy_size = std::fs::metadata(h.site_file(&copy)).map_or(0, |m| m.len() as usize);
        let served = h.bytes_served(&format!("/pagefind/{file_name}"));
        assert!(
            copy_size > 0 && served == copy_size,
            "{file_name} was sent {served} bytes, not its brotli copy's {copy_size} once"
        );
    }
    // Pagefind asked for its entry file under the tag the loader gave it, the address
    // the loader had fetched, and took it from the browser's cache: one request, the
    // loader's.
    let tag = loader
        .split("metaCacheTag: \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the loader tells Pagefind a tag");
    let entry = "/pagefind/pagefind-entry.json";
    assert_eq!(
        (
            h.requests_served(entry),
            h.requests_served(&format!("{entry}?ts={tag}"))
        ),
        (1, 1),
        "the entry file's requests: all, and under the loader's tag"
    );
    assert!(still_marked(&h).await, "the search reloaded the page");
    let marked = h.content(".search-result .excerpt mark").await;
    assert_eq!(marked.as_deref(), Some(ONLY_IN_SEED));
    let date = h.content(".search-result time").await.unwrap_or_default();
    assert!(date.contains("2009"), "the result's date: {date:?}");
    // The title links to the permalink, in the app.
    h.click_link(SEED_TITLE).await;
    h.wait_path(SEED_PERMALINK).await;
    h.wait_text("article.post .post-body", SEED_FIRST_WORDS)
        .await;
    assert!(
        still_marked(&h).await,
        "following a result reloaded the page"
    );
    h.wait_title(&format!("Mediamum: {SEED_TITLE}")).await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_phrase_and_a_label_filter_narrow_the_results() {
    let h = Harness::start().await;
    h.open("/search?q=%22little+guy%22").await;
    h.wait_for(".search-result").await;
    assert_eq!(result_titles(&h).await, [SEED_TITLE]);
    // The same words in the other order are not the phrase.
    h.open("/search?q=%22guy+little%22").await;
    h.wait_text(".search-count", "0 results").await;

    // "twitter" is in posts with and without the label "social media".
    h.open("/search?q=twitter").await;
    h.wait_for(".search-result").await;
    let all = result_count(&h).await;
    h.open("/search?q=twitter&label=social+media").await;
    h.wait_text(".search-filter", "social media").await;
    h.wait_for(".search-result").await;
    let some = result_count(&h).await;
    assert!(some > 0 && some < all, "{some} of {all} with the label");
    let unlabelled = h
        .js(
            "return [...document.querySelectorAll('.search-result')]
                .filter(r => ![...r.querySelectorAll('.result-labels a')]
                    .some(a => a.textContent === 'social media')).length;",
            vec![],
        )
        .await;
    assert_eq!(unlabelled, json!(0), "a result without the label");
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_imported_japanese_post_is_found_by_one_word_of_its_title() {
    let export = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../crates/press/tests/fixtures/blog-04-20-2009.xml");
    let h = Harness::start_with_content(|content| {
        // The export is Mediamum's own: it replaces the sample posts, as for an author
        // who brings the blog over.
        std::fs::remove_dir_all(content.join("posts")).expect("remove the sample posts");
        press::blogger::import(&export, content, false, |_| {})
            .unwrap_or_else(|e| panic!("import: {e}"));
    })
    .await;
    h.open("/search?q=%E6%9D%B1%E4%BA%AC").await;
    h.wait_for(".search-result").await;
    assert_eq!(result_titles(&h).await, ["東京のママ"]);
    assert_eq!(
        h.content(".search-result mark").await.as_deref(),
        Some("東京")
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn more_results_pages_through_a_long_list() {
    let h = Harness::start().await;
    // Every sample post has "the" in it: more than one page of results.
    h.open("/search?q=the").await;
    h.wait_for(".search-result").await;
    let total = result_count(&h).await;
    assert!(total > 10, "{total} results");
    assert_eq!(result_titles(&h).await.len(), 10);
    h.click(".more-results").await;
    h.wait_js(
        "the next results",
        &format!("return document.querySelectorAll('.search-result h3').length === {total};"),
    )
    .await;
    let titles = result_titles(&h).await;
    let mut unique = titles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), total, "a result shown twice: {titles:?}");
    // Everything is shown: no more "More results".
    assert_eq!(
        h.js("return !!document.querySelector('.more-results');", vec![])
            .await,
        json!(false)
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn no_results_say_so_and_suggest_the_labels() {
    let h = Harness::start().await;
    h.open("/search?q=zebracorn").await;
    h.wait_text(".search-count", "0 results for “zebracorn”")
        .await;
    h.wait_text(".no-results", "No posts match “zebracorn”")
        .await;
    h.click_link("social media").await;
    h.wait_path("/search/label/social%20media").await;
    // An empty search asks for words.
    h.open("/search").await;
    h.wait_text(".search-page", "Type what you are looking for")
        .await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn keyboard_only_search_and_back_and_forward() {
    let h = Harness::start().await;
    h.open(SEED_PERMALINK).await;
    mark_page(&h).await;
    // "/" from the page focuses the box.
    let body = h.wait_for("body").await;
    body.send_keys("/").await.expect("slash");
    h.wait_js(
        "the search box to be focused",
        "return document.activeElement && document.activeElement.id === 'search-box';",
    )
    .await;
    assert_eq!(h.value("#search-box").await, "", "the slash was typed in");
    let search_box = h.wait_for("#search-box").await;
    search_box
        .send_keys(&format!("{ONLY_IN_SEED}\u{E007}"))
        .await
        .expect("type");
    h.wait_for(".search-result a").await;
    // The landmark and the live region are there for screen readers.
    let roles = h
        .js(
            "return [!!document.querySelector('form[role=search] input[type=search][aria-labelledby]'),
                     document.querySelector('.search-count').getAttribute('aria-live')];",
            vec![],
        )
        .await;
    assert_eq!(roles, json!([true, "polite"]));
    // Tab from the box reaches the result's link, and Enter follows it.
    let link = h.wait_for(".search-result h3 a").await;
    link.send_keys("\u{E007}").await.expect("enter");
    h.wait_path(SEED_PERMALINK).await;
    h.js("history.back();", vec![]).await;
    h.wait_path(&format!("/search?q={ONLY_IN_SEED}")).await;
    h.wait_for(".search-result").await;
    assert_eq!(result_titles(&h).await, [SEED_TITLE]);
    h.wait_value("#search-box", ONLY_IN_SEED).await;
    h.js("history.back();", vec![]).await;
    h.wait_path(SEED_PERMALINK).await;
    h.js("history.forward();", vec![]).await;
    h.wait_path(&format!("/search?q={ONLY_IN_SEED}")).await;
    assert!(
        still_marked(&h).await,
        "moving through history reloaded the page"
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn search_works_under_a_sub_path() {
    let h = Harness::start_sub_path().await;
    h.open("/blog/").await;
    h.type_into("#search-box", &format!("{ONLY_IN_SEED}\u{E007}"))
        .await;
    h.wait_path(&format!("/blog/search?q={ONLY_IN_SEED}")).await;
    h.wait_for(".search-result").await;
    let href = h
        .js(
            "return document.querySelector('.search-result h3 a').getAttribute('href');",
            vec![],
        )
        .await;
    assert_eq!(href, json!(format!("/blog{SEED_PERMALINK}")));
    // Reloaded, the address is served by the search page a CDN has.
    h.open(&format!("/blog/search?q={ONLY_IN_SEED}")).await;
    h.wait_for(".search-result").await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn without_its_index_search_says_so_and_the_rest_works() {
    let h = Harness::start().await;
    std::fs::remove_dir_all(h.site_file("pagefind")).expect("remove pagefind/");
    h.open(&format!("/search?q={ONLY_IN_SEED}")).await;
    h.wait_text(".error-notice", "Search could not be loaded")
        .await;
    // Retry tries again (and fails again, clearly).
    h.click(".error-notice button").await;
    h.wait_text(".error-notice", "Search could not be loaded")
        .await;
    // The rest of the app is unharmed.
    h.click_link("Archive").await;
    h.wait_path("/archive").await;
    h.click_link(SEED_TITLE).await;
    h.wait_text("article.post .post-body", SEED_FIRST_WORDS)
        .await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn without_javascript_the_search_page_points_to_the_archive() {
    let h = Harness::start().await;
    let page = std::fs::read_to_string(h.site_file("search/index.html")).expect("search page");
    let noscript = &page[page.find("<noscript>").expect("a noscript message")..];
    assert!(noscript.contains("needs JavaScript"), "{noscript}");
    assert!(noscript.contains("href=\"/archive\""), "{noscript}");
    assert!(
        noscript.contains("href=\"/search/label/social%20media\""),
        "{noscript}"
    );
    // The box works without JavaScript too: it is a form that goes to this page.
    assert!(
        page.contains("<form role=\"search\" action=\"/search\" method=\"get\""),
        "{page}"
    );
    h.finish().await;
}
