//! A small static file server on 127.0.0.1 for the browser tests and the benchmark.
//!
//! It serves a built site folder the way a static host does: files as they are, with their
//! content type. What it does with an unknown path is the [`Fallback`] chosen: answer with
//! `index.html` as a single-page-app server would, or 404 as a plain CDN does.
//! The site's `_headers` rules are applied as Netlify and Cloudflare Pages apply them
//! ([`headers_file`]), so the browser runs under the site's real headers. An answer that no
//! rule gives a `Cache-Control` says `no-cache`, so a test that changes a file on disk sees
//! the change on the next request.

pub mod headers_file;

use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// What an unknown path gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// `index.html` with 200, as a single-page-app server does, except for paths that name
    /// a file with an extension other than `.html` (a missing asset or data file is 404).
    SpaIndex,
    /// 404, with `404.html` as the body when the site has one: a plain CDN.
    NotFound,
}

/// Requests whose path starts with a prefix, and how long to hold them before answering.
type Delays = Arc<Mutex<Vec<(String, Duration)>>>;

/// Every answer's path and the size of its body as sent (compressed when it was), in order.
type Served = Arc<Mutex<Vec<(String, usize)>>>;

/// A running server; it stops when dropped.
pub struct StaticServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    offline: Arc<AtomicBool>,
    delays: Delays,
    served: Served,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    /// Serves `root` on a free port of 127.0.0.1.
    pub fn start(root: impl Into<PathBuf>, fallback: Fallback) -> io::Result<Self> {
        Self::start_on(root, fallback, 0)
    }

    /// Serves `root` on `port` of 127.0.0.1 (0 for any free port).
    pub fn start_on(root: impl Into<PathBuf>, fallback: Fallback, port: u16) -> io::Result<Self> {
        let root = root.into().canonicalize()?;
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let offline = Arc::new(AtomicBool::new(false));
        let unplugged = offline.clone();
        let delays: Delays = Arc::default();
        let held = delays.clone();
        let served: Served = Arc::default();
        let log = served.clone();
        let thread = thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                if unplugged.load(Ordering::SeqCst) {
                    // As a dropped connection does: no answer at all.
                    drop(stream);
                    continue;
                }
                let root = root.clone();
                let held = held.clone();
                let log = log.clone();
                thread::spawn(move || {
                    // A client that hangs up early is not our problem.
                    let _ = handle(stream, &root, fallback, &held, &log);
                });
            }
        });
        Ok(StaticServer {
            addr,
            stop,
            offline,
            delays,
            served,
            thread: Some(thread),
        })
    }

    /// Holds every answer to a path starting with `prefix` for `delay`, as a slow network
    /// would: lets a test see what a reader sees while data is on its way.
    pub fn delay(&self, prefix: &str, delay: Duration) {
        if let Ok(mut d) = self.delays.lock() {
            d.push((prefix.to_string(), delay));
        }
    }

    /// Unplugs the server (`true`: every connection is dropped unanswered, as when the
    /// reader's network is gone) or plugs it back in.
    pub fn set_offline(&self, offline: bool) {
        self.offline.store(offline, Ordering::SeqCst);
    }

    /// The body bytes sent (compressed as sent) in answer to paths starting with `prefix`
    /// since the server started or [`StaticServer::forget_served`] was last called: what a
    /// reader downloaded, as a benchmark weighs it. Heads are left out: this server speaks
    /// HTTP/1.1, where every answer repeats the site's long security headers, which the
    /// HTTP/2 and HTTP/3 of a CDN compress to a few bytes after the first.
    pub fn bytes_served(&self, prefix: &str) -> usize {
        self.served.lock().map_or(0, |log| {
            log.iter()
                .filter(|(path, _)| path.starts_with(prefix))
                .map(|(_, bytes)| bytes)
                .sum()
        })
    }

    /// Starts counting [`StaticServer::bytes_served`] again from zero.
    pub fn forget_served(&self) {
        if let Ok(mut log) = self.served.lock() {
            log.clear();
        }
    }

    /// The server's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The absolute URL of `path` (which starts with `/`) on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

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

/// Decodes `%XX` escapes; `None` if malformed.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(s.get(i + 1..i + 3)?, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file under `root` that a request path names, refusing anything that climbs out.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
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

