//! What a reader sees: the home page, a post, the sidebar, the footer.

use e2e::Harness;
use serde_json::json;

use crate::sample::*;

#[tokio::test(flavor = "multi_thread")]
async fn home_page_shows_the_seed_post_as_the_seed_page_does() {
    let h = Harness::start().await;
    h.open("/").await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;

    let first = "article.post:not(.post-skeleton)";
    assert_eq!(
        h.text(&format!("{first} .date-header")).await.unwrap(),
        "18 April, 2009"
    );
    let body = h.text(&format!("{first} .post-body")).await.unwrap();
    assert!(body.starts_with(SEED_FIRST_WORDS), "{body}");
    assert!(body.ends_with(SEED_LAST_WORDS), "{body}");
    assert!(body.contains("And old media can just *suck it*."), "{body}");
    let footer = h.content(&format!("{first} .post-footer")).await.unwrap();
    assert!(
        footer.contains("Posted by Mediamum at 10:24 AM"),
        "{footer}"
    );
    assert!(footer.contains("0 comments"), "{footer}");
    assert!(
        footer.contains("Labels:") && footer.contains("twitter"),
        "{footer}"
    );

    // The header, the sidebar's widgets (the seed page's four, under Search This Blog,
    // which Blogger templates put first) and the footer.
    assert_eq!(h.text("header.site-header h1").await.unwrap(), "Mediamum");
    let widgets = h
        .js(
            "return [...document.querySelectorAll('aside.widget > h2')].map(e => e.textContent);",
            vec![],
        )
        .await;
    assert_eq!(
        widgets,
        json!([
            "Search This Blog",
            "Blog Archive",
            "Labels",
            "My Blog List",
            "About Me"
        ])
    );
    assert_eq!(
        h.text("footer.site-footer").await.unwrap(),
        "Copyright © 2009 Mediamum"
    );
    h.wait_title("Mediamum").await;

    // Five posts in full, then the pager.
    h.wait_js(
        "five loaded posts",
        &LOADED_POSTS.replace("length;", "length === 5;"),
    )
    .await;
    let older = h.text(".blog-pager .older").await;
    assert_eq!(older.as_deref(), Some("Older Posts"));
    assert_eq!(h.text(".blog-pager .newer").await, None);

    // Landmarks for assistive technology.
    let landmarks = h
        .js(
            "return ['header','nav','main','article','aside','footer']
                .filter(t => !document.querySelector(t));",
            vec![],
        )
        .await;
    assert_eq!(landmarks, json!([]), "missing landmarks");
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_post_shows_its_comments_labels_and_neighbours() {
    let h = Harness::start().await;
    let posts = posts(&h);
    let (i, post) = posts
        .iter()
        .enumerate()
        .find(|(_, p)| p.comments >= 3)
        .expect("a sample post with comments");
    h.open(&post.permalink).await;
    h.wait_text(".post-title", &post.title).await;
    h.wait_text("#comments h4", &format!("{} comments:", post.comments))
        .await;
    let n = h
        .js(
            "return document.querySelectorAll('#comments .comment').length;",
            vec![],
        )
        .await;
    assert_eq!(n, json!(post.comments));
    let first = h.text("#comments .comment").await.unwrap();
    assert!(
        first.contains("said...") && first.contains(" at "),
        "{first}"
    );
    for label in &post.labels {
        let found = h
            .js(
                "return [...document.querySelectorAll('.post-labels a')].some(a => a.textContent === arguments[0]);",
                vec![json!(label)],
            )
            .await;
        assert_eq!(found, json!(true), "label {label}");
    }
    let pager = h.text(".blog-pager").await.unwrap();
    assert_eq!(pager.contains("Newer Post"), i > 0, "{pager}");
    assert!(pager.contains("Home"));
    assert_eq!(pager.contains("Older Post"), i + 1 < posts.len(), "{pager}");
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_permalink_loads_when_opened_directly() {
    let h = Harness::start().await;
    for post in posts(&h) {
        h.open(&post.permalink).await;
        h.wait_text("article.post .post-title", &post.title).await;
        h.wait_title(&format!("Mediamum: {}", post.title)).await;
    }
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn comments_are_shown_as_text_never_as_markup() {
    let h = Harness::start().await;
    let post = posts(&h)
        .into_iter()
        .find(|p| p.title.starts_with("The iPhone arrived"))
        .expect("the iPhone post, whose comment holds angle brackets");
    h.open(&post.permalink).await;
    h.wait_text("#comments", "<b>Kids</b> know more than we think.")
        .await;
    let injected = h
        .js(
            "return document.querySelectorAll('#comments b, #comments script').length;",
            vec![],
        )
        .await;
    assert_eq!(injected, json!(0));
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn usable_at_360_pixels_and_by_keyboard() {
    let h = Harness::start().await;
    h.client.set_window_size(360, 740).await.expect("resize");
    h.open("/").await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    h.wait_js(
        "five loaded posts",
        &LOADED_POSTS.replace("length;", "length === 5;"),
    )
    .await;
    let overflow = h
        .js(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
            vec![],
        )
        .await;
    assert_eq!(overflow, json!(0), "the page scrolls sideways at 360px");
    let stacked = h
        .js(
            "const m = document.querySelector('main').getBoundingClientRect();
             const s = document.querySelector('.sidebar').getBoundingClientRect();
             return s.top >= m.bottom - 1;",
            vec![],
        )
        .await;
    assert_eq!(
        stacked,
        json!(true),
        "the sidebar should sit below the posts"
    );

    // The first Tab reaches the skip link; Enter on a focused post link opens the post.
    h.js(
        "document.activeElement && document.activeElement.blur();",
        vec![],
    )
    .await;
    let body = h.wait_for("body").await;
    body.send_keys("\u{E004}").await.expect("tab");
    let focused = h
        .js("return document.activeElement.className;", vec![])
        .await;
    assert_eq!(focused, json!("skip-link"));
    h.js(
        "document.querySelector('article.post .post-title a').focus();",
        vec![],
    )
    .await;
    let link = h.wait_for("article.post .post-title a").await;
    link.send_keys("\u{E007}").await.expect("enter");
    h.wait_path(SEED_PERMALINK).await;
    h.wait_text("#comments h4", "0 comments:").await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn loading_shows_a_placeholder_and_nothing_jumps() {
    let h = Harness::start().await;
    // Before the app runs, the page is already there: never a blank page.
    let html = std::fs::read_to_string(h.site_file(&SEED_PERMALINK[1..])).expect("post HTML");
    assert!(
        html.contains(SEED_FIRST_WORDS),
        "the post's own HTML file holds its text"
    );

    // Cumulative layout shift over a cold load of a post, as Chrome reports it.
    h.client.set_window_size(1280, 900).await.expect("resize");
    h.open(SEED_PERMALINK).await;
    h.js(
        "window.__cls = 0;
         new PerformanceObserver(list => {
             for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
         }).observe({type: 'layout-shift', buffered: true});",
        vec![],
    )
    .await;
    h.wait_text("#comments h4", "0 comments:").await;
    h.js(
        "return new Promise(r => setTimeout(() => requestAnimationFrame(() => r(true)), 300));",
        vec![],
    )
    .await;
    let cls = h
        .js("return window.__cls;", vec![])
        .await
        .as_f64()
        .unwrap_or(f64::MAX);
    assert!(cls <= 0.1, "cumulative layout shift {cls} is over 0.1");

    // A post not fetched yet, on a slow network: a visible loading state, then the post.
    let older = posts(&h)[1].clone();
    h.slow_down("/data/posts/", std::time::Duration::from_millis(1500));
    h.click(".blog-pager .older a").await;
    h.wait_text("main .post-skeleton .loading-text", "Loading")
        .await;
    h.wait_text("article.post .post-title", &older.title).await;
    h.finish().await;
}

/// The app draws its sidebar a task after the rest of its frame (shorter tasks while it
/// takes over), and hands over from the prerendered page only once that is done too: at
/// the moment the prerendered page goes, the app's sidebar holds every widget.
#[tokio::test(flavor = "multi_thread")]
async fn the_app_takes_over_with_its_sidebar_drawn() {
    let h = Harness::start().await;
    h.before_every_page(
        "window.__atHandOver = null;
         let bootSeen = false;
         new MutationObserver(() => {
             const boot = document.getElementById('boot');
             if (boot) { bootSeen = true; return; }
             if (!bootSeen || window.__atHandOver !== null) return;
             const s = document.querySelector('.page .sidebar');
             window.__atHandOver = {
                 widgets: s ? s.querySelectorAll('.widget').length : 0,
                 busy: !s || s.hasAttribute('aria-busy'),
             };
         }).observe(document, { childList: true, subtree: true });",
    )
    .await;
    for path in [SEED_PERMALINK, "/", "/archive"] {
        h.open(path).await;
        let at = h
            .wait_js("the hand-over to be seen", "return window.__atHandOver;")
            .await;
        assert_eq!(
            at,
            json!({ "widgets": 5, "busy": false }),
            "{path}: the app's sidebar when the prerendered page went"
        );
    }
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_link_the_feed_and_the_feed_is_served() {
    let h = Harness::start().await;
    h.open(SEED_PERMALINK).await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    let href = h
        .js(
            "const l = document.querySelector('link[rel=alternate][type=\"application/atom+xml\"]');
             return l ? l.href : null;",
            vec![],
        )
        .await;
    assert_eq!(href, json!(h.url("/feeds/posts/default")));
    for path in [
        "/feeds/posts/default",
        "/atom.xml",
        "/feeds/posts/default/-/social%20media",
    ] {
        let body = h
            .js(
                "return fetch(arguments[0]).then(r => r.ok ? r.text() : 'HTTP ' + r.status);",
                vec![json!(path)],
            )
            .await;
        let body = body.as_str().unwrap_or_default();
        assert!(
            body.contains("<feed") && body.contains(SEED_TITLE),
            "{path}: {}",
            &body[..body.len().min(200)]
        );
    }
    h.finish().await;
}

/// Every control on the page smaller than 24×24 CSS px, as "tag 'text' W×H", leaving out
/// what WCAG 2.5.8 exempts: links inside a sentence (a post's body, a comment, a
/// paragraph) and what is not on screen (the skip link until it is focused).
const SMALL_TARGETS: &str = "
    return [...document.querySelectorAll('a[href], button, select, input, textarea')]
      .filter(e => !e.closest('#boot') && !e.closest('.post-body, .comment-body, p'))
      .map(e => [e, e.getBoundingClientRect()])
      .filter(([e, r]) => r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth)
      .filter(([e, r]) => r.width < 24 || r.height < 24)
      .map(([e, r]) => `${e.tagName.toLowerCase()} '${e.textContent.trim().slice(0, 30)}' ${r.width.toFixed(0)}×${r.height.toFixed(0)}`);";

#[tokio::test(flavor = "multi_thread")]
async fn touch_targets_are_at_least_24_pixels_at_360_wide() {
    let h = Harness::start().await;
    h.client.set_window_size(360, 740).await.expect("resize");
    for path in [
        SEED_PERMALINK,
        "/",
        "/archive",
        "/search/label/twitter",
        "/2008/",
    ] {
        h.open(path).await;
        h.wait_js(
            "the page's content",
            "return !document.querySelector('.post-skeleton, .loading-rows');",
        )
        .await;
        // Open a year and a month of the archive widget, so its lists are checked too.
        h.click(".archive-widget button[aria-label='Months of 2008']")
            .await;
        let small = h.js(SMALL_TARGETS, vec![]).await;
        assert_eq!(small, json!([]), "targets under 24×24 px on {path}");
    }
    h.finish().await;
}
