//! Showing data that is still on its way: a skeleton while it loads, the error with a
//! Retry if it fails, the content once it is here. Each piece of a page loads on its own,
//! so one missing file shows its error where it is needed and the rest keeps working.

use std::future::Future;

use leptos::either::Either;
use leptos::prelude::*;

use crate::components::error_notice::load_error;
use crate::components::layout::PostSkeleton;
use crate::data::DataError;

/// What the skeleton looks like while the data loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Placeholder {
    /// A post-shaped block.
    #[default]
    Post,
    /// A line of text, for a list inside a widget.
    Line,
    /// As tall as this many rows of a post list, so that nothing moves when they arrive.
    Rows(u32),
}

/// The height of one row of a post list, in CSS pixels (style/main.css keeps archive rows
/// to one line of this height).
pub use model::archive::ROW_PX;

/// Renders the result of `fetch` with `render` once it has loaded; until then a skeleton,
/// and on failure a message with a Retry button that fetches again.
pub fn loaded<T, V, R, F, Fut>(placeholder: Placeholder, fetch: F, render: R) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    R: Fn(T) -> V + Clone + Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, DataError>> + 'static,
{
    let resource = LocalResource::new(fetch);
    let fallback = move || match placeholder {
        Placeholder::Post => view! { <PostSkeleton /> }.into_any(),
        Placeholder::Line => view! {
            <p class="loading-line" role="status">
                "Loading…"
            </p>
        }
        .into_any(),
        Placeholder::Rows(n) => view! {
            <p class="loading-rows" role="status" style:height=format!("{}px", n * ROW_PX)>
                "Loading…"
            </p>
        }
        .into_any(),
    };
    // The error is drawn from the result itself rather than caught by an ErrorBoundary:
    // boundaries of several loads that fail at once can lose track of whose error is whose.
    view! {
        <Transition fallback>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => Either::Left(render(value)),
                        Err(e) => Either::Right(load_error(&e, move || resource.refetch())),
                    }
                })
            }}
        </Transition>
    }
}

/// Draws `cached` at once when the data is here already (fetched before, or held in
/// memory by the prerender); otherwise fetches it with `fetch` and shows it as
/// [`loaded`] does, with a post-shaped placeholder.
pub fn cached_or_loaded<T, V, R, F, Fut>(cached: Option<T>, fetch: F, render: R) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    R: Fn(T) -> V + Clone + Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, DataError>> + 'static,
{
    cached_or_loaded_as(Placeholder::Post, cached, fetch, render)
}

/// [`cached_or_loaded`] with the given placeholder.
pub fn cached_or_loaded_as<T, V, R, F, Fut>(
    placeholder: Placeholder,
    cached: Option<T>,
    fetch: F,
    render: R,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    R: Fn(T) -> V + Clone + Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, DataError>> + 'static,
{
    match cached {
        Some(value) => Either::Left(render(value)),
        None => Either::Right(loaded(placeholder, fetch, render)),
    }
}
