//! Fetching and caching the bundled JSON: the one place in the app that talks HTTP.
//!
//! The index is fetched once; each post and page when first needed (or when a link to it is
//! hovered or focused). A fetch in flight is shared, so a prefetch followed by a click makes
//! one request, and a finished fetch is kept, so returning to a post fetches nothing.
//! Failures are not kept: a Retry fetches again, revalidating with the server.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::sync::Arc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::Request;
use model::archive::{self, ArchiveYear};
use model::paths::page_data_file;
use model::{Index, Page, Post, PostPath, SchemaError};
use thiserror::Error;
use web_sys::RequestCache;

/// Why a piece of the blog could not be loaded; shown to the reader with a Retry button.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DataError {
    /// The server has no such file (HTTP 404).
    #[error("{what} could not be found on the server (HTTP 404, {url}).")]
    NotFound { what: &'static str, url: String },
    /// The server answered with another error status.
    #[error("The server could not send {what} (HTTP {status}, {url}). Please try again.")]
    Http {
        what: &'static str,
        url: String,
        status: u16,
    },
    /// The request never got an answer.
    #[error("{what} could not be loaded because the network failed ({reason}). Check your connection and try again.")]
    Network { what: &'static str, reason: String },
    /// The file arrived but is not valid for this schema.
    #[error("{what} could not be read: the file {url} is damaged ({reason}).")]
    Malformed {
        what: &'static str,
        url: String,
        reason: String,
    },
    /// The file is for a different version of the app.
    #[error("{what} was published for a different version of this blog (data format {found}; this page reads format {expected}). Reloading the page should fix it.")]
    UnknownVersion {
        what: &'static str,
        found: u32,
        expected: u32,
    },
}

/// The blog as every page sees it: the index, with the archive tree and label counts
/// worked out once.
#[derive(Debug, Clone)]
pub struct Blog {
    pub index: Arc<Index>,
    pub archive: Arc<Vec<ArchiveYear>>,
    pub labels: Arc<Vec<(String, usize)>>,
}

impl Blog {
    /// The blog of an index, with its archive tree and label counts worked out.
    pub fn new(index: Index) -> Self {
        Blog {
            archive: Arc::new(archive::group(&index.posts)),
            labels: Arc::new(archive::label_counts(&index.posts)),
            index: Arc::new(index),
        }
    }
}

type SharedLoad<T> = Shared<LocalBoxFuture<'static, Result<T, DataError>>>;

thread_local! {
    static INDEX: RefCell<Option<SharedLoad<Blog>>> = const { RefCell::new(None) };
    static POSTS: RefCell<HashMap<String, SharedLoad<Arc<Post>>>> = RefCell::new(HashMap::new());
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
        let response = request.send().await.map_err(|e| DataError::Network {
            what,
            reason: e.to_string(),
        })?;
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
        response.text().await.map_err(|e| DataError::Network {
            what,
            reason: e.to_string(),
        })
    }
    .await;
    FAILED.with(|f| {
        let mut failed = f.borrow_mut();
        if result.is_err() {
            failed.insert(url.to_string());
        } else {
            failed.remove(url);
        }
    });
    result
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
    cache: &'static std::thread::LocalKey<RefCell<HashMap<String, SharedLoad<T>>>>,
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

/// How many of the index's posts are read in one task (a few milliseconds' work).
const INDEX_POSTS_PER_TASK: usize = 2_000;

/// Leaves a named mark on the page's performance timeline, for `cargo xtask bench`.
fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// The blog's index (`data/index.json`), fetched once.
pub async fn blog() -> Result<Blog, DataError> {
    const URL: &str = "data/index.json";
    const WHAT: &str = "The blog's list of posts";
    let shared = INDEX.with(|i| {
        i.borrow_mut()
            .get_or_insert_with(|| {
                async {
                    let text = fetch_text(URL, WHAT).await?;
                    mark("scrapbook:index-fetched");
                    let malformed = |e| schema_error(WHAT, URL, e);
                    // A blog of thousands of posts is read a slice at a time, a task each,
                    // so that reading it never freezes the page.
                    let parts = model::IndexParts::parse(&text).map_err(malformed)?;
                    let mut posts = Vec::with_capacity(parts.posts.len());
                    for slice in parts.posts.chunks(INDEX_POSTS_PER_TASK) {
                        posts.extend(model::parse_summaries(slice).map_err(malformed)?);
                        if parts.posts.len() > INDEX_POSTS_PER_TASK {
                            crate::tasks::next_task().await;
                        }
                    }
                    let index = parts.finish(posts).map_err(malformed)?;
                    mark("scrapbook:index-parsed");
                    let blog = Blog::new(index);
                    mark("scrapbook:index-ready");
                    // The first page is drawn in a task of its own: a large blog's index
                    // takes a while to read, and one long task would freeze the page.
                    crate::tasks::next_task().await;
                    Ok(blog)
                }
                .boxed_local()
                .shared()
            })
            .clone()
    });
    let result = shared.await;
    if result.is_err() {
        INDEX.with(|i| i.borrow_mut().take());
    }
    result
}

/// One whole post, by its permalink.
pub async fn post(permalink: &str) -> Result<Arc<Post>, DataError> {
    const WHAT: &str = "This post";
    let Some(path) = PostPath::parse(permalink) else {
        return Err(DataError::NotFound {
            what: WHAT,
            url: permalink.to_string(),
        });
    };
    let url = path.data_file();
    cached(&POSTS, permalink, move || async move {
        let text = fetch_text(&url, WHAT).await?;
        let post = model::parse_post(&text).map_err(|e| schema_error(WHAT, &url, e))?;
        Ok(Arc::new(post))
    })
    .await
}

/// The post with this permalink if it has already been fetched; never starts a fetch.
/// Lets a route change to a visited post paint in the same frame.
pub fn post_if_cached(permalink: &str) -> Option<Arc<Post>> {
    finished(&POSTS, permalink)
}

/// The page with this slug if it has already been fetched; never starts a fetch.
pub fn page_if_cached(slug: &str) -> Option<Arc<Page>> {
    finished(&PAGES, slug)
}

/// The value of a finished, successful load in `cache`, if there is one.
fn finished<T: Clone + 'static>(
    cache: &'static std::thread::LocalKey<RefCell<HashMap<String, SharedLoad<T>>>>,
    key: &str,
) -> Option<T> {
    cache.with(|c| {
        c.borrow()
            .get(key)
            .and_then(|s| s.peek().cloned())
            .and_then(Result::ok)
    })
}

