//! One whole post as Blogger showed it: date header, title, body and footer.

use std::sync::Arc;

use crate::components::link::SiteLink;
use leptos::prelude::*;
use model::paths::label_path;
use model::{Post, PostPath};

use crate::components::post_link::PostLink;

/// "0 comments", "1 comment", "12 comments".
pub fn comment_count(n: usize) -> String {
    model::text::count(n, "comment")
}

/// A post with its date header, linked title, body and footer (author, time, comments,
/// labels).
#[component]
pub fn PostView(post: Arc<Post>) -> impl IntoView {
    let permalink = post.permalink.clone();
    let title = post.title.clone();
    let datetime = post.published.to_string();
    let time_of_day = post.published.time_of_day();
    let comments = comment_count(post.comments.len());
    let labels = post
        .labels
        .iter()
        .map(|label| {
            let name = label.clone();
            view! {
                <li>
                    <SiteLink href=label_path(label)>{name}</SiteLink>
                </li>
            }
        })
        .collect_view();
    let has_labels = !post.labels.is_empty();
    view! {
        <article class="post">
            <h2 class="date-header">
                <time datetime=datetime.clone()>{post.published.long_date()}</time>
            </h2>
            <h3 class="post-title">
                {match PostPath::parse(&permalink) {
                    Some(path) => view! { <PostLink path>{title}</PostLink> }.into_any(),
                    None => view! { <span>{title}</span> }.into_any(),
                }}
            </h3>
            <div class="post-body" inner_html=post.body_html.clone()></div>
            <footer class="post-footer">
                <span class="post-author">"Posted by " {post.author.clone()}</span>
                " at "
                <SiteLink href=permalink.clone()>
                    <time datetime=datetime>{time_of_day}</time>
                </SiteLink>
                <SiteLink href=format!("{permalink}#comments") class="comment-link">
                    {comments}
                </SiteLink>
                <Show when=move || has_labels>
                    <span class="post-labels-heading">"Labels: "</span>
                </Show>
                <ul class="post-labels">{labels}</ul>
            </footer>
        </article>
    }
}
