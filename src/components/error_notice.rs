//! What a reader sees when something could not be loaded.

use leptos::prelude::*;

use crate::data::DataError;

/// "Sorry, something went wrong", the reasons in plain words, and a Retry button.
#[component]
pub fn ErrorNotice<F>(messages: Vec<String>, on_retry: F) -> impl IntoView
where
    F: Fn() + Send + Sync + 'static,
{
    let messages = messages
        .into_iter()
        .map(|m| view! { <p class="error-message">{m}</p> })
        .collect_view();
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

/// The errors an [`ErrorBoundary`] caught, as an [`ErrorNotice`].
pub fn caught_errors<F>(errors: &Errors, on_retry: F) -> impl IntoView
where
    F: Fn() + Send + Sync + 'static,
{
    let messages = errors.iter().map(|(_, e)| e.to_string()).collect();
    view! { <ErrorNotice messages on_retry /> }
}

/// One failed load, as an [`ErrorNotice`].
pub fn load_error<F>(error: &DataError, on_retry: F) -> impl IntoView
where
    F: Fn() + Send + Sync + 'static,
{
    view! { <ErrorNotice messages=vec![error.to_string()] on_retry /> }
}
