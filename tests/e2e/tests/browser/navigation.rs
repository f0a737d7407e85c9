//! Moving around: in-app links without reloads, history, scroll, the archive widget,
//! label and not-found pages, and document titles.

use e2e::Harness;
use serde_json::json;

use crate::sample::*;

/// Marks the page so that a full reload (which would clear it) can be detected.
async fn mark(h: &Harness) {
    h.js("window.__noReload = 'still here';", vec![]).await;
}

async fn assert_not_reloaded(h: &Harness) {
    let marker = h.js("return window.__noReload || null;", vec![]).await;
    assert_eq!(marker, json!("still here"), "the page was reloaded");
}

/// The texts of the links marked `aria-current="page"`, in document order.
async fn current_links(h: &Harness) -> Vec<String> {
    let texts = h
        .js(
            "return [...document.querySelectorAll('a[aria-current=page]')].map(a => a.textContent.trim());",
            vec![],
        )
        .await;
    serde_json::from_value(texts).expect("a list of link texts")
}

/// Resolves after two animation frames, once pending scroll events have been handled.
const TWO_FRAMES: &str =
    "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))));";

#[tokio::test(flavor = "multi_thread")]
async fn clicking_a_post_title_changes_the_page_without_a_reload() {
    let h = Harness::start().await;
    h.open("/").await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    mark(&h).await;
    // The blog's title, "Home" in the menu, and "Home" in the pager.
    assert_eq!(current_links(&h).await, ["Mediamum", "Home", "Home"]);

    h.click("article.post .post-title a").await;
    h.wait_path(SEED_PERMALINK).await;
    h.wait_text("#comments h4", "0 comments:").await;
    h.wait_title(&format!("Mediamum: {SEED_TITLE}")).await;
    assert_not_reloaded(&h).await;
    // The links that stand for the page being read say so, and "Home" no longer does:
    // the post's title and its time (both its permalink), and its year and month in the
    // archive widget.
    assert_eq!(
        current_links(&h).await,
        [SEED_TITLE, "10:24 AM", "2009", "April"]
    );

    // And on to the next post through the pager.
    let older = posts(&h)[1].clone();
    h.click(".blog-pager .older a").await;
    h.wait_path(&older.permalink).await;
    h.wait_text("article.post .post-title", &older.title).await;
    h.wait_title(&format!("Mediamum: {}", older.title)).await;
    assert_not_reloaded(&h).await;

    // A visited post comes from the cache: no second request for its JSON.
    h.client.back().await.expect("back");
    h.wait_path(SEED_PERMALINK).await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    let fetched = h
        .js(
            "return performance.getEntriesByType('resource')
                .filter(e => e.name.includes('/data/posts/2009/04/win-for-little-guy')).length;",
            vec![],
        )
        .await;
    assert_eq!(
        fetched,
        json!(1),
        "the seed post's JSON was fetched more than once"
    );
    assert_not_reloaded(&h).await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn back_and_forward_restore_the_page_and_its_scroll_position() {
    let h = Harness::start().await;
    h.client.set_window_size(1280, 700).await.expect("resize");
    h.open("/").await;
    h.wait_js(
        "five loaded posts",
        &LOADED_POSTS.replace("length;", "length === 5;"),
    )
    .await;
    mark(&h).await;

    // Scroll down to the fourth post and open it.
    let y = h
        .js(
            "document.querySelectorAll('article.post')[3].scrollIntoView();
             return Math.round(window.scrollY);",
            vec![],
        )
        .await
        .as_i64()
        .expect("scroll position");
    assert!(
        y > 500,
        "the home page should be long enough to scroll (y = {y})"
    );
    h.js(TWO_FRAMES, vec![]).await;
    let fourth = posts(&h)[3].clone();
    h.click("article.post:nth-of-type(4) .post-title a").await;
    h.wait_path(&fourth.permalink).await;
    h.wait_text("article.post .post-title", &fourth.title).await;
    h.wait_js(
        "the new page to start at the top",
        "return window.scrollY === 0;",
    )
    .await;

    // Back: the home page, where we were.
    h.client.back().await.expect("back");
    h.wait_path("/").await;
    h.wait_js(
        "the scroll position to be restored",
        &format!("return Math.abs(window.scrollY - {y}) <= 2;"),
    )
    .await;
    // Forward: the post again, at its top.
    h.client.forward().await.expect("forward");
    h.wait_path(&fourth.permalink).await;
    h.wait_text("article.post .post-title", &fourth.title).await;
    h.wait_js("the post to be at the top", "return window.scrollY === 0;")
        .await;
    assert_not_reloaded(&h).await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_archive_widget_opens_closes_and_navigates() {
    let h = Harness::start().await;
    h.open("/").await;
    let widget = ".archive-widget";
    h.wait_for(widget).await;
    mark(&h).await;

    let expanded = |label: &str| {
        format!("return document.querySelector('{widget} button[aria-label=\"{label}\"]').getAttribute('aria-expanded');")
    };
    // On the home page the newest year is open, its months closed (a month's titles
    // load when it is opened), and older years closed.
    assert_eq!(
        h.js(&expanded("Months of 2009"), vec![]).await,
        json!("true")
    );
    assert_eq!(
        h.js(&expanded("Posts of April 2009"), vec![]).await,
        json!("false")
    );
    assert_eq!(
        h.js(&expanded("Months of 2008"), vec![]).await,
        json!("false")
    );
    let in_2009 = posts(&h)
        .iter()
        .filter(|p| p.permalink.starts_with("/2009/"))
        .count();
    let counts = h.content(&format!("{widget} .archive-year")).await.unwrap();
    assert!(counts.contains(&format!("2009 ({in_2009})")), "{counts}");

    // Open 2008 with the mouse, July 2008 with the keyboard, then follow a post link.
    h.click(&format!("{widget} button[aria-label='Months of 2008']"))
        .await;
    assert_eq!(
        h.js(&expanded("Months of 2008"), vec![]).await,
        json!("true")
    );
    let july = h
        .wait_for(&format!("{widget} button[aria-label='Posts of July 2008']"))
        .await;
    july.send_keys("\u{E007}").await.expect("enter");
    assert_eq!(
        h.js(&expanded("Posts of July 2008"), vec![]).await,
        json!("true")
    );
    let iphone = posts(&h)
        .into_iter()
        .find(|p| p.permalink.starts_with("/2008/07/"))
        .expect("a July 2008 post");
    // The month's posts load from their own file: wait for them.
    let link = h
        .wait_for(&format!("{widget} a[href='{}']", iphone.permalink))
        .await;
    link.click().await.expect("click");
    h.wait_path(&iphone.permalink).await;
    h.wait_text("article.post .post-title", &iphone.title).await;
    assert_not_reloaded(&h).await;

    // Reading a 2008 post, 2008 is open (and July, which the reader opened) and 2009 is
    // closed, as on Blogger.
    assert_eq!(
        h.js(&expanded("Months of 2008"), vec![]).await,
        json!("true")
    );
    assert_eq!(
        h.js(&expanded("Posts of July 2008"), vec![]).await,
        json!("true")
    );
    assert_eq!(
        h.js(&expanded("Months of 2009"), vec![]).await,
        json!("false")
    );
    // Open 2009 and close it again: its months appear and disappear.
    h.click(&format!("{widget} button[aria-label='Months of 2009']"))
        .await;
    assert_eq!(
        h.js(&expanded("Months of 2009"), vec![]).await,
        json!("true")
    );
    h.wait_for(&format!(
        "{widget} button[aria-label='Posts of April 2009']"
    ))
    .await;
    h.click(&format!("{widget} button[aria-label='Months of 2009']"))
        .await;
    assert_eq!(
        h.js(&expanded("Months of 2009"), vec![]).await,
        json!("false")
    );
    let april = h
        .js(
            &format!("return !!document.querySelector('{widget} button[aria-label=\"Posts of April 2009\"]');"),
            vec![],
        )
        .await;
    assert_eq!(april, json!(false));

    // The year link opens the year's archive page.
    h.click(&format!("{widget} a[href='/2008/']")).await;
    h.wait_path("/2008/").await;
    h.wait_text(".page-heading", "Posts from 2008").await;
    h.wait_title("Mediamum: Posts from 2008").await;
    assert_not_reloaded(&h).await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn label_pages_list_their_posts() {
    let h = Harness::start().await;
    let all = posts(&h);
    let with_label: Vec<_> = all
        .iter()
        .filter(|p| p.labels.iter().any(|l| l == "social media"))
        .collect();
    h.open("/search/label/social%20media").await;
    h.wait_text(".page-heading", "social media").await;
    let listed = h
        .js("return [...document.querySelectorAll('.post-list li .post-link a')].map(a => a.textContent);", vec![])
        .await;
    let expected: Vec<_> = with_label.iter().map(|p| p.title.clone()).collect();
    assert_eq!(listed, json!(expected));
    h.wait_title("Mediamum: social media").await;

    // A label link in a post's footer leads to its page without a reload.
    h.open("/").await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    mark(&h).await;
    h.click("article.post .post-labels a[href='/search/label/twitter']")
        .await;
    h.wait_path("/search/label/twitter").await;
    h.wait_text(".page-heading", "twitter").await;
    assert_not_reloaded(&h).await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_addresses_show_the_not_found_page() {
    let h = Harness::start().await;
    for path in [
        "/no/such/page",
        "/2009/04/no-such-post.html",
        "/1999/",
        "/?page=9",
    ] {
        h.open(path).await;
        h.wait_text(".not-found h2", "Page not found").await;
        h.wait_title("Mediamum: Page not found").await;
    }
    mark(&h).await;
    h.click_link("Browse the archive").await;
    h.wait_path("/archive").await;
    h.wait_text(".page-heading", "Blog Archive").await;
    assert_not_reloaded(&h).await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_kind_of_route_sets_its_title_and_description() {
    let h = Harness::start().await;
    let seed_title = format!("Mediamum: {SEED_TITLE}");
    let routes = [
        ("/", "Mediamum"),
        ("/?page=2", "Mediamum: Older posts, page 2"),
        (SEED_PERMALINK, seed_title.as_str()),
        ("/archive", "Mediamum: Archive"),
        ("/2008/", "Mediamum: Posts from 2008"),
        ("/2008/07/", "Mediamum: Posts from July 2008"),
        ("/search/label/twitter", "Mediamum: twitter"),
        ("/p/about.html", "Mediamum: About Mediamum"),
        ("/nowhere", "Mediamum: Page not found"),
    ];
    for (path, title) in routes {
        h.open(path).await;
        h.wait_title(title).await;
        if path != "/nowhere" {
            h.wait_js(
                &format!("a meta description on {path}"),
                "const m = document.querySelector('meta[name=description]'); return !!m && m.content.length > 10;",
            )
            .await;
        }
    }
    // The static page shows its text.
    h.open("/p/about.html").await;
    h.wait_text(".static-page", "recovering PR consultant")
        .await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_home_page_pages_through_older_posts() {
    let h = Harness::start().await;
    let all = posts(&h);
    h.open("/").await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    mark(&h).await;
    h.click_link("Older Posts").await;
    h.wait_path("/?page=2").await;
    h.wait_text("article.post .post-title", &all[5].title).await;
    h.wait_js(
        "five loaded posts",
        &LOADED_POSTS.replace("length;", "length === 5;"),
    )
    .await;
    assert_eq!(
        h.text(".blog-pager .newer").await.as_deref(),
        Some("Newer Posts")
    );
    h.click_link("Older Posts").await;
    h.wait_path("/?page=3").await;
    h.wait_text("article.post .post-title", &all[10].title)
        .await;
    let last = all.len() - 10;
    h.wait_js(
        "the last page's posts",
        &LOADED_POSTS.replace("length;", &format!("length === {last};")),
    )
    .await;
    assert_eq!(h.text(".blog-pager .older").await, None);
    assert_not_reloaded(&h).await;
    h.finish().await;
}

/// The head as a crawler that runs JavaScript sees it.
async fn head(h: &Harness) -> serde_json::Value {
    h.js(
        "const q = s => { const e = document.querySelector(s); return e ? (e.getAttribute('content') || e.getAttribute('href')) : null; };
         return {
           title: document.title,
           description: q('meta[name=description]'),
           canonical: q('link[rel=canonical]'),
           canonicals: document.querySelectorAll('link[rel=canonical]').length,
           og_title: q('meta[property=\"og:title\"]'),
           og_description: q('meta[property=\"og:description\"]'),
           og_url: q('meta[property=\"og:url\"]'),
           og_type: q('meta[property=\"og:type\"]'),
         };",
        vec![],
    )
    .await
}

/// Checks that the head describes `path` with `title`, as Open Graph `kind`.
async fn assert_head(h: &Harness, path: &str, title: &str, kind: &str) {
    h.wait_title(title).await;
    let v = head(h).await;
    let url = format!("https://mediamum.example.com{path}");
    assert_eq!(v["canonical"], json!(url), "{path}: {v}");
    assert_eq!(v["canonicals"], json!(1), "{path}: {v}");
    assert_eq!(v["og_url"], json!(url), "{path}: {v}");
    assert_eq!(v["og_title"], json!(title), "{path}: {v}");
    assert_eq!(v["og_type"], json!(kind), "{path}: {v}");
    let description = v["description"].as_str().unwrap_or_default();
    assert!(description.len() > 10, "{path}: {v}");
    assert_eq!(v["og_description"], v["description"], "{path}: {v}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_head_keeps_its_canonical_and_open_graph_tags_on_every_route() {
    let h = Harness::start().await;
    let seed_title = format!("Mediamum: {SEED_TITLE}");
    // After the app starts on each kind of page, the prerendered tags are still right.
    for (path, title, kind) in [
        (SEED_PERMALINK, seed_title.as_str(), "article"),
        ("/archive", "Mediamum: Archive", "website"),
        ("/search/label/twitter", "Mediamum: twitter", "website"),
        ("/p/about.html", "Mediamum: About Mediamum", "website"),
    ] {
        h.open(path).await;
        assert_head(&h, path, title, kind).await;
    }
    // After each in-app navigation they describe the new page.
    h.open("/").await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    mark(&h).await;
    h.click("article.post .post-title a").await;
    assert_head(&h, SEED_PERMALINK, &seed_title, "article").await;
    h.click("article.post .post-labels a[href='/search/label/twitter']")
        .await;
    assert_head(&h, "/search/label/twitter", "Mediamum: twitter", "website").await;
    h.click_link("Archive").await;
    assert_head(&h, "/archive", "Mediamum: Archive", "website").await;
    h.click_link("About Mediamum").await;
    assert_head(&h, "/p/about.html", "Mediamum: About Mediamum", "website").await;
    assert_not_reloaded(&h).await;
    // A page that does not exist has no canonical address.
    h.click_link("Home").await;
    h.wait_title("Mediamum").await;
    h.open("/nowhere").await;
    h.wait_title("Mediamum: Page not found").await;
    assert_eq!(head(&h).await["canonical"], json!(null));
    h.finish().await;
}

/// Clicks the link matching `css` and waits for the post it leads to; returns whether a
/// post skeleton was drawn meanwhile, and how long after the click the post's data file
/// had arrived (its resource timing), in milliseconds.
async fn click_post_link(h: &Harness, css: &str, title: &str) -> (bool, f64) {
    h.js(
        "window.__skeleton = false;
         window.__watch = new MutationObserver(() => {
             if (document.querySelector('main .post-skeleton')) window.__skeleton = true;
         });
         window.__watch.observe(document.body, { childList: true, subtree: true });
         window.__clicked = performance.now();
         document.querySelector(arguments[0]).click();",
        vec![json!(css)],
    )
    .await;
    h.wait_text("article.post .post-title", title).await;
    let seen = h
        .js(
            "window.__watch.disconnect();
             const file = performance.getEntriesByType('resource')
                 .filter(e => e.name.includes('/data/posts/') && e.startTime >= window.__clicked)[0];
             return { skeleton: window.__skeleton,
                      arrived: file ? file.responseEnd - window.__clicked : null };",
            vec![],
        )
        .await;
    let arrived = seen["arrived"]
        .as_f64()
        .expect("the post's data file was fetched after the click");
    (seen["skeleton"] == json!(true), arrived)
}

/// A click on a post not fetched yet holds the page being left until the post is here (or
/// a tenth of a second has passed), so a quick answer replaces the page in one frame, with
/// no skeleton drawn in between. (A slow answer still shows the skeleton: reading.rs.)
#[tokio::test(flavor = "multi_thread")]
async fn a_post_that_answers_at_once_replaces_the_page_without_a_skeleton() {
    let h = Harness::start().await;
    h.open(SEED_PERMALINK).await;
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    mark(&h).await;
    let mut quick = 0;
    for older in posts(&h).iter().skip(1).take(4) {
        let (skeleton, arrived) = click_post_link(&h, ".blog-pager .older a", &older.title).await;
        h.wait_path(&older.permalink).await;
        // Within the hold, with room to spare for a busy machine's timer.
        if arrived < 70.0 {
            quick += 1;
            assert!(
                !skeleton,
                "{}: its data arrived {arrived:.0} ms after the click, yet a skeleton was drawn",
                older.permalink
            );
        }
    }
    assert!(
        quick > 0,
        "no post's data arrived within 70 ms of its click, from a server on this machine"
    );
    assert_not_reloaded(&h).await;
    h.finish().await;
}

/// Two clicks on links to posts not fetched yet, the second before the first was let
/// through: the reader ends on the second one's post, and stays there.
#[tokio::test(flavor = "multi_thread")]
async fn of_two_quick_clicks_on_posts_the_later_one_is_followed() {
    let h = Harness::start().await;
    let all = posts(&h);
    let (newer, middle, older) = (&all[0], &all[1], &all[2]);
    h.open(&middle.permalink).await;
    h.wait_text("article.post .post-title", &middle.title).await;
    h.slow_down("/data/posts/", std::time::Duration::from_millis(60));
    h.js(
        "document.querySelector('.blog-pager .older a').click();
         document.querySelector('.blog-pager .newer a').click();",
        vec![],
    )
    .await;
    h.wait_path(&newer.permalink).await;
    h.wait_text("article.post .post-title", &newer.title).await;
    // The first click's post arrives too, and must not take the reader there.
    h.js(
        "return new Promise(r => setTimeout(() => r(true), 400));",
        vec![],
    )
    .await;
    assert_eq!(
        h.path().await,
        newer.permalink,
        "{} was followed",
        older.permalink
    );
    assert_eq!(
        h.text("article.post .post-title").await.as_deref(),
        Some(newer.title.as_str())
    );
    h.finish().await;
}
