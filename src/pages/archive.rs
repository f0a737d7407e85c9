//! `/archive`, `/YYYY/` and `/YYYY/MM/`: the posts of the whole blog, a year or a month.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params;
use leptos_router::params::Params;
use model::date::month_name;
use model::paths::{parse_month, parse_year};

use crate::components::post_list::{ArchiveListing, PostList};
use crate::data::Blog;
use crate::pages::document_title;
use crate::pages::not_found::NotFound;

/// Every post, grouped by year and month with counts.
#[component]
pub fn ArchivePage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let site = &blog.index.site;
    view! {
        <Title text=document_title(&site.title, "Archive") />
        <Meta name="description" content=format!("Every post on {}, by year and month.", site.title) />
        <section class="archive-page">
            <h2 class="page-heading">"Blog Archive"</h2>
            <p class="page-summary">{format!("{} posts", blog.index.posts.len())}</p>
            <ArchiveListing years=blog.archive.to_vec() posts=blog.index.posts.clone() />
        </section>
    }
}

#[derive(Params, Clone, Debug, PartialEq)]
struct PeriodParams {
    year: Option<String>,
    month: Option<String>,
}

/// `/YYYY/`: the posts of one year, by month.
#[component]
pub fn YearPage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let params = use_params::<PeriodParams>();
    move || {
        let year = params
            .get()
            .ok()
            .and_then(|p| parse_year(p.year.as_deref()?));
        let found = year.and_then(|y| blog.archive.iter().find(|a| a.year == y));
        let Some(found) = found else {
            return Either::Right(view! { <NotFound /> });
        };
        let site = &blog.index.site;
        let heading = format!("Posts from {}", found.year);
        Either::Left(view! {
            <Title text=document_title(&site.title, &heading) />
            <Meta name="description" content=format!("{} posts on {} from {}.", found.count, site.title, found.year) />
            <section class="archive-page">
                <h2 class="page-heading">{heading}</h2>
                <ArchiveListing years=vec![found.clone()] posts=blog.index.posts.clone() />
            </section>
        })
    }
}

/// `/YYYY/MM/`: the posts of one month, with excerpts.
#[component]
pub fn MonthPage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let params = use_params::<PeriodParams>();
    move || {
        let period = params.get().ok().and_then(|p| {
            Some((
                parse_year(p.year.as_deref()?)?,
                parse_month(p.month.as_deref()?)?,
            ))
        });
        let posts: Vec<_> = period
            .map(|(y, m)| blog.index.in_period(y, Some(m)).cloned().collect())
            .unwrap_or_default();
        let (Some((year, month)), false) = (period, posts.is_empty()) else {
            return Either::Right(view! { <NotFound /> });
        };
        let site = &blog.index.site;
        let heading = format!("Posts from {} {year}", month_name(month));
        Either::Left(view! {
            <Title text=document_title(&site.title, &heading) />
            <Meta name="description" content=format!("{} posts on {} from {} {year}.", posts.len(), site.title, month_name(month)) />
            <section class="archive-page">
                <h2 class="page-heading">{heading}</h2>
                <PostList posts excerpts=true />
            </section>
        })
    }
}
