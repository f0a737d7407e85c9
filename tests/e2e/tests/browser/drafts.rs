//! Comment drafts that are never lost: reloads, closed tabs, two tabs, and storage that
//! throws, is full or holds something unreadable. Each test has a real Isso server behind
//! the form, as a blog with comments has.

use e2e::isso::Moderation;
use e2e::Harness;
use serde_json::json;

use crate::sample::SEED_PERMALINK;

const TEXT: &str = "#comment-text";
const NAME: &str = "#comment-name";
const STATUS: &str = ".draft-status";

fn draft_key(permalink: &str) -> String {
    format!("scrapbook.draft.v1:{permalink}")
}

/// The stored draft's text, read back from localStorage.
async fn stored_text(h: &Harness, permalink: &str) -> Option<String> {
    let raw = h.stored(&draft_key(permalink)).await?;
    let json: serde_json::Value = serde_json::from_str(&raw).expect("the stored draft is JSON");
    assert_eq!(
        json["v"], 1,
        "the stored draft carries its format version: {raw}"
    );
    json["text"].as_str().map(String::from)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_draft_comes_back_after_a_reload() {
    let h = Harness::start_commenting(Moderation::Off).await;
    h.open(SEED_PERMALINK).await;
    h.type_into(NAME, "Ann").await;
    h.type_into(TEXT, "Typed before a reload, with ünïcode ✓")
        .await;
    h.wait_text(STATUS, "Draft saved").await;
    assert_eq!(
        stored_text(&h, SEED_PERMALINK).await.as_deref(),
        Some("Typed before a reload, with ünïcode ✓")
    );

    h.client.refresh().await.expect("reload");
    h.wait_js(
        "the app to start again",
        "return !document.getElementById('boot');",
    )
    .await;
    h.wait_value(TEXT, "Typed before a reload, with ünïcode ✓")
        .await;
    assert_eq!(h.value(NAME).await, "Ann");
    h.wait_text(STATUS, "Draft saved").await;

    // Moving around the blog and back brings it back too.
    h.click_link("Home").await;
    h.wait_path("/").await;
    h.js("history.back();", vec![]).await;
    h.wait_value(TEXT, "Typed before a reload, with ünïcode ✓")
        .await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_draft_comes_back_after_the_tab_is_closed() {
    let h = Harness::start_commenting(Moderation::Off).await;
    let first = h.client.window().await.expect("window");
    let second = h.client.new_window(true).await.expect("new tab").handle;
    h.client.switch_to_window(first).await.expect("switch");
    h.open(SEED_PERMALINK).await;
    h.type_into(NAME, "Ann").await;
    // Closed at once, before the save that follows typing: leaving the page saves.
    h.type_into(TEXT, "Closed the tab straight after typing")
        .await;
    h.client.close_window().await.expect("close the tab");

    h.client.switch_to_window(second).await.expect("switch");
    h.open(SEED_PERMALINK).await;
    h.wait_value(TEXT, "Closed the tab straight after typing")
        .await;
    assert_eq!(h.value(NAME).await, "Ann");
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_tabs_follow_each_other_and_never_overwrite_unsaved_words() {
    let h = Harness::start_commenting(Moderation::Off).await;
    let a = h.client.window().await.expect("window");
    h.open(SEED_PERMALINK).await;
    let b = h.client.new_window(true).await.expect("new tab").handle;
    h.client.switch_to_window(b.clone()).await.expect("switch");
    h.open(SEED_PERMALINK).await;

    // B saves; A, with no edits of its own, takes B's draft.
    h.type_into(TEXT, "Started in tab B").await;
    h.wait_text(STATUS, "Draft saved").await;
    h.client.switch_to_window(a.clone()).await.expect("switch");
    h.wait_value(TEXT, "Started in tab B").await;

    // Both edit before either hears of the other's edit: A's storage fails for a moment
    // (it is full, say), so A holds unsaved words when B saves different ones.
    h.js(
        "window.__setItem = Storage.prototype.setItem;
         Storage.prototype.setItem = function () {
             throw new DOMException('full', 'QuotaExceededError');
         };",
        vec![],
    )
    .await;
    h.type_into(TEXT, ", then A").await;
    h.wait_text(STATUS, "full").await;
    h.client.switch_to_window(b.clone()).await.expect("switch");
    h.type_into(TEXT, ", then B").await;
    h.wait_text(STATUS, "Draft saved").await;

    // A hears of B's save while holding different unsaved words: both are kept, and the
    // reader chooses.
    h.client.switch_to_window(a.clone()).await.expect("switch");
    h.js("Storage.prototype.setItem = window.__setItem;", vec![])
        .await;
    h.wait_for(".draft-conflict").await;
    assert_eq!(h.value(TEXT).await, "Started in tab B, then A");
    h.wait_text(".draft-conflict .other-draft", "Started in tab B, then B")
        .await;
    assert_eq!(
        stored_text(&h, SEED_PERMALINK).await.as_deref(),
        Some("Started in tab B, then B"),
        "A's unsaved words must not overwrite B's saved draft until the reader chooses"
    );
    h.click(".draft-conflict .keep-both").await;
    let merged = "Started in tab B, then A\n\nStarted in tab B, then B";
    h.wait_value(TEXT, merged).await;
    h.wait_text(STATUS, "Draft saved").await;
    assert_eq!(
        stored_text(&h, SEED_PERMALINK).await.as_deref(),
        Some(merged)
    );

    // B has no unsaved edits now, so it follows.
    h.client.switch_to_window(b).await.expect("switch");
    h.wait_value(TEXT, merged).await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn storage_that_throws_keeps_the_draft_in_the_tab_with_a_warning() {
    let h = Harness::start_commenting(Moderation::Off).await;
    h.before_every_page(
        "Storage.prototype.setItem = function () {
             throw new DOMException('The operation is insecure.', 'SecurityError');
         };",
    )
    .await;
    h.open(SEED_PERMALINK).await;
    h.type_into(TEXT, "Nowhere to save this").await;
    h.wait_text(STATUS, "lives only in this tab").await;
    let warning = h.content(STATUS).await.unwrap_or_default();
    assert!(warning.contains("SecurityError"), "{warning}");
    assert_eq!(h.value(TEXT).await, "Nowhere to save this");
    assert_eq!(h.stored(&draft_key(SEED_PERMALINK)).await, None);

    // The draft lives on in this tab while the reader moves around the blog.
    h.click_link("Home").await;
    h.wait_path("/").await;
    h.js("history.back();", vec![]).await;
    h.wait_value(TEXT, "Nowhere to save this").await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_storage_warns_and_keeps_the_draft() {
    let h = Harness::start_commenting(Moderation::Off).await;
    h.open(SEED_PERMALINK).await;
    let filled = h
        .js(
            "let total = 0;
             for (const size of [1 << 20, 1 << 16, 1 << 10, 64, 1]) {
                 const chunk = 'x'.repeat(size);
                 for (;;) {
                     try { localStorage.setItem('filler-' + total, chunk); total++; }
                     catch (e) { break; }
                 }
             }
             return total;",
            vec![],
        )
        .await;
    assert!(
        filled.as_u64().unwrap_or(0) > 0,
        "storage took nothing: {filled}"
    );
    h.type_into(TEXT, "Written into a full storage").await;
    h.wait_text(STATUS, "storage for this site is full").await;
    assert_eq!(h.value(TEXT).await, "Written into a full storage");
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreadable_draft_is_set_aside_and_the_reader_told() {
    let h = Harness::start_commenting(Moderation::Off).await;
    h.open("/").await;
    h.js(
        "localStorage.setItem(arguments[0], '{\"v\":1,\"text\": broken');",
        vec![json!(draft_key(SEED_PERMALINK))],
    )
    .await;
    h.open(SEED_PERMALINK).await;
    h.wait_text(".draft-set-aside", "was set aside").await;
    let notice = h.content(".draft-set-aside").await.unwrap_or_default();
    assert!(notice.contains("could not be read"), "{notice}");

    // Kept, under a recovery key the notice names; the draft's own key is free again.
    let kept = h.stored_keys("scrapbook.draft-recovered:").await;
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(notice.contains(&kept[0]), "{notice}");
    assert_eq!(
        h.stored(&kept[0]).await.as_deref(),
        Some("{\"v\":1,\"text\": broken")
    );
    assert_eq!(h.stored(&draft_key(SEED_PERMALINK)).await, None);

    // The reader can look at it, and new typing saves as usual.
    h.click(".draft-set-aside summary").await;
    h.wait_text(".set-aside-text", "broken").await;
    h.type_into(TEXT, "A fresh start").await;
    h.wait_text(STATUS, "Draft saved").await;
    // Discarding is the reader's explicit choice.
    h.click(".draft-set-aside .discard-draft").await;
    h.wait_js(
        "the notice to go",
        "return !document.querySelector('.draft-set-aside');",
    )
    .await;
    assert!(h.stored_keys("scrapbook.draft-recovered:").await.is_empty());
    h.finish().await;
}
