//! `/YYYY/MM/slug.html`: one post, its comments, and links to its neighbours.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use model::{Post, PostPath, Route};

use crate::components::comments::Comments;
use crate::components::error_notice::load_error;
use crate::components::layout::PostSkeleton;
use crate::components::loaded::cached_or_loaded;
use crate::components::pager::PostPager;
use crate::components::post_view::PostView;
use crate::data::{use_blog, use_data, DataError};
use crate::pages::not_found::NotFound;
use crate::pages::{route_meta, RouteHead};

/// The post at a permalink, drawn at once when it is at hand, else loaded. A post the
/// server does not have is the not-found page, with the reason and a Retry.
#[component]
pub fn PostPage(path: PostPath) -> impl IntoView {
    let data = use_data();
    let blog = use_blog();
    let route = Route::Post(path.clone());
    let render = move |post: Arc<Post>| {
        let meta = route_meta(&blog, &route, Some(&post));
        let (newer, older) = (post.newer.clone(), post.older.clone());
        view! {
            <RouteHead meta />
            <PostArticle post with_comments=true />
            <PostPager newer older />
        }
    };
    if let Some(post) = data.post(&path) {
        return Either::Left(render(post));
    }
    let resource = LocalResource::new(move || data.load_post(&path));
    Either::Right(view! {
        <Transition fallback=PostSkeleton>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(post) => Either::Left(render(post)),
                        Err(e) => {
                            let missing = matches!(e, DataError::NotFound { .. });
                            Either::Right(
                                view! {
                                    {missing.then(|| view! { <NotFound /> })}
                                    {load_error(&e, move || resource.refetch())}
                                },
                            )
                        }
                    }
                })
            }}
        </Transition>
    })
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

/// A post in a list of whole posts (the home page): drawn at once if it is at hand, else
/// loaded with a skeleton, an error message and a Retry.
#[component]
pub fn LoadedPost(path: PostPath) -> impl IntoView {
    let data = use_data();
    cached_or_loaded(
        data.post(&path),
        move || data.load_post(&path),
        move |post: Arc<Post>| view! { <PostArticle post /> },
    )
}
