//! "Blog Archive": years, months and post titles that open and close like Blogger's.

use std::collections::HashMap;

use leptos::prelude::*;
use model::date::month_name;
use model::paths::{month_path, parse_archive_path, year_path};
use model::{ArchiveMonth, ArchiveYear, PostPath};

use crate::components::link::{CurrentPath, SiteLink};
use crate::components::post_link::PostLink;
use crate::data::Blog;

/// The reader's own openings and closings, which win over the defaults.
#[derive(Debug, Clone, Default, PartialEq)]
struct Toggles {
    years: HashMap<i32, bool>,
    months: HashMap<(i32, u8), bool>,
}

/// The year and month the reader is looking at: a post's (by its published date, which
/// places it in the archive) or an archive page's.
pub fn current_period(path: &str, blog: &Blog) -> Option<(i32, Option<u8>)> {
    if let Some(post) = PostPath::parse(path) {
        let permalink = post.permalink();
        return blog
            .index
            .posts
            .iter()
            .find(|p| p.permalink == permalink)
            .map(|p| (p.published.year, Some(p.published.month)));
    }
    parse_archive_path(path)
}

/// Whether each year and month is open: the reader's toggle if there is one, else open
/// when it holds the period being read.
#[derive(Clone, Copy)]
struct OpenState {
    current: Memo<Option<(i32, Option<u8>)>>,
    toggles: RwSignal<Toggles>,
}

impl OpenState {
    fn year(&self, year: i32) -> bool {
        let default = self.current.get().is_some_and(|(y, _)| y == year);
        self.toggles
            .with(|t| t.years.get(&year).copied())
            .unwrap_or(default)
    }

    fn month(&self, year: i32, month: u8) -> bool {
        let default = self.current.get() == Some((year, Some(month)));
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

/// The Blog Archive widget. The current post's year and month are open; elsewhere the
/// newest year and month are, as on Blogger. The reader's own toggles are kept.
#[component]
pub fn ArchiveWidget() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let CurrentPath(path) = expect_context::<CurrentPath>();
    let newest = blog
        .archive
        .first()
        .map(|y| (y.year, y.months.first().map(|m| m.month)));
    let period_blog = blog.clone();
    let current = Memo::new(move |_| current_period(&path.get(), &period_blog).or(newest));
    let open = OpenState {
        current,
        toggles: RwSignal::new(Toggles::default()),
    };

    let years = blog
        .archive
        .iter()
        .map(|y| view! { <YearItem year=y.clone() open /> })
        .collect_view();
    view! {
        <aside class="widget archive-widget" aria-labelledby="archive-widget-heading">
            <h2 id="archive-widget-heading">"Blog Archive"</h2>
            <ul class="archive-tree">{years}</ul>
        </aside>
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
fn YearItem(year: ArchiveYear, open: OpenState) -> impl IntoView {
    let y = year.year;
    let is_open = Signal::derive(move || open.year(y));
    let months = year.months;
    view! {
        <li class="archive-year">
            <Toggle is_open label=format!("Months of {y}") on_toggle=move || open.toggle_year(y) />
            <SiteLink href=year_path(y)>{y}</SiteLink>
            <span class="count">{format!(" ({})", year.count)}</span>
            <Show when=move || is_open.get()>
                <ul class="archive-months">
                    {months
                        .iter()
                        .map(|m| view! { <MonthItem month=m.clone() open /> })
                        .collect_view()}
                </ul>
            </Show>
        </li>
    }
}

#[component]
fn MonthItem(month: ArchiveMonth, open: OpenState) -> impl IntoView {
    let blog = expect_context::<Blog>();
    let (y, m) = (month.year, month.month);
    let is_open = Signal::derive(move || open.month(y, m));
    let name = month_name(m);
    let count = month.posts.len();
    // Only an open month's titles are drawn: a page holds the whole tree, and a blog of
    // thousands of posts would otherwise build every title for every page.
    let titles = move || {
        month
            .posts
            .iter()
            .filter_map(|&i| blog.index.posts.get(i))
            .map(|p| {
                let (link, title) = (p.permalink.clone(), p.title.clone());
                view! {
                    <li>
                        <PostLink permalink=link>{title}</PostLink>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <li class="archive-month">
            <Toggle
                is_open
                label=format!("Posts of {name} {y}")
                on_toggle=move || open.toggle_month(y, m)
            />
            <SiteLink href=month_path(y, m)>{name}</SiteLink>
            <span class="count">{format!(" ({count})")}</span>
            <Show when=move || is_open.get()>
                <ul class="archive-posts">{titles.clone()}</ul>
            </Show>
        </li>
    }
}
