//! `/`: the newest posts in full, five (or `posts_per_page`) at a time.

use std::sync::Arc;

use leptos::prelude::*;
use model::{ListFile, PostSummary, Route};

use crate::components::loaded::cached_or_loaded;
use crate::components::pager::ListPager;
use crate::data::{use_blog, use_data, ListKey};
use crate::pages::not_found::NotFound;
use crate::pages::post::LoadedPost;
use crate::pages::{route_meta, RouteHead};

/// Page `page` of the home page: the first comes with the site file, the others load.
#[component]
pub fn HomePage(page: usize) -> impl IntoView {
    let blog = use_blog();
    let pages = blog.home_pages();
    if page > pages {
        return view! { <NotFound /> }.into_any();
    }
    let meta = route_meta(&blog, &Route::Home { page }, None);
    let posts = if page == 1 {
        view! { <HomePosts posts=blog.home.clone() page pages /> }.into_any()
    } else {
        let data = use_data();
        let key = ListKey::Home(page);
        cached_or_loaded(
            data.list(&key),
            move || data.load_list(&key),
            move |list: Arc<ListFile>| {
                view! { <HomePosts posts=list.posts.clone() page pages /> }
            },
        )
        .into_any()
    };
    view! {
        <RouteHead meta />
        {posts}
    }
    .into_any()
}

/// One page of the home page's posts, each in full, and the pager.
#[component]
fn HomePosts(posts: Vec<PostSummary>, page: usize, pages: usize) -> impl IntoView {
    let empty = posts
        .is_empty()
        .then(|| view! { <p class="empty">"Nothing has been posted yet."</p> });
    let posts = posts
        .iter()
        .filter_map(|p| p.path())
        .map(|path| view! { <LoadedPost path /> })
        .collect_view();
    let newer = (page > 1).then(|| Route::Home { page: page - 1 });
    let older = (page < pages).then(|| Route::Home { page: page + 1 });
    view! {
        {empty}
        {posts}
        <ListPager newer older />
    }
}
