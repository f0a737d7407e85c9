//! `/search/label/NAME`: the posts with one label.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;
use model::paths::decode_segment;

use crate::components::post_list::PostList;
use crate::data::Blog;
use crate::pages::document_title;

#[derive(Params, Clone, Debug, PartialEq)]
struct LabelParams {
    name: Option<String>,
}

/// The posts carrying a label, newest first, with their excerpts.
#[component]
pub fn LabelPage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let params = use_params::<LabelParams>();
    move || {
        let raw = params.get().ok().and_then(|p| p.name).unwrap_or_default();
        // The router may hand the segment over still encoded; decode it once.
        let label = decode_segment(&raw).unwrap_or(raw);
        let posts: Vec<_> = blog.index.with_label(&label).cloned().collect();
        let site = &blog.index.site;
        let heading = format!("Posts with the label “{label}”");
        let body = if posts.is_empty() {
            view! {
                <p class="empty">
                    "No posts have this label. " <A href="/archive">"Browse the archive"</A>
                    " instead."
                </p>
            }
            .into_any()
        } else {
            view! { <PostList posts excerpts=true /> }.into_any()
        };
        view! {
            <Title text=document_title(&site.title, &label) />
            <Meta name="description" content=format!("Posts on {} with the label {label}.", site.title) />
            <section class="label-page">
                <h2 class="page-heading">{heading}</h2>
                {body}
            </section>
        }
    }
}
