//! "Blog Archive": years, months and post titles that open and close like Blogger's.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use model::date::month_name;
use model::paths::{month_path, parse_archive_path, year_path};
use model::{ArchiveMonth, ArchiveYear, PostPath};

use crate::components::post_link::PostLink;
use crate::data::Blog;

/// Which years and months of the tree are open.
#[derive(Debug, Clone, Default, PartialEq)]
struct OpenNodes {
    years: HashSet<i32>,
    months: HashSet<(i32, u8)>,
}

impl OpenNodes {
    fn open(&mut self, year: i32, month: Option<u8>) {
        self.years.insert(year);
        if let Some(m) = month {
            self.months.insert((year, m));
        }
    }
}

/// The year and month the reader is looking at: a post's (by its published date, which
/// places it in the archive) or an archive page's.
fn current_period(path: &str, blog: &Blog) -> Option<(i32, Option<u8>)> {
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

/// Flips `item` in or out of `set`.
fn toggle<T: Eq + std::hash::Hash>(set: &mut HashSet<T>, item: T) {
    if !set.remove(&item) {
        set.insert(item);
    }
}

/// The Blog Archive widget. The current post's year and month are open; elsewhere the
/// newest year and month are, as on Blogger. The reader's own toggles are kept.
#[component]
pub fn ArchiveWidget() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let location = use_location();
    let newest = blog
        .archive
        .first()
        .map(|y| (y.year, y.months.first().map(|m| m.month)));
    let period_blog = blog.clone();
    let current = Memo::new(move |_| current_period(&location.pathname.get(), &period_blog));

    let mut initial = OpenNodes::default();
    if let Some((y, m)) = current.get_untracked().or(newest) {
        initial.open(y, m);
    }
    let open = RwSignal::new(initial);
    Effect::new(move |_| {
        if let Some((y, m)) = current.get() {
            open.update(|o| o.open(y, m));
        }
    });

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
fn YearItem(year: ArchiveYear, open: RwSignal<OpenNodes>) -> impl IntoView {
    let y = year.year;
    let is_open = Signal::derive(move || open.with(|o| o.years.contains(&y)));
    let months = year.months;
    view! {
        <li class="archive-year">
            <Toggle
                is_open
                label=format!("Months of {y}")
                on_toggle=move || open.update(|o| toggle(&mut o.years, y))
            />
            <A href=year_path(y)>{y}</A>
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
fn MonthItem(month: ArchiveMonth, open: RwSignal<OpenNodes>) -> impl IntoView {
    let blog = expect_context::<Blog>();
    let key = (month.year, month.month);
    let is_open = Signal::derive(move || open.with(|o| o.months.contains(&key)));
    let name = month_name(month.month);
    let posts: Vec<(String, String)> = month
        .posts
        .iter()
        .filter_map(|&i| blog.index.posts.get(i))
        .map(|p| (p.permalink.clone(), p.title.clone()))
        .collect();
    let count = posts.len();
    view! {
        <li class="archive-month">
            <Toggle
                is_open
                label=format!("Posts of {name} {}", month.year)
                on_toggle=move || open.update(|o| toggle(&mut o.months, key))
            />
            <A href=month_path(month.year, month.month)>{name}</A>
            <span class="count">{format!(" ({count})")}</span>
            <Show when=move || is_open.get()>
                <ul class="archive-posts">
                    {posts
                        .iter()
                        .cloned()
                        .map(|(link, title)| view! {
                            <li>
                                <PostLink permalink=link>{title}</PostLink>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </Show>
        </li>
    }
}
