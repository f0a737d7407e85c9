//! Showing data that is still on its way: a skeleton while it loads, the error with a
//! Retry if it fails, the content once it is here.

use std::future::Future;

use leptos::either::Either;
use leptos::prelude::*;

use crate::components::error_notice::ErrorNotice;
use crate::components::layout::PostSkeleton;
use crate::data::DataError;

/// Renders `resource` with `render` once it has loaded; until then a skeleton, and on
/// failure a message with a Retry button that fetches again.
pub fn loaded<T, V, R>(resource: LocalResource<Result<T, DataError>>, render: R) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    R: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    view! {
        <Transition fallback=PostSkeleton>
            <ErrorBoundary fallback=move |errors| {
                view! { <ErrorNotice errors on_retry=move || resource.refetch() /> }
            }>
                {move || {
                    let render = render.clone();
                    Suspend::new(async move { resource.await.map(render) })
                }}
            </ErrorBoundary>
        </Transition>
    }
}

/// Draws `cached` at once when the data is here already (fetched before, or given to the
/// renderer ahead of time); otherwise fetches it with `fetch` and shows it as [`loaded`]
/// does.
pub fn cached_or_loaded<T, V, R, F, Fut>(cached: Option<T>, fetch: F, render: R) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    R: Fn(T) -> V + Clone + Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, DataError>> + 'static,
{
    match cached {
        Some(value) => Either::Left(render(value)),
        None => Either::Right(loaded(LocalResource::new(fetch), render)),
    }
}
