//! Bad data and failing servers: a clear message and a Retry that works, never a blank
//! page or a panic.

use std::fs;

use e2e::Harness;
use serde_json::json;

use crate::sample::*;

/// How many error notices the page shows.
async fn error_count(h: &Harness) -> u64 {
    h.js(
        "return document.querySelectorAll('.error-notice').length;",
        vec![],
    )
    .await
    .as_u64()
    .unwrap_or(0)
}

const SEED_JSON: &str = "data/posts/2009/04/win-for-little-guy-ashton-kutcher-plays.json";

#[tokio::test(flavor = "multi_thread")]
async fn a_corrupt_post_shows_an_error_and_retry_recovers() {
    let h = Harness::start().await;
    let file = h.site_file(SEED_JSON);
    let good = fs::read(&file).expect("read post JSON");
    fs::write(&file, b"{ \"schema\": 2, \"title\": ").expect("corrupt");

    h.open(SEED_PERMALINK).await;
    h.wait_text(".error-notice[role=alert]", "is damaged").await;
    // The rest of the page still works around the error.
    assert!(h.text(".archive-widget").await.is_some());

    fs::write(&file, &good).expect("repair");
    h.click(".error-notice .retry").await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    assert_eq!(error_count(&h).await, 0);
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_post_shows_an_error_and_retry_recovers() {
    let h = Harness::start().await;
    let file = h.site_file(SEED_JSON);
    let good = fs::read(&file).expect("read post JSON");
    fs::remove_file(&file).expect("remove");

    h.open(SEED_PERMALINK).await;
    h.wait_text(
        ".error-notice",
        "could not be found on the server (HTTP 404",
    )
    .await;
    h.click(".error-notice .retry").await;
    // Still missing: still an error, and still a Retry.
    h.wait_text(".error-notice", "HTTP 404").await;

    fs::write(&file, &good).expect("restore");
    h.click(".error-notice .retry").await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_schema_version_is_refused_by_name() {
    let h = Harness::start().await;
    let file = h.site_file(SEED_JSON);
    let good = fs::read_to_string(&file).expect("read post JSON");
    let newer = good.replacen("\"schema\":2", "\"schema\":3", 1);
    assert_ne!(
        good, newer,
        "the post JSON should start with its schema version"
    );
    fs::write(&file, newer).expect("write");

    h.open(SEED_PERMALINK).await;
    h.wait_text(".error-notice", "data format 3").await;
    fs::write(&file, good).expect("restore");
    h.click(".error-notice .retry").await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_broken_site_file_shows_an_error_instead_of_a_blank_page() {
    let h = Harness::start().await;
    let file = h.site_file("data/site.json");
    let good = fs::read(&file).expect("read index");
    fs::write(&file, b"<html>not the index</html>").expect("break");

    h.open("/").await;
    h.wait_text(
        ".error-notice",
        "The blog's settings and archive could not be read",
    )
    .await;
    fs::write(&file, &good).expect("restore");
    h.click(".error-notice .retry").await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_month_fails_in_its_place_in_the_archive_and_nowhere_else() {
    let h = Harness::start().await;
    let file = h.site_file("data/months/2008-07.json");
    let good = fs::read(&file).expect("read the month's JSON");
    fs::remove_file(&file).expect("remove");

    h.open("/archive").await;
    let july = ".archive-listing section:has(#archive-2008-07)";
    h.wait_text(
        &format!("{july} .error-notice"),
        "This month's posts could not be found",
    )
    .await;
    // Every other month still lists its posts, and the rest of the page works.
    h.wait_js(
        "the other months' posts",
        "return document.querySelectorAll('.archive-listing .post-list li').length > 5;",
    )
    .await;
    assert_eq!(error_count(&h).await, 1);
    assert!(h.text(".archive-widget").await.is_some());

    fs::write(&file, &good).expect("restore");
    h.click(&format!("{july} .error-notice .retry")).await;
    h.wait_text(&format!("{july} .post-list"), "iPhone").await;
    assert_eq!(error_count(&h).await, 0);
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_label_file_shows_its_error_and_the_page_still_works() {
    let h = Harness::start().await;
    let file = h.site_file("data/labels/twitter/1.json");
    let good = fs::read(&file).expect("read the label's JSON");
    fs::write(&file, b"{\"schema\": 2, \"posts\": [").expect("damage");

    h.open("/search/label/twitter").await;
    h.wait_text(".label-page .error-notice", "is damaged").await;
    // The heading, the sidebar and the navigation are all there around it.
    h.wait_text(".page-heading", "twitter").await;
    assert!(h.text(".labels-widget").await.is_some());
    h.wait_title("Mediamum: twitter").await;

    fs::write(&file, &good).expect("repair");
    h.click(".label-page .error-notice .retry").await;
    h.wait_for(".label-page .post-list li").await;
    assert_eq!(error_count(&h).await, 0);
    h.finish().await;
}

/// The file of the wasm's split-off part `name` (`pages`: the archive, year, month and
/// search pages; `comments`: the comment form) in the test's site copy.
fn split_part(h: &Harness, name: &str) -> std::path::PathBuf {
    let assets = h.site_file("assets");
    let prefix = format!("part-split_{name}-");
    fs::read_dir(&assets)
        .expect("list assets")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            let file = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            file.starts_with(&prefix) && file.ends_with(".wasm")
        })
        .unwrap_or_else(|| panic!("the release build has no {prefix}*.wasm"))
}

#[tokio::test(flavor = "multi_thread")]
async fn posts_need_no_split_off_part_and_a_missing_part_fails_in_its_place() {
    let h = Harness::start().await;
    let part = split_part(&h, "pages");
    let good = fs::read(&part).expect("read the part");
    fs::remove_file(&part).expect("remove the part");

    // A post, and the next one in the app, without the part: what a first visit to a
    // post loads is enough for every post.
    h.open(SEED_PERMALINK).await;
    h.wait_for("#main .post-title").await;
    h.click(".blog-pager .older a").await;
    h.wait_path("/2009/04/oprah-joins-twitter-and-the-fail-whale.html")
        .await;
    h.wait_for("#main .post-title").await;
    assert_eq!(error_count(&h).await, 0);

    h.click_link("Archive").await;
    h.wait_text("#main .error-notice", "could not be loaded")
        .await;
    // The frame around it works: the sidebar is there and a post still opens.
    assert!(h.text(".archive-widget").await.is_some());
    assert_eq!(error_count(&h).await, 1);

    fs::write(&part, &good).expect("restore the part");
    h.click("#main .error-notice .retry").await;
    h.wait_for(".archive-listing .post-list li").await;
    assert_eq!(error_count(&h).await, 0);
    h.click_link("Home").await;
    h.wait_for("#main .post-title").await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_comment_form_part_fails_in_its_place_and_the_draft_waits_for_it() {
    let h = Harness::start().await;
    let part = split_part(&h, "comments");
    let good = fs::read(&part).expect("read the part");
    fs::remove_file(&part).expect("remove the part");
    // A draft from an earlier visit, in the format the form writes.
    let key = format!("scrapbook.draft.v1:{SEED_PERMALINK}");
    h.open("/").await;
    h.js(
        "localStorage.setItem(arguments[0], JSON.stringify({ v: 1, saved_at: 1, name: 'Ann', website: '', text: 'Written on an earlier visit' }));",
        vec![json!(key)],
    )
    .await;
    let stored = h.stored(&key).await;

    h.open(SEED_PERMALINK).await;
    h.wait_text(
        ".comments .error-notice",
        "comment form could not be loaded",
    )
    .await;
    // The post, its comments and the rest of the page are there around it.
    h.wait_for("#main .post-title").await;
    assert!(h.text("#comments-heading").await.is_some());
    assert!(h.text(".archive-widget").await.is_some());
    assert_eq!(error_count(&h).await, 1);
    assert_eq!(h.stored(&key).await, stored, "the draft is untouched");

    fs::write(&part, &good).expect("restore the part");
    h.click(".comments .error-notice .retry").await;
    h.wait_value("#comment-text", "Written on an earlier visit")
        .await;
    assert_eq!(h.value("#comment-name").await, "Ann");
    assert_eq!(error_count(&h).await, 0);
    h.finish().await;
}
