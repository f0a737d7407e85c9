//! Links to posts that start fetching the post before the click.

use leptos::prelude::*;
use model::PostPath;

use crate::components::link::SiteLink;

/// An in-app link to a post that prefetches its JSON when hovered or focused, so that the
/// click usually finds the post already here.
#[component]
pub fn PostLink(path: PostPath, children: Children) -> impl IntoView {
    let href = path.permalink();
    #[cfg(feature = "browser")]
    {
        let data = crate::data::use_data();
        let (on_hover, on_focus) = (path.clone(), path);
        let data_focus = data.clone();
        view! {
            <span
                class="post-link"
                on:mouseenter=move |_| data.prefetch_post(&on_hover)
                on:focusin=move |_| data_focus.prefetch_post(&on_focus)
            >
                <SiteLink href>{children()}</SiteLink>
            </span>
        }
    }
    #[cfg(not(feature = "browser"))]
    {
        let _ = path;
        view! {
            <span class="post-link">
                <SiteLink href>{children()}</SiteLink>
            </span>
        }
    }
}
