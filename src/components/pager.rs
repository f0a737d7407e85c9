//! "Newer" / "Home" / "Older" links, as Blogger's blog pager.

use leptos::prelude::*;
use model::{Neighbour, PostPath, Route};

use crate::components::link::SiteLink;
use crate::components::post_link::PostLink;

/// Links to the neighbouring posts of the post being read, and home.
#[component]
pub fn PostPager(newer: Option<Neighbour>, older: Option<Neighbour>) -> impl IntoView {
    let link = |n: Neighbour| PostPath::parse(&n.permalink);
    view! {
        <nav class="blog-pager" aria-label="More posts">
            {newer
                .and_then(link)
                .map(|path| {
                    view! {
                        <span class="newer">
                            <PostLink path>"Newer Post"</PostLink>
                        </span>
                    }
                })}
            <span class="home">
                <SiteLink href="/">"Home"</SiteLink>
            </span>
            {older
                .and_then(link)
                .map(|path| {
                    view! {
                        <span class="older">
                            <PostLink path>"Older Post"</PostLink>
                        </span>
                    }
                })}
        </nav>
    }
}

/// "Newer Posts" / "Home" / "Older Posts" under a page of a list (the home page's, or a
/// label's): links to the neighbouring pages of the same list.
#[component]
pub fn ListPager(newer: Option<Route>, older: Option<Route>) -> impl IntoView {
    view! {
        <nav class="blog-pager" aria-label="More posts">
            {newer
                .map(|r| {
                    view! {
                        <span class="newer">
                            <SiteLink href=r.path()>"Newer Posts"</SiteLink>
                        </span>
                    }
                })}
            <span class="home">
                <SiteLink href="/">"Home"</SiteLink>
            </span>
            {older
                .map(|r| {
                    view! {
                        <span class="older">
                            <SiteLink href=r.path()>"Older Posts"</SiteLink>
                        </span>
                    }
                })}
        </nav>
    }
}
