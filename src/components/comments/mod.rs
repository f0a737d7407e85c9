//! A post's comments: the list under its "N comments:" heading, the live comments from the
//! blog's comment server, and the "Post a Comment" form whose drafts are never lost.

#[cfg(feature = "browser")]
mod draft_sync;
#[cfg(feature = "browser")]
mod form;
#[cfg(feature = "browser")]
mod form_part;
pub mod list;
#[cfg(feature = "browser")]
mod live;

use std::sync::Arc;

use leptos::html::Section;
use leptos::prelude::*;
use model::Post;

use crate::components::link::BasePath;
use list::{comments_heading, CommentItem, Shown};

/// "Comments are closed.": what stands where the form would be when the blog takes no
/// comments (the prerendered page and the app say it the same way).
#[component]
pub fn CommentsClosed() -> impl IntoView {
    view! { <p class="comments-closed">"Comments are closed."</p> }
}

/// Where the form sends a comment, from site.toml's `[comments]`.
#[derive(Debug, Clone, PartialEq)]
pub enum Destination {
    /// The Isso server at `server`; the post's thread is `uri`, its path on the site.
    Isso { server: String, uri: String },
    /// No server: the reader emails the comment to `contact`.
    Email { contact: String },
    /// Comments are closed: no form.
    Closed,
}

/// The post's comments: bundled ones, then live ones from the comment server (in the
/// browser), then the form. When the address ends in `#comments`, the section scrolls into
/// view once it is shown.
#[component]
pub fn Comments(post: Arc<Post>) -> impl IntoView {
    let settings = crate::data::use_blog().site.comments.clone();
    let base = use_context::<BasePath>().unwrap_or_default().0;
    let destination = match (settings.isso, settings.contact) {
        (Some(server), _) => Destination::Isso {
            server,
            uri: format!("{base}{}", post.permalink),
        },
        (None, Some(contact)) => Destination::Email { contact },
        (None, None) => Destination::Closed,
    };
    let bundled: Vec<Shown> = post.comments.iter().map(Shown::from).collect();
    let bundled_count = bundled.len();
    let section = NodeRef::<Section>::new();
    #[cfg(feature = "browser")]
    Effect::new(move |_| {
        if let Some(el) = section.get() {
            if window().location().hash().is_ok_and(|h| h == "#comments") {
                el.scroll_into_view();
            }
        }
    });
    let items = bundled
        .into_iter()
        .map(|comment| view! { <CommentItem comment /> })
        .collect_view();

    #[cfg(feature = "browser")]
    let (live_count, live_items, live_status, form) = {
        let live = live::LiveComments::start(&destination);
        let on_sent = Callback::new(move |c| live.add_sent(c));
        let form = form_part::comment_form(form_part::FormArgs {
            permalink: post.permalink.clone(),
            title: post.title.clone(),
            destination: destination.clone(),
            on_sent,
        });
        (
            Signal::derive(move || live.count()),
            live.items(),
            live.status(),
            form,
        )
    };
    #[cfg(not(feature = "browser"))]
    let (live_count, live_items, live_status, form) = {
        // Ahead of time there is no server to ask and no reader typing: the page shows
        // the bundled comments, and the app brings the rest.
        let closed = destination == Destination::Closed;
        (
            Signal::derive(|| 0),
            (),
            (),
            closed.then(|| view! { <CommentsClosed /> }).into_any(),
        )
    };

    view! {
        <section id="comments" class="comments" node_ref=section aria-labelledby="comments-heading">
            <h4 id="comments-heading">
                {move || comments_heading(bundled_count + live_count.get())}
            </h4>
            <ol class="comment-list">{items} {live_items}</ol>
            {live_status}
            {form}
        </section>
    }
}
