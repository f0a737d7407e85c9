//! `/archive`, `/YYYY/` and `/YYYY/MM/`: the posts of the whole blog, a year or a month.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;
use model::date::month_name;
use model::paths::{parse_month, parse_year};

use crate::components::post_list::{ArchiveListing, PostList};
use crate::data::Blog;
use crate::pages::not_found::NotFound;
use crate::pages::{Route, RouteHead};

/// `/archive`.
#[component]
pub fn ArchivePage() -> impl IntoView {
    view! {
        <RouteHead route=Route::Archive />
        <ArchiveContent />
    }
}

/// Every post, grouped by year and month with counts.
#[component]
pub fn ArchiveContent() -> impl IntoView {
    let blog = expect_context::<Blog>();
    view! {
        <section class="archive-page">
            <h2 class="page-heading">"Blog Archive"</h2>
            <p class="page-summary">{format!("{} posts", blog.index.posts.len())}</p>
            <ArchiveListing years=blog.archive.to_vec() index=blog.index.clone() />
        </section>
    }
}

#[derive(Params, Clone, Debug, PartialEq)]
struct PeriodParams {
    year: Option<String>,
    month: Option<String>,
}

/// `/YYYY/`, or not-found for a year without posts.
#[component]
pub fn YearPage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let params = use_params::<PeriodParams>();
    move || {
        let year = params
            .get()
            .ok()
            .and_then(|p| parse_year(p.year.as_deref()?))
            .filter(|y| blog.archive.iter().any(|a| a.year == *y));
        match year {
            Some(year) => Either::Left(view! {
                <RouteHead route=Route::Year(year) />
                <YearContent year />
            }),
            None => Either::Right(view! { <NotFound /> }),
        }
    }
}

/// The posts of one year, by month.
#[component]
pub fn YearContent(year: i32) -> impl IntoView {
    let blog = expect_context::<Blog>();
    let found: Vec<_> = blog
        .archive
        .iter()
        .filter(|a| a.year == year)
        .cloned()
        .collect();
    view! {
        <section class="archive-page">
            <h2 class="page-heading">{format!("Posts from {year}")}</h2>
            <ArchiveListing years=found index=blog.index.clone() />
        </section>
    }
}

/// `/YYYY/MM/`, or not-found for a month without posts.
#[component]
pub fn MonthPage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let params = use_params::<PeriodParams>();
    move || {
        let period = params
            .get()
            .ok()
            .and_then(|p| {
                Some((
                    parse_year(p.year.as_deref()?)?,
                    parse_month(p.month.as_deref()?)?,
                ))
            })
            .filter(|(y, m)| blog.index.in_period(*y, Some(*m)).next().is_some());
        match period {
            Some((year, month)) => Either::Left(view! {
                <RouteHead route=Route::Month(year, month) />
                <MonthContent year month />
            }),
            None => Either::Right(view! { <NotFound /> }),
        }
    }
}

/// The posts of one month, with excerpts.
#[component]
pub fn MonthContent(year: i32, month: u8) -> impl IntoView {
    let blog = expect_context::<Blog>();
    let posts: Vec<_> = blog.index.in_period(year, Some(month)).cloned().collect();
    view! {
        <section class="archive-page">
            <h2 class="page-heading">{format!("Posts from {} {year}", month_name(month))}</h2>
            <PostList posts excerpts=true />
        </section>
    }
}