fn handle(
    stream: TcpStream,
    root: &Path,
    fallback: Fallback,
    delays: &Delays,
    served: &Served,
) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Of the headers, only the encodings the client accepts matter.
    let mut accepts = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("accept-encoding") {
                accepts = value.trim().to_ascii_lowercase();
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return write_response(
            &mut stream,
            405,
            "text/plain",
            None,
            &[],
            b"method not allowed",
            false,
        );
    }
    let delay = delays.lock().ok().and_then(|d| {
        d.iter()
            .find(|(prefix, _)| target.starts_with(prefix.as_str()))
            .map(|(_, delay)| *delay)
    });
    if let Some(delay) = delay {
        thread::sleep(delay);
    }
    let rules = match site_rules(root, target) {
        Ok(rules) => rules,
        Err(reason) => {
            return write_response(
                &mut stream,
                500,
                "text/plain",
                None,
                &[],
                reason.as_bytes(),
                false,
            )
        }
    };
    let extra = headers_file::headers_for(&rules, target);
    let (status, file) = answer(root, target, fallback);
    let (body, kind, encoding) = match &file {
        Some(f) => {
            let (body, encoding) = precompressed(f, &accepts)
                .unwrap_or_else(|| (fs::read(f).unwrap_or_default(), None));
            (body, content_type(f), encoding)
        }
        None => (b"not found".to_vec(), "text/plain", None),
    };
    // A rule's `Content-Type` (the feeds') replaces the guess from the file name.
    let ruled_type = extra
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        .filter(|_| status == 200)
        .map(|(_, v)| v.as_str());
    let kind = ruled_type.unwrap_or(kind);
    write_response(
        &mut stream,
        status,
        kind,
        encoding,
        &extra,
        &body,
        method == "HEAD",
    )?;
    if let Ok(mut log) = served.lock() {
        let sent = if method == "HEAD" { 0 } else { body.len() };
        log.push((target.to_string(), sent));
    }
    Ok(())
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
        let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        rules.extend(headers_file::parse(&text).map_err(|e| format!("{}: {e}", file.display()))?);
    }
    Ok(rules)
}

/// A precompressed copy of `file` (`file.br`, else `file.gz`) that the client accepts, as
/// nginx's `brotli_static` and `gzip_static` serve them, with its encoding.
fn precompressed(file: &Path, accepts: &str) -> Option<(Vec<u8>, Option<&'static str>)> {
    let accepted = |name: &str| {
        accepts
            .split(',')
            .any(|e| e.split(';').next().is_some_and(|e| e.trim() == name))
    };
    [("br", ".br"), ("gzip", ".gz")]
        .into_iter()
        .filter(|(name, _)| accepted(name))
        .find_map(|(name, ext)| {
            let mut path = file.as_os_str().to_owned();
            path.push(ext);
            fs::read(PathBuf::from(path)).ok().map(|b| (b, Some(name)))
        })
}

