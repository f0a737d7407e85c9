//! What a reader sees when something could not be loaded.

use leptos::prelude::*;

/// The errors an [`ErrorBoundary`] caught, in plain words, with a Retry button.
#[component]
pub fn ErrorNotice<F>(errors: ArcRwSignal<Errors>, on_retry: F) -> impl IntoView
where
    F: Fn() + Send + Sync + 'static,
{
    let messages = move || {
        errors
            .read()
            .iter()
            .map(|(_, e)| view! { <p class="error-message">{e.to_string()}</p> })
            .collect_view()
    };
    view! {
        <div class="error-notice" role="alert">
            <h2>"Sorry, something went wrong"</h2>
            {messages}
            <button type="button" class="retry" on:click=move |_| on_retry()>
                "Retry"
            </button>
        </div>
    }
}
