//! The blog's data as components see it: the site file ([`Blog`]), and a [`DataSource`]
//! in context for everything else: the fetch cache in the browser ([`fetch::FetchCache`]),
//! the content held in memory when press renders pages ahead of time
//! ([`memory::MemorySource`]). Components ask the source and never know which it is.

pub mod fetch;
#[cfg(not(target_arch = "wasm32"))]
pub mod memory;

use std::ops::Deref;
use std::sync::Arc;

use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use model::paths::{home_data_file, label_data_file, month_data_file};
use model::{ListFile, Page, Post, PostPath, SiteFile};
use thiserror::Error;

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
    /// The browser is offline and the file was never saved on this device.
    #[error("You are offline, and {} {} not been saved on this device. Press Retry once you are back online.", lower_first(what), if is_plural(what) { "have" } else { "has" })]
    Offline { what: &'static str },
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

/// "This post" as the middle of a sentence: "this post".
fn lower_first(what: &str) -> String {
    // ASCII only: `char::to_lowercase` would pull Unicode's case tables into the wasm, and
    // every `what` starts with an ASCII capital.
    let mut out = what.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    out
}

/// Whether a `what` names several things ("This month's posts", "The posts with this
/// label") rather than one ("This post", "This page of posts").
fn is_plural(what: &str) -> bool {
    what.starts_with("The posts") || what.ends_with("'s posts")
}

/// A load in progress: the value, or why it could not be had.
pub type Load<T> = LocalBoxFuture<'static, Result<T, DataError>>;

/// Which list of posts: a page of the home page, a month, or a page of a label.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ListKey {
    /// Page 2 and on of the home page (page 1 is in the site file).
    Home(usize),
    Month(i32, u8),
    /// A label's page, by the label's key (its data folder).
    Label {
        key: String,
        page: usize,
    },
}

impl ListKey {
    /// The list's file, relative to the site's base.
    pub fn file(&self) -> String {
        match self {
            ListKey::Home(page) => home_data_file(*page),
            ListKey::Month(y, m) => month_data_file(*y, *m),
            ListKey::Label { key, page } => label_data_file(key, *page),
        }
    }

    /// What the reader is told could not be loaded.
    pub fn what(&self) -> &'static str {
        match self {
            ListKey::Home(_) => "This page of posts",
            ListKey::Month(..) => "This month's posts",
            ListKey::Label { .. } => "The posts with this label",
        }
    }
}

/// Where components get posts, lists and pages. Each kind has a look-up that never waits
/// (`Some` when the data is at hand, so a page can be drawn in the same frame) and a load.
pub trait DataSource: Send + Sync {
    /// The post at `path` if it is at hand.
    fn post(&self, path: &PostPath) -> Option<Arc<Post>>;
    /// Loads the post at `path`.
    fn load_post(&self, path: &PostPath) -> Load<Arc<Post>>;
    /// The list if it is at hand.
    fn list(&self, key: &ListKey) -> Option<Arc<ListFile>>;
    /// Loads the list.
    fn load_list(&self, key: &ListKey) -> Load<Arc<ListFile>>;
    /// The static page if it is at hand.
    fn page(&self, slug: &str) -> Option<Arc<Page>>;
    /// Loads the static page.
    fn load_page(&self, slug: &str) -> Load<Arc<Page>>;
    /// Starts loading a post the reader is likely to open next (a hovered link).
    fn prefetch_post(&self, _path: &PostPath) {}
}

/// The data source in context.
#[derive(Clone)]
pub struct Data(pub Arc<dyn DataSource>);

impl Deref for Data {
    type Target = dyn DataSource;

    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

/// The data source the app or the prerender provided.
pub fn use_data() -> Data {
    expect_context::<Data>()
}

/// The site file as every page and widget sees it: settings, the archive's counts, the
/// labels and the first home page.
#[derive(Debug, Clone)]
pub struct Blog(pub Arc<SiteFile>);

impl Deref for Blog {
    type Target = SiteFile;

    fn deref(&self) -> &SiteFile {
        &self.0
    }
}

/// The blog in context.
pub fn use_blog() -> Blog {
    expect_context::<Blog>()
}
