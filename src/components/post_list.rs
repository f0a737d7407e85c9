//! Lists of posts for the archive and label pages.

use crate::components::link::SiteLink;
use leptos::prelude::*;
use model::paths::month_path;
use std::sync::Arc;

use model::{ArchiveMonth, ArchiveYear, Index, PostSummary};

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

/// How many posts the archive draws before it lets the browser paint and take input: a
/// screenful and more, in well under the 50 ms a task may take.
const POSTS_PER_STEP: usize = 200;

/// Years and months with their posts, for the archive pages. Every year and month is
/// listed with its count; the posts of the newest months come first, [`POSTS_PER_STEP`] of
/// them, and in the browser the rest follow a step per task, so that a blog of thousands
/// of posts shows its first screen at once and never freezes the page. The list says
/// `data-complete` once every month is drawn. Rendered ahead of time, the page holds the
/// first step (each month's own page lists all of its posts): a page of 10,000 titles
/// would take the browser longer to lay out than the app takes to start.
#[component]
pub fn ArchiveListing(years: Vec<ArchiveYear>, index: Arc<Index>) -> impl IntoView {
    let total: usize = years.iter().map(|y| y.count).sum();
    let shown = RwSignal::new(POSTS_PER_STEP);
    #[cfg(target_arch = "wasm32")]
    draw_in_steps(shown, total);
    // Where each month starts in the order of the page, to know when it is drawn.
    let mut start = 0;
    let years = years
        .into_iter()
        .map(|y| {
            let months = y
                .months
                .into_iter()
                .map(|m| {
                    let first = start;
                    start += m.posts.len();
                    let index = index.clone();
                    let heading = (m.year, m.month, m.posts.len());
                    view! {
                        <Show
                            when=move || { shown.get() > first }
                            fallback=move || {
                                view! {
                                    <section class="archive-month">
                                        <MonthHeading year=heading.0 month=heading.1 count=heading.2 />
                                    </section>
                                }
                            }
                        >
                            <ArchiveMonthSection month=m.clone() index=index.clone() />
                        </Show>
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
        .collect_view();
    view! {
        <div class="archive-listing" data-complete=move || (shown.get() >= total).then_some("")>
            {years}
        </div>
    }
}

/// Draws [`POSTS_PER_STEP`] more posts in each task until all `total` are drawn (or the
/// listing is gone).
#[cfg(target_arch = "wasm32")]
fn draw_in_steps(shown: RwSignal<usize>, total: usize) {
    leptos::task::spawn_local(async move {
        while shown.try_get_untracked().is_some_and(|n| n < total) {
            crate::tasks::next_task().await;
            shown.try_update(|n| *n += POSTS_PER_STEP);
        }
    });
}

/// One month of the archive: its heading and its posts.
#[component]
fn ArchiveMonthSection(month: ArchiveMonth, index: Arc<Index>) -> impl IntoView {
    let list: Vec<PostSummary> = month
        .posts
        .iter()
        .filter_map(|&i| index.posts.get(i).cloned())
        .collect();
    view! {
        <section class="archive-month">
            <MonthHeading year=month.year month=month.month count=list.len() />
            <PostList posts=list />
        </section>
    }
}

/// "April 2009 (2)", linked to the month's page.
#[component]
fn MonthHeading(year: i32, month: u8, count: usize) -> impl IntoView {
    let name = format!("{} {year}", model::date::month_name(month));
    view! {
        <h4>
            <SiteLink href=month_path(year, month)>{name}</SiteLink>
            <span class="count">{format!(" ({count})")}</span>
        </h4>
    }
}
