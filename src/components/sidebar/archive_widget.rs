//! "Blog Archive": years, months and post titles that open and close like Blogger's.
//! Years and months come with their counts in the site file; a month's titles load from
//! its own file when the reader opens it.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use model::date::month_name;
use model::paths::{month_path, year_path};
use model::{ListFile, Route, YearCounts};

use crate::components::link::{CurrentRoute, SiteLink};
use crate::components::loaded::{cached_or_loaded_as, Placeholder};
use crate::components::post_link::PostLink;
use crate::data::{use_blog, use_data, Blog, ListKey};

/// The reader's own openings and closings, which win over the defaults.
#[derive(Debug, Clone, Default, PartialEq)]
struct Toggles {
    years: HashMap<i32, bool>,
    months: HashMap<(i32, u8), bool>,
}

/// Which year and month are open before the reader touches anything: the year being
/// read (a post's, by its permalink, or an archive page's), else the newest; and the month
/// of a month page, whose titles that page loads anyway. A post's month stays closed, so
/// that opening a post fetches nothing but the post.
pub fn default_open(route: &Route, blog: &Blog) -> OpenByDefault {
    let year = route
        .period()
        .map(|(y, _)| y)
        .or_else(|| blog.archive.first().map(|y| y.year));
    let month = match route {
        Route::Month(y, m) => Some((*y, *m)),
        _ => None,
    };
    OpenByDefault { year, month }
}

/// The year and the month the archive widget opens before the reader touches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OpenByDefault {
    pub year: Option<i32>,
    pub month: Option<(i32, u8)>,
}

/// Whether each year and month is open: the reader's toggle if there is one, else open
/// when it holds the period being read.
#[derive(Clone, Copy)]
struct OpenState {
    current: Memo<OpenByDefault>,
    toggles: RwSignal<Toggles>,
}

impl OpenState {
    fn year(&self, year: i32) -> bool {
        let default = self.current.get().year == Some(year);
        self.toggles
            .with(|t| t.years.get(&year).copied())
            .unwrap_or(default)
    }

    fn month(&self, year: i32, month: u8) -> bool {
        let default = self.current.get().month == Some((year, month));
        self.toggles
            .with(|t| t.months.get(&(year, month)).copied())
            .unwrap_or(default)
    }

    fn toggle_year(&self, year: i32) {
        let open = self.year(year);
        self.toggles.update(|t| {
            t.years.insert(year, !open);
        });
    }

    fn toggle_month(&self, year: i32, month: u8) {
        let open = self.month(year, month);
        self.toggles.update(|t| {
            t.months.insert((year, month), !open);
        });
    }
}

/// How many of the newest years the widget lists on their own. Blogger lists every year,
/// but a blog that spans centuries (the bench's 100,000 posts, one a day) would then put
/// hundreds of lines in every page's sidebar, most of each prerendered page's bytes; the
/// older years are folded under one entry ([`OlderYears`]).
pub const YEARS_LISTED: usize = 10;

/// The Blog Archive widget. The year being read is open; elsewhere the newest year is, as
/// on Blogger. The reader's own toggles are kept.
#[component]
pub fn ArchiveWidget() -> impl IntoView {
    let blog = use_blog();
    let CurrentRoute(route) = expect_context::<CurrentRoute>();
    let period_blog = blog.clone();
    let current = Memo::new(move |_| default_open(&route.get(), &period_blog));
    let open = OpenState {
        current,
        toggles: RwSignal::new(Toggles::default()),
    };

    let (newest, older) = blog.archive.split_at(blog.archive.len().min(YEARS_LISTED));
    let years = newest
        .iter()
        .map(|y| view! { <YearItem year=y.clone() open /> })
        .collect_view();
    let older = (!older.is_empty()).then(|| view! { <OlderYears years=older.to_vec() open /> });
    view! {
        <aside class="widget archive-widget" aria-labelledby="archive-widget-heading">
            <h2 id="archive-widget-heading">"Blog Archive"</h2>
            <ul class="archive-tree">{years} {older}</ul>
        </aside>
    }
}

/// The years older than the newest [`YEARS_LISTED`], as one entry that links to the
/// archive page (which jumps to any year). The year being read, if it is one of them, is
/// listed under it, open, so that an old post's year is in its sidebar.
#[component]
fn OlderYears(years: Vec<YearCounts>, open: OpenState) -> impl IntoView {
    let total: u32 = years.iter().map(YearCounts::total).sum();
    let name = match (years.last(), years.first()) {
        (Some(oldest), Some(newest)) => format!("Older, {} to {}", oldest.year, newest.year),
        _ => "Older".to_string(),
    };
    // Only a change of year redraws it, not every route change.
    let reading = Memo::new(move |_| open.current.get().year);
    let read_year = move || {
        let reading = reading.get();
        years.iter().find(|y| Some(y.year) == reading).map(|y| {
            view! {
                <ul class="archive-years">
                    <YearItem year=y.clone() open />
                </ul>
            }
        })
    };
    view! {
        <li class="archive-year archive-older">
            <SiteLink href=Route::Archive.path()>{name}</SiteLink>
            <span class="count">{format!(" ({total})")}</span>
            {read_year}
        </li>
    }
}

/// The open/close button before a year or month.
#[component]
fn Toggle(
    is_open: Signal<bool>,
    label: String,
    on_toggle: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="toggle"
            aria-expanded=move || is_open.get().to_string()
            aria-label=label
            on:click=move |_| on_toggle()
        >
            <span aria-hidden="true">{move || if is_open.get() { "▼" } else { "►" }}</span>
        </button>
    }
}

#[component]
fn YearItem(year: YearCounts, open: OpenState) -> impl IntoView {
    let y = year.year;
    let is_open = Signal::derive(move || open.year(y));
    let months: Vec<(u8, u32)> = year.months_newest_first().collect();
    view! {
        <li class="archive-year">
            <Toggle is_open label=format!("Months of {y}") on_toggle=move || open.toggle_year(y) />
            <SiteLink href=year_path(y)>{y}</SiteLink>
            <span class="count">{format!(" ({})", year.total())}</span>
            <Show when=move || is_open.get()>
                <ul class="archive-months">
                    {months
                        .iter()
                        .map(|&(month, count)| view! { <MonthItem year=y month count open /> })
                        .collect_view()}
                </ul>
            </Show>
        </li>
    }
}

#[component]
fn MonthItem(year: i32, month: u8, count: u32, open: OpenState) -> impl IntoView {
    let is_open = Signal::derive(move || open.month(year, month));
    let name = month_name(month);
    view! {
        <li class="archive-month">
            <Toggle
                is_open
                label=format!("Posts of {name} {year}")
                on_toggle=move || open.toggle_month(year, month)
            />
            <SiteLink href=month_path(year, month)>{name}</SiteLink>
            <span class="count">{format!(" ({count})")}</span>
            <Show when=move || is_open.get()>
                <MonthTitles year month />
            </Show>
        </li>
    }
}

/// An open month's post titles, from the month's file (loaded when first opened).
#[component]
fn MonthTitles(year: i32, month: u8) -> impl IntoView {
    let data = use_data();
    let key = ListKey::Month(year, month);
    let render = |list: Arc<ListFile>| {
        let items = list
            .posts
            .iter()
            .filter_map(|p| Some((p.path()?, p.title.clone())))
            .map(|(path, title)| {
                view! {
                    <li>
                        <PostLink path>{title}</PostLink>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="archive-posts">{items}</ul> }
    };
    cached_or_loaded_as(
        Placeholder::Line,
        data.list(&key),
        move || data.load_list(&key),
        render,
    )
}
