//! `/`: the newest posts in full, five (or `posts_per_page`) at a time.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use model::paging::{paginate, parse_page_param};

use crate::components::pager::HomePager;
use crate::data::Blog;
use crate::pages::document_title;
use crate::pages::not_found::NotFound;
use crate::pages::post::LoadedPost;

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
        let Some(slice) = slice else {
            return view! { <NotFound /> }.into_any();
        };
        let title = if slice.page == 1 {
            index.site.title.clone()
        } else {
            document_title(
                &index.site.title,
                &format!("Older posts, page {}", slice.page),
            )
        };
        let posts = index.posts[slice.range.clone()]
            .iter()
            .map(|p| view! { <LoadedPost permalink=p.permalink.clone() /> })
            .collect_view();
        let empty = slice.range.is_empty().then(|| {
            view! { <p class="empty">"Nothing has been posted yet."</p> }
        });
        view! {
            <Title text=title />
            <Meta name="description" content=index.site.description.clone() />
            {empty}
            {posts}
            <HomePager newer=slice.newer() older=slice.older() />
        }
        .into_any()
    }
}
