//! `/search/label/NAME`: the posts with one label, a page of them at a time.

use std::sync::Arc;

use leptos::prelude::*;
use model::shards::LABEL_PAGE_SIZE;
use model::{ListFile, Route};

use crate::components::link::SiteLink;
use crate::components::loaded::cached_or_loaded;
use crate::components::pager::ListPager;
use crate::components::post_list::PostList;
use crate::data::{use_blog, use_data, ListKey};
use crate::pages::meta::posts_count;
use crate::pages::not_found::NotFound;
use crate::pages::{route_meta, RouteHead};

/// Page `page` of the posts labelled `name`, newest first, with their excerpts.
#[component]
pub fn LabelPage(name: String, page: usize) -> impl IntoView {
    let blog = use_blog();
    let label = blog.label(&name).cloned();
    let pages = label
        .as_ref()
        .map_or(1, |l| (l.count as usize).div_ceil(LABEL_PAGE_SIZE).max(1));
    if page > pages {
        return view! { <NotFound /> }.into_any();
    }
    let meta = route_meta(
        &blog,
        &Route::Label {
            name: name.clone(),
            page,
        },
        None,
    );
    let body = match label {
        None => view! {
            <p class="empty">
                "No posts have this label. "
                <SiteLink href="/archive">"Browse the archive"</SiteLink> " instead."
            </p>
        }
        .into_any(),
        Some(label) => {
            let data = use_data();
            let key = ListKey::Label {
                key: label.key.clone(),
                page,
            };
            let at = move |page| Route::Label {
                name: label.name.clone(),
                page,
            };
            let newer = (page > 1).then(|| at(page - 1));
            let older = (page < pages).then(|| at(page + 1));
            let summary = posts_count(label.count);
            view! {
                <p class="page-summary">{summary}</p>
                {cached_or_loaded(
                    data.list(&key),
                    move || data.load_list(&key),
                    move |list: Arc<ListFile>| {
                        let (newer, older) = (newer.clone(), older.clone());
                        view! {
                            <PostList posts=list.posts.clone() excerpts=true />
                            <ListPager newer older />
                        }
                    },
                )}
            }
            .into_any()
        }
    };
    view! {
        <RouteHead meta />
        <section class="label-page">
            <h2 class="page-heading">{format!("Posts with the label “{name}”")}</h2>
            {body}
        </section>
    }
    .into_any()
}