/// A finished load of `value`, as the cache keeps it.
fn ready<T: Clone + 'static>(value: T) -> SharedLoad<T> {
    let shared = futures::future::ready(Ok(value)).boxed_local().shared();
    // Polling once makes a ready future's value visible to `peek`.
    let _ = shared.clone().now_or_never();
    shared
}

/// Puts a post in the cache without fetching it: how pages rendered ahead of time are
/// given their data.
pub fn seed_post(post: Arc<Post>) {
    POSTS.with(|c| c.borrow_mut().insert(post.permalink.clone(), ready(post)));
}

/// Puts a static page in the cache without fetching it.
pub fn seed_page(page: Arc<Page>) {
    PAGES.with(|c| c.borrow_mut().insert(page.slug.clone(), ready(page)));
}

/// Starts fetching a post in the background (on hover or focus of a link to it).
pub fn prefetch_post(permalink: &str) {
    if post_if_cached(permalink).is_some() {
        return;
    }
    let permalink = permalink.to_string();
    leptos::task::spawn_local(async move {
        // A failure here is reported when the reader actually opens the post.
        let _ = post(&permalink).await;
    });
}

/// One static page, by its slug.
pub async fn page(slug: &str) -> Result<Arc<Page>, DataError> {
    const WHAT: &str = "This page";
    let url = page_data_file(slug);
    cached(&PAGES, slug, move || async move {
        let text = fetch_text(&url, WHAT).await?;
        let page = model::parse_page(&text).map_err(|e| schema_error(WHAT, &url, e))?;
        Ok(Arc::new(page))
    })
    .await
}
