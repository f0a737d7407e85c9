//! The harness for scrapbook's end-to-end tests.
//!
//! Each test gets its own copy of the release site (so it may damage files), served by
//! [`static_host`] on a free loopback port, and its own headless Chromium driven over
//! WebDriver by a ChromeDriver started on another free port. Everything is stopped when
//! the [`Harness`] is dropped, also when a test fails.
//!
//! `cargo xtask test` builds the site and sets `SCRAPBOOK_DIST`; `CHROMIUM` and
//! `CHROMEDRIVER` name the browser and driver if they are not on PATH, `ISSO` the comment
//! server ([`isso`]).
//!
//! Every page runs under the site's real headers (the server applies its `_headers`), and
//! every page the browser loads reports content-security-policy violations to the console;
//! a test with any violation fails when its harness is finished or dropped.
//!
//! A comment test ([`Harness::start_commenting`]) also gets its own real Isso server, and
//! its site copy is rebuilt by press from the sample content with `[comments] isso` naming
//! that server, as an author would configure it.

pub mod isso;

use std::env;
use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use static_host::{Fallback, StaticServer};

use crate::isso::{Isso, Moderation};

/// How long a test waits for something to appear before it fails. This guards against a
/// hang; it is not a speed check (the benchmark measures speed).
pub const PATIENCE: Duration = Duration::from_secs(20);

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// Installed in every page before its own scripts: each violation of the content security
/// policy goes to the console, where [`Harness::console`] finds it.
const VIOLATION_LISTENER: &str = "document.addEventListener('securitypolicyviolation', e => \
    console.error('CSP violation: ' + e.effectiveDirective + ' refused ' + (e.blockedURI || 'inline') \
    + ' in ' + e.sourceFile + ':' + e.lineNumber + ' ' + (e.sample || '')), true);";

/// Whether a console message reports a content-security-policy violation, from the
/// listener above or from the browser itself ("Refused to … because it violates …").
fn is_violation(message: &str) -> bool {
    message.contains("CSP violation:") || message.contains("Content Security Policy")
}

/// One test's site, server, driver and browser.
pub struct Harness {
    pub client: Client,
    /// The test's own copy of the built site; change it to simulate a broken server.
    pub site: PathBuf,
    server: StaticServer,
    driver: Child,
    scratch: PathBuf,
    /// The comment server of a comment test.
    isso: Option<Isso>,
    /// Violations of the content security policy seen in the console so far.
    violations: Mutex<Vec<String>>,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free loopback port")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create site copy");
    for entry in fs::read_dir(from).expect("read dist") {
        let entry = entry.expect("read dist entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy site file");
        }
    }
}

/// A new scratch folder for one test, holding a copy of the site in `from`.
fn scratch_site(from: &Path) -> (PathBuf, PathBuf) {
    let id = NEXT_ID.fetch_add(1, Ordering::SeqCst);
    let scratch = env::temp_dir().join(format!("scrapbook-e2e-{}-{id}", std::process::id()));
    let _ = fs::remove_dir_all(&scratch);
    let site = scratch.join("site");
    copy_dir(from, &site);
    (scratch, site)
}

/// The sample blog's content folder (`SCRAPBOOK_CONTENT`, else the repository's).
fn content_dir() -> PathBuf {
    env::var_os("SCRAPBOOK_CONTENT")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content"))
}

/// axe-core's script (`AXE_CORE`, else the copy `cargo xtask test` installs in `.tools/`).
fn axe_script() -> PathBuf {
    env::var_os("AXE_CORE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../.tools/node_modules/axe-core/axe.min.js")
        })
}

fn dist() -> PathBuf {
    let dist = env::var_os("SCRAPBOOK_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dist"));
    assert!(
        dist.join("index.html").is_file() && dist.join("data/site.json").is_file(),
        "no built site at {}: run the tests with `cargo xtask test`, which builds it",
        dist.display()
    );
    dist
}

impl Harness {
    /// A fresh copy of the release site behind a single-page-app server, and a browser.
    pub async fn start() -> Harness {
        Self::start_with(Fallback::SpaIndex).await
    }