fn write_response(
    stream: &mut TcpStream,
    status: u16,
    kind: &str,
    encoding: Option<&str>,
    extra: &[(String, String)],
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    };
    let ruled_cache = extra
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("cache-control"));
    let mut extra_lines: String = extra
        .iter()
        // A rule's type replaced the server's guess already (see `handle`).
        .filter(|(n, _)| !n.eq_ignore_ascii_case("content-type"))
        .map(|(n, v)| format!("{n}: {v}\r\n"))
        .collect();
    if !ruled_cache {
        extra_lines.push_str("Cache-Control: no-cache\r\n");
    }
    let encoding = encoding
        .map(|e| format!("Content-Encoding: {e}\r\nVary: Accept-Encoding\r\n"))
        .unwrap_or_default();
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         {encoding}{extra_lines}Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn site() -> PathBuf {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("static-host-test-{}-{n}", std::process::id()));
        fs::create_dir_all(dir.join("data")).unwrap();
        fs::write(dir.join("index.html"), "<html>app</html>").unwrap();
        fs::write(dir.join("data/index.json"), "{}").unwrap();
        dir
    }

    fn get(server: &StaticServer, path: &str) -> String {
        let mut s = TcpStream::connect(server.addr()).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn serves_files_and_falls_back_like_an_spa_host() {
        let root = site();
        let server = StaticServer::start(&root, Fallback::SpaIndex).unwrap();
        let json = get(&server, "/data/index.json");
        assert!(json.starts_with("HTTP/1.1 200"), "{json}");
        assert!(json.contains("application/json"));
        let deep = get(&server, "/2009/04/post.html");
        assert!(deep.starts_with("HTTP/1.1 200") && deep.ends_with("<html>app</html>"));
        let missing = get(&server, "/data/posts/none.json");
        assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
        let escape = get(&server, "/../../etc/passwd");
        assert!(escape.starts_with("HTTP/1.1 404"), "{escape}");
    }

    #[test]
    fn precompressed_copies_go_to_clients_that_accept_them() {
        let root = site();
        fs::write(root.join("data/index.json.br"), "BROTLI").unwrap();
        fs::write(root.join("data/index.json.gz"), "GZIP").unwrap();
        let server = StaticServer::start(&root, Fallback::NotFound).unwrap();
        let ask = |encodings: &str| {
            let mut s = TcpStream::connect(server.addr()).unwrap();
            write!(
                s,
                "GET /data/index.json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: {encodings}\r\n\r\n"
            )
            .unwrap();
            let mut out = String::new();
            s.read_to_string(&mut out).unwrap();
            out
        };
        let br = ask("gzip, deflate, br, zstd");
        assert!(
            br.contains("Content-Encoding: br\r\n") && br.ends_with("BROTLI"),
            "{br}"
        );
        assert!(br.contains("Content-Type: application/json"), "{br}");
        let gz = ask("gzip;q=1.0");
        assert!(
            gz.contains("Content-Encoding: gzip") && gz.ends_with("GZIP"),
            "{gz}"
        );
        let plain = get(&server, "/data/index.json");
        assert!(
            !plain.contains("Content-Encoding") && plain.ends_with("{}"),
            "{plain}"
        );
    }

    #[test]
    fn counts_the_bytes_it_sends_by_path() {
        let root = site();
        let server = StaticServer::start(&root, Fallback::NotFound).unwrap();
        let answer = get(&server, "/data/index.json");
        get(&server, "/missing.js");
        let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
        assert_eq!(server.bytes_served("/data/"), body.len());
        assert_eq!(server.bytes_served("/"), body.len() + "not found".len());
        assert_eq!(server.bytes_served("/assets/"), 0);
        server.forget_served();
        assert_eq!(server.bytes_served("/"), 0);
    }

    #[test]
    fn the_sites_headers_file_is_applied() {
        let root = site();
        fs::write(
            root.join("_headers"),
            "/data/*\n  Cache-Control: max-age=0\n/*\n  Content-Security-Policy: default-src 'self'\n",
        )
        .unwrap();
        fs::create_dir_all(root.join("blog")).unwrap();
        fs::write(root.join("blog/_headers"), "/blog/*\n  X-Sub: 1\n").unwrap();
        fs::write(root.join("blog/a.xml"), "<feed/>").unwrap();
        fs::write(root.join("blog/_headers.bad"), "").unwrap();
        let server = StaticServer::start(&root, Fallback::NotFound).unwrap();
        let json = get(&server, "/data/index.json");
        assert!(json.contains("Cache-Control: max-age=0\r\n"), "{json}");
        assert!(!json.contains("no-cache"), "{json}");
        assert!(json.contains("Content-Security-Policy: default-src 'self'\r\n"));
        let page = get(&server, "/");
        assert!(page.contains("Cache-Control: no-cache\r\n"), "{page}");
        let sub = get(&server, "/blog/a.xml");
        assert!(sub.contains("X-Sub: 1\r\n") && sub.contains("Content-Security-Policy"));
        fs::write(root.join("_headers"), "  broken").unwrap();
        let broken = get(&server, "/");
        assert!(broken.starts_with("HTTP/1.1 500") && broken.contains("_headers line 1"));
    }

    #[test]
    fn a_sub_path_site_gets_its_own_not_found_page() {
        let root = site();
        fs::create_dir_all(root.join("blog/2009")).unwrap();
        fs::write(root.join("blog/404.html"), "blog 404").unwrap();
        let (status, page) = answer(&root, "/blog/2009/nowhere.html", Fallback::NotFound);
        assert_eq!((status, page), (404, Some(root.join("blog/404.html"))));
        assert_eq!(answer(&root, "/elsewhere", Fallback::NotFound), (404, None));
    }

    #[test]
    fn plain_mode_answers_404_for_unknown_paths() {
        let root = site();
        assert_eq!(answer(&root, "/nope", Fallback::NotFound).0, 404);
        assert_eq!(answer(&root, "/", Fallback::NotFound).0, 200);
        assert_eq!(
            answer(&root, "/data/index.json?x=1", Fallback::NotFound).0,
            200
        );
        assert_eq!(answer(&root, "/%zz", Fallback::SpaIndex).0, 404);
    }
}
