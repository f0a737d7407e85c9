//! Lists of posts for the archive and label pages.

use crate::components::link::SiteLink;
use leptos::prelude::*;
use model::paths::month_path;
use model::{ArchiveYear, PostSummary};

use crate::components::post_link::PostLink;

/// Posts as a list of dated titles, with their excerpts if `excerpts` is set.
#[component]
pub fn PostList(posts: Vec<PostSummary>, #[prop(optional)] excerpts: bool) -> impl IntoView {
    let items = posts
        .into_iter()
        .map(|p| {
            let excerpt = excerpts.then(|| view! { <p class="excerpt">{p.excerpt.clone()}</p> });
            view! {
                <li>
                    <time datetime=p.published.to_string()>{p.published.long_date()}</time>
                    " "
                    <PostLink permalink=p.permalink.clone()>{p.title.clone()}</PostLink>
                    {excerpt}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="post-list">{items}</ol> }
}

/// Years and months with their posts, for the archive pages.
#[component]
pub fn ArchiveListing(years: Vec<ArchiveYear>, posts: Vec<PostSummary>) -> impl IntoView {
    years
        .into_iter()
        .map(|y| {
            let months = y
                .months
                .into_iter()
                .map(|m| {
                    let list: Vec<PostSummary> = m
                        .posts
                        .iter()
                        .filter_map(|&i| posts.get(i).cloned())
                        .collect();
                    let name = format!("{} {}", model::date::month_name(m.month), m.year);
                    let count = list.len();
                    view! {
                        <section class="archive-month">
                            <h4>
                                <SiteLink href=month_path(m.year, m.month)>{name}</SiteLink>
                                <span class="count">{format!(" ({count})")}</span>
                            </h4>
                            <PostList posts=list />
                        </section>
                    }
                })
                .collect_view();
            view! {
                <section class="archive-year">
                    <h3>
                        <SiteLink href=model::paths::year_path(y.year)>{y.year}</SiteLink>
                        <span class="count">{format!(" ({})", y.count)}</span>
                    </h3>
                    {months}
                </section>
            }
        })
        .collect_view()
}
