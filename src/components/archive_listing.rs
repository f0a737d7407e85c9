//! The whole archive at any size: every month of the blog in one scrolling list, of which
//! only the months on screen and near it are in the document. The others are two spacers
//! as tall as the months they stand for, so the scrollbar is the whole archive's; each
//! month loads its own file as it comes into view, and a form jumps to any year and month.
//!
//! Heights start as estimates from each month's post count and are replaced by what the
//! browser measured once a month has been drawn.

use std::sync::Arc;

use leptos::prelude::*;
use model::archive::{estimates, first_screen, listing_months, offsets, ListingMonth as Month};
use model::date::month_name;

use crate::components::post_list::{MonthHeading, MonthPosts, YearHeading};
use crate::data::use_blog;

/// How far beyond the screen, above and below, months are kept drawn.
#[cfg(feature = "browser")]
const MARGIN_PX: f64 = 800.0;

/// Every month of the blog, newest first, from the site file's counts.
fn months() -> Vec<Month> {
    listing_months(&use_blog().archive)
}

/// The archive listing: a jump form, then the drawn months between their spacers.
#[component]
pub fn ArchiveListing() -> impl IntoView {
    let months = Arc::new(months());
    let heights = RwSignal::new(estimates(&months));
    let first = heights.with_untracked(|h| first_screen(h));
    let range = RwSignal::new(first);
    let listing = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "browser")]
    follow_scroll(listing, heights, range);

    // The drawn months are kept while the range moves, each by its index: only the
    // months coming into the range are built, and those leaving it dropped.
    let drawn = {
        let months = months.clone();
        let month_view = move |i: usize| {
            let m = months[i];
            let year = (m.year_heading > 0)
                .then(|| view! { <YearHeading year=m.year count=m.year_heading /> });
            view! {
                <section class="archive-month" data-index=i>
                    {year}
                    <MonthHeading year=m.year month=m.month count=m.count />
                    <MonthPosts year=m.year month=m.month count=m.count />
                </section>
            }
        };
        view! { <For each=move || range.get() key=|i| *i children=month_view /> }
    };
    let spacer = move |before: bool| {
        move || {
            let r = range.get();
            heights.with(|h| {
                let o = offsets(h);
                let px = if before {
                    o[r.start]
                } else {
                    o[h.len()] - o[r.end]
                };
                // Set through the CSSOM in the browser, which the content security policy
                // allows; a prerendered page carries no style attribute (the policy would
                // refuse it) and needs none, as nothing is drawn around its months yet.
                // Whole pixels: formatting an f64 would pull float formatting into the wasm.
                cfg!(feature = "browser").then(|| format!("{}px", px.round() as i64))
            })
        }
    };
    view! {
        <JumpForm months=months.clone() listing heights />
        <div class="archive-listing" node_ref=listing>
            <div class="archive-spacer" aria-hidden="true" style:height=spacer(true)></div>
            {drawn}
            <div class="archive-spacer" aria-hidden="true" style:height=spacer(false)></div>
        </div>
    }
}

/// "Jump to [year] [month] Go": scrolls the listing to a month. It is a real form that
/// reloads `/archive?y=2009&m=4` before the app has started; the app reads that too.
#[component]
fn JumpForm(
    months: Arc<Vec<Month>>,
    listing: NodeRef<leptos::html::Div>,
    heights: RwSignal<Vec<f64>>,
) -> impl IntoView {
    let mut years: Vec<i32> = months.iter().map(|m| m.year).collect();
    years.dedup();
    let year_options = years
        .into_iter()
        .map(|y| view! { <option value=y>{y}</option> })
        .collect_view();
    let month_options = (1..=12u8)
        .map(|m| view! { <option value=m>{month_name(m)}</option> })
        .collect_view();
    let base = use_context::<crate::components::link::BasePath>()
        .unwrap_or_default()
        .0;
    let year_select = NodeRef::<leptos::html::Select>::new();
    let month_select = NodeRef::<leptos::html::Select>::new();
    #[cfg(feature = "browser")]
    let on_submit = {
        let months = months.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (Some(y), Some(m)) = (year_select.get(), month_select.get()) else {
                return;
            };
            if let (Ok(y), Ok(m)) = (y.value().parse(), m.value().parse()) {
                jump_to(&months, listing, heights, y, m);
            }
        }
    };
    #[cfg(not(feature = "browser"))]
    let on_submit = {
        let _ = (months, listing, heights);
        |_: leptos::ev::SubmitEvent| {}
    };
    #[cfg(feature = "browser")]
    jump_from_query(months, listing, heights);
    view! {
        <form
            class="archive-jump"
            action=format!("{base}/archive")
            method="get"
            on:submit=on_submit
        >
            <label>
                "Jump to " <select name="y" node_ref=year_select>
                    {year_options}
                </select>
            </label>
            <label>
                <span class="visually-hidden">"Month"</span>
                <select name="m" node_ref=month_select>
                    {month_options}
                </select>
            </label>
            <button type="submit">"Go"</button>
        </form>
    }
}

