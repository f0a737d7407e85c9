//! The content security policy and the security headers, as the browser receives them.

use e2e::Harness;
use serde_json::json;

use crate::sample::*;

/// The response headers of the current page, as the browser got them.
const HEADERS: &str = "return fetch(location.href).then(r => Object.fromEntries(r.headers));";

#[tokio::test(flavor = "multi_thread")]
async fn every_page_is_served_with_the_policy_and_the_security_headers() {
    let h = Harness::start().await;
    h.open(SEED_PERMALINK).await;
    let headers = h.js(HEADERS, vec![]).await;
    let csp = headers["content-security-policy"]
        .as_str()
        .unwrap_or_default();
    assert!(
        csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{headers}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(headers["x-content-type-options"], json!("nosniff"));
    assert_eq!(
        headers["referrer-policy"],
        json!("strict-origin-when-cross-origin")
    );
    assert_eq!(headers["cross-origin-opener-policy"], json!("same-origin"));
    assert!(headers["permissions-policy"]
        .as_str()
        .is_some_and(|p| p.contains("camera=()")));
    // The same policy is in the page itself, for hosts that ignore `_headers`.
    let meta = h
        .js(
            "const m = document.querySelector('meta[http-equiv=Content-Security-Policy]'); \
             return m && m.content;",
            vec![],
        )
        .await;
    assert!(
        meta.as_str()
            .is_some_and(|m| m.starts_with("default-src 'self'") && !m.contains("frame-ancestors")),
        "{meta}"
    );
    // The app started under it: the loader's inline script is allowed by its hash.
    h.wait_text("article.post .post-title", SEED_TITLE).await;
    h.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn inline_code_is_refused_and_the_tests_notice() {
    let h = Harness::start().await;
    h.open("/").await;
    let ran = h
        .js(
            "window.injected = false; \
             const s = document.createElement('script'); \
             s.textContent = 'window.injected = true'; \
             document.body.appendChild(s); \
             document.body.setAttribute('style', 'outline: 1px solid red'); \
             return new Promise(r => setTimeout(() => r(window.injected), 200));",
            vec![],
        )
        .await;
    assert_eq!(ran, json!(false), "an injected inline script ran");
    let seen = h.take_violations().await;
    assert!(
        seen.iter().any(|v| v.contains("script-src")),
        "no script violation reported: {seen:?}"
    );
    assert!(
        seen.iter().any(|v| v.contains("style-src")),
        "no style violation reported: {seen:?}"
    );
    h.finish().await;
}
