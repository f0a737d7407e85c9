//! `/search/label/NAME`: the posts with one label.

use leptos::prelude::*;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;
use model::paths::decode_segment;

use crate::components::link::SiteLink;
use crate::components::post_list::PostList;
use crate::data::Blog;
use crate::pages::{Route, RouteHead};

#[derive(Params, Clone, Debug, PartialEq)]
struct LabelParams {
    name: Option<String>,
}

/// `/search/label/NAME`.
#[component]
pub fn LabelPage() -> impl IntoView {
    let params = use_params::<LabelParams>();
    move || {
        let raw = params.get().ok().and_then(|p| p.name).unwrap_or_default();
        // The router may hand the segment over still encoded; decode it once.
        let label = decode_segment(&raw).unwrap_or(raw);
        view! {
            <RouteHead route=Route::Label(label.clone()) />
            <LabelContent label />
        }
    }
}

/// The posts carrying a label, newest first, with their excerpts.
#[component]
pub fn LabelContent(label: String) -> impl IntoView {
    let blog = expect_context::<Blog>();
    let posts: Vec<_> = blog.index.with_label(&label).cloned().collect();
    let body = if posts.is_empty() {
        view! {
            <p class="empty">
                "No posts have this label. " <SiteLink href="/archive">"Browse the archive"</SiteLink>
                " instead."
            </p>
        }
        .into_any()
    } else {
        view! { <PostList posts excerpts=true /> }.into_any()
    };
    view! {
        <section class="label-page">
            <h2 class="page-heading">{format!("Posts with the label “{label}”")}</h2>
            {body}
        </section>
    }
}
