//! Sending comments to a real Isso server: published, held for moderation, failing while
//! the server is down and retried, and a comment that tries to run script. Also the blogs
//! without a server: comments by email, and comments closed.

use e2e::isso::Moderation;
use e2e::Harness;
use serde_json::json;

use crate::sample::{posts, SEED_PERMALINK};

const TEXT: &str = "#comment-text";
const NAME: &str = "#comment-name";

/// The first post of the site that has bundled comments, and how many.
fn post_with_comments(h: &Harness) -> (String, u64) {
    let post = posts(h)
        .into_iter()
        .find(|p| p.comments > 0)
        .expect("the sample blog has a post with comments");
    (post.permalink, post.comments)
}

/// Waits until the live comments have loaded (or failed to).
async fn live_comments_settled(h: &Harness) {
    h.wait_js(
        "the live comments to load",
        "return !document.querySelector('.comments-loading') && !!document.querySelector('#comment-text');",
    )
    .await;
}

async fn count_of(h: &Harness, css: &str) -> u64 {
    h.js(
        "return document.querySelectorAll(arguments[0]).length;",
        vec![json!(css)],
    )
    .await
    .as_u64()
    .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sent_comment_appears_after_the_bundled_ones_and_its_draft_is_cleared() {
    let h = Harness::start_commenting(Moderation::Off).await;
    let (permalink, bundled) = post_with_comments(&h);
    h.open(&permalink).await;
    live_comments_settled(&h).await;
    h.wait_text("#comments-heading", &format!("{bundled} comment"))
        .await;

    h.type_into(NAME, "Ann Reader").await;
    h.type_into("#comment-website", "https://ann.example").await;
    h.type_into(TEXT, "What a week for Twitter.").await;
    h.wait_text(".draft-status", "Draft saved").await;
    h.click(".publish").await;
    h.wait_text(".send-done", "published").await;

    // Last in the list, after the bundled comments, with a link to the website.
    let last = ".comment-list > li:last-child";
    h.wait_text(last, "What a week for Twitter.").await;
    h.wait_text(&format!("{last} .comment-author"), "Ann Reader said")
        .await;
    let link = h
        .js(
            "return document.querySelector(arguments[0] + ' .comment-author a').href;",
            vec![json!(last)],
        )
        .await;
    assert_eq!(link, json!("https://ann.example/"));
    h.wait_text("#comments-heading", &format!("{} comments", bundled + 1))
        .await;
    assert_eq!(count_of(&h, ".comment-list > li").await, bundled + 1);

    // The draft is gone: the text is cleared, and storage no longer holds it.
    assert_eq!(h.value(TEXT).await, "");
    assert_eq!(
        h.value(NAME).await,
        "Ann Reader",
        "the name stays for next time"
    );
    assert_eq!(
        h.stored(&format!("scrapbook.draft.v1:{permalink}")).await,
        None
    );

    // A new visit gets the comment from the server, and no old draft.
    h.client.refresh().await.expect("reload");
    h.wait_js("the app", "return !document.getElementById('boot');")
        .await;
    h.wait_text(last, "What a week for Twitter.").await;
    assert_eq!(h.value(TEXT).await, "");
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_moderated_comment_shows_as_awaiting_moderation() {
    let mut h = Harness::start_commenting(Moderation::On).await;
    h.open(SEED_PERMALINK).await;
    live_comments_settled(&h).await;
    h.type_into(NAME, "Bea").await;
    h.type_into(TEXT, "Held for the author to read first.")
        .await;
    h.click(".publish").await;
    h.wait_text(".send-done", "awaiting moderation").await;
    h.wait_text(".comment.pending", "Held for the author to read first.")
        .await;
    h.wait_text(".comment.pending .comment-pending", "awaiting moderation")
        .await;
    // Not counted as a published comment.
    h.wait_text("#comments-heading", "0 comments").await;
    assert_eq!(h.value(TEXT).await, "");
    assert!(
        h.isso().log_text().contains("Held for the author"),
        "the comment reached the server"
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_comment_sent_while_the_server_is_down_is_kept_and_retried() {
    let mut h = Harness::start_commenting(Moderation::Off).await;
    h.open(SEED_PERMALINK).await;
    live_comments_settled(&h).await;
    h.isso().stop();

    h.type_into(NAME, "Cy").await;
    h.type_into(TEXT, "Sent into the void, then again.").await;
    h.click(".publish").await;
    h.wait_text(".send-problem", "could not be reached").await;
    h.wait_text(".send-problem", "Your draft is kept").await;
    assert_eq!(h.value(TEXT).await, "Sent into the void, then again.");
    let stored = h
        .stored(&format!("scrapbook.draft.v1:{SEED_PERMALINK}"))
        .await
        .expect("the draft is still stored");
    assert!(stored.contains("Sent into the void"), "{stored}");

    h.isso().resume();
    h.click(".send-problem .retry").await;
    h.wait_text(".send-done", "published").await;
    h.wait_text(".comment-list", "Sent into the void, then again.")
        .await;
    assert_eq!(h.value(TEXT).await, "");
    assert_eq!(
        h.stored(&format!("scrapbook.draft.v1:{SEED_PERMALINK}"))
            .await,
        None
    );
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_comment_says_why_and_keeps_the_draft() {
    let h = Harness::start_commenting(Moderation::Off).await;
    h.open(SEED_PERMALINK).await;
    live_comments_settled(&h).await;
    // Too short for the form's own check: nothing is sent.
    h.type_into(NAME, "Di").await;
    h.type_into(TEXT, "ok").await;
    h.click(".publish").await;
    h.wait_text(".send-problem", "at least 3 characters").await;
    assert_eq!(h.value(TEXT).await, "ok");
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_comment_that_tries_to_run_script_shows_as_harmless_text() {
    let h = Harness::start_commenting(Moderation::Off).await;
    h.before_every_page(
        "window.__alerts = []; window.alert = (m) => window.__alerts.push(String(m));",
    )
    .await;
    h.open(SEED_PERMALINK).await;
    live_comments_settled(&h).await;
    let attack = "<img src=x onerror=alert(1)> <script>alert(2)</script>";
    h.type_into(NAME, "<b onmouseover=alert(3)>Mallory</b>")
        .await;
    h.type_into(TEXT, attack).await;
    h.click(".publish").await;
    h.wait_text(".send-done", "published").await;

    for visit in ["just sent", "loaded from the server"] {
        h.wait_text(".comment-list", attack).await;
        h.wait_text(".comment-list", "<b onmouseover=alert(3)>Mallory</b> said")
            .await;
        for tag in ["img", "script", "b", "svg", "iframe"] {
            assert_eq!(
                count_of(&h, &format!(".comment-list {tag}")).await,
                0,
                "a <{tag}> element got into the comments ({visit})"
            );
        }
        let alerts = h.js("return window.__alerts;", vec![]).await;
        assert_eq!(alerts, json!([]), "script ran ({visit})");
        h.client.refresh().await.expect("reload");
        h.wait_js("the app", "return !document.getElementById('boot');")
            .await;
        live_comments_settled(&h).await;
    }
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_server_the_draft_can_be_sent_by_email() {
    // The sample blog names a contact address and no comment server.
    let h = Harness::start().await;
    h.open(SEED_PERMALINK).await;
    h.type_into(NAME, "Ann").await;
    h.type_into(TEXT, "Emailed & kept").await;
    h.wait_text(".draft-status", "Draft saved").await;
    let href = h
        .js(
            "return document.querySelector('a.send-email').getAttribute('href');",
            vec![],
        )
        .await;
    let href = href.as_str().unwrap_or_default();
    assert!(
        href.starts_with("mailto:mediamum@example.com?subject=Comment%20on%20%22"),
        "{href}"
    );
    assert!(href.contains("&body=Emailed%20%26%20kept"), "{href}");
    assert!(href.contains("Ann"), "{href}");
    assert_eq!(count_of(&h, ".publish").await, 0);
    h.finish().await;
}

/// A comment server that answers its first request with a body that never ends (a few
/// bytes at a time, for ever: slow and huge at once), and every later one with an empty
/// thread, as Isso does. Its address.
fn trickling_comment_server() -> String {
    use std::io::{BufRead, BufReader, Write};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        let first = AtomicBool::new(true);
        for stream in listener.incoming().flatten() {
            let trickle = first.swap(false, Ordering::SeqCst);
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let mut stream = stream;
                let cors = "Access-Control-Allow-Origin: *\r\nContent-Type: application/json\r\n";
                if trickle {
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\n{cors}Transfer-Encoding: chunked\r\n\r\n"
                    );
                    let mut sent = 0;
                    while stream.write_all(b"400\r\n").is_ok() && sent < 1_000_000 {
                        let _ = stream.write_all(&[b' '; 0x400]);
                        let _ = stream.write_all(b"\r\n");
                        sent += 1;
                        std::thread::sleep(Duration::from_millis(50));
                    }
                } else {
                    let body = r#"{"id":null,"total_replies":0,"hidden_replies":0,"replies":[]}"#;
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\n{cors}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                }
            });
        }
    });
    format!("http://{addr}/")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_comment_server_that_never_finishes_answering_is_given_up_on() {
    let h = Harness::start_commenting_at(&trickling_comment_server()).await;
    h.open(SEED_PERMALINK).await;
    // The server keeps sending; after the stated time the app stops listening.
    h.wait_text(".comments-error", "did not answer within 10 seconds")
        .await;
    // The reader can still write, and Retry loads the (now answering) server's thread.
    h.type_into(TEXT, "Still here.").await;
    h.click(".comments-error button").await;
    live_comments_settled(&h).await;
    h.wait_js(
        "the error to go",
        "return !document.querySelector('.comments-error');",
    )
    .await;
    assert_eq!(h.value(TEXT).await, "Still here.");
    h.finish().await;
}
