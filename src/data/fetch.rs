//! The browser's data source: fetching the bundled JSON and keeping what arrived. This is
//! the one place in the app that talks HTTP.
//!
//! The site file is fetched once; each post, list and page when first needed (or when a
//! link to a post is hovered or focused). A fetch in flight is shared, so a prefetch
//! followed by a click makes one request, and a finished fetch is kept, so returning to a
//! page fetches nothing. Failures are not kept: a Retry fetches again, revalidating with
//! the server.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::sync::Arc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::Request;
use model::paths::{page_data_file, SITE_DATA_FILE};
use model::{ListFile, Page, Post, PostPath, SchemaError};
use web_sys::RequestCache;

use super::{Blog, DataError, DataSource, ListKey, Load};

type SharedLoad<T> = Shared<LocalBoxFuture<'static, Result<T, DataError>>>;
type Cache<T> = std::thread::LocalKey<RefCell<HashMap<String, SharedLoad<T>>>>;

thread_local! {
    static SITE: RefCell<Option<SharedLoad<Blog>>> = const { RefCell::new(None) };
    static POSTS: RefCell<HashMap<String, SharedLoad<Arc<Post>>>> = RefCell::new(HashMap::new());
    static LISTS: RefCell<HashMap<String, SharedLoad<Arc<ListFile>>>> = RefCell::new(HashMap::new());
    static PAGES: RefCell<HashMap<String, SharedLoad<Arc<Page>>>> = RefCell::new(HashMap::new());
    /// URLs whose last fetch failed: the next try skips the browser's HTTP cache.
    static FAILED: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

/// Fetches `url` as text, mapping every failure to a [`DataError`] about `what`.
async fn fetch_text(url: &str, what: &'static str) -> Result<String, DataError> {
    let revalidate = FAILED.with(|f| f.borrow().contains(url));
    let mut request = Request::get(url);
    if revalidate {
        request = request.cache(RequestCache::NoCache);
    }
    let result = async {
        let response = request.send().await.map_err(|e| network_error(what, e))?;
        match response.status() {
            200..=299 => {}
            404 => {
                return Err(DataError::NotFound {
                    what,
                    url: url.to_string(),
                })
            }
            status => {
                return Err(DataError::Http {
                    what,
                    url: url.to_string(),
                    status,
                })
            }
        }
        response.text().await.map_err(|e| network_error(what, e))
    }
    .await;
    if result.is_err() {
        revalidate_next_time(url);
    } else {
        FAILED.with(|f| f.borrow_mut().remove(url));
    }
    result
}

/// A request that got no answer: offline if the browser says so (the service worker had
/// no copy), else a network failure.
fn network_error(what: &'static str, e: gloo_net::Error) -> DataError {
    let offline = web_sys::window().is_some_and(|w| !w.navigator().on_line());
    if offline {
        DataError::Offline { what }
    } else {
        DataError::Network {
            what,
            reason: e.to_string(),
        }
    }
}

/// Marks `url` so that its next fetch asks the server again: a damaged file may be a
/// stale copy (the browser's cache, the service worker's).
fn revalidate_next_time(url: &str) {
    FAILED.with(|f| f.borrow_mut().insert(url.to_string()));
}

/// Turns a schema error into what the reader is told.
fn schema_error(what: &'static str, url: &str, e: SchemaError) -> DataError {
    match e {
        SchemaError::Malformed(reason) => DataError::Malformed {
            what,
            url: url.to_string(),
            reason,
        },
        SchemaError::UnknownVersion { found, expected } => DataError::UnknownVersion {
            what,
            found,
            expected,
        },
    }
}

/// Runs `load` once per `key`, sharing it with every caller; keeps successes, forgets
/// failures so that the next call tries again.
async fn cached<T, F>(
    cache: &'static Cache<T>,
    key: &str,
    load: impl FnOnce() -> F,
) -> Result<T, DataError>
where
    T: Clone + 'static,
    F: Future<Output = Result<T, DataError>> + 'static,
{
    let shared = cache.with(|c| {
        c.borrow_mut()
            .entry(key.to_string())
            .or_insert_with(|| load().boxed_local().shared())
            .clone()
    });
    let result = shared.clone().await;
    if result.is_err() {
        cache.with(|c| {
            let mut c = c.borrow_mut();
            // Only forget this failure, not a newer attempt started meanwhile.
            if c.get(key)
                .and_then(|s| s.peek())
                .is_some_and(Result::is_err)
            {
                c.remove(key);
            }
        });
    }
    result
}

/// Leaves a named mark on the page's performance timeline, for `cargo xtask bench`.
fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// The value of a finished, successful load in `cache`, if there is one.
fn finished<T: Clone + 'static>(cache: &'static Cache<T>, key: &str) -> Option<T> {
    cache.with(|c| {
        c.borrow()
            .get(key)
            .and_then(|s| s.peek().cloned())
            .and_then(Result::ok)
    })
}