/// Scrolls to the newest month with posts at or before `year`-`month`, and moves the
/// keyboard focus to its heading once it is drawn.
#[cfg(feature = "browser")]
fn jump_to(
    months: &[Month],
    listing: NodeRef<leptos::html::Div>,
    heights: RwSignal<Vec<f64>>,
    year: i32,
    month: u8,
) {
    let target = months
        .iter()
        .position(|m| (m.year, m.month) <= (year, month))
        .unwrap_or(months.len().saturating_sub(1));
    let Some(el) = listing.get_untracked() else {
        return;
    };
    let top = heights.with_untracked(|h| offsets(h)[target]);
    let page_top = el.get_bounding_client_rect().top() + window().scroll_y().unwrap_or(0.0);
    window().scroll_to_with_x_and_y(0.0, page_top + top);
    if let Some(m) = months.get(target) {
        let id = format!("archive-{:04}-{:02}", m.year, m.month);
        focus_when_drawn(id, 30);
    }
}

/// Focuses the element `id` once it exists, trying once a frame.
#[cfg(feature = "browser")]
fn focus_when_drawn(id: String, frames_left: u32) {
    use wasm_bindgen::JsCast;
    match document().get_element_by_id(&id) {
        Some(el) => {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
        None if frames_left > 0 => {
            request_animation_frame(move || focus_when_drawn(id, frames_left - 1))
        }
        None => {}
    }
}

/// On `/archive?y=2009&m=4` (the jump form sent before the app started), jumps there.
#[cfg(feature = "browser")]
fn jump_from_query(
    months: Arc<Vec<Month>>,
    listing: NodeRef<leptos::html::Div>,
    heights: RwSignal<Vec<f64>>,
) {
    let search = window().location().search().unwrap_or_default();
    let value = |key: &str| {
        search
            .trim_start_matches('?')
            .split('&')
            .find_map(|p| p.strip_prefix(key)?.strip_prefix('='))
            .map(str::to_string)
    };
    let year = value("y").and_then(|v| v.parse::<i32>().ok());
    let month = value("m").and_then(|v| v.parse::<u8>().ok());
    if let (Some(year), Some(month)) = (year, month) {
        request_animation_frame(move || jump_to(&months, listing, heights, year, month));
    }
}

/// Keeps `range` on the months near the screen as the reader scrolls or resizes, and
/// records the real height of every month drawn.
#[cfg(feature = "browser")]
fn follow_scroll(
    listing: NodeRef<leptos::html::Div>,
    heights: RwSignal<Vec<f64>>,
    range: RwSignal<std::ops::Range<usize>>,
) {
    let follow = Follow {
        listing,
        heights,
        range,
        pending: std::rc::Rc::new(std::cell::Cell::new(false)),
    };
    let schedule = send_wrapper::SendWrapper::new(follow);
    let schedule = Arc::new(schedule);
    let on_scroll = {
        let s = schedule.clone();
        window_event_listener(leptos::ev::scroll, move |_| s.schedule())
    };
    let on_resize = {
        let s = schedule.clone();
        window_event_listener(leptos::ev::resize, move |_| s.schedule())
    };
    // After every change of the drawn months, measure them and look again.
    Effect::new(move |_| {
        range.track();
        schedule.schedule();
    });
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });
}

/// What the listing's scroll handling works on.
#[cfg(feature = "browser")]
#[derive(Clone)]
struct Follow {
    listing: NodeRef<leptos::html::Div>,
    heights: RwSignal<Vec<f64>>,
    range: RwSignal<std::ops::Range<usize>>,
    /// An update is already waiting for the next frame.
    pending: std::rc::Rc<std::cell::Cell<bool>>,
}

#[cfg(feature = "browser")]
impl Follow {
    /// Asks for an update at the next frame, once however often it is asked.
    fn schedule(&self) {
        if !self.pending.replace(true) {
            let this = self.clone();
            request_animation_frame(move || {
                this.pending.set(false);
                this.update();
            });
        }
    }

    /// Measures the drawn months and moves the range to what is near the screen.
    fn update(&self) {
        let Some(el) = self.listing.get_untracked() else {
            return;
        };
        // While the page rendered ahead of time is still shown, the app's copy is not laid
        // out and every month would measure 0 px: wait for it, a frame at a time.
        if el.offset_parent().is_none() {
            self.schedule();
            return;
        }
        measure(&el, self.heights);
        let top = -el.get_bounding_client_rect().top();
        let screen = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(model::archive::FIRST_SCREEN_PX);
        let wanted = self.heights.with_untracked(|h| {
            model::archive::visible_range(h, top - MARGIN_PX, top + screen + MARGIN_PX)
        });
        if self.range.get_untracked() != wanted {
            self.range.set(wanted);
        }
    }
}

/// Records the drawn months' real heights where they differ from what was assumed.
#[cfg(feature = "browser")]
fn measure(listing: &web_sys::HtmlDivElement, heights: RwSignal<Vec<f64>>) {
    use wasm_bindgen::JsCast;
    let Ok(sections) = listing.query_selector_all(":scope > section[data-index]") else {
        return;
    };
    let mut changes = Vec::new();
    for i in 0..sections.length() {
        let Some(el) = sections
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let Some(index) = el
            .get_attribute("data-index")
            .and_then(|v| v.parse::<usize>().ok())
        else {
            continue;
        };
        let height = el.get_bounding_client_rect().height();
        if heights.with_untracked(|h| h.get(index).is_some_and(|old| (old - height).abs() > 0.5)) {
            changes.push((index, height));
        }
    }
    if !changes.is_empty() {
        heights.update(|h| {
            for (i, height) in changes {
                h[i] = height;
            }
        });
    }
}
