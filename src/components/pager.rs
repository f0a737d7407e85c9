//! "Newer" / "Home" / "Older" links, as Blogger's blog pager.

use crate::components::link::SiteLink;
use leptos::prelude::*;
use model::PostSummary;

use crate::components::post_link::PostLink;

/// Links to the neighbouring posts of the post being read, and home.
#[component]
pub fn PostPager(newer: Option<PostSummary>, older: Option<PostSummary>) -> impl IntoView {
    view! {
        <nav class="blog-pager" aria-label="More posts">
            {newer.map(|p| view! {
                <span class="newer">
                    <PostLink permalink=p.permalink>"Newer Post"</PostLink>
                </span>
            })}
            <span class="home">
                <SiteLink href="/">"Home"</SiteLink>
            </span>
            {older.map(|p| view! {
                <span class="older">
                    <PostLink permalink=p.permalink>"Older Post"</PostLink>
                </span>
            })}
        </nav>
    }
}

/// The link to a page of the home page's list.
fn home_page_href(page: usize) -> String {
    if page == 1 {
        "/".to_string()
    } else {
        format!("/?page={page}")
    }
}

/// "Newer Posts" / "Home" / "Older Posts" under a page of the home page.
#[component]
pub fn HomePager(newer: Option<usize>, older: Option<usize>) -> impl IntoView {
    view! {
        <nav class="blog-pager" aria-label="More posts">
            {newer.map(|n| view! {
                <span class="newer">
                    <SiteLink href=home_page_href(n)>"Newer Posts"</SiteLink>
                </span>
            })}
            <span class="home">
                <SiteLink href="/">"Home"</SiteLink>
            </span>
            {older.map(|n| view! {
                <span class="older">
                    <SiteLink href=home_page_href(n)>"Older Posts"</SiteLink>
                </span>
            })}
        </nav>
    }
}
