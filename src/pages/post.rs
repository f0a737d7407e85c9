//! `/YYYY/MM/slug.html`: one post, its comments, and links to its neighbours.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;
use model::{Post, PostPath};

use crate::components::comments::Comments;
use crate::components::loaded::cached_or_loaded;
use crate::components::pager::PostPager;
use crate::components::post_view::PostView;
use crate::data::{self, Blog};
use crate::pages::not_found::NotFound;
use crate::pages::{Route, RouteHead};

#[derive(Params, Clone, Debug, PartialEq)]
struct PostParams {
    year: Option<String>,
    month: Option<String>,
    file: Option<String>,
}

/// The post at a permalink, or the not-found page if the blog has no such post.
#[component]
pub fn PostPage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let params = use_params::<PostParams>();
    let position = Memo::new(move |_| {
        let p = params.get().ok()?;
        let path =
            PostPath::from_segments(p.year.as_deref()?, p.month.as_deref()?, p.file.as_deref()?)?;
        blog.index.position(&path.permalink())
    });
    move || match position.get() {
        Some(i) => Either::Left(view! {
            <RouteHead route=Route::Post(i) />
            <PostContent position=i />
        }),
        None => Either::Right(view! { <NotFound /> }),
    }
}

/// The post at `position` in the index, with its comments and the pager.
#[component]
pub fn PostContent(position: usize) -> impl IntoView {
    let blog = expect_context::<Blog>();
    let posts = &blog.index.posts;
    let permalink = posts[position].permalink.clone();
    let newer = position.checked_sub(1).and_then(|i| posts.get(i)).cloned();
    let older = posts.get(position + 1).cloned();
    view! {
        <LoadedPost permalink with_comments=true />
        <PostPager newer older />
    }
}

/// A post with, on its own page, its comments.
#[component]
pub fn PostArticle(post: Arc<Post>, #[prop(optional)] with_comments: bool) -> impl IntoView {
    let comments = with_comments.then(|| view! { <Comments post=post.clone() /> });
    view! {
        <PostView post />
        {comments}
    }
}

/// A post fetched by permalink: drawn at once if it is here already (cached, or given to
/// the renderer ahead of time), else loaded with a skeleton, an error message and a Retry.
#[component]
pub fn LoadedPost(permalink: String, #[prop(optional)] with_comments: bool) -> impl IntoView {
    cached_or_loaded(
        data::post_if_cached(&permalink),
        move || {
            let permalink = permalink.clone();
            async move { data::post(&permalink).await }
        },
        move |post: Arc<Post>| view! { <PostArticle post with_comments /> },
    )
}
