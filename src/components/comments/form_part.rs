//! "Post a Comment" in a part of the wasm of its own, in the release build: the form, its
//! draft store and what sends a comment are code the post does not need to be read, and
//! without them the main part, which a phone must download before the app takes over a
//! post, is smaller. The part is asked for as the app draws the post, so it downloads
//! after the main part, while the reader reads (the service worker fetches it for offline
//! use at about the same time anyway). Until it is in, a line says the form is coming;
//! if it cannot be loaded, an error with Retry stands in its place. A draft is never at
//! stake: it lives in the browser's storage, and the form reads it back when it is drawn.
//!
//! Any other build (`cargo xtask serve`, the tests) draws the form at once, as
//! src/pages/parts.rs does for the split-off pages.

use leptos::prelude::*;
use model::isso::ServerComment;

use super::form::CommentForm;
use super::Destination;

/// Everything the form needs, handed whole to the part's code.
#[derive(Clone)]
pub struct FormArgs {
    /// The post's permalink: the key of its draft.
    pub permalink: String,
    /// The post's title, for a comment sent by email.
    pub title: String,
    /// Where a comment goes.
    pub destination: Destination,
    /// Called with a comment the server accepted, so that it joins the list.
    pub on_sent: Callback<ServerComment>,
}

/// The form itself, built in the part's own code.
fn form(args: FormArgs) -> AnyView {
    let FormArgs {
        permalink,
        title,
        destination,
        on_sent,
    } = args;
    view! { <CommentForm permalink title destination on_sent /> }.into_any()
}

/// The comment form: drawn at once where nothing is split.
#[cfg(not(scrapbook_split))]
pub fn comment_form(args: FormArgs) -> AnyView {
    form(args)
}

/// The comment form, drawn once its part has loaded: "Loading the comment form…" until
/// then, an error with Retry if it could not be loaded.
#[cfg(scrapbook_split)]
pub fn comment_form(args: FormArgs) -> AnyView {
    // Closed comments need none of the form's code to say so.
    if args.destination == Destination::Closed {
        return view! { <super::CommentsClosed /> }.into_any();
    }
    crate::components::from_part::from_part(
        move || split::form(args.clone()),
        "comment-form-coming",
        "Loading the comment form…",
        "The comment form could not be loaded. Check your connection, then Retry; any draft you wrote is kept in this browser.",
    )
}

#[cfg(scrapbook_split)]
mod split {
    use leptos::prelude::AnyView;
    use leptos::wasm_split::{wasm_split, SplitLoaderError};

    /// The split point: everything only this function reaches goes to the part
    /// `comments`. A failed load is an `Err`, and the next call tries again.
    #[wasm_split(comments, fallible, wasm_split_path = ::leptos::wasm_split)]
    pub fn form(args: super::FormArgs) -> Result<AnyView, SplitLoaderError> {
        Ok(super::form(args))
    }
}
