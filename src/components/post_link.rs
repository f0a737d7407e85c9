//! Links to posts that start fetching the post before the click.

use leptos::prelude::*;

use crate::components::link::SiteLink;

/// An in-app link to a post that prefetches its JSON when hovered or focused, so that the
/// click usually finds the post already here.
#[component]
pub fn PostLink(permalink: String, children: Children) -> impl IntoView {
    #[cfg(target_arch = "wasm32")]
    {
        let on_hover = permalink.clone();
        let on_focus = permalink.clone();
        view! {
            <span
                class="post-link"
                on:mouseenter=move |_| crate::data::prefetch_post(&on_hover)
                on:focusin=move |_| crate::data::prefetch_post(&on_focus)
            >
                <SiteLink href=permalink>{children()}</SiteLink>
            </span>
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    view! {
        <span class="post-link">
            <SiteLink href=permalink>{children()}</SiteLink>
        </span>
    }
}
