//! The comments under a post, one list item each: the bundled ones from the post's JSON
//! and, when the blog has a comment server, the live ones after them.

use leptos::prelude::*;

use crate::components::post_view::comment_count;
use model::isso::ServerComment;
use model::{Comment, DateTime};

/// What one comment shows, wherever it came from. Every field is text: a comment can never
/// inject markup.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub author: String,
    /// Only an http(s) address.
    pub website: Option<String>,
    pub paragraphs: Vec<String>,
    pub published: DateTime,
    /// Held for moderation (seen only by the reader who sent it).
    pub pending: bool,
}

impl From<&Comment> for Shown {
    fn from(c: &Comment) -> Self {
        Shown {
            author: c.author.clone(),
            website: c
                .author_url
                .as_deref()
                .and_then(model::comment_text::safe_website),
            paragraphs: c
                .body
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect(),
            published: c.published,
            pending: false,
        }
    }
}

impl From<&ServerComment> for Shown {
    fn from(c: &ServerComment) -> Self {
        Shown {
            author: c.author.clone(),
            website: c.website.clone(),
            paragraphs: c.paragraphs.clone(),
            published: c.published,
            pending: c.pending,
        }
    }
}

/// "0 comments:", "1 comment:", "12 comments:".
pub fn comments_heading(count: usize) -> String {
    format!("{}:", comment_count(count))
}

/// One comment: "NAME said...", its paragraphs, and when it was written.
#[component]
pub fn CommentItem(comment: Shown) -> impl IntoView {
    let author = match comment.website {
        Some(url) => view! {
            <a href=url rel="nofollow noopener ugc">
                {comment.author}
            </a>
        }
        .into_any(),
        None => view! { <span>{comment.author}</span> }.into_any(),
    };
    let paragraphs = comment
        .paragraphs
        .into_iter()
        .map(|p| view! { <p>{p}</p> })
        .collect_view();
    let pending = comment.pending.then(|| {
        view! { <p class="comment-pending">"Your comment is awaiting moderation."</p> }
    });
    let class = if comment.pending {
        "comment pending"
    } else {
        "comment"
    };
    let when = comment.published;
    view! {
        <li class=class>
            <p class="comment-author">{author} " said..."</p>
            <div class="comment-body">{paragraphs}</div>
            {pending}
            <p class="comment-time">
                <time datetime=when
                    .to_string()>{format!("{} at {}", when.long_date(), when.time_of_day())}</time>
            </p>
        </li>
    }
}
