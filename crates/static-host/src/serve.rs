//! One request answered: the site's `_headers` rules, the file [`answer`] names served by
//! tower-http's [`ServeFile`] (precompressed copies, ranges, HEAD), and the answer's
//! body bytes counted for the benchmark.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, HttpBody};
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeFile;

use crate::answer::{answer, content_type};
use crate::{headers_file, Shared};

/// Answers one request as the static host would. Every answer closes its connection, so
/// that unplugging the server ([`crate::StaticServer::set_offline`]) stops everything.
pub async fn serve(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let mut response = respond(&shared, request).await;
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

async fn respond(shared: &Shared, request: Request) -> Response {
    let target = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    let head = request.method() == Method::HEAD;
    if request.method() != Method::GET && !head {
        return (StatusCode::METHOD_NOT_ALLOWED, "method not allowed").into_response();
    }
    if let Some(delay) = shared.delay_for(&target) {
        tokio::time::sleep(delay).await;
    }
    let rules = match site_rules(&shared.root, &target) {
        Ok(rules) => rules,
        Err(reason) => return (StatusCode::INTERNAL_SERVER_ERROR, reason).into_response(),
    };
    let extra = headers_file::headers_for(&rules, &target);
    let (status, file) = answer(&shared.root, &target, shared.fallback);
    let mut response = match file {
        Some(file) => send_file(&file, status, request).await,
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    };
    apply_rules(&mut response, &extra);
    let sent = if head {
        0
    } else {
        let length = response
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok());
        // A body made here ("not found") has no length header yet: hyper adds it later.
        length
            .or_else(|| response.body().size_hint().exact())
            .map_or(0, |n| n as usize)
    };
    shared.record(target, sent);
    response
}

/// `file` through tower-http, with our content types, and `status` for a not-found page.
async fn send_file(file: &Path, status: u16, mut request: Request) -> Response {
    // Always the whole file: a test that rewrites a file within the same second must see
    // the new one, which a Last-Modified answer of second precision would hide.
    let headers = request.headers_mut();
    headers.remove(header::IF_MODIFIED_SINCE);
    headers.remove(header::IF_UNMODIFIED_SINCE);
    let mime: mime::Mime = content_type(file)
        .parse()
        .unwrap_or(mime::APPLICATION_OCTET_STREAM);
    let service = ServeFile::new_with_mime(file, &mime)
        .precompressed_br()
        .precompressed_gzip();
    let mut response = match service.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    response.headers_mut().remove(header::LAST_MODIFIED);
    if status == 404 && response.status() == StatusCode::OK {
        *response.status_mut() = StatusCode::NOT_FOUND;
    }
    response
}

/// Adds the `_headers` rules' headers; a rule's `Content-Type` (the feeds') replaces the
/// one from the file name on a found file. An answer no rule gives a `Cache-Control` says
/// `no-cache`, so that the browser always asks again; so does every error, whatever the
/// rules say: a file missing now may be there a moment later (a deploy under way), and
/// a 404 kept as `immutable` for a year would make the page's Retry fail for a year.
fn apply_rules(response: &mut Response, extra: &[(String, String)]) {
    let found = response.status().is_success();
    let headers = response.headers_mut();
    for (name, value) in extra {
        let (Ok(name), Ok(value)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::try_from(value.as_str()),
        ) else {
            continue;
        };
        if name == header::CACHE_CONTROL && !found {
            continue;
        }
        if name == header::CONTENT_TYPE {
            if found {
                headers.insert(name, value);
            }
        } else {
            headers.append(name, value);
        }
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
}

/// The `_headers` rules that apply under `root`: the root's file, and the file of the
/// folder the path enters first (a site built for a sub-path such as `/blog/` keeps its
/// own, whose rules name that sub-path).
fn site_rules(root: &Path, target: &str) -> Result<Vec<headers_file::Rule>, String> {
    let first = target
        .trim_start_matches('/')
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("");
    let mut files = vec![root.join("_headers")];
    if !first.is_empty() && !first.contains("..") {
        files.push(root.join(first).join("_headers"));
    }
    let mut rules = Vec::new();
    for file in files.iter().filter(|f| f.is_file()) {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        rules.extend(headers_file::parse(&text).map_err(|e| format!("{}: {e}", file.display()))?);
    }
    Ok(rules)
}

/// How long to hold an answer to `target`, if a test asked for a slow network.
pub fn delay_matching(delays: &[(String, Duration)], target: &str) -> Option<Duration> {
    delays
        .iter()
        .find(|(prefix, _)| target.starts_with(prefix.as_str()))
        .map(|(_, delay)| *delay)
}
