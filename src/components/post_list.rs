//! Lists of posts for the archive, month, year and label pages.

use std::sync::Arc;

use leptos::prelude::*;
use model::paths::{month_path, year_path};
use model::{ListFile, PostSummary};

use crate::components::link::SiteLink;
use crate::components::loaded::{cached_or_loaded_as, Placeholder};
use crate::components::post_link::PostLink;
use crate::data::{use_data, ListKey};

/// Posts as a list of dated titles, with their excerpts if `excerpts` is set.
#[component]
pub fn PostList(posts: Vec<PostSummary>, #[prop(optional)] excerpts: bool) -> impl IntoView {
    let items = posts
        .into_iter()
        .filter_map(|p| Some((p.path()?, p)))
        .map(|(path, p)| {
            let excerpt = excerpts.then(|| view! { <p class="excerpt">{p.excerpt.clone()}</p> });
            view! {
                <li>
                    <time datetime=p.published.to_string()>{p.published.long_date()}</time>
                    " "
                    <PostLink path>{p.title.clone()}</PostLink>
                    {excerpt}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="post-list">{items}</ol> }
}

/// One month's posts, loaded on their own: while they load, a placeholder as tall as
/// `count` rows; if they fail, the error and a Retry in their place, and nothing else on
/// the page is touched.
#[component]
pub fn MonthPosts(
    year: i32,
    month: u8,
    count: u32,
    #[prop(optional)] excerpts: bool,
) -> impl IntoView {
    let data = use_data();
    let key = ListKey::Month(year, month);
    let render =
        move |list: Arc<ListFile>| view! { <PostList posts=list.posts.clone() excerpts /> };
    view! {
        <div class="month-posts">
            {cached_or_loaded_as(
                Placeholder::Rows(count),
                data.list(&key),
                move || data.load_list(&key),
                render,
            )}
        </div>
    }
}

/// "April 2009 (2)", linked to the month's page.
#[component]
pub fn MonthHeading(year: i32, month: u8, count: u32) -> impl IntoView {
    let name = format!("{} {year}", model::date::month_name(month));
    view! {
        <h4 id=format!("archive-{year:04}-{month:02}") tabindex="-1">
            <SiteLink href=month_path(year, month)>{name}</SiteLink>
            <span class="count">{format!(" ({count})")}</span>
        </h4>
    }
}

/// "2009 (14)", linked to the year's page.
#[component]
pub fn YearHeading(year: i32, count: u32) -> impl IntoView {
    view! {
        <h3>
            <SiteLink href=year_path(year)>{year}</SiteLink>
            <span class="count">{format!(" ({count})")}</span>
        </h3>
    }
}