    /// As [`Harness::start`], with the server answering unknown paths as `fallback` says.
    pub async fn start_with(fallback: Fallback) -> Harness {
        Self::start_from(&dist(), fallback).await
    }

    /// The site built for the sub-path `/blog/` (its folder holds `blog/`), on a plain
    /// server that answers unknown paths with 404, as a CDN does.
    pub async fn start_sub_path() -> Harness {
        let site = env::var_os("SCRAPBOOK_SUBPATH_SITE")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/subpath-site")
            });
        assert!(
            site.join("blog/index.html").is_file(),
            "no sub-path build at {}: run the tests with `cargo xtask test`, which builds it",
            site.display()
        );
        Self::start_from(&site, Fallback::NotFound).await
    }

    /// A copy of the site in `from`, served with `fallback`, and a browser.
    pub async fn start_from(from: &Path, fallback: Fallback) -> Harness {
        let (scratch, site) = scratch_site(from);
        let server = StaticServer::start(&site, fallback).expect("start the static server");
        Self::launch(scratch, site, server, None).await
    }

    /// The site in `dir` served as it is (no copy: the benchmark's large sites), with
    /// `fallback`, and a browser.
    pub async fn serve_in_place(dir: &Path, fallback: Fallback) -> Harness {
        let id = NEXT_ID.fetch_add(1, Ordering::SeqCst);
        let scratch = env::temp_dir().join(format!("scrapbook-e2e-{}-{id}", std::process::id()));
        let _ = fs::remove_dir_all(&scratch);
        fs::create_dir_all(&scratch).expect("create the scratch folder");
        let server = StaticServer::start(dir, fallback).expect("start the static server");
        Self::launch(scratch, dir.to_path_buf(), server, None).await
    }

    /// The release site rebuilt by press from a copy of the sample content that `change`
    /// has changed first (adding posts, importing a Blogger export), served as a
    /// single-page-app server does, and a browser.
    pub async fn start_with_content(change: impl FnOnce(&Path)) -> Harness {
        let (scratch, site) = scratch_site(&dist());
        let content = scratch.join("content");
        copy_dir(&content_dir(), &content);
        change(&content);
        press::build(&content, &site, "/").unwrap_or_else(|e| panic!("press failed: {e}"));
        let server =
            StaticServer::start(&site, Fallback::SpaIndex).expect("start the static server");
        Self::launch(scratch, site, server, None).await
    }

    /// The release site rebuilt with a real Isso server for its comments, and a browser.
    pub async fn start_commenting(moderation: Moderation) -> Harness {
        let isso_port = free_port();
        let (scratch, site, server) =
            Self::site_with_comments(&format!("http://127.0.0.1:{isso_port}/"));
        let origin = server.url("");
        let origin = origin.trim_end_matches('/');
        let isso = Isso::start(&scratch.join("isso"), isso_port, origin, moderation);
        Self::launch(scratch, site, server, Some(isso)).await
    }

    /// The release site rebuilt with `comment_server` (an address) as its Isso server,
    /// whatever answers there: for tests of a server that misbehaves.
    pub async fn start_commenting_at(comment_server: &str) -> Harness {
        let (scratch, site, server) = Self::site_with_comments(comment_server);
        Self::launch(scratch, site, server, None).await
    }

    /// A copy of the sample content with `[comments] isso` naming `isso`, built by press
    /// as an author would build it, and served.
    fn site_with_comments(isso: &str) -> (PathBuf, PathBuf, StaticServer) {
        let (scratch, site) = scratch_site(&dist());
        let content = scratch.join("content");
        copy_dir(&content_dir(), &content);
        let settings = content.join("site.toml");
        let mut config: toml::Table = fs::read_to_string(&settings)
            .expect("read site.toml")
            .parse()
            .expect("site.toml is TOML");
        let mut comments = toml::Table::new();
        comments.insert("isso".into(), isso.into());
        config.insert("comments".into(), comments.into());
        fs::write(&settings, toml::to_string(&config).expect("write TOML"))
            .expect("write site.toml");
        press::build(&content, &site, "/").unwrap_or_else(|e| panic!("press failed: {e}"));
        let server =
            StaticServer::start(&site, Fallback::SpaIndex).expect("start the static server");
        (scratch, site, server)
    }

    /// The comment server of a test started with [`Harness::start_commenting`].
    pub fn isso(&mut self) -> &mut Isso {
        self.isso.as_mut().expect("this test has no comment server")
    }

    /// Starts ChromeDriver and a browser session for a served site.
    async fn launch(
        scratch: PathBuf,
        site: PathBuf,
        server: StaticServer,
        isso: Option<Isso>,
    ) -> Harness {
        let port = free_port();
        let driver_bin = env::var_os("CHROMEDRIVER").unwrap_or_else(|| "chromedriver".into());
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {driver_bin:?}: {e}"));

        let profile = scratch.join("profile");
        let mut options = json!({
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ]
        });
        if let Some(chromium) = env::var_os("CHROMIUM") {
            options["binary"] = json!(chromium.to_string_lossy());
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        // The console, for the checks of failed requests and unused preloads.
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));

        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let attempt = ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await;
            match attempt {
                Ok(client) => break client,
                Err(e) if started.elapsed() > PATIENCE => {
                    panic!("ChromeDriver on {url} never accepted a session: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        let harness = Harness {
            client,
            site,
            server,
            driver,
            scratch,
            isso,
            violations: Mutex::default(),
        };
        harness.before_every_page(VIOLATION_LISTENER).await;
        harness
    }

    /// Takes the reader's network away (`true`) or gives it back: the browser goes offline
    /// (`navigator.onLine` is false and requests fail) and the server stops answering, so
    /// nothing can reach it, the service worker included.
    ///
    /// Through chromedriver's own network conditions, which it applies again to every
    /// document the tab loads: from Chromium 148, DevTools' `Network.emulateNetworkConditions`
    /// leaves `navigator.onLine` alone, and `Network.overrideNetworkState` sets it for the
    /// document open only, so a page loaded offline would believe it was online.
    pub async fn set_offline(&self, offline: bool) {
        self.server.set_offline(offline);
        self.client
            .issue_cmd(SessionCommand {
                path: "chromium/network_conditions",
                body: json!({ "network_conditions": {
                    "offline": offline,
                    "latency": 0,
                    "download_throughput": -1,
                    "upload_throughput": -1
                } }),
            })
            .await
            .unwrap_or_else(|e| panic!("chromedriver could not set the network conditions: {e}"));
    }

    /// Waits until a service worker controls the page and holds `url` (a site path) in its
    /// caches: the page can then be read offline.
    pub async fn wait_until_saved(&self, path: &str) {
        let script = format!(
            "return navigator.serviceWorker.controller !== null && \
             caches.match({url:?}).then(r => !!r);",
            url = self.url(path)
        );
        self.wait_js(&format!("{path} to be saved for offline reading"), &script)
            .await;
    }

    /// Waits until a service worker controls the page and holds both the page at `path`
    /// (the one open) and every file it preloads: it can then be reloaded offline whole.
    /// The worker keeps the page before its data, so a test that goes offline after
    /// [`Harness::wait_until_saved`] alone races the data.
    pub async fn wait_until_page_saved(&self, path: &str) {
        let script = format!(
            "const urls = [{url:?}].concat(Array.from(\
               document.querySelectorAll('link[rel=preload][href*=\"/data/\"]'), l => l.href));\
             return navigator.serviceWorker.controller !== null && \
               Promise.all(urls.map(u => caches.match(u))).then(rs => rs.every(r => !!r));",
            url = self.url(path)
        );
        self.wait_js(
            &format!("{path} and its data to be saved for offline reading"),
            &script,
        )
        .await;
    }

    /// Deploys a new build over the test's site, as a host does: the stylesheet changes
    /// (the release build holds it in the app's page, so nothing but the pages and the
    /// service worker's version says so), and press builds every page, `_headers` and the
    /// service worker again from the sample content. Returns the rule only the new
    /// stylesheet holds.
    pub fn deploy_a_new_build(&self) -> String {
        const NEXT: &str = ".next-build{outline:0}";
        let index = self.site.join("index.html");
        let mut page = fs::read_to_string(&index).expect("read index.html");
        let end = page
            .find("</style>")
            .expect("the app's page holds its stylesheet (a release build)");
        page.insert_str(end, NEXT);
        fs::write(&index, page).expect("write index.html");
        self.press_again();
        NEXT.to_string()
    }

    /// Runs press over the test's site again, as the build does after Trunk (the pages,
    /// `_headers` and the service worker; the worker unminified, as press writes it).
    pub fn press_again(&self) {
        press::build(&content_dir(), &self.site, "/")
            .unwrap_or_else(|e| panic!("press failed: {e}"));
    }

    /// Makes the server hold answers to paths starting with `prefix` for `delay`.
    pub fn slow_down(&self, prefix: &str, delay: Duration) {
        self.server.delay(prefix, delay);
    }

    /// The absolute URL of a site path such as `/2009/04/x.html`.
    pub fn url(&self, path: &str) -> String {
        self.server.url(path)
    }

    /// Loads a site path in the browser, as a reader typing the address, and waits until
    /// the app has taken over from the page rendered ahead of time.
    pub async fn open(&self, path: &str) {
        self.open_static(path).await;
        self.wait_js(
            "the app to take over from the prerendered page",
            "return !document.getElementById('boot');",
        )
        .await;
    }

    /// Loads a site path without waiting for the app: what a crawler gets first.
    pub async fn open_static(&self, path: &str) {
        self.client.goto(&self.url(path)).await.expect("navigate");
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its value.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Waits until `script` returns a truthy value, and returns it.
    pub async fn wait_js(&self, what: &str, script: &str) -> Value {
        let started = Instant::now();
        loop {
            let v = self.js(script, vec![]).await;
            let truthy =
                !matches!(&v, Value::Null | Value::Bool(false)) && v != json!(0) && v != json!("");
            if truthy {
                return v;
            }
            if started.elapsed() > PATIENCE {
                let body = self.text("body").await.unwrap_or_default();
                panic!("timed out waiting for {what}; the page says:\n{body}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for an element matching `css` and returns it.
    pub async fn wait_for(&self, css: &str) -> Element {
        let started = Instant::now();
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                return el;
            }
            if started.elapsed() > PATIENCE {
                let body = self.text("body").await.unwrap_or_default();
                panic!("timed out waiting for `{css}`; the page says:\n{body}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the element matching `css` contains `text`.
    pub async fn wait_text(&self, css: &str, text: &str) {
        let script = format!(
            "const e = document.querySelector({css:?}); return !!e && e.textContent.includes({text:?});"
        );
        self.wait_js(&format!("`{css}` to contain {text:?}"), &script)
            .await;
    }

    /// The text of the first element matching `css`, if there is one.
    pub async fn text(&self, css: &str) -> Option<String> {
        let el = self.client.find(Locator::Css(css)).await.ok()?;
        el.text().await.ok()
    }

    /// The `textContent` of the first element matching `css` with white space folded: the
    /// words in the page, whatever the layout.
    pub async fn content(&self, css: &str) -> Option<String> {
        let script = "const e = document.querySelector(arguments[0]);
                      return e ? e.textContent.replace(/\\s+/g, ' ').trim() : null;";
        self.js(script, vec![json!(css)])
            .await
            .as_str()
            .map(String::from)
    }

    /// Clicks the first element matching `css`, once it is there. An element the app
    /// replaced between finding and clicking it (a Retry drawn anew while its error
    /// stays) is found again and clicked, as a reader's click lands on what is on screen.
    pub async fn click(&self, css: &str) {
        let started = Instant::now();
        loop {
            match self.wait_for(css).await.click().await {
                Ok(_) => return,
                Err(fantoccini::error::CmdError::Standard(e))
                    if e.error == fantoccini::error::ErrorStatus::StaleElementReference
                        && started.elapsed() < PATIENCE =>
                {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(e) => panic!("click `{css}`: {e:?}"),
            }
        }
    }

    /// Clicks the link whose text is exactly `text`.
    pub async fn click_link(&self, text: &str) {
        let el = self.wait_for_link(text).await;
        el.click().await.expect("click link");
    }

    async fn wait_for_link(&self, text: &str) -> Element {
        let started = Instant::now();
        loop {
            if let Ok(el) = self.client.find(Locator::LinkText(text)).await {
                return el;
            }
            if started.elapsed() > PATIENCE {
                panic!("timed out waiting for a link {text:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The path (and query) the browser shows.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("current url");
        let mut path = url.path().to_string();
        if let Some(q) = url.query() {
            path.push('?');
            path.push_str(q);
        }
        path
    }

    /// Waits until the browser's path is `path`.
    pub async fn wait_path(&self, path: &str) {
        let started = Instant::now();
        while self.path().await != path {
            if started.elapsed() > PATIENCE {
                panic!(
                    "the address never became {path}; it is {}",
                    self.path().await
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until `document.title` is `title`.
    pub async fn wait_title(&self, title: &str) {
        let script = format!("return document.title === {title:?};");
        let started = Instant::now();
        loop {
            if self.js(&script, vec![]).await == json!(true) {
                return;
            }
            if started.elapsed() > PATIENCE {
                let now = self.js("return document.title;", vec![]).await;
                panic!("the title never became {title:?}; it is {now}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Types `text` into the field matching `css`, key by key, as a reader does.
    pub async fn type_into(&self, css: &str, text: &str) {
        self.wait_for(css)
            .await
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("could not type into `{css}`: {e}"));
    }

    /// The value of the form field matching `css`.
    pub async fn value(&self, css: &str) -> String {
        let script = "const e = document.querySelector(arguments[0]); return e ? e.value : null;";
        self.js(script, vec![json!(css)])
            .await
            .as_str()
            .unwrap_or_else(|| panic!("no field `{css}`"))
            .to_string()
    }

    /// Waits until the field matching `css` holds exactly `value`.
    pub async fn wait_value(&self, css: &str, value: &str) {
        let script = format!(
            "const e = document.querySelector({css:?}); return !!e && e.value === {value:?};"
        );
        let started = Instant::now();
        loop {
            if self.js(&script, vec![]).await == json!(true) {
                return;
            }
            if started.elapsed() > PATIENCE {
                let now = self
                    .js(
                        &format!("const e = document.querySelector({css:?}); return e && e.value;"),
                        vec![],
                    )
                    .await;
                panic!("`{css}` never held {value:?}; it holds {now}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The localStorage value under `key`.
    pub async fn stored(&self, key: &str) -> Option<String> {
        self.js(
            "return localStorage.getItem(arguments[0]);",
            vec![json!(key)],
        )
        .await
        .as_str()
        .map(String::from)
    }

    /// Every localStorage key starting with `prefix`.
    pub async fn stored_keys(&self, prefix: &str) -> Vec<String> {
        let keys = self
            .js(
                "return Object.keys(localStorage).filter(k => k.startsWith(arguments[0])).sort();",
                vec![json!(prefix)],
            )
            .await;
        serde_json::from_value(keys).expect("a list of keys")
    }

    /// Runs a DevTools protocol command through ChromeDriver and returns its result.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.client
            .issue_cmd(SessionCommand {
                path: "goog/cdp/execute",
                body: json!({ "cmd": cmd, "params": params }),
            })
            .await
            .unwrap_or_else(|e| panic!("DevTools command {cmd} failed: {e}"))
    }

    /// The serious and critical accessibility violations axe-core finds in the page as it
    /// is now, one line each: rule, impact, help and the first elements concerned.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let loaded = self
            .js("return typeof window.axe === 'object';", vec![])
            .await;
        if loaded != json!(true) {
            let source = fs::read_to_string(axe_script()).unwrap_or_else(|e| {
                panic!("axe-core is missing ({e}): run the tests with `cargo xtask test`, which installs it")
            });
            self.js(&format!("{source}\n;return true;"), vec![]).await;
        }
        let found = self
            .js(
                "return axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations
                   .filter(v => v.impact === 'serious' || v.impact === 'critical')
                   .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                     + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')));",
                vec![],
            )
            .await;
        serde_json::from_value(found).unwrap_or_default()
    }

    /// Emulates the reader's colour scheme preference: "light" or "dark".
    pub async fn prefer_color_scheme(&self, scheme: &str) {
        self.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        )
        .await;
    }

    /// Runs `script` in every page this browser loads from now on, before the page's own.
    pub async fn before_every_page(&self, script: &str) {
        self.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": script }),
        )
        .await;
    }

    /// The browser console's messages since the last call: (level, text).
    pub async fn console(&self) -> Vec<(String, String)> {
        self.read_console()
            .await
            .unwrap_or_else(|e| panic!("reading the browser's console failed: {e}"))
    }

    /// As [`Harness::console`], with a failure to read as an error; notes violations.
    async fn read_console(&self) -> Result<Vec<(String, String)>, String> {
        let entries = self
            .client
            .issue_cmd(SessionCommand {
                path: "se/log",
                body: json!({ "type": "browser" }),
            })
            .await
            .map_err(|e| e.to_string())?;
        let messages: Vec<(String, String)> = entries
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|e| {
                        (
                            e["level"].as_str().unwrap_or_default().to_string(),
                            e["message"].as_str().unwrap_or_default().to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        if let Ok(mut seen) = self.violations.lock() {
            seen.extend(
                messages
                    .iter()
                    .filter(|(_, m)| is_violation(m))
                    .map(|(_, m)| m.clone()),
            );
        }
        Ok(messages)
    }

    /// The policy violations seen so far, forgotten: for a test that breaks the policy on
    /// purpose.
    pub async fn take_violations(&self) -> Vec<String> {
        self.console().await;
        self.violations
            .lock()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default()
    }

    /// Fails the test if any page broke the content security policy so far.
    pub async fn assert_no_violations(&self) {
        self.console().await;
        let seen = self
            .violations
            .lock()
            .map(|v| v.clone())
            .unwrap_or_default();
        assert!(
            seen.is_empty(),
            "the page broke its content security policy:\n{}",
            seen.join("\n")
        );
    }

    /// The bytes the server has sent for paths starting with `prefix` since the test
    /// started or [`Harness::forget_served`] was last called.
    pub fn bytes_served(&self, prefix: &str) -> usize {
        self.server.bytes_served(prefix)
    }

    /// How many requests for paths starting with `prefix` the server answered (see
    /// [`StaticServer::requests_served`]).
    pub fn requests_served(&self, prefix: &str) -> usize {
        self.server.requests_served(prefix)
    }

    /// Starts counting [`Harness::bytes_served`] again from zero.
    pub fn forget_served(&self) {
        self.server.forget_served();
    }

    /// A file of the test's site copy, by its site path (`data/site.json`).
    pub fn site_file(&self, rel: &str) -> PathBuf {
        self.site.join(rel)
    }

    /// Checks for policy violations and closes the browser session; dropping the harness
    /// then stops the rest.
    pub async fn finish(self) {
        self.assert_no_violations().await;
        let _ = self.client.clone().close().await;
    }
}

/// A ChromeDriver command outside W3C WebDriver: `POST /session/ID/{path}` with `body`
/// (`goog/cdp/execute` for the DevTools protocol, `se/log` for the browser console).
#[derive(Debug)]
struct SessionCommand {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for SessionCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        // A test that ends without `finish` is checked here, unless it failed already.
        let multi_thread = tokio::runtime::Handle::try_current()
            .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
        let outcome = (!std::thread::panicking() && multi_thread).then(|| {
            tokio::task::block_in_place(|| {
                // After `finish` the session is closed and there is nothing left to read.
                tokio::runtime::Handle::current().block_on(self.read_console())
            })
            .ok();
            self.violations
                .lock()
                .map(|v| v.clone())
                .unwrap_or_default()
        });
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // A browser whose driver died can outlive it; its profile folder names it.
        let profile = self.scratch.join("profile");
        let _ = Command::new("pkill")
            .args(["-f", "--"])
            .arg(format!("--user-data-dir={}", profile.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = fs::remove_dir_all(&self.scratch);
        if let Some(seen) = outcome.filter(|v| !v.is_empty()) {
            panic!(
                "the page broke its content security policy:\n{}",
                seen.join("\n")
            );
        }
    }
}
