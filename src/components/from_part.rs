//! A view drawn by code in a split-off part of the wasm (release builds, which set
//! `--cfg scrapbook_split`): the archive's pages (src/pages/parts.rs) and the comment form
//! (src/components/comments/form_part.rs) are shown this way.

use std::future::Future;

use leptos::either::Either;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use crate::components::error_notice::ErrorNotice;

/// The view `load` gives once its part is in: the line `coming` (a status, styled by
/// `coming_class`) while the part downloads (the first time only; a part already loaded
/// answers at once), and the reader's message `failed` with a Retry, which calls `load`
/// again, if it could not be loaded. The rest of the page keeps working either way.
pub fn from_part<F, Fut>(
    load: F,
    coming_class: &'static str,
    coming: &'static str,
    failed: &'static str,
) -> AnyView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, SplitLoaderError>> + Send + 'static,
{
    let attempt = RwSignal::new(0u32);
    view! {
        <Transition fallback=move || {
            view! {
                <p class=coming_class role="status">
                    {coming}
                </p>
            }
        }>
            {move || {
                attempt.track();
                let loading = load();
                Suspend::new(async move {
                    match loading.await {
                        Ok(view) => Either::Left(view),
                        Err(_) => {
                            Either::Right(
                                view! {
                                    <ErrorNotice
                                        messages=vec![failed.to_string()]
                                        on_retry=move || attempt.update(|n| *n += 1)
                                    />
                                },
                            )
                        }
                    }
                })
            }}
        </Transition>
    }
    .into_any()
}
