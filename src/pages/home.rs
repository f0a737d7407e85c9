//! `/`: the newest posts in full, five (or `posts_per_page`) at a time.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use model::paging::{paginate, parse_page_param, PageSlice};

use crate::components::pager::HomePager;
use crate::data::Blog;
use crate::pages::not_found::NotFound;
use crate::pages::post::LoadedPost;
use crate::pages::{Route, RouteHead};

/// The home page, paged by `?page=N`.
#[component]
pub fn HomePage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let query = use_query_map();
    let page = Memo::new(move |_| parse_page_param(query.read().get("page").as_deref()));
    move || {
        let index = &blog.index;
        let slice = page
            .get()
            .and_then(|p| paginate(index.posts.len(), index.site.posts_per_page, p));
        match slice {
            Some(slice) => view! {
                <RouteHead route=Route::Home(slice.page) />
                <HomeContent slice />
            }
            .into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    }
}

/// One page of the home page's posts, in full, and the pager.
#[component]
pub fn HomeContent(slice: PageSlice) -> impl IntoView {
    let blog = expect_context::<Blog>();
    let posts = blog.index.posts[slice.range.clone()]
        .iter()
        .map(|p| view! { <LoadedPost permalink=p.permalink.clone() /> })
        .collect_view();
    let empty = slice
        .range
        .is_empty()
        .then(|| view! { <p class="empty">"Nothing has been posted yet."</p> });
    view! {
        {empty}
        {posts}
        <HomePager newer=slice.newer() older=slice.older() />
    }
}
