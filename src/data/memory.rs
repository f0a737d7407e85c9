//! The data source of pages rendered ahead of time: press hands over the whole blog in
//! memory, so every component draws its content at once and nothing is fetched.

use std::collections::HashMap;
use std::sync::Arc;

use futures::future::{ready, FutureExt};
use model::paths::page_data_file;
use model::shards::Shards;
use model::{ListFile, Page, Post, PostPath};

use super::{DataError, DataSource, ListKey, Load};

/// Every post, list and page of the blog, by key.
#[derive(Default)]
pub struct MemorySource {
    posts: HashMap<String, Arc<Post>>,
    lists: HashMap<ListKey, Arc<ListFile>>,
    pages: HashMap<String, Arc<Page>>,
}

impl MemorySource {
    /// The whole blog: every post and page, and every list its shards hold.
    pub fn of_blog(posts: &[Post], pages: &[Page], shards: &Shards) -> Self {
        let mut data = MemorySource::default();
        for post in posts {
            data.add_post(post.clone());
        }
        for page in pages {
            data.add_page(page.clone());
        }
        for (page, list) in &shards.home {
            data.add_list(ListKey::Home(*page), list.clone());
        }
        for ((y, m), list) in &shards.months {
            data.add_list(ListKey::Month(*y, *m), list.clone());
        }
        for (key, page, list) in &shards.labels {
            let key = ListKey::Label {
                key: key.clone(),
                page: *page,
            };
            data.add_list(key, list.clone());
        }
        data
    }

    /// Adds a post, under its permalink.
    pub fn add_post(&mut self, post: Post) {
        self.posts.insert(post.permalink.clone(), Arc::new(post));
    }

    /// Adds a list.
    pub fn add_list(&mut self, key: ListKey, list: ListFile) {
        self.lists.insert(key, Arc::new(list));
    }

    /// Adds a static page, under its slug.
    pub fn add_page(&mut self, page: Page) {
        self.pages.insert(page.slug.clone(), Arc::new(page));
    }
}

/// What is not in memory does not exist: a 404, as the host would answer.
fn found<T: Clone + 'static>(value: Option<&T>, what: &'static str, url: String) -> Load<T> {
    let result = value.cloned().ok_or(DataError::NotFound { what, url });
    ready(result).boxed_local()
}

impl DataSource for MemorySource {
    fn post(&self, path: &PostPath) -> Option<Arc<Post>> {
        self.posts.get(&path.permalink()).cloned()
    }

    fn load_post(&self, path: &PostPath) -> Load<Arc<Post>> {
        found(
            self.posts.get(&path.permalink()),
            "This post",
            path.data_file(),
        )
    }

    fn list(&self, key: &ListKey) -> Option<Arc<ListFile>> {
        self.lists.get(key).cloned()
    }

    fn load_list(&self, key: &ListKey) -> Load<Arc<ListFile>> {
        found(self.lists.get(key), key.what(), key.file())
    }

    fn page(&self, slug: &str) -> Option<Arc<Page>> {
        self.pages.get(slug).cloned()
    }

    fn load_page(&self, slug: &str) -> Load<Arc<Page>> {
        found(self.pages.get(slug), "This page", page_data_file(slug))
    }
}
