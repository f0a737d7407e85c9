//! A small static file server on 127.0.0.1 for the browser tests and the benchmark.
//!
//! It serves a built site folder the way a static host does: files as they are, with their
//! content type and their precompressed copies. What it does with an unknown path is the
//! [`Fallback`] chosen: answer with `index.html` as a single-page-app server would, or 404
//! as a plain CDN does. The site's `_headers` rules are applied as Netlify and Cloudflare
//! Pages apply them ([`headers_file`]), so the browser runs under the site's real headers.
//! An answer that no rule gives a `Cache-Control` says `no-cache`, so a test that changes a
//! file on disk sees the change on the next request.
//!
//! HTTP is axum's and the files are served by tower-http; what is ours is the host's rules
//! ([`mod@answer`], [`headers_file`]) and what tests need of a network: delays, unplugging and
//! counting the bytes sent.

pub mod answer;
pub mod headers_file;
mod serve;

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use tokio::sync::oneshot;

pub use answer::{answer, content_type};

/// What an unknown path gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// `index.html` with 200, as a single-page-app server does, except for paths that name
    /// a file with an extension other than `.html` (a missing asset or data file is 404).
    SpaIndex,
    /// 404, with `404.html` as the body when the site has one: a plain CDN.
    NotFound,
}

/// What the server and the test driving it share.
struct Shared {
    root: PathBuf,
    fallback: Fallback,
    offline: AtomicBool,
    /// Requests whose path starts with a prefix, and how long to hold them.
    delays: Mutex<Vec<(String, Duration)>>,
    /// Every answer's path and the size of its body as sent (compressed when it was).
    served: Mutex<Vec<(String, usize)>>,
}

impl Shared {
    fn delay_for(&self, target: &str) -> Option<Duration> {
        self.delays
            .lock()
            .ok()
            .and_then(|d| serve::delay_matching(&d, target))
    }

    fn record(&self, target: String, bytes: usize) {
        if let Ok(mut log) = self.served.lock() {
            log.push((target, bytes));
        }
    }
}

/// The loopback listener, which drops every connection unanswered while the server is
/// unplugged, as a reader's lost network does.
struct Unpluggable {
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
}

impl axum::serve::Listener for Unpluggable {
    type Io = tokio::net::TcpStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.listener.accept().await {
                Ok(connection) if !self.shared.offline.load(Ordering::SeqCst) => return connection,
                Ok(_) => {}
                // Out of file descriptors or the like: wait, as axum's own listener does.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }
}

/// A running server; it stops when dropped.
pub struct StaticServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    /// Serves `root` on a free port of 127.0.0.1.
    pub fn start(root: impl Into<PathBuf>, fallback: Fallback) -> io::Result<Self> {
        Self::start_on(root, fallback, 0)
    }

