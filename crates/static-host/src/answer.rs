//! Which file answers a request path, and with what status: the file itself, `index.html`
//! for a folder, and for a path with no file the [`Fallback`] chosen. Pure path logic over
//! the site folder, apart from the HTTP server.

use std::path::{Component, Path, PathBuf};

use crate::Fallback;

/// The content type for a file name.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "xml" => "application/xml",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The file under `root` that a request path names, refusing anything that climbs out.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut file = root.to_path_buf();
    for part in Path::new(decoded.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => file.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if decoded.ends_with('/') || file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

/// What the server answers for `url_path`: status, the file whose bytes form the body.
pub fn answer(root: &Path, url_path: &str, fallback: Fallback) -> (u16, Option<PathBuf>) {
    if let Some(file) = resolve(root, url_path) {
        if file.is_file() {
            return (200, Some(file));
        }
        let is_asset = file.extension().is_some_and(|e| e != "html");
        if fallback == Fallback::SpaIndex && !is_asset {
            return (200, Some(root.join("index.html")));
        }
    }
    (404, not_found_page(root, url_path))
}

/// The `404.html` nearest to the requested path, looking up from its folder to the root,
/// as hosts serving a site under a sub-path do.
fn not_found_page(root: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let mut dir = resolve(root, path)
        .and_then(|f| f.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| root.to_path_buf());
    loop {
        let page = dir.join("404.html");
        if page.is_file() {
            return Some(page);
        }
        if dir == root || !dir.pop() || !dir.starts_with(root) {
            return None;
        }
    }
}
