//! A post's comments under its "N comments:" heading.

use leptos::html::Section;
use leptos::prelude::*;
use model::Comment;

/// The comments of a post, oldest first, as plain text (a comment can never inject markup).
/// When the address ends in `#comments`, the list scrolls into view once it is shown.
#[component]
pub fn CommentList(comments: Vec<Comment>) -> impl IntoView {
    let count = comments.len();
    let heading = format!("{count} comment{}:", if count == 1 { "" } else { "s" });
    let section = NodeRef::<Section>::new();
    #[cfg(target_arch = "wasm32")]
    Effect::new(move |_| {
        if let Some(el) = section.get() {
            if window().location().hash().is_ok_and(|h| h == "#comments") {
                el.scroll_into_view();
            }
        }
    });
    let items = comments
        .into_iter()
        .map(|c| {
            let author = match c.author_url {
                Some(url) => view! {
                    <a href=url rel="nofollow noopener">
                        {c.author}
                    </a>
                }
                .into_any(),
                None => view! { <span>{c.author}</span> }.into_any(),
            };
            let paragraphs = c
                .body
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| view! { <p>{p.to_string()}</p> })
                .collect_view();
            view! {
                <li class="comment">
                    <p class="comment-author">{author} " said..."</p>
                    <div class="comment-body">{paragraphs}</div>
                    <p class="comment-time">
                        <time datetime=c.published.to_string()>
                            {format!("{} at {}", c.published.long_date(), c.published.time_of_day())}
                        </time>
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section id="comments" class="comments" node_ref=section aria-labelledby="comments-heading">
            <h4 id="comments-heading">{heading}</h4>
            <ol class="comment-list">{items}</ol>
        </section>
    }
}
