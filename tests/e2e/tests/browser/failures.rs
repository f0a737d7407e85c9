//! Bad data and failing servers: a clear message and a Retry that works, never a blank
//! page or a panic.

use std::fs;

use e2e::Harness;
use serde_json::json;

use crate::sample::*;

const SEED_JSON: &str = "data/posts/2009/04/win-for-little-guy-ashton-kutcher-plays.json";

#[tokio::test(flavor = "multi_thread")]
async fn a_corrupt_post_shows_an_error_and_retry_recovers() {
    let h = Harness::start().await;
    let file = h.site_file(SEED_JSON);
    let good = fs::read(&file).expect("read post JSON");
    fs::write(&file, b"{ \"schema\": 1, \"title\": ").expect("corrupt");

    h.open(SEED_PERMALINK).await;
    h.wait_text(".error-notice[role=alert]", "is damaged").await;
    // The rest of the page still works around the error.
    assert!(h.text(".archive-widget").await.is_some());

    fs::write(&file, &good).expect("repair");
    h.click(".error-notice .retry").await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    let errors = h
        .js(
            "return document.querySelectorAll('.error-notice').length;",
            vec![],
        )
        .await;
    assert_eq!(errors, json!(0));
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
    let newer = good.replacen("\"schema\":1", "\"schema\":2", 1);
    assert_ne!(
        good, newer,
        "the post JSON should start with its schema version"
    );
    fs::write(&file, newer).expect("write");

    h.open(SEED_PERMALINK).await;
    h.wait_text(".error-notice", "data format 2").await;
    fs::write(&file, good).expect("restore");
    h.click(".error-notice .retry").await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_broken_index_shows_an_error_instead_of_a_blank_page() {
    let h = Harness::start().await;
    let file = h.site_file("data/index.json");
    let good = fs::read(&file).expect("read index");
    fs::write(&file, b"<html>not the index</html>").expect("break");

    h.open("/").await;
    h.wait_text(
        ".error-notice",
        "The blog's list of posts could not be read",
    )
    .await;
    fs::write(&file, &good).expect("restore");
    h.click(".error-notice .retry").await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    h.finish().await;
}
