//! Links to posts that start fetching the post before the click.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::data;

/// An in-app link to a post that prefetches its JSON when hovered or focused, so that the
/// click usually finds the post already here.
#[component]
pub fn PostLink(permalink: String, children: Children) -> impl IntoView {
    let on_hover = permalink.clone();
    let on_focus = permalink.clone();
    view! {
        <A
            href=permalink
            on:mouseenter=move |_| data::prefetch_post(&on_hover)
            on:focus=move |_| data::prefetch_post(&on_focus)
        >
            {children()}
        </A>
    }
}
