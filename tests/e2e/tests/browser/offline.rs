//! Offline reading and new versions: the service worker press writes, in Chromium with
//! the network switched off (DevTools' offline emulation, and the server unplugged).

use e2e::isso::Moderation;
use e2e::Harness;
use serde_json::json;

use crate::sample::*;

#[tokio::test(flavor = "multi_thread")]
async fn a_page_read_once_reloads_offline_and_the_app_takes_over() {
    let h = Harness::start().await;
    h.open(SEED_PERMALINK).await;
    h.wait_until_page_saved(SEED_PERMALINK).await;
    h.set_offline(true).await;
    h.open(SEED_PERMALINK).await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    h.wait_text("article.post .post-body", SEED_FIRST_WORDS)
        .await;
    h.finish().await;
}

/// The month page (`/2007/09/`) of a post's permalink (`/2007/09/name.html`).
fn month_of(permalink: &str) -> String {
    permalink[..permalink.rfind('/').unwrap() + 1].to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn offline_a_read_post_opens_in_app_and_an_unread_one_says_so_until_retry() {
    let h = Harness::start().await;
    let all = posts(&h);
    // The home page shows (and so loads) the newest posts; the oldest is never opened.
    let (read, unread) = (&all[1], all.last().unwrap());
    let month = month_of(&unread.permalink);
    h.open("/").await;
    h.wait_until_page_saved("/").await;
    h.click_link(&read.title).await;
    h.wait_text("article.post .post-title", &read.title).await;
    h.wait_until_saved(&format!(
        "/data/posts{}",
        read.permalink.replace(".html", ".json")
    ))
    .await;
    h.open(&month).await;
    h.wait_until_saved(&month).await;

    h.set_offline(true).await;
    h.open("/").await;
    h.click_link(&read.title).await;
    h.wait_text("article.post .post-title", &read.title).await;
    h.open(&month).await;
    h.click_link(&unread.title).await;
    h.wait_text(
        ".error-notice",
        "You are offline, and this post has not been saved on this device",
    )
    .await;

    h.set_offline(false).await;
    h.click(".error-notice button").await;
    h.wait_text("article.post .post-title", &unread.title).await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_address_never_read_offline_gets_the_shell_and_a_clear_message() {
    let h = Harness::start().await;
    let oldest = posts(&h).last().unwrap().permalink.clone();
    h.open("/").await;
    // The shell and the site file (a preload of the home page) both: the sidebar of the
    // offline page is drawn from the site file, which the worker saves after the page.
    h.wait_until_saved("/shell.html").await;
    h.wait_until_page_saved("/").await;
    h.set_offline(true).await;
    h.open(&oldest).await;
    h.wait_text(".error-notice", "You are offline").await;
    // The rest of the page still works: the sidebar's links are there.
    h.wait_for(".labels-widget a").await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_build_deployed_under_an_open_tab_offers_reload_and_reload_shows_it() {
    let h = Harness::start().await;
    // The worker as press writes it, so that only the stylesheet differs between builds.
    h.press_again();
    h.open("/").await;
    h.wait_until_saved("/").await;
    // Whether the page's stylesheet holds the rule given.
    let styled_with = "return [...document.querySelectorAll('style')] \
        .some(s => s.textContent.includes(arguments[0]));";
    // The worker's version, which the stylesheet must change although no file name does.
    let version = "return fetch('/sw.js', { cache: 'no-store' }).then(r => r.text()) \
        .then(t => (t.match(/VERSION\\s*=\\s*\"([^\"]+)\"/) || [])[1] || null);";
    let old_version = h.js(version, vec![]).await;
    assert!(
        old_version.is_string(),
        "no VERSION in sw.js: {old_version}"
    );
    let new_rule = h.deploy_a_new_build();
    assert_ne!(h.js(version, vec![]).await, old_version);
    // The open tab still works on its own version: in-app navigation, whose data comes
    // from the new build (same format), with the stylesheet its page came with.
    // The app looks for a new version on in-app navigation, at most every ten seconds.
    tokio::time::sleep(std::time::Duration::from_millis(10_500)).await;
    h.click_link("Archive").await;
    h.wait_for(".archive-listing").await;
    h.wait_text(".update-banner", "A new version of this blog is available")
        .await;
    assert_eq!(h.js(styled_with, vec![json!(new_rule)]).await, json!(false));
    h.click(".update-banner button").await;
    h.wait_js(
        "the page to load again with the new version",
        &format!(
            "return [...document.querySelectorAll('style')].some(s => s.textContent.includes({new_rule:?})) \
               && !document.querySelector('.update-banner') && !document.getElementById('boot');"
        ),
    )
    .await;
    // Where the reader was, with the new stylesheet applied (the policy allows it).
    assert_eq!(h.path().await, "/archive");
    let styled = h
        .js(
            "return getComputedStyle(document.body).fontFamily.length > 0 && \
             [...document.styleSheets].some(s => !s.href && s.cssRules.length > 50);",
            vec![],
        )
        .await;
    assert_eq!(styled, json!(true));
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_404_is_never_kept() {
    let h = Harness::start_with(static_host::Fallback::NotFound).await;
    h.open("/").await;
    h.wait_until_saved("/").await;
    h.open_static("/2009/04/no-such-post.html").await;
    h.wait_for("main h2").await;
    let status = h
        .js(
            "return fetch(arguments[0]).then(r => r.status);",
            vec![json!(h.url("/data/posts/2009/04/no-such-post.json"))],
        )
        .await;
    assert_eq!(status, json!(404));
    let kept = h
        .js(
            "return Promise.all([arguments[0], arguments[1]].map(u => caches.match(u))) \
               .then(r => r.map(x => !!x));",
            vec![
                json!(h.url("/2009/04/no-such-post.html")),
                json!(h.url("/data/posts/2009/04/no-such-post.json")),
            ],
        )
        .await;
    assert_eq!(kept, json!([false, false]));
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn offline_reading_works_under_a_sub_path() {
    let h = Harness::start_sub_path().await;
    let post = posts_in(&h, "blog").remove(1);
    let path = format!("/blog{}", post.permalink);
    h.open(&path).await;
    h.wait_until_page_saved(&path).await;
    let scope = h
        .js(
            "return navigator.serviceWorker.getRegistration().then(r => r && r.scope);",
            vec![],
        )
        .await;
    assert_eq!(scope, json!(h.url("/blog/")));
    h.set_offline(true).await;
    h.open(&path).await;
    h.wait_text("article.post .post-title", &post.title).await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_blog_is_installable() {
    let h = Harness::start().await;
    h.open("/").await;
    h.wait_until_saved("/").await;
    let errors = h.cdp("Page.getInstallabilityErrors", json!({})).await;
    assert_eq!(
        errors["installabilityErrors"],
        json!([]),
        "Chromium says the blog cannot be installed: {errors}"
    );
    let manifest = h
        .js(
            "return fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json());",
            vec![],
        )
        .await;
    assert_eq!(manifest["start_url"], json!("/"));
    assert_eq!(manifest["scope"], json!("/"));
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_comment_sent_offline_keeps_its_draft_and_says_why() {
    let h = Harness::start_commenting(Moderation::Off).await;
    h.open(SEED_PERMALINK).await;
    // The page and its data: the draft is checked after a reload offline.
    h.wait_until_page_saved(SEED_PERMALINK).await;
    h.wait_js(
        "the live comments to load",
        "return !document.querySelector('.comments-loading') && !!document.querySelector('#comment-text');",
    )
    .await;
    h.set_offline(true).await;
    h.type_into("#comment-name", "Di").await;
    h.type_into("#comment-text", "Written on a train.").await;
    h.click(".publish").await;
    h.wait_text(".send-problem", "You are offline").await;
    h.wait_text(".send-problem", "Your draft is kept").await;
    assert_eq!(h.value("#comment-text").await, "Written on a train.");
    // The draft survives a reload offline too.
    h.open(SEED_PERMALINK).await;
    h.wait_value("#comment-text", "Written on a train.").await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn offline_a_label_read_before_shows_its_posts_and_another_says_what_is_missing() {
    let h = Harness::start().await;
    h.open("/search/label/twitter").await;
    h.wait_for(".post-list li, article.post").await;
    h.wait_until_page_saved("/search/label/twitter").await;
    h.set_offline(true).await;
    h.open("/search/label/twitter").await;
    h.wait_for(".post-list li, article.post").await;
    h.open("/search/label/gadgets").await;
    h.wait_text(
        ".error-notice",
        "You are offline, and the posts with this label have not been saved on this device",
    )
    .await;
    h.wait_for(".archive-widget a").await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_storage_quota_drops_the_oldest_posts_and_reading_goes_on() {
    let h = Harness::start().await;
    let all = posts(&h);
    h.open("/").await;
    h.wait_until_saved("/").await;
    // Leave room for a few posts only.
    let usage = h
        .js(
            "return navigator.storage.estimate().then(e => e.usage);",
            vec![],
        )
        .await
        .as_f64()
        .unwrap_or(0.0);
    let origin = h.url("");
    h.cdp(
        "Storage.overrideQuotaForOrigin",
        json!({ "origin": origin.trim_end_matches('/'), "quotaSize": usage + 60_000.0 }),
    )
    .await;
    for (i, post) in all.iter().enumerate() {
        h.open(&post.permalink).await;
        h.wait_text("article.post .post-title", &post.title).await;
        if i == 0 {
            // The first post read is kept at first.
            h.wait_until_saved(&post.permalink).await;
        }
    }
    let newest_read = all.last().unwrap();
    h.wait_until_saved(&newest_read.permalink).await;
    let oldest_kept = h
        .js(
            "return caches.match(arguments[0]).then(r => !!r);",
            vec![json!(h.url(&all[0].permalink))],
        )
        .await;
    assert_eq!(
        oldest_kept,
        json!(false),
        "the first post read was never dropped"
    );
    h.finish().await;
}
