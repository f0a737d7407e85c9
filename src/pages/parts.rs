//! The pages a visit to a post never shows (the archive, a year, a month, search) are
//! split into a part of the wasm of their own in the release build, loaded the first time
//! one of them is shown, so that a first visit to a post downloads less.
//!
//! The split is Leptos's own (`wasm_split_helpers`, which its `#[lazy]` uses): the release
//! build sets `--cfg scrapbook_split`, and `cargo xtask post-build` cuts the module with
//! `wasm-split-cli`. Any other build (`cargo xtask serve`, press, the tests) calls the
//! pages directly, so that a module no one split never asks for a part that is not there.

use leptos::prelude::*;
use model::Route;

use super::archive::{ArchivePage, MonthPage, YearPage};
use super::not_found::NotFound;
use super::search::SearchPage;

/// The page of a route of the split-off part, built in the part's own code.
fn split_off_page(route: Route) -> AnyView {
    match route {
        Route::Archive => view! { <ArchivePage /> }.into_any(),
        Route::Year(year) => view! { <YearPage year /> }.into_any(),
        Route::Month(year, month) => view! { <MonthPage year month /> }.into_any(),
        Route::Search(query) => view! { <SearchPage query /> }.into_any(),
        // `RoutePage` sends no other route here.
        _ => view! { <NotFound /> }.into_any(),
    }
}

/// A page of the split-off part: drawn at once where nothing is split.
#[cfg(not(scrapbook_split))]
pub fn later_page(route: Route) -> AnyView {
    split_off_page(route)
}

/// A page of the split-off part: a "Loading…" line while the part downloads (the first
/// time only), the page once it is in, and an error with Retry if it could not be loaded.
/// The rest of the page (frame, sidebar) keeps working either way.
#[cfg(scrapbook_split)]
pub fn later_page(route: Route) -> AnyView {
    crate::components::from_part::from_part(
        move || split::page(route.clone()),
        "loading-rows",
        "Loading…",
        "This page's code could not be loaded. Check your connection, then Retry; if the blog has just been updated, reload the page.",
    )
}

#[cfg(scrapbook_split)]
mod split {
    use leptos::prelude::AnyView;
    use leptos::wasm_split::{wasm_split, SplitLoaderError};
    use model::Route;

    /// The split point: everything only this function reaches goes to the part `pages`.
    /// A failed load is an `Err` (not a panic, which would stop the whole app), and the
    /// next call tries again.
    #[wasm_split(pages, fallible, wasm_split_path = ::leptos::wasm_split)]
    pub fn page(route: Route) -> Result<AnyView, SplitLoaderError> {
        Ok(super::split_off_page(route))
    }
}