/// Fetches `url` and reads it with `parse`, through `cache`.
fn load<T, P>(
    cache: &'static Cache<Arc<T>>,
    url: String,
    what: &'static str,
    parse: P,
) -> Load<Arc<T>>
where
    T: 'static,
    P: FnOnce(&str) -> Result<T, SchemaError> + 'static,
{
    async move {
        cached(cache, &url.clone(), move || async move {
            let text = fetch_text(&url, what).await?;
            let value = parse(&text).map_err(|e| {
                revalidate_next_time(&url);
                schema_error(what, &url, e)
            })?;
            Ok(Arc::new(value))
        })
        .await
    }
    .boxed_local()
}

/// The site file (`data/site.json`), fetched once.
pub async fn site() -> Result<Blog, DataError> {
    const WHAT: &str = "The blog's settings and archive";
    let shared = SITE.with(|s| {
        s.borrow_mut()
            .get_or_insert_with(|| {
                async {
                    let text = fetch_text(SITE_DATA_FILE, WHAT).await?;
                    mark("scrapbook:site-fetched");
                    let site = model::parse_site(&text).map_err(|e| {
                        revalidate_next_time(SITE_DATA_FILE);
                        schema_error(WHAT, SITE_DATA_FILE, e)
                    })?;
                    mark("scrapbook:site-ready");
                    Ok(Blog(Arc::new(site)))
                }
                .boxed_local()
                .shared()
            })
            .clone()
    });
    let result = shared.await;
    if result.is_err() {
        SITE.with(|s| s.borrow_mut().take());
    }
    result
}

/// The data source of the browser: every file fetched once and kept for the visit.
pub struct FetchCache;

impl DataSource for FetchCache {
    fn post(&self, path: &PostPath) -> Option<Arc<Post>> {
        finished(&POSTS, &path.data_file())
    }

    fn load_post(&self, path: &PostPath) -> Load<Arc<Post>> {
        load(&POSTS, path.data_file(), "This post", model::parse_post)
    }

    fn list(&self, key: &ListKey) -> Option<Arc<ListFile>> {
        finished(&LISTS, &key.file())
    }

    fn load_list(&self, key: &ListKey) -> Load<Arc<ListFile>> {
        load(&LISTS, key.file(), key.what(), model::parse_list)
    }

    fn page(&self, slug: &str) -> Option<Arc<Page>> {
        finished(&PAGES, &page_data_file(slug))
    }

    fn load_page(&self, slug: &str) -> Load<Arc<Page>> {
        load(&PAGES, page_data_file(slug), "This page", model::parse_page)
    }

    fn prefetch_post(&self, path: &PostPath) {
        if self.post(path).is_some() {
            return;
        }
        let load = self.load_post(path);
        leptos::task::spawn_local(async move {
            // A failure here is reported when the reader actually opens the post.
            let _ = load.await;
        });
    }
}
