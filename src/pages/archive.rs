//! `/archive`, `/YYYY/` and `/YYYY/MM/`: the posts of the whole blog, a year or a month.

use leptos::prelude::*;
use model::date::month_name;
use model::Route;

use crate::components::archive_listing::ArchiveListing;
use crate::components::post_list::{MonthHeading, MonthPosts};
use crate::data::use_blog;
use crate::pages::meta::posts_count;
use crate::pages::not_found::NotFound;
use crate::pages::{route_meta, RouteHead};

/// `/archive`: every month of the blog, newest first, loaded as it comes into view.
#[component]
pub fn ArchivePage() -> impl IntoView {
    let blog = use_blog();
    let meta = route_meta(&blog, &Route::Archive, None);
    let total = posts_count(blog.total_posts() as u32);
    view! {
        <RouteHead meta />
        <section class="archive-page">
            <h2 class="page-heading">"Blog Archive"</h2>
            <p class="page-summary">{total}</p>
            <ArchiveListing />
        </section>
    }
}

/// `/YYYY/`: the year's months, each with its posts; not-found for a year without posts.
#[component]
pub fn YearPage(year: i32) -> impl IntoView {
    let blog = use_blog();
    let Some(counts) = blog.archive.iter().find(|y| y.year == year).cloned() else {
        return view! { <NotFound /> }.into_any();
    };
    let meta = route_meta(&blog, &Route::Year(year), None);
    let months = counts
        .months_newest_first()
        .map(|(month, count)| {
            view! {
                <section class="archive-month">
                    <MonthHeading year month count />
                    <MonthPosts year month count />
                </section>
            }
        })
        .collect_view();
    view! {
        <RouteHead meta />
        <section class="archive-page">
            <h2 class="page-heading">{format!("Posts from {year}")}</h2>
            <p class="page-summary">{posts_count(counts.total())}</p>
            <div class="archive-listing">{months}</div>
        </section>
    }
    .into_any()
}

/// `/YYYY/MM/`: the month's posts with excerpts; not-found for a month without posts.
#[component]
pub fn MonthPage(year: i32, month: u8) -> impl IntoView {
    let blog = use_blog();
    let count = blog.count_in(year, Some(month));
    if count == 0 {
        return view! { <NotFound /> }.into_any();
    }
    let meta = route_meta(&blog, &Route::Month(year, month), None);
    view! {
        <RouteHead meta />
        <section class="archive-page">
            <h2 class="page-heading">{format!("Posts from {} {year}", month_name(month))}</h2>
            <MonthPosts year month count excerpts=true />
        </section>
    }
    .into_any()
}