    /// Serves `root` on `port` of 127.0.0.1 (0 for any free port), on a thread and
    /// runtime of its own, so that sync and async callers alike can use it.
    pub fn start_on(root: impl Into<PathBuf>, fallback: Fallback, port: u16) -> io::Result<Self> {
        let shared = Arc::new(Shared {
            root: root.into().canonicalize()?,
            fallback,
            offline: AtomicBool::new(false),
            delays: Mutex::default(),
            served: Mutex::default(),
        });
        let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let state = shared.clone();
        let thread = thread::spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                let app = axum::Router::new()
                    .fallback(serve::serve)
                    .with_state(state.clone());
                let server = axum::serve(
                    Unpluggable {
                        listener,
                        shared: state,
                    },
                    app,
                );
                tokio::select! {
                    _ = server => {}
                    _ = stopped => {}
                }
            });
            // Connections still open (a browser's idle ones) are cut, not waited for.
            runtime.shutdown_timeout(Duration::from_secs(1));
        });
        Ok(StaticServer {
            addr,
            shared,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Holds every answer to a path starting with `prefix` for `delay`, as a slow network
    /// would: lets a test see what a reader sees while data is on its way.
    pub fn delay(&self, prefix: &str, delay: Duration) {
        if let Ok(mut d) = self.shared.delays.lock() {
            d.push((prefix.to_string(), delay));
        }
    }

    /// Unplugs the server (`true`: every connection is dropped unanswered, as when the
    /// reader's network is gone) or plugs it back in.
    pub fn set_offline(&self, offline: bool) {
        self.shared.offline.store(offline, Ordering::SeqCst);
    }

    /// The body bytes sent (compressed as sent) in answer to paths starting with `prefix`
    /// since the server started or [`StaticServer::forget_served`] was last called: what a
    /// reader downloaded, as a benchmark weighs it. Heads are left out: this server speaks
    /// HTTP/1.1, where every answer repeats the site's long security headers, which the
    /// HTTP/2 and HTTP/3 of a CDN compress to a few bytes after the first.
    pub fn bytes_served(&self, prefix: &str) -> usize {
        self.shared.served.lock().map_or(0, |log| {
            log.iter()
                .filter(|(path, _)| path.starts_with(prefix))
                .map(|(_, bytes)| bytes)
                .sum()
        })
    }

    /// How many requests for paths starting with `prefix` (and query) were answered since
    /// the server started or [`StaticServer::forget_served`] was last called: a file the
    /// browser took from its cache is not among them.
    pub fn requests_served(&self, prefix: &str) -> usize {
        self.shared.served.lock().map_or(0, |log| {
            log.iter()
                .filter(|(path, _)| path.starts_with(prefix))
                .count()
        })
    }

    /// Starts counting [`StaticServer::bytes_served`] again from zero.
    pub fn forget_served(&self) {
        if let Ok(mut log) = self.shared.served.lock() {
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
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::io::{Read, Write};
    use std::net::TcpStream;

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
        lower_names(&out)
    }

    /// The answer with its header names in lower case (HTTP's are case-insensitive).
    fn lower_names(answer: &str) -> String {
        let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((answer, ""));
        let head: Vec<String> = head
            .split("\r\n")
            .map(|line| match line.split_once(':') {
                Some((name, value)) if !line.starts_with("HTTP/") => {
                    format!("{}:{value}", name.to_ascii_lowercase())
                }
                _ => line.to_string(),
            })
            .collect();
        format!("{}\r\n\r\n{body}", head.join("\r\n"))
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
            lower_names(&out)
        };
        let br = ask("gzip, deflate, br, zstd");
        assert!(
            br.contains("content-encoding: br\r\n") && br.ends_with("BROTLI"),
            "{br}"
        );
        assert!(br.contains("content-type: application/json"), "{br}");
        let gz = ask("gzip;q=1.0");
        assert!(
            gz.contains("content-encoding: gzip") && gz.ends_with("GZIP"),
            "{gz}"
        );
        let plain = get(&server, "/data/index.json");
        assert!(
            !plain.contains("content-encoding") && plain.ends_with("{}"),
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
        assert!(json.contains("cache-control: max-age=0\r\n"), "{json}");
        assert!(!json.contains("no-cache"), "{json}");
        assert!(json.contains("content-security-policy: default-src 'self'\r\n"));
        let page = get(&server, "/");
        assert!(page.contains("cache-control: no-cache\r\n"), "{page}");
        let sub = get(&server, "/blog/a.xml");
        assert!(sub.contains("x-sub: 1\r\n") && sub.contains("content-security-policy"));
        fs::write(root.join("_headers"), "  broken").unwrap();
        let broken = get(&server, "/");
        assert!(broken.starts_with("HTTP/1.1 500") && broken.contains("_headers line 1"));
    }

    #[test]
    fn a_missing_file_is_never_cached_whatever_the_rules_say() {
        let root = site();
        fs::write(
            root.join("_headers"),
            "/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n",
        )
        .unwrap();
        let server = StaticServer::start(&root, Fallback::NotFound).unwrap();
        let missing = get(&server, "/assets/part-gone.wasm");
        assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
        assert!(missing.contains("cache-control: no-cache\r\n"), "{missing}");
        assert!(!missing.contains("immutable"), "{missing}");
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
        // A path that is not a file is the app's to answer, malformed or not.
        assert_eq!(answer(&root, "/%zz", Fallback::SpaIndex).0, 200);
        assert_eq!(answer(&root, "/%zz", Fallback::NotFound).0, 404);
    }
}
